import { describe, expect, it, beforeEach, afterEach } from 'vitest'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ingestFile, ingestReports, listReports, readCase, runIngest, writeCase, type IngestOutcome } from '../ingest/corpus/index.js'
import { synthCorpus } from '../ingest/synth/index.js'
import { StageTimes } from '../ingest/timings.js'

const SEED = new URL('./fixtures/seeds/001_b2edf34b0e9d06d0.txt', import.meta.url).pathname
let raw: string
let cases: string
beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-ingest-'))
  raw = join(dir, 'raw')
  cases = join(dir, 'cases')
  mkdirSync(raw)
})
afterEach(() => rmSync(join(raw, '..'), { recursive: true, force: true }))

describe('runIngest', () => {
  it('refuses a second report with the same id, skips dotfiles, returns the stored cases', async () => {
    copyFileSync(SEED, join(raw, 'report.txt'))
    writeFileSync(join(raw, 'report.md'), '# 另一份\n\n同名的另一份报告，社区居民满意度达到90%。\n')
    writeFileSync(join(raw, '.DS_Store'), new Uint8Array([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]))
    const seen: string[] = []
    const report = await runIngest({ corpus: raw, cases }, (r) => seen.push(`${r.id}:${r.status}`))
    // Files go in name order: report.md first, so report.txt is the duplicate.
    expect(seen).toEqual(['report:created', 'report:failed'])
    expect(report.results[1].error).toBe(`${join(raw, 'report.txt')}: duplicate case id "report" (also from ${join(raw, 'report.md')})`)
    expect(report.counts).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 1 })
    expect(report.cases.map((c) => c.id)).toEqual(['report'])
    expect(readdirSync(cases)).toEqual(['report.md'])
  })
})

describe('ingestFile with a locked body', () => {
  it('keeps the hand-corrected body and extracts from it, so every span points into it', async () => {
    const file = join(raw, 'lvliang.txt')
    copyFileSync(SEED, file)
    const first = await ingestFile(file, cases)
    expect(first.status).toBe('created')
    const stored = readCase(join(cases, 'lvliang.md'))
    const added = '补记：社区争取财政资金50万元用于小区改造。'
    const body = `${stored.body}\n\n${added}`
    writeCase(cases, { ...stored, body, locked: ['body'] })
    const again = await ingestFile(file, cases)
    expect(again.status).toBe('updated')
    const c = readCase(join(cases, 'lvliang.md'))
    expect(c.body).toBe(body)
    expect(c.locked).toEqual(['body'])
    expect(c.funding.some((f) => f.quote.includes('50万元') && f.amountWan === 50)).toBe(true)
    const all = [...Object.values(c.evidence), ...c.funding, ...c.fundingMix, ...c.outcomes, ...c.problems, ...c.mechanisms, ...c.actors]
    for (const e of all) expect(c.body.slice(e.span[0], e.span[1])).toBe(e.quote)
    expect((await ingestFile(file, cases)).status).toBe('unchanged')
    expect(readFileSync(join(cases, 'lvliang.md'), 'utf8')).toContain(added)
  })
})

describe('ingestReports', () => {
  async function collect(files: string[], dir: string, workers: number, times: StageTimes): Promise<IngestOutcome[]> {
    const out: IngestOutcome[] = []
    for await (const o of ingestReports(files, { cases: dir, workers, times })) out.push(o)
    return out
  }

  it('gives the same outcomes, in input order, with worker threads as on one thread, and adds up the stage times', async () => {
    copyFileSync(SEED, join(raw, 'a-seed.txt'))
    for (const r of synthCorpus(4, 3)) writeFileSync(join(raw, r.name), r.bytes)
    writeFileSync(join(raw, 'b-empty.txt'), '')
    const files = listReports(raw)
    const one = new StageTimes()
    const two = new StageTimes()
    const inline = await collect(files, join(cases, 'one'), 0, one)
    const pooled = await collect(files, join(cases, 'two'), 2, two)
    expect(pooled.map((o) => [o.file, o.status, o.error])).toEqual(inline.map((o) => [o.file, o.status, o.error]))
    expect(pooled.map((o) => o.status)).toEqual(['created', 'failed', ...Array(4).fill('created')])
    expect(pooled.map((o) => o.case)).toEqual(inline.map((o) => o.case))
    for (const name of readdirSync(join(cases, 'one'))) {
      expect(readFileSync(join(cases, 'two', name), 'utf8')).toBe(readFileSync(join(cases, 'one', name), 'utf8'))
    }
    for (const stage of ['read', 'clean', 'extract', 'write'] as const) expect(two.ms[stage]).toBeGreaterThan(0)
  })
})
