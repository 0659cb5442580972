/**
 * casebook similar [--db DIR] [--json] [--limit N] [--filter field=value]... ID
 * casebook similar [--db DIR] [--json] --like "DESCRIPTION OF MY COMPOUND"
 * Comparable cases, best first, each with the reasons: [{id, title, score, snippet, reasons}].
 */
import { parse, UsageError } from './args.js'
import { failure, openFromArgs, parseFilters, parseLimit, printJson, STORE_OPTIONS } from './store-args.js'
import type { SimilarHit } from '../search/index.js'

export async function run(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parse(argv, { ...STORE_OPTIONS, like: { type: 'string' } }, true)
    const id = positionals.join(' ').trim()
    if (!id && values.like === undefined) throw new UsageError('similar needs a case ID (or --like "a description of your compound")')
    if (id && values.like !== undefined) throw new UsageError('give either a case ID or --like, not both')
    const limit = parseLimit(values.limit)
    const filters = parseFilters(values.filter)
    const store = await openFromArgs(values.db)
    try {
      const hits: SimilarHit[] = values.like !== undefined ? (await store.like(values.like, { limit, filters })).hits : await store.similar(id, { limit, filters })
      if (values.json) {
        printJson(hits)
        return 0
      }
      if (!hits.length) process.stdout.write('no comparable cases\n')
      hits.forEach((h, i) => {
        const reasons = h.reasons.map((r) => `${r.kind}: ${r.value}`).join('; ')
        process.stdout.write(`${i + 1}. ${h.title}  [${h.id}]  ${h.score.toFixed(3)}\n   ${reasons}\n`)
      })
      return 0
    } finally {
      store.close()
    }
  } catch (err) {
    return failure(err)
  }
}
