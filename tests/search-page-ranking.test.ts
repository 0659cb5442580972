/**
 * What the search page asks of the store: a ranking without its hits' text (store.ranking), hits
 * made for the ids a page shows, facet counts from the per-build numbering of facet values, and
 * the page's reuse of a ranking for the next page, another sort or the export.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { indexCases } from '../ingest/index/write.js'
import { fixedProvider, idOf } from '../ingest/index/embedders.js'
import { openStore, type Store } from '../ingest/search/index.js'
import { lancedb } from '../ingest/index/lancedb.js'
import { TABLES } from '../ingest/index/layout.js'
import { fixtureCases } from './helpers/cases.js'
import { HashEmbedder } from './helpers/embedder.js'
import { parseSearchParams, rankedSearch } from '~/models/search.server'

const quiet = { log: () => {} }

/** The fixture store the ranking and the page's reuse of it are checked on. */
let store: Store
let dir: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casebook-ranking-'))
  const emb = new HashEmbedder()
  await indexCases(fixtureCases(), { uri: dir, provider: fixedProvider(emb), ...quiet })
  store = await openStore(dir, { embedder: emb })
})
afterAll(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('store.ranking', () => {

  it.each(['五位一体', '老舊小區 無物業', 'grid management', '停车难', '小区没人管'])('ranks %s as search does, and makes hits only for the ids asked', async (q) => {
    const options = { limit: 200, facets: true }
    const [ranking, result] = await Promise.all([store.ranking(q, options), store.search(q, options)])
    expect(ranking.ranked.map((r) => [r.id, r.score])).toEqual(result.hits.map((h) => [h.id, h.score]))
    expect(ranking.facets).toEqual(result.facets)
    expect(ranking.query).toEqual(result.query)
    // A match is a best passage holding a term of the query: the terms its snippet marks.
    for (const [i, r] of ranking.ranked.entries()) expect(r.matched, r.id).toBe(result.hits[i].passage.marks.length > 0)
    const asked = ranking.ranked.map((r) => r.id).reverse().slice(0, 2)
    const hits = await ranking.hits([...asked, 'no-such-case'])
    expect(hits.map((h) => h.id)).toEqual(asked)
    expect(hits).toEqual(asked.map((id) => result.hits.find((h) => h.id === id)))
  })

  it('counts facets over the ranked cases only, so no count exceeds the total beside it', async () => {
    // The lists find more candidates than a limit of 2 ranks: the counts are those two's.
    const wide = await store.ranking('小区', { limit: 200, facets: true })
    expect(wide.ranked.length).toBeGreaterThan(2)
    const ranking = await store.ranking('小区', { limit: 2, facets: true })
    expect(ranking.ranked.map((r) => r.id)).toEqual(wide.ranked.slice(0, 2).map((r) => r.id))
    const counts = Object.values(ranking.facets!).flat()
    expect(counts.length).toBeGreaterThan(0)
    for (const { value, count } of counts) expect(count, value).toBeLessThanOrEqual(2)
    const cards = await store.cards(ranking.ranked.map((r) => r.id))
    const provinces = [...cards.values()].map((c) => c.place.province).filter(Boolean)
    expect(ranking.facets!.province.reduce((n, f) => n + f.count, 0)).toBe(provinces.length)
  })
})

describe('store.embedder', () => {
  it('is the embedder the build was made with, restored once for queries, for an upload to embed with too', async () => {
    const embedder = await store.embedder()
    expect(idOf(embedder)).toEqual((await store.info()).embedder)
    expect(await store.embedder()).toBe(embedder)
  })
})

describe('facet counts across store builds', () => {
  it('numbers facet values per build: a rebuilt store counts its new values and forgets the old', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-facet-build-'))
    const emb = new HashEmbedder()
    const cases = fixtureCases()
    await indexCases(cases, { uri: dir, provider: fixedProvider(emb), ...quiet })
    const store = await openStore(dir, { embedder: emb, refreshMs: 0 })
    try {
      const before = await store.search('小区', { limit: 200, facets: true })
      expect(before.facets!.province).toContainEqual({ value: '山西省', count: 1 })
      expect((await store.facets()).province.map((f) => f.value)).toContain('山西省')

      // The Shanxi case moves to a made-up spelling of another province; a second Fujian case is
      // written without the suffix, so 福建 and 福建省 are one key shown in its commonest spelling.
      const moved = cases.map((c) =>
        c.place.province === '山西省' ? { ...c, place: { ...c.place, province: '甘肃省' } } : c.id === 'xm-168' ? { ...c, place: { ...c.place, province: '福建' } } : c,
      )
      await indexCases(moved, { uri: dir, provider: fixedProvider(emb), ...quiet })
      store.refresh()
      const after = await store.search('小区', { limit: 200, facets: true })
      const provinces = after.facets!.province
      expect(provinces.map((f) => f.value)).not.toContain('山西省')
      expect(provinces).toContainEqual({ value: '甘肃省', count: 1 })
      const fujian = provinces.filter((f) => f.value.startsWith('福建'))
      expect(fujian).toHaveLength(1)
      expect(fujian[0].count).toBe(after.hits.filter((h) => h.place.province?.startsWith('福建')).length)
      const all = await store.facets()
      expect(all.province.find((f) => f.value.startsWith('福建'))).toEqual({ value: '福建', count: 2 })
      expect(all.province).toContainEqual({ value: '甘肃省', count: 1 })
    } finally {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('a build that added and replaced cases (an upload)', () => {
  it('is searched as a store opened afresh on it: the extended catalog, layout and norms give the same rankings, facets and hits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-extend-'))
    const emb = new HashEmbedder()
    const cases = fixtureCases()
    await indexCases(cases, { uri: dir, provider: fixedProvider(emb), ...quiet })
    const store = await openStore(dir, { embedder: emb, refreshMs: 0 })
    const queries = ['停车难', '小区', '五位一体']
    let fresh: Store | null = null
    try {
      // The first build's catalog, layout and norms loaded, for the next build to extend.
      for (const q of queries) await store.search(q, { limit: 200, facets: true })
      await new Promise((resolve) => setTimeout(resolve, 300))
      const [first, second] = cases
      const moved = { ...first, body: `${first.body}\n居民议事会商定停车位轮换办法。`, place: { ...first.place, province: '甘肃省' } }
      const added = { ...second, id: 'upload-new', displayTitle: '上传的停车案例' }
      await indexCases([moved, added], { uri: dir, provider: fixedProvider(emb), mode: 'upsert', ...quiet })
      store.refresh()
      fresh = await openStore(dir, { embedder: emb, refreshMs: 0 })
      for (const q of queries) {
        const options = { limit: 200, facets: true }
        expect(await store.search(q, options), q).toEqual(await fresh.search(q, options))
      }
      expect(await store.facets()).toEqual(await fresh.facets())
      expect((await store.facets()).province).toContainEqual({ value: '甘肃省', count: 1 })
    } finally {
      fresh?.close()
      store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('passage norms kept per build', () => {
  it('reads the norms a ranking checks once per build: the same ranking again reads none, a new build reads them afresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-norms-'))
    const emb = new HashEmbedder()
    const cases = fixtureCases()
    await indexCases(cases, { uri: dir, provider: fixedProvider(emb), ...quiet })
    const store = await openStore(dir, { embedder: emb, refreshMs: 0 })
    // Every LanceDB table of the process shares this prototype: the spy sees the store's reads.
    const table = await (await lancedb.connect(dir)).openTable(TABLES.passages)
    const takes = vi.spyOn(Object.getPrototypeOf(table) as { takeRowIds: (ids: bigint[]) => unknown }, 'takeRowIds')
    try {
      const first = await store.ranking('停车难', { limit: 200, facets: true })
      expect(takes).toHaveBeenCalled()
      takes.mockClear()
      const again = await store.ranking('停车难', { limit: 200, facets: true })
      expect(takes).not.toHaveBeenCalled()
      expect(again.ranked).toEqual(first.ranked)
      expect(again.facets).toEqual(first.facets)

      // The new build drops the words from one case: its passage must not be judged by the old text.
      const changed = first.ranked.find((r) => r.matched)!.id
      const rewritten = cases.map((c) => (c.id === changed ? { ...c, body: '居民议事会商定了楼道清扫的轮值安排。', displayTitle: '楼道轮值' } : c))
      await indexCases(rewritten, { uri: dir, provider: fixedProvider(emb), ...quiet })
      store.refresh()
      const after = await store.ranking('停车难', { limit: 200, facets: true })
      expect(takes).toHaveBeenCalled()
      expect(after.ranked.find((r) => r.id === changed)?.matched ?? false).toBe(false)
    } finally {
      takes.mockRestore()
      table.close()
      store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('warming a store that fits the norm cache', () => {
  it('reads every passage norm in one scan: a query never asked reads none afterwards, and ranks as a cold store does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-warm-norms-'))
    const emb = new HashEmbedder()
    await indexCases(fixtureCases(), { uri: dir, provider: fixedProvider(emb), ...quiet })
    const cold = await openStore(dir, { embedder: emb })
    const warm = await openStore(dir, { embedder: emb })
    const table = await (await lancedb.connect(dir)).openTable(TABLES.passages)
    const takes = vi.spyOn(Object.getPrototypeOf(table) as { takeRowIds: (ids: bigint[]) => unknown }, 'takeRowIds')
    try {
      await warm.warm()
      takes.mockClear()
      for (const q of ['加装电梯', '老舊小區 無物業', '小区没人管']) {
        const options = { limit: 200, facets: true }
        const ranking = await warm.ranking(q, options)
        expect(takes).not.toHaveBeenCalled()
        const reference = await cold.ranking(q, options)
        expect(ranking.ranked).toEqual(reference.ranked)
        expect(ranking.facets).toEqual(reference.facets)
        takes.mockClear()
      }
    } finally {
      takes.mockRestore()
      table.close()
      cold.close()
      warm.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the search page reuses the ranking of a search it just ranked', () => {
  const params = (url: string) => parseSearchParams(new URL(url, 'http://casebook.test'))

  it('asks the store once for the pages, sorts and export of one search, again for another query or filter', async () => {
    const asked = vi.spyOn(store, 'ranking')
    const first = await rankedSearch(store, params('/?q=物业'))
    const next = await rankedSearch(store, params('/?q=物业&page=2'))
    const byDate = await rankedSearch(store, params('/?q=物业&sort=date'))
    expect(asked).toHaveBeenCalledTimes(1)
    expect(next.ids).toEqual(first.ids)
    expect(next.facets).toEqual(first.facets)
    expect([...byDate.ids].sort()).toEqual([...first.ids].sort())
    await rankedSearch(store, params('/?q=物业&year=2021'))
    await rankedSearch(store, params('/?q=停车难'))
    expect(asked).toHaveBeenCalledTimes(3)
    asked.mockRestore()
  })

  it('ranks again once the store answers from a newer build', async () => {
    await rankedSearch(store, params('/?q=五位一体'))
    const asked = vi.spyOn(store, 'ranking')
    const info = store.info.bind(store)
    const newer = vi.spyOn(store, 'info').mockImplementation(async () => ({ ...(await info()), version: (await info()).version + 1 }))
    await rankedSearch(store, params('/?q=五位一体'))
    expect(asked).toHaveBeenCalledTimes(1)
    newer.mockRestore()
    asked.mockRestore()
  })
})
