/** casebook show [--db DIR] [--json] ID — one case from the store (--json: the Case as stored). */
import { parse, UsageError } from './args.js'
import { failure, openFromArgs, printJson } from './store-args.js'
import { SearchError } from '../search/index.js'

export async function run(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parse(argv, { db: { type: 'string' }, json: { type: 'boolean', default: false } }, true)
    const id = positionals.join(' ').trim()
    if (!id) throw new UsageError('show needs a case ID')
    const store = await openFromArgs(values.db)
    try {
      const c = await store.get(id)
      if (!c) throw new SearchError('unknown-case', `no case with id "${id}" in the store`)
      if (values.json) {
        printJson(c)
        return 0
      }
      const place = [c.place.province, c.place.city, c.place.district, c.place.street, c.place.community, c.place.compound].filter(Boolean).join(' ')
      const tags = [...c.problems, ...c.mechanisms, ...c.actors].map((t) => t.id).join('、')
      process.stdout.write(
        [`${c.displayTitle}  [${c.id}]`, `${c.published ?? '(no date)'}  ${place}`, c.models.length ? `models: ${c.models.join('、')}` : '', tags ? `tags: ${tags}` : '', '', c.body, '']
          .filter((l, i) => l !== '' || i >= 4)
          .join('\n'),
      )
      return 0
    } finally {
      store.close()
    }
  } catch (err) {
    return failure(err)
  }
}
