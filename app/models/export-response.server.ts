import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { StoreInfo } from '../../ingest/search/types'
import { csvHeader, csvRow, exportQdpx, inChunks, jsonEntry, type ExportRow } from './export.server'
import { parseSearchParams, rankedSearch, type SearchParams } from './search.server'
import { Slots, holding } from './slots.server'
import { getStore } from './store.server'
import { searchQuery } from '~/lib/search-url'

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', file: 'casebook.csv' },
  json: { type: 'application/json; charset=utf-8', file: 'casebook.json' },
  qdpx: { type: 'application/zip', file: 'casebook.qdpx' },
} as const

export type ExportFormat = keyof typeof FORMATS

/**
 * How many exports of a format are written at once; the others wait (./slots.server.ts). A
 * REFI-QDA project zips every text (seconds of CPU at thousands of cases): one at a time.
 */
export const EXPORT_SLOTS: Record<ExportFormat, Slots> = { csv: new Slots(2), json: new Slots(2), qdpx: new Slots(1) }

/**
 * The export's name for what it holds: the format, the store build it is read from and the
 * search it follows. The same tag means the same bytes, so a client that has them gets a 304.
 */
function exportTag(format: ExportFormat, info: StoreInfo, params: SearchParams): string {
  const query = Object.entries(searchQuery(params)).sort(([a], [b]) => (a < b ? -1 : 1))
  const hash = createHash('sha256').update(JSON.stringify([info.builtAt, query])).digest('hex').slice(0, 20)
  return `"${format}-${info.version}-${hash}"`
}

/**
 * The bytes of `chunks` as a response body that makes them only when read, and stops them when
 * its reader cancels (the client went away). Made before the first read, the export would take
 * its slot for a body nobody reads: Remix answers HEAD by dropping the body, without cancelling
 * it, and the slot would stay taken for good.
 */
function lazyBody(chunks: AsyncIterator<string | Buffer>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await chunks.next()
        if (done) controller.close()
        else controller.enqueue(typeof value === 'string' ? Buffer.from(value) : value)
      },
      async cancel() {
        await chunks.return?.()
      },
    },
    // No read-ahead: nothing is asked of `chunks` before the reader asks.
    { highWaterMark: 0 },
  )
}

function clientHas(request: Request, tag: string): boolean {
  const sent = request.headers.get('If-None-Match')
  return sent !== null && sent.split(',').some((t) => t.trim().replace(/^W\//, '') === tag)
}

/**
 * `/export.csv?q=…&province=…&sort=…`: the cases the search page shows for the same query string
 * (every result, not one page), in its order, streamed a chunk of cases at a time, so exporting
 * 100k cases takes as little memory as exporting ten. Tagged per store build and search (304 when
 * the client has it), and written a few at a time per format.
 */
export async function exportResponse(request: Request, format: ExportFormat): Promise<Response> {
  const params = parseSearchParams(new URL(request.url))
  const store = await getStore()
  const info = await store.info()
  const tag = exportTag(format, info, params)
  if (clientHas(request, tag)) return new Response(null, { status: 304, headers: { ETag: tag } })
  let ids: string[]
  let weak: Set<string> | null = null
  if (params.q) {
    const ranked = await rankedSearch(store, params)
    ids = ranked.ids
    weak = ranked.weak
  } else {
    ids = await store.ids(params.filters, params.sort === 'funding' ? 'funding' : 'date')
  }
  const read = (chunk: string[]) => store.read(chunk)
  const row = (c: ExportRow['c']): ExportRow => ({ c, match: weak ? (weak.has(c.id) ? 'weaker' : 'match') : null })
  async function* csv() {
    yield csvHeader(weak !== null)
    for await (const chunk of inChunks(ids, read)) yield chunk.map((c) => csvRow(row(c), weak !== null)).join('')
  }
  async function* json() {
    yield '['
    let first = true
    for await (const chunk of inChunks(ids, read)) {
      for (const c of chunk) {
        yield `${first ? '\n  ' : ',\n  '}${jsonEntry(row(c))}`
        first = false
      }
    }
    yield first ? ']\n' : '\n]\n'
  }
  // Dated by the build it holds, not the clock: the tag above names these very bytes.
  const qdpx = () => new Readable().wrap(exportQdpx(ids, read, new Date(info.builtAt))) as AsyncIterable<Buffer>
  const source = format === 'qdpx' ? qdpx : format === 'csv' ? csv : json
  return new Response(lazyBody(holding<string | Buffer>(EXPORT_SLOTS[format], source)), {
    headers: {
      'Content-Type': FORMATS[format].type,
      'Content-Disposition': `attachment; filename="${FORMATS[format].file}"`,
      ETag: tag,
      // Kept, but asked about each time: a new build or an upload changes the tag.
      'Cache-Control': 'no-cache',
    },
  })
}
