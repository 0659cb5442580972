import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connect, type Connection } from '../ingest/index/lancedb.js'
import { loadLayout, type PassageLayout } from '../ingest/search/passage-layout.js'
import type { Table } from '../ingest/index/lancedb.js'

const passage = (caseId: string, ord: number) => ({ caseId, ord, spanStart: ord * 100, spanEnd: ord * 100 + 80, text: `${caseId} 第${ord}段` })

const same = (id: string) => id

/** A row id's slot found from its two 32-bit words, as a ranked list places its rows. */
const slotByWords = (layout: PassageLayout, rowid: bigint) => layout.slotOf(Number(rowid >> 32n), Number(rowid & 0xffffffffn))

/** Every live row of `table` is where `layout` says it is. */
async function expectPlaced(table: Table, layout: PassageLayout): Promise<number> {
  const rows = await table.query().select(['caseId', 'ord', 'spanStart', 'spanEnd']).withRowId().toArray()
  for (const row of rows) {
    const at = layout.slot(row._rowid as bigint)
    expect(at).toBeGreaterThanOrEqual(0)
    expect(slotByWords(layout, row._rowid as bigint)).toBe(at)
    expect([layout.caseId[at], layout.ord[at], layout.spanStart[at], layout.spanEnd[at]]).toEqual([row.caseId, row.ord, row.spanStart, row.spanEnd])
  }
  return rows.length
}

describe('given a passages table written in two fragments, one row deleted', () => {
  let dir: string
  let db: Connection
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'casebook-layout-'))
    db = await connect(path.join(dir, 'db'))
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('places every row a query returns by its row id, as the table has it', async () => {
    const table = await db.createTable('passages', [passage('甲', 0), passage('甲', 1), passage('乙', 0)])
    await table.add([passage('丙', 0), passage('丙', 1)])
    await table.delete("caseId = '乙'")
    const interned = new Map<string, string>()
    const layout = await loadLayout(table, (id) => {
      if (!interned.has(id)) interned.set(id, id)
      return interned.get(id)!
    })
    const rows = await table.query().select(['caseId', 'ord', 'spanStart', 'spanEnd']).withRowId().toArray()
    expect(rows).toHaveLength(4)
    for (const row of rows) {
      const at = layout.slot(row._rowid as bigint)
      expect(at).toBeGreaterThanOrEqual(0)
      expect(slotByWords(layout, row._rowid as bigint)).toBe(at)
      expect([layout.caseId[at], layout.ord[at], layout.spanStart[at], layout.spanEnd[at]]).toEqual([row.caseId, row.ord, row.spanStart, row.spanEnd])
    }
    // The deleted row's slot holds no case; a fragment the build never had has no slot.
    const places = new Set(rows.map((r) => layout.slot(r._rowid as bigint)))
    expect(layout.caseId.filter((id, i) => id !== undefined && !places.has(i))).toEqual([])
    expect(layout.slot(99n << 32n)).toBe(-1)
    expect(layout.slotOf(99, 0)).toBe(-1)
    // Past the end of the last fragment placed: no slot either.
    const last = rows.map((r) => r._rowid as bigint).reduce((a, b) => (a > b ? a : b))
    expect(slotByWords(layout, last + 1n)).toBe(-1)
    expect(interned.size).toBe(2)
  })

  it('extends an earlier build\'s layout by the fragments added since, reading none of the old ones again', async () => {
    const table = await db.createTable('passages', [passage('甲', 0), passage('甲', 1), passage('乙', 0)])
    const earlier = await loadLayout(table, same)
    // An upload replacing 乙: its old row deleted, the new case and the new 乙 in a new fragment.
    await table.delete("caseId = '乙'")
    await table.add([passage('乙', 0), passage('丁', 0), passage('丁', 1)])
    const later = await loadLayout(table, same, { layout: earlier, passages: await table.countRows() })
    expect(await expectPlaced(table, later)).toBe(5)
    // The earlier slots were copied, not read again: the same strings, the old 乙 row's slot kept.
    expect(later.size).toBe(6)
    expect(later.caseId.slice(0, 3)).toEqual(['甲', '甲', '乙'])
    expect(later.lastFragment).toBe(1)
    // The earlier layout is left as it was, for the searches still answering from its build.
    expect(earlier.size).toBe(3)
    expect(earlier.slot(1n << 32n)).toBe(-1)
    // A build that added nothing keeps the layout it had.
    expect(await loadLayout(table, same, { layout: later, passages: 5 })).toBe(later)
  })

  it('reads the layout whole when over a quarter of the extended slots would hold deleted rows', async () => {
    const table = await db.createTable('passages', [passage('甲', 0), passage('甲', 1), passage('乙', 0), passage('乙', 1)])
    const earlier = await loadLayout(table, same)
    await table.delete("caseId = '甲'")
    await table.add([passage('丙', 0)])
    const later = await loadLayout(table, same, { layout: earlier, passages: await table.countRows() })
    expect(await expectPlaced(table, later)).toBe(3)
    // Read whole: the deleted rows' gap at the start of fragment 0 stays, the earlier 甲 rows do not.
    expect(later.caseId.filter((id) => id !== undefined)).toEqual(['乙', '乙', '丙'])
  })
})
