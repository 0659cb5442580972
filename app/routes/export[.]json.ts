import { exportJson } from '~/models/export.server'
import { getStore } from '~/models/store.server'

export async function loader() {
  const cases = await (await getStore()).list()
  return new Response(exportJson(cases), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': 'attachment; filename="casebook.json"' },
  })
}
