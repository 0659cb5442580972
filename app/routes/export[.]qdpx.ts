import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportQdpx } from '~/models/export.server'
import { exportResponse } from '~/models/export-cache.server'

export async function loader({ request }: LoaderFunctionArgs) {
  return exportResponse(request, 'qdpx', (cases) => exportQdpx(cases), {
    'Content-Type': 'application/zip',
    'Content-Disposition': 'attachment; filename="casebook.qdpx"',
  })
}
