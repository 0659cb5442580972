/**
 * Where each passage of a store build sits — its case, its order in the case and its span — by
 * LanceDB row id, read once per build. The ranked lists then ask LanceDB for row ids and scores
 * only: selecting `caseId ord spanStart spanEnd` made every list take those columns for its
 * ~600 rows, ~2 ms of CPU a list and three lists a search page (bench/README "Search page").
 *
 * A build that only added fragments to the last one's (an upload) extends that build's layout by
 * its new fragments: a row id is the fragment in its high 32 bits and the offset in the low ones,
 * fragments are never rewritten in place and their ids are never reused within a table, so a row
 * id the last build placed means the same passage in the next. Reading the whole layout again
 * for every upload (two scans of every passage) made searches during a burst of uploads wait
 * behind it: the soak's p97.5 with uploads was 4.75× its p97.5 alone.
 */
import type { Table } from '../index/lancedb.js'

/**
 * Passages a layout is kept for (~20 bytes each: 80 MB at this bound). Larger stores rank with
 * the columns selected, as before; so does every store until its layout has loaded.
 */
export const LAYOUT_MAX_PASSAGES = 4_000_000

/**
 * The share of slots that may hold no live passage (rows deleted since they were placed, or
 * fragments compaction replaced) before an extension reads the layout whole instead: a store
 * that replaces cases for months would otherwise carry its dead rows forever.
 */
const MAX_DEAD_SHARE = 0.25

export interface PassageLayout {
  /** The slot of a row id, or -1 when the build has no such row. */
  slot(rowid: bigint): number
  /**
   * The same from a row id's high (fragment) and low (offset) 32 bits, as a list reads them from
   * its row ids' little-endian words: no BigInt made for the arithmetic.
   */
  slotOf(fragment: number, offset: number): number
  caseId: (string | undefined)[]
  ord: Int32Array
  spanStart: Int32Array
  spanEnd: Int32Array
  /** Slots in all, deleted rows' gaps included. */
  size: number
  /** The first slot of each fragment placed. */
  bases: Map<number, number>
  /** The highest fragment id placed, -1 for none: a later build's new fragments are above it. */
  lastFragment: number
}

const LOW_BITS = 0xffffffffn

/**
 * The layout of a build. With `extend` (the layout of an earlier build of the same tables, same
 * embedder: see the store's `open`, and this build's passage count), only the fragments above
 * the earlier layout's last are read, and its slots are copied beneath them. `intern` gives the
 * one string the catalog already holds for a case id, so the layout adds no copy of it.
 */
export async function loadLayout(passages: Table, intern: (id: string) => string, extend?: { layout: PassageLayout; passages: number }): Promise<PassageLayout> {
  const from = extend ? BigInt(extend.layout.lastFragment + 1) << 32n : null
  const ends = await fragmentEnds(passages, from)
  if (extend) {
    const added = [...ends.values()].reduce((a, b) => a + b, 0)
    if (!added) return extend.layout
    const size = extend.layout.size + added
    if (size - extend.passages <= MAX_DEAD_SHARE * size) return fill(passages, intern, ends, from, extend.layout)
  }
  return fill(passages, intern, extend ? await fragmentEnds(passages, null) : ends, null)
}

/**
 * Each fragment's end offset (row ids at or above `from` only, when given): one scan of the row
 * ids, which sizes the arrays before the columns are read (deleted rows leave gaps).
 */
async function fragmentEnds(passages: Table, from: bigint | null): Promise<Map<number, number>> {
  const ends = new Map<number, number>()
  for await (const batch of above(passages.query(), from).select(['ord']).withRowId()) {
    const rowids = batch.getChild('_rowid')!.toArray() as BigUint64Array
    for (const rowid of rowids) {
      const fragment = Number(rowid >> 32n)
      const end = Number(rowid & LOW_BITS) + 1
      if (end > (ends.get(fragment) ?? 0)) ends.set(fragment, end)
    }
  }
  return ends
}

function above<Q extends { where(predicate: string): Q }>(query: Q, from: bigint | null): Q {
  return from === null ? query : query.where(`_rowid >= ${from}`)
}

/**
 * Reads the columns of the fragments in `ends`, batch by batch, so the transient memory is a
 * batch, not the table; `base`'s slots, when given, come first, copied.
 */
async function fill(passages: Table, intern: (id: string) => string, ends: Map<number, number>, from: bigint | null, base?: PassageLayout): Promise<PassageLayout> {
  const bases = new Map(base?.bases)
  let size = base?.size ?? 0
  let lastFragment = base?.lastFragment ?? -1
  for (const [fragment, end] of [...ends].sort((a, b) => a[0] - b[0])) {
    bases.set(fragment, size)
    size += end
    lastFragment = fragment
  }
  const slotOf = (fragment: number, offset: number): number => {
    const at = bases.get(fragment)
    if (at === undefined) return -1
    const slotAt = at + offset
    return slotAt < size ? slotAt : -1
  }
  const slot = (rowid: bigint): number => slotOf(Number(rowid >> 32n), Number(rowid & LOW_BITS))
  const layout: PassageLayout = { slot, slotOf, caseId: new Array(size), ord: new Int32Array(size), spanStart: new Int32Array(size), spanEnd: new Int32Array(size), size, bases, lastFragment }
  if (base) {
    for (let i = 0; i < base.size; i++) layout.caseId[i] = base.caseId[i]
    layout.ord.set(base.ord)
    layout.spanStart.set(base.spanStart)
    layout.spanEnd.set(base.spanEnd)
  }
  const names = ['caseId', 'ord', 'spanStart', 'spanEnd']
  for await (const batch of above(passages.query(), from).select(names).withRowId()) {
    const rowids = batch.getChild('_rowid')!.toArray() as BigUint64Array
    const [caseId, ord, spanStart, spanEnd] = names.map((n) => batch.getChild(n)!.toArray() as ArrayLike<unknown>)
    for (let i = 0; i < rowids.length; i++) {
      const at = slot(rowids[i])
      layout.caseId[at] = intern(caseId[i] as string)
      layout.ord[at] = Number(ord[i])
      layout.spanStart[at] = Number(spanStart[i])
      layout.spanEnd[at] = Number(spanEnd[i])
    }
  }
  return layout
}
