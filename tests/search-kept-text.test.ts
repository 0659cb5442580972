/**
 * The text of shown passages kept per store build (ingest/search/kept-text.ts): bounded by
 * characters however large the store, least recently used out first, read once per build and
 * never shown stale after a build that rewrote a case.
 */
import { describe, it, expect, vi } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { indexCases } from '../ingest/index/write.js'
import { fixedProvider } from '../ingest/index/embedders.js'
import { openStore } from '../ingest/search/index.js'
import { KeptTexts } from '../ingest/search/kept-text.js'
import { mappedNormal } from '../ingest/search/normalize.js'
import { makeSnippet } from '../ingest/search/snippet.js'
import { lancedb } from '../ingest/index/lancedb.js'
import { TABLES } from '../ingest/index/layout.js'
import { fixtureCases } from './helpers/cases.js'
import { HashEmbedder } from './helpers/embedder.js'

const quiet = { log: () => {} }

describe('KeptTexts', () => {
  it('given more text than its budget, drops the least recently used passages first', () => {
    const kept = new KeptTexts(10)
    kept.set(1n, '一二三四')
    kept.set(2n, '五六七')
    expect(kept.get(1n)).toBe('一二三四') // 1 is now the newest
    kept.set(3n, '八九十')
    expect(kept.size).toBe(10)
    kept.set(4n, '甲乙')
    expect(kept.get(2n)).toBeUndefined()
    expect(kept.get(1n)).toBe('一二三四')
    expect(kept.get(3n)).toBe('八九十')
    expect(kept.get(4n)).toBe('甲乙')
    expect(kept.size).toBe(9)
  })

  it('never holds more than its budget, whatever is put in', () => {
    const kept = new KeptTexts(50)
    for (let i = 0; i < 500; i++) {
      kept.set(BigInt(i % 37), '居'.repeat(1 + (i % 13)))
      expect(kept.size).toBeLessThanOrEqual(50)
    }
    expect(kept.count).toBeGreaterThan(3)
  })

  it('keeps no passage longer than the whole budget, and counts a replaced text once', () => {
    const kept = new KeptTexts(5)
    kept.set(1n, '一二三四五六')
    expect(kept.get(1n)).toBeUndefined()
    expect(kept.size).toBe(0)
    kept.set(2n, '一二')
    kept.set(2n, '一二三')
    expect(kept.size).toBe(3)
    expect(kept.count).toBe(1)
  })
})

describe('KeptTexts, normal forms', () => {
  const text = '居民議事會，每月一開；“紅色物業”進小區'

  it('makes a kept passage\'s normal form once and hands the same one back', () => {
    const kept = new KeptTexts(100)
    kept.set(7n, text)
    const first = kept.mapped(7n, text)
    const { norm, from } = mappedNormal(text)
    expect(first.norm).toBe(norm)
    expect(Array.from(first.from)).toEqual(from)
    expect(kept.mapped(7n, text)).toBe(first)
    // Snippets cut with it are the ones cut from the text alone.
    expect(makeSnippet(text, 40, ['红色物业', '议事会'], first)).toEqual(makeSnippet(text, 40, ['红色物业', '议事会']))
  })

  it('maps a text it does not hold under that row id afresh, and keeps nothing for it', () => {
    const kept = new KeptTexts(100)
    kept.set(7n, text)
    const other = '业委会换届'
    expect(kept.mapped(7n, other)).toEqual(mappedNormal(other))
    expect(kept.mapped(8n, other)).toEqual(mappedNormal(other))
    expect(kept.mapped(undefined, other)).toEqual(mappedNormal(other))
    expect(kept.mapped(8n, other)).not.toBe(kept.mapped(8n, other))
    expect(kept.count).toBe(1)
    expect(kept.size).toBe(text.length)
  })

  it('drops a passage\'s normal form with its text, and starts afresh for a new text under the same row id', () => {
    const kept = new KeptTexts(text.length)
    kept.set(1n, text)
    const before = kept.mapped(1n, text)
    kept.set(2n, '楼道')
    expect(kept.get(1n)).toBeUndefined()
    kept.set(1n, text)
    const again = kept.mapped(1n, text)
    expect(again).not.toBe(before)
    expect([again.norm, Array.from(again.from)]).toEqual([before.norm, Array.from(before.from)])
  })
})

describe('shown passages kept per build', () => {
  it('reads the text of a page\'s hits once: the same hits again take nothing, and match a store opened afresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-texts-'))
    const emb = new HashEmbedder()
    await indexCases(fixtureCases(), { uri: dir, provider: fixedProvider(emb), ...quiet })
    const store = await openStore(dir, { embedder: emb, refreshMs: 0 })
    const fresh = await openStore(dir, { embedder: emb, refreshMs: 0 })
    // Every LanceDB table of the process shares this prototype: the spy sees the store's reads.
    const table = await (await lancedb.connect(dir)).openTable(TABLES.passages)
    const takes = vi.spyOn(Object.getPrototypeOf(table) as { takeRowIds: (ids: bigint[]) => unknown }, 'takeRowIds')
    try {
      const options = { limit: 200, facets: true }
      const first = await store.search('停车难', options)
      expect(first.hits.length).toBeGreaterThan(1)
      expect(takes).toHaveBeenCalled()
      takes.mockClear()
      const again = await store.search('停车难', options)
      expect(takes).not.toHaveBeenCalled()
      expect(again).toEqual(first)
      expect(await fresh.search('停车难', options)).toEqual(first)
      // Another query showing some of the same passages reads only the ones not kept.
      const other = await store.search('物业', options)
      expect(other).toEqual(await fresh.search('物业', options))
    } finally {
      takes.mockRestore()
      table.close()
      fresh.close()
      store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('shows the new text of a case a later build rewrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-texts-build-'))
    const emb = new HashEmbedder()
    const cases = fixtureCases()
    await indexCases(cases, { uri: dir, provider: fixedProvider(emb), ...quiet })
    const store = await openStore(dir, { embedder: emb, refreshMs: 0 })
    try {
      const before = await store.search('停车难', { limit: 200 })
      const shown = before.hits.find((h) => h.passage.text.includes('停车难'))!
      expect(shown).toBeDefined()
      const body = '楼栋议事会专门商量停车难，定下夜间错峰停放、白天让出消防通道的办法。'
      for (const mode of ['upsert', 'corpus'] as const) {
        const rewritten = { ...cases.find((c) => c.id === shown.id)!, body: `${body}${mode}` }
        const input = mode === 'upsert' ? [rewritten] : cases.map((c) => (c.id === shown.id ? rewritten : c))
        await indexCases(input, { uri: dir, provider: fixedProvider(emb), mode, ...quiet })
        store.refresh()
        const after = await store.search('停车难', { limit: 200 })
        expect(after.hits.find((h) => h.id === shown.id)?.passage.text, mode).toBe(`${body}${mode}`)
      }
    } finally {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
