import { describe, it, expect, beforeAll } from 'vitest'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { indexCases } from '../ingest/index/write.js'
import { LOCK_FILE, StoreBusyError } from '../ingest/index/lock.js'
import { fixedProvider, lsaProvider, type EmbedderProvider } from '../ingest/index/embedders.js'
import { openStore, SearchError } from '../ingest/search/index.js'
import { fixtureCases, makeCase } from './helpers/cases.js'
import { HashEmbedder } from './helpers/embedder.js'
import type { Case } from '../ingest/schema.js'
import type { Embedder, EmbedKind } from '../ingest/embed/types.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'casebook-index-'))
const quiet = { log: () => {} }

function edited(c: Case, extra: string): Case {
  return { ...c, body: `${c.body}\n\n${extra}` }
}

describe('incremental ingest by content hash', () => {
  let uri: string
  const cases = fixtureCases()
  beforeAll(async () => {
    uri = tmp()
    await indexCases(cases, { uri, provider: fixedProvider(new HashEmbedder()), ...quiet })
  })

  it('embeds nothing when no case changed, and keeps the build', async () => {
    const emb = new HashEmbedder()
    const stats = await indexCases(cases, { uri, provider: fixedProvider(emb), ...quiet })
    expect(emb.embedded).toBe(0)
    expect(stats).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: cases.length, embedded: 0, generation: 1 })
  })

  it('re-embeds only the changed case and drops the removed one', async () => {
    const emb = new HashEmbedder()
    const next = cases.slice(1).map((c) => (c.id === 'cz-sanjia' ? edited(c, '街道新设调解室，专门受理电梯加装纠纷。') : c))
    const stats = await indexCases(next, { uri, provider: fixedProvider(emb), ...quiet })
    expect(stats).toMatchObject({ added: 0, changed: 1, removed: 1, unchanged: cases.length - 2, embedded: 1, generation: 2 })
    const passages = (await import('../ingest/embed/chunk.js')).chunk(next.find((c) => c.id === 'cz-sanjia')!.body).length
    expect(emb.embedded).toBe(passages)

    const store = await openStore(uri, { embedder: emb, refreshMs: 0 })
    const info = await store.info()
    expect(info.cases).toBe(cases.length - 1)
    expect(await store.get(cases[0].id)).toBeNull()
    const hits = (await store.search('电梯加装纠纷', { limit: 3 })).hits
    expect(hits[0].id).toBe('cz-sanjia')
    // No duplicated passages of the changed case.
    const all = await store.search('三驾马车', { limit: 50, mode: 'fulltext' })
    expect(all.hits.filter((h) => h.id === 'cz-sanjia')).toHaveLength(1)
    store.close()
  })

  it('adds a new case without touching the others', async () => {
    const emb = new HashEmbedder()
    const extra = makeCase({ id: 'new-one', title: '新增案例：加装电梯协商议事', body: '居民围绕加装电梯反复协商，最终全体同意。' })
    const next = [...cases.slice(1).map((c) => (c.id === 'cz-sanjia' ? edited(c, '街道新设调解室，专门受理电梯加装纠纷。') : c)), extra]
    const stats = await indexCases(next, { uri, provider: fixedProvider(emb), ...quiet })
    expect(stats).toMatchObject({ added: 1, changed: 0, removed: 0, embedded: 1 })
  })
})

describe('a new embedder rebuilds every vector', () => {
  it('re-embeds all cases and names both embedders', async () => {
    const uri = tmp()
    const cases = fixtureCases()
    await indexCases(cases, { uri, provider: fixedProvider(new HashEmbedder(64)), ...quiet })
    const lines: string[] = []
    const emb = new HashEmbedder(32)
    const stats = await indexCases(cases, { uri, provider: fixedProvider(emb), log: (l) => lines.push(l) })
    expect(stats.embedded).toBe(cases.length)
    expect(lines.join('\n')).toMatch(/built by test-hash \(hash-bigram-64-1, 64-d\).*re-embedding.*hash-bigram-32-1, 32-d/)
    const store = await openStore(uri, { embedder: emb })
    expect((await store.info()).embedder.dims).toBe(32)
    expect((await store.search('网格')).hits.length).toBeGreaterThan(0)
    store.close()
  })
})

