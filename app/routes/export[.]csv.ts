import { exportCsv } from '~/models/export.server'
import { getStore } from '~/models/store.server'

export async function loader() {
  const cases = await (await getStore()).list()
  return new Response(exportCsv(cases), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="casebook.csv"' },
  })
}
