import { exportQdpx } from '~/models/export.server'
import { getStore } from '~/models/store.server'

export async function loader() {
  const cases = await (await getStore()).list()
  const bytes = await exportQdpx(cases)
  return new Response(Buffer.from(bytes), {
    headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="casebook.qdpx"' },
  })
}
