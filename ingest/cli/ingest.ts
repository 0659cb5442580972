/**
 * Only light modules are imported up front: the worker threads start first thing, and load the
 * pipeline while this thread loads LanceDB and the embedder (below, by `import()`); the main
 * thread never loads the pipeline itself when workers run.
 */
import { existsSync, statSync } from 'node:fs'
import { ingestReports, listReports, type IngestStatus } from '../corpus/ingest.js'
import { caseFileNames } from '../corpus/case-id.js'
import { defaultWorkers, WorkerPool } from '../corpus/pool.js'
import type { Case } from '../schema.js'
import { parse, reportFailure, usageError, UsageError } from './args.js'
import { oneLine } from '../text/one-line.js'
import type { IndexPhase, IndexStats } from '../index/write.js'
import { StageTimes, STAGES, type StageSeconds } from '../timings.js'

const USAGE = 'usage: casebook ingest [--corpus DIR] [--cases DIR] [--db DIR] [--embedder NAME] [--workers N] [--json]'

export const INGEST_OPTIONS = {
  corpus: { type: 'string', default: 'corpus/raw' },
  cases: { type: 'string', default: 'corpus/cases' },
  db: { type: 'string' },
  embedder: { type: 'string' },
  workers: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const

/** What `ingest --json` prints: the run's counts, what the index step did, and where the time went. */
export interface IngestSummary {
  corpus: string
  cases: string
  reports: number
  counts: Record<IngestStatus, number>
  index: IndexStats
  workers: number
  /** Wall seconds for the whole run, and per stage (read … write summed over the workers). */
  seconds: StageSeconds & { total: number }
  /**
   * When each part of the run ended, in seconds since the process started: where the wall time
   * goes (stage seconds are busy time, summed over threads). `trained` and `embedded` are null
   * when this run trained no model.
   */
  timeline: Timeline
  reportsPerSecond: number
}

export interface Timeline {
  /** The store opened and the stream first read: case files are written from then on. */
  storeOpen: number
  /** The first report's outcome reached this thread: module loading and worker start before it. */
  firstReport: number | null
  /** The last case streamed by (every case file written). */
  streamed: number
  /** The offline model trained, about to embed every passage. */
  trained: number | null
  /** Every passage embedded and written, about to build the indexes. */
  embedded: number | null
  /** The indexes built and the build's pointer written. */
  indexed: number
}

/** Seconds since the process started (performance's time origin), to the hundredth. */
const sinceStart = () => Math.round(performance.now() / 10) / 100

export function summaryLine(s: Pick<IngestSummary, 'reports' | 'counts' | 'corpus' | 'cases'>): string {
  const c = s.counts
  return `ingest: ${s.reports} report(s) from ${s.corpus} → ${s.cases}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} failed`
}

export function timingLine(s: Pick<IngestSummary, 'seconds' | 'reportsPerSecond' | 'workers'>): string {
  const stages = STAGES.map((stage) => `${stage} ${s.seconds[stage].toFixed(1)} s`).join(', ')
  const workers = s.workers > 0 ? ` (read … write summed over ${s.workers} worker thread${s.workers > 1 ? 's' : ''})` : ''
  return `time: ${s.seconds.total.toFixed(1)} s, ${s.reportsPerSecond.toFixed(0)} reports/s; ${stages}${workers}`
}

/** --workers N, or null for the default (defaultWorkers). */
function workerCount(raw: string | undefined): number | null {
  if (raw === undefined) return null
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--workers needs a whole number (0: no worker threads), got "${raw}"`)
  return n
}

/**
 * Raw reports → case files → the store, as one stream: each case goes to its file and to the
 * index batch as soon as it is made. A summary on stdout (JSON with --json); progress on a
 * terminal; failures one line each on stderr.
 */
export async function run(argv: string[]): Promise<number> {
  let args
  let requested
  try {
    args = parse(argv, INGEST_OPTIONS, false)
    requested = workerCount(args.values.workers)
  } catch (e) {
    if (e instanceof UsageError) return usageError(`${e.message}\n${USAGE}`)
    throw e
  }
  const { corpus, cases, json } = args.values
  if (!existsSync(corpus) || !statSync(corpus).isDirectory()) {
    reportFailure(`${corpus}: no such directory (the raw reports to ingest)`)
    return 1
  }
  const files = listReports(corpus)
  const workers = requested ?? defaultWorkers(files.length)
  // The workers start on the first reports at once (the second once the first has made one);
  // their case files wait for the store (below).
  const pool = workers > 0 ? new WorkerPool(workers, { holdWrites: true, stagger: true }) : null
  try {
    return await ingest(files, { corpus, cases, json, db: args.values.db, embedder: args.values.embedder }, pool)
  } finally {
    await pool?.close()
  }
}

async function ingest(
  files: string[],
  opts: { corpus: string; cases: string; json: boolean; db?: string; embedder?: string },
  pool: WorkerPool | null,
): Promise<number> {
  // With a pool, the first window of reports is sent now: the workers read, clean and extract
  // while this thread loads LanceDB and opens the store.
  const times = new StageTimes()
  const outcomes = ingestReports(files, { cases: opts.cases, workers: 0, pool: pool ?? undefined, times })
  const [{ startProgress }, { indexSummary, openIndexStep }, { parseEmbedderKind }] = await Promise.all([
    import('./progress.js'),
    import('../index/step.js'),
    import('../index/providers.js'),
  ])
  try {
    parseEmbedderKind(opts.embedder)
  } catch (e) {
    if (e instanceof UsageError) return usageError(`${e.message}\n${USAGE}`)
    throw e
  }
  const { corpus, cases, json } = opts
  const counts: Record<IngestStatus, number> = { created: 0, updated: 0, unchanged: 0, failed: 0 }
  const progress = startProgress(files.length)
  const step = await openIndexStep({ cases, db: opts.db, embedder: opts.embedder, log: (line) => progress.log(line), threads: pool?.kernels, shares: pool?.shares })

  const timeline: Timeline = { storeOpen: 0, firstReport: null, streamed: 0, trained: null, embedded: null, indexed: 0 }
  const onPhase = (p: IndexPhase) => {
    if (p.name === 'embed' && timeline.trained === null) timeline.trained = sinceStart()
    if (p.name === 'indexes') timeline.embedded = timeline.trained === null ? null : sinceStart()
    // Nothing after the passages needs the workers: each thread's teardown (its heap, the model's
    // memory) then runs beside LanceDB's index builds instead of after them. Awaited at the end.
    if (p.name === 'indexes') pool?.close().catch(() => {})
    progress.phase(p)
  }

  async function* stream(): AsyncGenerator<Case> {
    // The index step reads its source only once the store is open and its lock held: a usage or
    // store error before that leaves no case file written by this command.
    timeline.storeOpen = sinceStart()
    pool?.allowWrites()
    const streamed = new Set<string>()
    for await (const outcome of outcomes) {
      timeline.firstReport ??= sinceStart()
      counts[outcome.status]++
      if (outcome.error) progress.log(`casebook: ${oneLine(outcome.error)}`)
      progress.tick()
      if (outcome.case) {
        streamed.add(outcome.id)
        yield outcome.case
      }
    }
    // Case files this run did not make (their report failed, or is gone) stay in the store. Their
    // parser (unified, remark, yaml: ~0.4 s of CPU to load) only when there are any.
    if (caseFileNames(cases).some((name) => !streamed.has(name.slice(0, -3)))) {
      const { eachCase } = await import('../corpus/files.js')
      yield* eachCase(cases, (err) => progress.log(`casebook: ${oneLine(err.message)}`), streamed)
    }
    timeline.streamed = sinceStart()
  }

  let index: IndexStats
  try {
    index = await step.run(stream(), { times, onPhase })
    timeline.indexed = sinceStart()
  } finally {
    progress.stop()
  }
  // Since the process started (performance's time origin): module loading counts too.
  const total = performance.now() / 1000
  const summary: IngestSummary = {
    corpus, cases, reports: files.length, counts, index, workers: pool?.size ?? 0,
    seconds: { ...times.seconds(), total: Math.round(total * 10) / 10 },
    timeline,
    reportsPerSecond: Math.round((files.length / total) * 10) / 10,
  }
  if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
  else process.stdout.write(`${summaryLine(summary)}\n${indexSummary(index)}\n${timingLine(summary)}\n`)
  return counts.failed > 0 || index.failed.length > 0 ? 1 : 0
}
