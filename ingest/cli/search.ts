/**
 * casebook search [--db DIR] [--json] [--limit N] [--filter field=value]... [--mode M] [--facets] QUERY
 * --json prints the hits as a JSON array, best first: [{id, title, score, snippet, …, needs}], where
 * `snippet` marks the matched terms with «», `passage.marks` gives their offsets and `needs` the
 * needs the query was understood as (ingest/text/needs.json) that the case shows.
 */
import { parse } from './args.js'
import { failure, openFromArgs, parseFilters, parseLimit, printJson, STORE_OPTIONS } from './store-args.js'
import { SearchError, type SearchOptions } from '../search/index.js'

const MODES = ['hybrid', 'fulltext', 'vector'] as const

export async function run(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parse(argv, { ...STORE_OPTIONS, mode: { type: 'string' }, facets: { type: 'boolean', default: false } }, true)
    const query = positionals.join(' ')
    if (!query.trim()) throw new SearchError('bad-query', 'empty query: give some words to search for (usage: casebook search [--db DIR] [--json] "QUERY")')
    const mode = (values.mode ?? 'hybrid') as SearchOptions['mode']
    if (!MODES.includes(mode)) throw new SearchError('bad-query', `--mode must be one of ${MODES.join(', ')}, not "${values.mode}"`)
    const limit = parseLimit(values.limit)
    const filters = parseFilters(values.filter)
    const store = await openFromArgs(values.db)
    try {
      const result = await store.search(query, { limit, filters, mode, facets: values.facets && !values.json })
      if (values.json) {
        printJson(result.hits)
        return 0
      }
      const understood = result.query.understood.map((n) => n.id).join(' · ')
      if (understood) process.stdout.write(`(understood as: ${understood}${result.query.situation ? '; ranked with cases like yours' : ''})\n`)
      if (result.query.expansions.length) process.stdout.write(`(searched also: ${result.query.expansions.join('、')})\n`)
      if (!result.hits.length) process.stdout.write('no matching cases\n')
      result.hits.forEach((h, i) => {
        process.stdout.write(`${i + 1}. ${h.title}  [${h.id}]  ${h.score.toFixed(3)}\n   ${h.snippet.replace(/\s+/g, ' ')}\n`)
      })
      if (result.facets) {
        for (const [field, counts] of Object.entries(result.facets)) {
          if (counts.length) process.stdout.write(`${field}: ${counts.slice(0, 8).map((c) => `${c.value} (${c.count})`).join(', ')}\n`)
        }
      }
      return 0
    } finally {
      store.close()
    }
  } catch (err) {
    return failure(err)
  }
}