/** Wraps an embedder so the test can hold a build half way through. */
class GatedEmbedder implements Embedder {
  readonly name: string
  readonly model: string
  readonly dims: number
  reached!: Promise<void>
  private arrive!: () => void
  private gate: Promise<void>
  release!: () => void
  constructor(private readonly inner: Embedder, private readonly fail = false) {
    this.name = inner.name
    this.model = inner.model
    this.dims = inner.dims
    this.reached = new Promise((r) => (this.arrive = r))
    this.gate = new Promise((r) => (this.release = r))
  }
  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    this.arrive()
    await this.gate
    if (this.fail) throw new Error('embedder died half way')
    return this.inner.embed(texts, kind)
  }
}

describe('readers answer from the last complete build', () => {
  it('a search during an ingest sees the previous version, then the new one', async () => {
    const uri = tmp()
    const cases = fixtureCases()
    const base = new HashEmbedder()
    await indexCases(cases, { uri, provider: fixedProvider(base), ...quiet })
    const store = await openStore(uri, { embedder: base, refreshMs: 0 })

    const gated = new GatedEmbedder(base)
    const changed = cases.map((c) => (c.id === 'xm-168' ? { ...c, body: c.body.replace('停车难', '垃圾分类') } : c))
    const building = indexCases(changed, { uri, provider: fixedProvider(gated), ...quiet })
    await gated.reached
    // The writer has already rewritten the cases table and deleted the changed case's passages.
    const during = await store.search('停车难', { limit: 10, mode: 'fulltext' })
    expect(during.hits.map((h) => h.id)).toContain('xm-168')
    expect((await store.get('xm-168'))!.body).toContain('停车难')
    expect((await store.info()).version).toBe((await store.info()).version)
    gated.release()
    await building
    const after = await store.search('停车难', { limit: 10, mode: 'fulltext' })
    expect(after.hits.map((h) => h.id)).not.toContain('xm-168')
    expect((await store.get('xm-168'))!.body).toContain('垃圾分类')
    store.close()
  })

  it('an ingest that dies half way leaves the store as it was, and the next one recovers', async () => {
    const uri = tmp()
    const cases = fixtureCases()
    const base = new HashEmbedder()
    await indexCases(cases, { uri, provider: fixedProvider(base), ...quiet })
    const dying = new GatedEmbedder(base, true)
    dying.release()
    const changed = cases.map((c) => (c.id === 'xm-168' ? edited(c, '新增段落：电动车充电桩。') : c))
    await expect(indexCases(changed, { uri, provider: fixedProvider(dying), ...quiet })).rejects.toThrow('embedder died')

    const store = await openStore(uri, { embedder: base, refreshMs: 0 })
    expect((await store.info()).cases).toBe(cases.length)
    expect((await store.search('充电桩', { mode: 'fulltext' })).hits).toHaveLength(0)
    const stats = await indexCases(changed, { uri, provider: fixedProvider(base), ...quiet })
    expect(stats).toMatchObject({ changed: 1, embedded: 1 })
    const hits = (await store.search('充电桩', { mode: 'fulltext', limit: 20 })).hits
    expect(hits.map((h) => h.id)).toEqual(['xm-168'])
    expect((await store.info()).passages).toBe(stats.passages)
    store.close()
  })
})

describe('the offline embedder is saved in the store', () => {
  let uri: string
  const cases = fixtureCases()
  beforeAll(async () => {
    uri = tmp()
    await indexCases(cases, { uri, provider: lsaProvider(), ...quiet })
  })

  it('readers rebuild the trained model from the store alone', async () => {
    const store = await openStore(uri)
    const info = await store.info()
    expect(info.embedder.name).toBe('lsa')
    expect(info.embedder.model).toMatch(/^lsa-/)
    const hits = (await store.search('红栋力', { mode: 'vector', limit: 3 })).hits
    expect(hits[0].id).toBe('yt-hongdong')
    store.close()
  })

  it('keeps the model (and the unchanged vectors) for a small change, retrains past the threshold', async () => {
    const first = await openStore(uri)
    const model = (await first.info()).embedder.model
    first.close()
    const small = cases.map((c) => (c.id === 'xm-168' ? edited(c, '增设电动车充电桩。') : c))
    const a = await indexCases(small, { uri, provider: lsaProvider(), ...quiet })
    expect(a).toMatchObject({ retrained: false, embedded: 1 })
    expect(a.embedder.model).toBe(model)

    const big = small.map((c, i) => (i < 3 ? edited(c, '再增一段关于垃圾分类的说明。') : c))
    const b = await indexCases(big, { uri, provider: lsaProvider(), ...quiet })
    expect(b).toMatchObject({ retrained: true, embedded: cases.length })
    expect(b.embedder.model).not.toBe(model)
    const store = await openStore(uri)
    expect((await store.info()).embedder.model).toBe(b.embedder.model)
    expect((await store.search('垃圾分类')).hits.length).toBeGreaterThan(0)
    store.close()
  })

  it('a store built by another embedder is refused with both names', async () => {
    const err = await openStore(uri, { embedder: new HashEmbedder() }).catch((e) => e)
    expect(err).toBeInstanceOf(SearchError)
    expect(err.code).toBe('embedder')
    expect(err.message).toMatch(/built by lsa \(lsa-[^,]+, \d+-d\).*uses test-hash \(hash-bigram-64-1, 64-d\)/)
  })
})

