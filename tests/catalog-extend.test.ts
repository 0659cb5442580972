/**
 * A build that only added and replaced cases (an upload) extends the last build's catalog: the
 * rows added since are read, every other entry is the earlier one. It must equal a catalog read
 * whole from the same build.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { indexCases } from '../ingest/index/write.js'
import { fixedProvider } from '../ingest/index/embedders.js'
import { connect } from '../ingest/index/lancedb.js'
import { TABLES } from '../ingest/index/layout.js'
import { countFacets, loadCatalog, type Catalog } from '../ingest/search/catalog.js'
import { fixtureCases } from './helpers/cases.js'
import { HashEmbedder } from './helpers/embedder.js'

const quiet = { log: () => {} }

/** What a catalog says, without the facet numbering it caches. */
function contents(c: Catalog) {
  return {
    entries: c.entries.map(({ codes: _codes, ...e }) => e),
    tagCounts: [...c.tagCounts].sort(),
    placeKeys: [...c.placeKeys].sort(),
    facets: countFacets(c, c.entries),
  }
}

describe('given a store and an upload that replaces one case and adds another', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'casebook-catalog-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('extends the earlier catalog to what reading the new build whole gives, reading only the new rows', async () => {
    const emb = new HashEmbedder()
    const cases = fixtureCases()
    await indexCases(cases, { uri: dir, provider: fixedProvider(emb), ...quiet })
    const db = await connect(dir)
    try {
      const earlier = await loadCatalog(await db.openTable(TABLES.cases))
      // Counting numbers the facet values; the extended catalog keeps that numbering.
      countFacets(earlier, earlier.entries)
      const [first, second] = cases
      const moved = { ...first, place: { ...first.place, province: '甘肃省' }, displayTitle: `${first.displayTitle}（修订）` }
      const added = { ...second, id: 'upload-new', displayTitle: '新上传的案例' }
      await indexCases([moved, added], { uri: dir, provider: fixedProvider(emb), mode: 'upsert', ...quiet })
      const table = await db.openTable(TABLES.cases)
      const extended = await loadCatalog(table, earlier)
      const whole = await loadCatalog(table)
      expect(contents(extended)).toEqual(contents(whole))
      expect(extended.entries).toHaveLength(cases.length + 1)
      expect(extended.byId.get(first.id)!.card.place.province).toBe('甘肃省')
      expect(extended.byId.get('upload-new')!.card.displayTitle).toBe('新上传的案例')
      // Every case the upload left alone is the earlier entry itself, not a copy read again.
      const untouched = cases.filter((c) => c.id !== first.id).map((c) => c.id)
      for (const id of untouched) expect(extended.byId.get(id)).toBe(earlier.byId.get(id))
      expect(extended.facetValues).toBe(earlier.facetValues)
      // The earlier catalog still answers for its own build.
      expect(earlier.byId.get(first.id)!.card.place.province).not.toBe('甘肃省')
      expect(earlier.byId.has('upload-new')).toBe(false)
    } finally {
      db.close()
    }
  })
})

describe('given a catalog counted over one set of cases after another', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'casebook-facets-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('counts each set as a catalog counting it first does: nothing carries over between counts', async () => {
    const emb = new HashEmbedder()
    const cases = fixtureCases()
    await indexCases(cases, { uri: dir, provider: fixedProvider(emb), ...quiet })
    const db = await connect(dir)
    try {
      const table = await db.openTable(TABLES.cases)
      const [used, fresh1, fresh2] = [await loadCatalog(table), await loadCatalog(table), await loadCatalog(table)]
      const odd = (c: Catalog) => c.entries.filter((_, i) => i % 2 === 1)
      const firstThree = (c: Catalog) => c.entries.slice(0, 3)
      const counted = [countFacets(used, odd(used)), countFacets(used, firstThree(used)), countFacets(used, odd(used))]
      expect(counted[1]).toEqual(countFacets(fresh1, firstThree(fresh1)))
      expect(counted[2]).toEqual(counted[0])
      expect(counted[0]).toEqual(countFacets(fresh2, odd(fresh2)))
      // A case has one year at most: the year counts add up to the cases that have one.
      const years = counted[0].year.reduce((n, v) => n + v.count, 0)
      expect(years).toBe(odd(used).filter((e) => e.year !== null).length)
      expect(years).toBeGreaterThan(0)
    } finally {
      db.close()
    }
  })
})
