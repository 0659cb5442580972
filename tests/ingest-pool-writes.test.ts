/**
 * Ingest sends its first reports to the workers while the main thread is still opening the store;
 * no case file may be written until the store is open, so that a command failing on a usage or
 * store error leaves none behind.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { WorkerPool } from '../ingest/corpus/pool.js'
import { ingestFile } from '../ingest/corpus/ingest-file.js'
import { LOCK_FILE } from '../ingest/index/lock.js'
import { synthCorpus } from '../ingest/synth/index.js'

const ROOT = resolve(import.meta.dirname, '..')

let tmp: string
let raw: string
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'casebook-pool-writes-'))
  raw = join(tmp, 'raw')
  mkdirSync(raw)
  for (const r of synthCorpus(6, 23)) writeFileSync(join(raw, r.name), r.bytes)
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const reports = () => readdirSync(raw).sort().map((n) => join(raw, n))

function cli(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['ingest/cli.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 }, (err, _stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr })
    })
  })
}

describe('a pool holding its writes', () => {
  it('makes the reports but writes no case file until allowed, then writes the ones it held', async () => {
    const [held, same] = reports()
    const cases = join(tmp, 'cases-held')
    // A report whose case file is already as it would be written needs no write: its outcome comes back while the other waits.
    await ingestFile(same, cases)
    const pool = new WorkerPool(1, { holdWrites: true })
    try {
      let settled = false
      const first = pool.run(held, cases).then((o) => ((settled = true), o))
      expect((await pool.run(same, cases)).status).toBe('unchanged')
      await new Promise((r) => setTimeout(r, 300))
      expect(settled).toBe(false)
      expect(readdirSync(cases)).toEqual([same.replace(/^.*\//, '').replace(/\.\w+$/, '.md')])
      pool.allowWrites()
      expect((await first).status).toBe('created')
      expect(readdirSync(cases)).toHaveLength(2)
    } finally {
      await pool.close()
    }
  }, 60_000)
})

describe('a staggered pool', () => {
  it('answers every report, held writes included, the first ones from the worker it started while the later one loads', async () => {
    const cases = join(tmp, 'cases-staggered')
    const pool = new WorkerPool(2, { holdWrites: true, stagger: true })
    try {
      const outcomes = reports().map((file) => pool.run(file, cases))
      // The first worker's first report starts the second, which takes the reports queued for it.
      await new Promise((r) => setTimeout(r, 300))
      pool.allowWrites()
      expect((await Promise.all(outcomes)).map((o) => o.status)).toEqual(reports().map(() => 'created'))
      expect(readdirSync(cases)).toHaveLength(reports().length)
    } finally {
      await pool.close()
    }
  }, 60_000)
})

describe('a worker given many reports at once', () => {
  it('sends the first outcomes back while it is still making the later reports', async () => {
    const dir = join(tmp, 'raw-many')
    mkdirSync(dir)
    for (const r of synthCorpus(80, 29)) writeFileSync(join(dir, r.name), r.bytes)
    const files = readdirSync(dir).sort().map((n) => join(dir, n))
    const cases = join(tmp, 'cases-many')
    const pool = new WorkerPool(1)
    try {
      let inPlace = -1
      const outcomes = files.map((file) => pool.run(file, cases))
      // Case files are renamed into place once synced, 32 at most together: made in one turn of
      // the worker's event loop, every report of the batch would be in before the first outcome.
      void outcomes[0].then(() => (inPlace = readdirSync(cases).filter((n) => n.endsWith('.md')).length))
      expect((await Promise.all(outcomes)).every((o) => o.status === 'created')).toBe(true)
      expect(inPlace).toBeGreaterThan(0)
      expect(inPlace).toBeLessThan(32)
    } finally {
      await pool.close()
    }
  }, 120_000)
})

describe('a pool asked for reports in one turn and in later ones', () => {
  it('answers each with its own outcome, a missing report failing alone under its own name', async () => {
    const cases = join(tmp, 'cases-batched')
    const missing = join(raw, 'no-such-report.txt')
    const pool = new WorkerPool(2)
    try {
      // Asked in one turn: sent to each worker together, answered together as their case files land.
      const [a, b, c, d, e, f] = reports()
      const first = [a, missing, b, c].map((file) => pool.run(file, cases))
      await new Promise((r) => setImmediate(r))
      const later = [d, e, f].map((file) => pool.run(file, cases))
      const outcomes = await Promise.all([...first, ...later])
      expect(outcomes.map((o) => o.file)).toEqual([a, missing, b, c, d, e, f])
      expect(outcomes.map((o) => o.status)).toEqual(['created', 'failed', 'created', 'created', 'created', 'created', 'created'])
      expect(outcomes[1].error).toContain(missing)
      expect(outcomes.filter((o) => o.case).map((o) => o.case!.id)).toEqual([a, b, c, d, e, f].map((file) => file.replace(/^.*\//, '').replace(/\.\w+$/, '')))
    } finally {
      await pool.close()
    }
  }, 60_000)
})

describe('casebook ingest with worker threads', () => {
  it('writes no case file when the store is held by another writer or the embedder is unknown', async () => {
    const db = join(tmp, 'db-busy')
    mkdirSync(db)
    // This test's own process: alive, so the lock is not taken over.
    writeFileSync(join(db, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }))
    const busy = join(tmp, 'cases-busy')
    const r = await cli('ingest', '--corpus', raw, '--cases', busy, '--db', db, '--embedder', 'lsa', '--workers', '2')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('another ingest')
    expect(existsSync(busy)).toBe(false)

    const usage = join(tmp, 'cases-usage')
    const u = await cli('ingest', '--corpus', raw, '--cases', usage, '--db', join(tmp, 'db-usage'), '--embedder', 'nonesuch', '--workers', '2')
    expect(u.code).toBe(2)
    expect(existsSync(usage)).toBe(false)
  }, 120_000)
})
