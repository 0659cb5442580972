import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { indexCases } from '../ingest/index/write.js'
import { providerFor } from '../ingest/index/providers.js'
import { openStore, SearchError } from '../ingest/search/index.js'
import { fixtureCases } from './helpers/cases.js'
import { writeTinyModel } from './helpers/tiny-onnx.js'

const E5 = 'Xenova/multilingual-e5-small'
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p))

describe('a store built by the transformers embedder (tiny generated model)', () => {
  let models: string
  const saved = { MODELS_DIR: process.env.MODELS_DIR, CASEBOOK_ALLOW_DOWNLOAD: process.env.CASEBOOK_ALLOW_DOWNLOAD }
  beforeAll(() => {
    delete process.env.CASEBOOK_ALLOW_DOWNLOAD
    models = tmp('casebook-models-')
    const words = ['query', 'passage', ':', ...'物业网格小区党建停车自管会红栋力五位一体老旧']
    writeTinyModel(models, E5, words, 16)
  })
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    rmSync(models, { recursive: true, force: true })
  })

  it('auto picks the model when its folder is present; readers load it again by name', async () => {
    process.env.MODELS_DIR = models
    const uri = tmp('casebook-index-tf-')
    const lines: string[] = []
    const provider = await providerFor('auto', (l) => lines.push(l))
    expect(lines).toEqual([])
    const stats = await indexCases(fixtureCases(), { uri, provider, log: () => {} })
    expect(stats.embedder).toEqual({ name: 'transformers', model: E5, dims: 16 })
    const store = await openStore(uri)
    expect((await store.info()).embedder.name).toBe('transformers')
    const hits = (await store.search('物业', { mode: 'vector' })).hits
    expect(hits.length).toBeGreaterThan(0)
    expect((await store.search('网格')).hits.map((h) => h.id)).toContain('sz-wangge')
    store.close()

    process.env.MODELS_DIR = tmp('casebook-no-models-')
    const err = await openStore(uri).catch((e) => e)
    expect(err).toBeInstanceOf(SearchError)
    expect(err.message).toMatch(/built by transformers \(Xenova\/multilingual-e5-small, 16-d\), but this search uses transformers, which cannot load it here \(no model in/)
  })

  it('auto without a model folder says once that it uses lsa', async () => {
    process.env.MODELS_DIR = tmp('casebook-no-models-')
    const lines: string[] = []
    const provider = await providerFor('auto', (l) => lines.push(l))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/no model in .*multilingual-e5-small; using the offline lsa embedder/)
    const uri = tmp('casebook-index-lsa-')
    expect((await indexCases(fixtureCases(), { uri, provider, log: () => {} })).embedder.name).toBe('lsa')
  })
})
