import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportJson } from '~/models/export.server'
import { exportResponse } from '~/models/export-cache.server'

export async function loader({ request }: LoaderFunctionArgs) {
  return exportResponse(request, 'json', async (cases) => new TextEncoder().encode(exportJson(cases)), {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': 'attachment; filename="casebook.json"',
  })
}
