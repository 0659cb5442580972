import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connect, type Connection } from '../ingest/index/lancedb.js'
import { loadLayout } from '../ingest/search/passage-layout.js'

const passage = (caseId: string, ord: number) => ({ caseId, ord, spanStart: ord * 100, spanEnd: ord * 100 + 80, text: `${caseId} 第${ord}段` })

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
      expect([layout.caseId[at], layout.ord[at], layout.spanStart[at], layout.spanEnd[at]]).toEqual([row.caseId, row.ord, row.spanStart, row.spanEnd])
    }
    // The deleted row's slot holds no case; a fragment the build never had has no slot.
    const places = new Set(rows.map((r) => layout.slot(r._rowid as bigint)))
    expect(layout.caseId.filter((id, i) => id !== undefined && !places.has(i))).toEqual([])
    expect(layout.slot(99n << 32n)).toBe(-1)
    expect(interned.size).toBe(2)
  })
})
