/**
 * "Cases like this one" screens only the cases that can still be scored: sharingAtLeast gives the
 * cases holding enough of a profile's tag weight from each tag's holders, instead of a screen of
 * the whole catalog (ingest/search/likeness.ts). It must never leave out a case the screen would
 * let through.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { indexCases } from '../ingest/index/write.js'
import { fixedProvider } from '../ingest/index/embedders.js'
import { connect } from '../ingest/index/lancedb.js'
import { TABLES } from '../ingest/index/layout.js'
import { loadCatalog, type Catalog } from '../ingest/search/catalog.js'
import { profileOf, screen, sharingAtLeast } from '../ingest/search/likeness.js'
import { benchCases } from '../bench/search.js'
import { HashEmbedder } from './helpers/embedder.js'

let dir: string
let catalog: Catalog
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casebook-prune-'))
  await indexCases(benchCases(400), { uri: dir, provider: fixedProvider(new HashEmbedder()), log: () => {} })
  const db = await connect(dir)
  catalog = await loadCatalog(await db.openTable(TABLES.cases))
  db.close()
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('sharingAtLeast', () => {
  it('given a share, returns every case the screen gives at least that tag share, and no case far below it', () => {
    for (const entry of catalog.entries.slice(0, 40)) {
      const profile = profileOf(entry)
      const quick = screen(profile, catalog)
      for (const share of [0.05, 0.2, 0.4, 0.6, 0.8, 1]) {
        const got = new Set(sharingAtLeast(profile, catalog, share))
        const expected = catalog.entries.filter((e) => quick(e).tags >= share)
        for (const e of expected) expect(got.has(e), `${entry.id} ${share} ${e.id}`).toBe(true)
        for (const e of got) expect(quick(e).tags).toBeGreaterThanOrEqual(share - 1e-6)
      }
    }
  })

  it('given no share to prune by, or a profile without tags, says every case can be scored (null)', () => {
    const profile = profileOf(catalog.entries[0])
    expect(sharingAtLeast(profile, catalog, 0)).toBeNull()
    expect(sharingAtLeast(profile, catalog, -Infinity)).toBeNull()
    expect(sharingAtLeast({ ...profile, tags: [] }, catalog, 0.5)).toBeNull()
  })

  it('prunes: at a share a case page needs, far fewer cases than share a tag', () => {
    const profile = profileOf(catalog.entries[1])
    const quick = screen(profile, catalog)
    const sharing = catalog.entries.filter((e) => quick(e).tags > 0).length
    expect(sharingAtLeast(profile, catalog, 0.4)!.length).toBeLessThan(sharing / 2)
  })
})
