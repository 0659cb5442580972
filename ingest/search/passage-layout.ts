/**
 * Where each passage of a store build sits — its case, its order in the case and its span — by
 * LanceDB row id, read once per build. The ranked lists then ask LanceDB for row ids and scores
 * only: selecting `caseId ord spanStart spanEnd` made every list take those columns for its
 * ~600 rows, ~2 ms of CPU a list and three lists a search page (bench/README "Search page").
 */
import type { Table } from '../index/lancedb.js'

/**
 * Passages a layout is kept for (~20 bytes each: 80 MB at this bound). Larger stores rank with
 * the columns selected, as before; so does every store until its layout has loaded.
 */
export const LAYOUT_MAX_PASSAGES = 4_000_000

export interface PassageLayout {
  /** The slot of a row id, or -1 when the build has no such row. */
  slot(rowid: bigint): number
  caseId: (string | undefined)[]
  ord: Int32Array
  spanStart: Int32Array
  spanEnd: Int32Array
}

const LOW_BITS = 0xffffffffn

/**
 * Reads the layout in two scans: row ids first, to size the arrays (a row id is the fragment in
 * its high 32 bits and the offset in the low ones; deleted rows leave gaps), then the columns,
 * batch by batch, so the transient memory is a batch, not the table. `intern` gives the one
 * string the catalog already holds for a case id, so the layout adds no copy of it.
 */
export async function loadLayout(passages: Table, intern: (id: string) => string): Promise<PassageLayout> {
  const ends = new Map<number, number>()
  for await (const batch of passages.query().select(['ord']).withRowId()) {
    const rowids = batch.getChild('_rowid')!.toArray() as BigUint64Array
    for (const rowid of rowids) {
      const fragment = Number(rowid >> 32n)
      const end = Number(rowid & LOW_BITS) + 1
      if (end > (ends.get(fragment) ?? 0)) ends.set(fragment, end)
    }
  }
  const bases = new Map<number, number>()
  let size = 0
  for (const [fragment, end] of [...ends].sort((a, b) => a[0] - b[0])) {
    bases.set(fragment, size)
    size += end
  }
  const slot = (rowid: bigint): number => {
    const base = bases.get(Number(rowid >> 32n))
    if (base === undefined) return -1
    const at = base + Number(rowid & LOW_BITS)
    return at < size ? at : -1
  }
  const layout: PassageLayout = { slot, caseId: new Array(size), ord: new Int32Array(size), spanStart: new Int32Array(size), spanEnd: new Int32Array(size) }
  const names = ['caseId', 'ord', 'spanStart', 'spanEnd']
  for await (const batch of passages.query().select(names).withRowId()) {
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
