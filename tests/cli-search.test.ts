import { describe, it, expect, beforeAll } from 'vitest'
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { indexCases } from '../ingest/index/write.js'
import { fixedProvider } from '../ingest/index/embedders.js'
import { fixtureCases } from './helpers/cases.js'
import { HashEmbedder } from './helpers/embedder.js'

const ROOT = join(import.meta.dirname, '..')
const SEEDS = new URL('./fixtures/seeds', import.meta.url).pathname

/** Runs the CLI without blocking the test worker (a blocked worker misses vitest's heartbeats). */
function casebook(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'ingest/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, LANCEDB_URI: '' } })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

async function json<T = { id: string; title: string; score: number; snippet: string }[]>(args: string[]): Promise<T> {
  const r = await casebook(...args)
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as T
}

describe('casebook search / similar / show on the seed reports', () => {
  let db: string
  let cases: string
  const search = (...args: string[]) => json(['search', '--db', db, '--json', ...args])
  const top = async (q: string) => (await search(q))[0]?.id

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-cli-'))
    cpSync(SEEDS, join(dir, 'raw'), { recursive: true, filter: (p) => !p.endsWith('.json') })
    db = join(dir, 'db')
    cases = join(dir, 'cases')
    const r = await casebook('ingest', '--corpus', join(dir, 'raw'), '--cases', cases, '--db', db)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/index: 5 case\(s\).*5 added.*5 embedded with lsa/)
    expect(r.stderr).toMatch(/using the offline lsa embedder/)
  })

  it('re-running ingest on the same reports embeds nothing', async () => {
    const r = await casebook('ingest', '--corpus', join(db, '..', 'raw'), '--cases', cases, '--db', db)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/0 embedded/)
  })

  it('prints a JSON array best first with id, title, score and a marked snippet', async () => {
    const hits = await search('网格')
    expect(hits.length).toBeGreaterThan(1)
    for (const h of hits) {
      expect(Object.keys(h)).toEqual(expect.arrayContaining(['id', 'title', 'score', 'snippet']))
      expect(typeof h.title).toBe('string')
    }
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a))
    expect(hits[0].snippet).toMatch(/«(网格|網格)»/)
  })

  it.each([
    ['five-in-one', '003_94610c8b7224c873'],
    ['Five In One', '003_94610c8b7224c873'],
    ['Red Dong-li', '002_33ffca132d01dce9'],
    ['red dongli', '002_33ffca132d01dce9'],
    ['RED DONG LI', '002_33ffca132d01dce9'],
  ])('the English query %j finds %s through the glossary', async (q, id) => {
    expect(await top(q)).toBe(id)
  })

  it.each([
    ['红栋力', '紅棟力', '002_33ffca132d01dce9'],
    ['红‘栋’力', '“紅‘棟’力”', '002_33ffca132d01dce9'],
    ['五位一体', '五位一體', '003_94610c8b7224c873'],
    ['自办物业', '自辦物業', '001_b2edf34b0e9d06d0'],
  ])('%s and %s return the same top case', async (simp, trad, id) => {
    expect(await top(simp)).toBe(id)
    expect(await top(trad)).toBe(id)
  })

  it('two-character queries answer', async () => {
    expect((await search('物业')).length).toBeGreaterThanOrEqual(3)
    expect((await search('网格')).map((h) => h.id)).toEqual(expect.arrayContaining(['003_94610c8b7224c873', '004_3e2173ad1c9cf50d']))
  })

  it('--limit and --filter narrow the results', async () => {
    expect(await search('--limit', '2', '小区')).toHaveLength(2)
    const fj = await json<{ id: string; place: { province: string | null } }[]>(['search', '--db', db, '--json', '--filter', 'province=福建', '小区'])
    expect(fj.length).toBeGreaterThan(0)
    for (const h of fj) expect(h.place.province).toMatch(/^福建/)
    expect(await search('--filter', "province=' OR 1=1 --", '小区')).toEqual([])
    expect((await search('--filter', 'year=2024', '--filter', 'year=2023', '小区')).map((h) => h.id).sort()).toEqual(['001_b2edf34b0e9d06d0', '002_33ffca132d01dce9'])
  })

  it('a 10,000-character query is truncated and answers', async () => {
    expect((await search('小区治理'.repeat(2500))).length).toBeGreaterThan(0)
  })

  it.each([[''], ['   ']])('an empty query %j is a usage error', async (q) => {
    const r = await casebook('search', '--db', db, '--json', q)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^casebook: empty query/)
  })

  it('bad --filter and --limit are usage errors', async () => {
    expect(await casebook('search', '--db', db, '--json', '--filter', 'colour=red', '小区')).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown filter field "colour"/) })
    expect(await casebook('search', '--db', db, '--json', '--filter', 'province', '小区')).toMatchObject({ code: 2, stderr: expect.stringMatching(/field=value/) })
    expect(await casebook('search', '--db', db, '--json', '--limit', 'ten', '小区')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--limit/) })
  })

  it('a missing store says to run ingest', async () => {
    const missing = join(tmpdir(), 'casebook-no-such-store')
    const r = await casebook('search', '--db', missing, '--json', '小区')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`casebook: no store at ${missing} — run npm run ingest first\n`)
  })

  it('show --json prints the stored Case; an unknown id is a clear error', async () => {
    const c = await json<{ id: string; body: string; models: string[] }>(['show', '--db', db, '--json', '002_33ffca132d01dce9'])
    expect(c.id).toBe('002_33ffca132d01dce9')
    expect(c.body).toContain('栗塘社區')
    const r = await casebook('show', '--db', db, '--json', 'nope')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('casebook: no case with id "nope" in the store\n')
  })

  it('similar --json lists other cases with reasons; --like takes a description', async () => {
    const hits = await json<{ id: string; reasons: { kind: string; value: string }[] }[]>(['similar', '--db', db, '--json', '003_94610c8b7224c873'])
    expect(hits.length).toBeGreaterThan(0)
    expect(hits.map((h) => h.id)).not.toContain('003_94610c8b7224c873')
    expect(hits[0].reasons.length).toBeGreaterThan(0)
    const like = await json<{ id: string; reasons: { kind: string; value: string }[] }[]>(['similar', '--db', db, '--json', '--like', '老旧小区，没有物业公司，居民老龄化，停车难，约200户'])
    expect(like.length).toBeGreaterThan(0)
    expect(like[0].reasons.map((r) => r.kind)).toContain('problem')
    expect(await casebook('similar', '--db', db, '--json', 'nope')).toMatchObject({ code: 2, stderr: 'casebook: no case with id "nope" in the store\n' })
  })

})

describe('a store built by another embedder', () => {
  it('is refused with a message naming both', async () => {
    const db = mkdtempSync(join(tmpdir(), 'casebook-cli-other-'))
    await indexCases(fixtureCases(), { uri: db, provider: fixedProvider(new HashEmbedder()), log: () => {} })
    const r = await casebook('search', '--db', db, '--json', '小区')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^casebook: store at .* was built by test-hash \(hash-bigram-64-1, 64-d\), but this search uses the embedders this casebook has \(transformers, lsa\)/)
  })
})
