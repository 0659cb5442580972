/**
 * Raw reports → case files as a stream. This module does not load the pipeline (read, clean,
 * extract): with worker threads the main thread never runs it, and its start-up is ~1 s of CPU.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Case } from '../schema.js'
import { StageTimes, type Stage } from '../timings.js'
import type { WriteStatus } from './files.js'
import { caseId } from './case-id.js'
import { WorkerPool } from './pool.js'

export interface IngestOptions {
  /** Directory of raw reports. */
  corpus: string
  /** Directory of case files. */
  cases: string
}

export interface StreamOptions {
  /** Directory of case files. */
  cases: string
  /**
   * Worker threads that read, clean, extract and write (default: one per core). 0 does it all on
   * the calling thread. Results come back in input order whatever the count.
   */
  workers: number
  /** A pool the caller started (and closes) instead of `workers` new threads: ingest starts it first thing. */
  pool?: WorkerPool
  /** Where the read, clean, extract and write stages add their time. */
  times: StageTimes
}

export type IngestStatus = WriteStatus | 'failed'

export interface IngestResult {
  file: string
  id: string
  status: IngestStatus
  /** One line, "FILE: problem", when the file failed. */
  error?: string
}

/** One report's result, with the case as stored when it did not fail. */
export interface IngestOutcome extends IngestResult {
  case?: Case
  /** Milliseconds per stage spent on this report. */
  ms: Partial<Record<Stage, number>>
}

export interface IngestReport {
  results: IngestResult[]
  /** The cases as stored after this run (written or unchanged), sorted by id: what an index takes next. */
  cases: Case[]
  counts: Record<IngestStatus, number>
}

/** Raw report files of a directory, sorted; dotfiles (editor and OS litter) are not reports. */
export function listReports(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort()
    .map((n) => join(dir, n))
}

/**
 * Reports in flight per worker. The window refills only when the index step takes the next
 * outcome, and it stops taking them while it writes a batch to LanceDB: with 8 a worker ran dry
 * within ~50 ms of a write starting and waited for it to end (at 160k reports of the 1M run the
 * workers were busy a quarter of the time and the main thread two thirds, at the highest CPU
 * priority, so the stream waited on itself, not on the machine).
 * 64 keeps them working through a write; 128 cases in memory at most. 20,000 synth reports end to
 * end, alternating: 195 and 174 reports/s with 8, 246 and 222 with 64.
 */
const IN_FLIGHT = 64

/**
 * Raw reports → case files, as a stream of outcomes in input order: at most a few reports per
 * worker are in flight, so memory does not grow with the corpus. A second report with an id
 * already seen fails without being read. With a pool of the caller's, the first window is sent
 * at once, before the stream is read: ingest's workers start on it while the main thread opens
 * the store (the pool holds their case files until then).
 */
export function ingestReports(files: Iterable<string>, opts: StreamOptions): AsyncGenerator<IngestOutcome> {
  const own = !opts.pool && opts.workers > 0 ? new WorkerPool(opts.workers) : null
  const pool = opts.pool ?? own
  const workers = pool ? pool.size : 0
  const seen = new Map<string, string>()
  const queue: Promise<IngestOutcome>[] = []
  const window = IN_FLIGHT * Math.max(1, workers)
  const it = files[Symbol.iterator]()
  let done = false
  const fill = (run: (file: string) => Promise<IngestOutcome>) => {
    while (!done && queue.length < window) {
      const next = it.next()
      if (next.done) {
        done = true
        break
      }
      const file = next.value
      const id = caseId(file)
      const first = seen.get(id)
      if (first !== undefined) {
        queue.push(Promise.resolve({ file, id, status: 'failed', error: `${file}: duplicate case id "${id}" (also from ${first})`, ms: {} }))
      } else {
        seen.set(id, file)
        queue.push(run(file))
      }
    }
  }
  const pooled = pool && ((file: string) => pool.run(file, opts.cases))
  // Only a caller's pool gets reports before the stream is read: one of our own is closed by the stream.
  if (opts.pool) fill(pooled!)
  return (async function* () {
    const inline = pooled ? null : await import('./ingest-file.js')
    const run = pooled ?? ((file: string) => inline!.ingestOutcome(file, opts.cases))
    try {
      while (!done || queue.length) {
        fill(run)
        if (!queue.length) break
        const outcome = await queue.shift()!
        opts.times.add(outcome.ms)
        yield outcome
      }
    } finally {
      await own?.close()
    }
  })()
}

/** Every report of a directory at once, cases kept in memory: for small corpora (tests, uploads). */
export async function runIngest(opts: IngestOptions, onResult?: (r: IngestResult) => void): Promise<IngestReport> {
  const results: IngestResult[] = []
  const cases: Case[] = []
  for await (const { case: c, ms: _ms, ...result } of ingestReports(listReports(opts.corpus), { cases: opts.cases, workers: 0, times: new StageTimes() })) {
    results.push(result)
    if (c) cases.push(c)
    onResult?.(result)
  }
  const counts: Record<IngestStatus, number> = { created: 0, updated: 0, unchanged: 0, failed: 0 }
  for (const r of results) counts[r.status]++
  cases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { results, cases, counts }
}