describe('a provider that cannot restore the saved model', () => {
  it('falls back to a fresh model and re-embeds everything', async () => {
    const uri = tmp()
    const cases = fixtureCases()
    await indexCases(cases, { uri, provider: lsaProvider(), ...quiet })
    const lsa = lsaProvider({ k: 4 })
    const forgetful: EmbedderProvider = { ...lsa, restore: async () => null }
    const stats = await indexCases(cases, { uri, provider: forgetful, ...quiet })
    expect(stats.embedded).toBe(cases.length)
    expect(stats.embedder.dims).toBeLessThanOrEqual(4)
  })
})

describe('the first build', () => {
  it('is invisible to readers until it is complete', async () => {
    const uri = tmp()
    const base = new HashEmbedder()
    const gated = new GatedEmbedder(base)
    const building = indexCases(fixtureCases(), { uri, provider: fixedProvider(gated), ...quiet })
    await gated.reached
    const err = await openStore(uri, { embedder: base }).catch((e) => e)
    expect(err).toBeInstanceOf(SearchError)
    expect(err.code).toBe('no-store')
    gated.release()
    await building
    const store = await openStore(uri, { embedder: base })
    expect((await store.info()).cases).toBe(fixtureCases().length)
    store.close()
  })
})

describe('one writer at a time', () => {
  it('a second ingest while one is writing is refused with the lock file named, and the first completes', async () => {
    const uri = tmp()
    const base = new HashEmbedder()
    await indexCases(fixtureCases().slice(0, 3), { uri, provider: fixedProvider(base), ...quiet })
    const gated = new GatedEmbedder(base)
    const first = indexCases(fixtureCases(), { uri, provider: fixedProvider(gated), ...quiet })
    await gated.reached
    const err = await indexCases(fixtureCases().slice(0, 1), { uri, provider: fixedProvider(base), ...quiet }).catch((e) => e)
    expect(err).toBeInstanceOf(StoreBusyError)
    expect(err.message).toContain(`pid ${process.pid}`)
    expect(err.message).toContain(join(uri, LOCK_FILE))
    gated.release()
    await first
    const store = await openStore(uri, { embedder: base })
    expect((await store.info()).cases).toBe(fixtureCases().length)
    store.close()
    expect(existsSync(join(uri, LOCK_FILE))).toBe(false)
    // The lock went with the first writer: the next one runs.
    expect((await indexCases(fixtureCases(), { uri, provider: fixedProvider(base), ...quiet })).cases).toBe(fixtureCases().length)
  })

  it('takes over a lock left by a process of this host that is gone, and keeps one held elsewhere', async () => {
    const uri = tmp()
    const dead = spawnSync(process.execPath, ['-e', '']).pid!
    writeFileSync(join(uri, LOCK_FILE), JSON.stringify({ pid: dead, host: hostname(), since: '2026-01-01T00:00:00.000Z' }))
    const stats = await indexCases(fixtureCases(), { uri, provider: fixedProvider(new HashEmbedder()), ...quiet })
    expect(stats.added).toBe(fixtureCases().length)
    expect(existsSync(join(uri, LOCK_FILE))).toBe(false)

    writeFileSync(join(uri, LOCK_FILE), JSON.stringify({ pid: dead, host: 'another-host', since: '2026-01-01T00:00:00.000Z' }))
    const err = await indexCases(fixtureCases(), { uri, provider: fixedProvider(new HashEmbedder()), ...quiet }).catch((e) => e)
    expect(err).toBeInstanceOf(StoreBusyError)
    expect(err.message).toContain('on another-host')
  })
})
