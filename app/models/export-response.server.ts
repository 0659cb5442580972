import { Readable } from 'node:stream'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { csvHeader, csvRow, exportQdpx, inChunks, jsonEntry, type ExportRow } from './export.server'
import { parseSearchParams, rankedSearch } from './search.server'
import { getStore } from './store.server'

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', file: 'casebook.csv' },
  json: { type: 'application/json; charset=utf-8', file: 'casebook.json' },
  qdpx: { type: 'application/zip', file: 'casebook.qdpx' },
} as const

export type ExportFormat = keyof typeof FORMATS

/**
 * `/export.csv?q=…&province=…&sort=…`: the cases the search page shows for the same query string
 * (every result, not one page), in its order, streamed a chunk of cases at a time, so exporting
 * 100k cases takes as little memory as exporting ten.
 */
export async function exportResponse(request: Request, format: ExportFormat): Promise<Response> {
  const params = parseSearchParams(new URL(request.url))
  const store = await getStore()
  let ids: string[]
  let weak: Set<string> | null = null
  if (params.q) {
    const ranked = await rankedSearch(store, params, false)
    ids = ranked.hits.map((h) => h.id)
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
  const stream = format === 'qdpx' ? (exportQdpx(ids, read) as Readable) : Readable.from(format === 'csv' ? csv() : json())
  return new Response(createReadableStreamFromReadable(stream), {
    headers: { 'Content-Type': FORMATS[format].type, 'Content-Disposition': `attachment; filename="${FORMATS[format].file}"` },
  })
}
