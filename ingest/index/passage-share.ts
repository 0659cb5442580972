/**
 * Pass two of a first build (or a retrain), in shares: a run of stored cases → their passages'
 * rows, embedded with the fresh model, as one Arrow table. The writer's thread can make a share,
 * and so can any other thread that was handed the embedder (ingest's worker pool, idle once the
 * reports have streamed by): the same code on either side, so the same rows and vectors.
 */
import { tableFromIPC, tableToIPC, type Table as ArrowTable } from 'apache-arrow'
import type { Case } from '../schema.js'
import type { Embedder } from '../embed/types.js'
import type { Passage } from '../embed/chunk.js'
import type { FacetRow } from '../search/facets.js'
import { passageRows, passagesOf, passageText, rowsOfPassages, toArrow } from './rows.js'
import { passagesSchema } from './layout.js'
import { normalizeForSearch } from '../text/script.js'
import { searchNormalOf } from '../search/normalize.js'

/** Stored cases as `cases` holds them: JSON, UTF-8, case i ending at `ends[i]` (starting where i − 1 ends). */
export interface CaseShare {
  json: Uint8Array
  ends: Int32Array
}

/** A share's rows, in the cases' order, and how many rows each case has. */
export interface ShareRows {
  table: ArrowTable
  cases: { id: string; rows: number }[]
  /** Cases left out: their rows do not fit the table. */
  failed: { id: string; problem: string }[]
  /** Milliseconds embedding and making rows, for ingest's summary. */
  ms: { embed: number; index: number }
}

/**
 * What pass two needs of a case, kept as the stream went by (write.ts keeps a first build's while
 * they are few) instead of read back from `cases` as JSON: its passages, the texts they are
 * embedded as, their normalizeForSearch forms and the case's facets.
 */
export interface KeptCase {
  id: string
  passages: Passage[]
  texts: string[]
  normals: string[]
  facets: FacetRow
}

/** What a thread sends back: the table as Arrow IPC bytes (transferable, no copy). */
export type ShareReply = Omit<ShareRows, 'table'> & { ipc: Uint8Array }

/**
 * Threads that make shares. `load` hands them the build's embedder once and says whether they
 * could take it (an embedder that cannot cross threads stays with the writer).
 */
export interface ShareThreads {
  /** How many threads: shares are kept in flight for all of them. */
  parts: number
  load(embedder: Embedder): Promise<boolean>
  rows(share: CaseShare): Promise<ShareRows>
}

/** The writer's own thread. */
export function inlineShares(embedder: Embedder): ShareThreads {
  return { parts: 1, load: async () => true, rows: (share) => shareRows(embedder, share) }
}

/** Cases' JSON column (or a part of one) → a share, copied out so it can be handed over alone. */
export function caseShare(values: Uint8Array, offsets: ArrayLike<number | bigint>, from: number, to: number): CaseShare {
  const start = Number(offsets[from])
  const ends = new Int32Array(to - from)
  for (let i = from; i < to; i++) ends[i - from] = Number(offsets[i + 1]) - start
  return { json: values.slice(start, Number(offsets[to])), ends }
}

export async function shareRows(embedder: Embedder, share: CaseShare): Promise<ShareRows> {
  const decoder = new TextDecoder()
  const ms = { embed: 0, index: 0 }
  let t = performance.now()
  const cases: Case[] = []
  let start = 0
  for (const end of share.ends) {
    cases.push(JSON.parse(decoder.decode(share.json.subarray(start, end))) as Case)
    start = end
  }
  const passages = cases.map(passagesOf)
  const texts = cases.flatMap((c, i) => passages[i].map((p, ord) => passageText(c, p, ord)))
  // Asked before embedding, which lets the embedder drop what it kept of a text.
  const normals = texts.map((text) => embedder.normalizedForm?.(text))
  ms.index += performance.now() - t
  t = performance.now()
  const vectors = texts.length ? await embedder.embed(texts, 'passage') : []
  ms.embed += performance.now() - t
  t = performance.now()
  const rows: Record<string, unknown>[][] = []
  let at = 0
  cases.forEach((c, i) => {
    const from = at
    const normalized = (ord: number) => normals[from + ord] ?? normalizeForSearch(texts[from + ord])
    rows.push(passageRows(c, passages[i], vectors.slice(from, from + passages[i].length), normalized))
    at += passages[i].length
  })
  return shareTable(cases.map((c) => c.id), rows, passagesSchema(embedder.dims), ms, t)
}

/** A share made from cases kept as they streamed by: the rows shareRows makes of them once stored. */
export async function keptRows(embedder: Embedder, cases: KeptCase[]): Promise<ShareRows> {
  const ms = { embed: 0, index: 0 }
  let t = performance.now()
  const vectors = await embedder.embed(cases.flatMap((c) => c.texts), 'passage')
  ms.embed += performance.now() - t
  t = performance.now()
  let at = 0
  const rows = cases.map((c) => {
    const from = at
    at += c.passages.length
    return rowsOfPassages(c.id, c.passages, vectors.slice(from, at), (ord) => searchNormalOf(c.normals[ord]), c.facets)
  })
  return shareTable(cases.map((c) => c.id), rows, passagesSchema(embedder.dims), ms, t)
}

/** Each case's rows as one table, a case whose values do not fit the columns left out; `t` when making rows began. */
function shareTable(ids: string[], rows: Record<string, unknown>[][], schema: ReturnType<typeof passagesSchema>, ms: ShareRows['ms'], t: number): ShareRows {
  const out: ShareRows = { table: null!, cases: ids.map((id, i) => ({ id, rows: rows[i].length })), failed: [], ms }
  try {
    out.table = toArrow(rows.flat(), schema)
  } catch {
    // A case whose values do not fit the columns fails alone, as in a write (write.ts, isolating).
    const fits = rows.map((r, i) => {
      try {
        toArrow(r, schema)
        return true
      } catch (error) {
        out.failed.push({ id: ids[i], problem: (error as Error).message })
        return false
      }
    })
    out.table = toArrow(rows.filter((_, i) => fits[i]).flat(), schema)
    out.cases = out.cases.filter((_, i) => fits[i])
  }
  ms.index += performance.now() - t
  return out
}

export function toReply(r: ShareRows): ShareReply {
  return { ipc: tableToIPC(r.table, 'stream'), cases: r.cases, failed: r.failed, ms: r.ms }
}

export function fromReply(r: ShareReply): ShareRows {
  return { table: tableFromIPC(r.ipc), cases: r.cases, failed: r.failed, ms: r.ms }
}
