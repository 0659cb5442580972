/**
 * Worker threads for the raw → case part of ingest. Reading, cleaning, extracting and writing a
 * report is CPU work on one thread (~3 ms a report here); the index step (embedding, LanceDB)
 * runs on the main thread meanwhile, so on two cores the workers roughly double the rate. Once
 * the reports have streamed by, the same threads share the offline model's training products
 * (`kernels`), which would otherwise leave every core but one idle.
 */
// The pool starts first thing in an ingest, before this thread loads anything heavy: the offline
// model (jieba, OpenCC) and Arrow (passage-share), ~0.5 s of CPU, are imported only when pass two
// needs them, by which time the index step has loaded them anyway.
import { Worker } from 'node:worker_threads'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { availableParallelism } from 'node:os'
import type { IngestOutcome } from './ingest.js'
import type { KernelRunner, KernelTask } from '../embed/lsa-kernels.js'
import type { LsaHandover } from '../embed/lsa.js'
import type { CaseShare, ShareReply, ShareThreads } from '../index/passage-share.js'
import { caseId } from './case-id.js'

/** What a worker is asked: one report, one slice of a training product, the model to embed with, or a share to embed. */
export type WorkerTask =
  | { seq: number; file: string; cases: string }
  | { seq: number; kernel: KernelTask }
  | { seq: number; handover: LsaHandover }
  | { seq: number; share: CaseShare }
  | { allowWrites: true }

/** What a worker is started with (`workerData`). */
export interface WorkerStart {
  /** Case files wait for an `allowWrites` message: the reports are made, their files not yet written. */
  holdWrites: boolean
}

/**
 * Reports are sent and their outcomes answered in arrays: the tasks the main thread asks for in
 * one turn of its event loop, the outcomes a worker settles in one of its own (a group of case
 * files lands when their fsyncs return). One message each cost a wake-up of the receiving thread
 * and a (de)serialization apiece, 3,000 of each way per 3,000 reports.
 */
export type WorkerMessage = WorkerTask | WorkerTask[]

/** A worker's answer (`made`: its first report is made, its case file about to be written): the report's outcome, `kernel` done (its output is in shared memory), the model loaded, a share's rows, or why a task failed. */
export type WorkerReply =
  | { seq: number; outcome: IngestOutcome }
  | { seq: number; kernel: true }
  | { seq: number; loaded: true }
  | { seq: number; share: ShareReply }
  | { seq: number; error: string }
  | { made: true }

interface Pending {
  resolve: (reply: WorkerReply) => void
  /** Settles the task when its worker dies. */
  fail: (why: string) => void
}

interface Slot {
  /** Null until the worker is started (see `stagger`): its tasks wait in `backlog`. */
  worker: Worker | null
  pending: Map<number, Pending>
  backlog: { message: WorkerMessage; transfer: ArrayBuffer[] }[]
  /** Reports asked for in this turn of the event loop, sent together at its end (see WorkerMessage). */
  outbox: WorkerTask[]
}

/** Reports per worker below which a worker's start (~1 s of module loading) costs more than it saves. */
const REPORTS_PER_WORKER = 100

/** One worker per core for a corpus large enough to pay for them; none for a few reports. */
export function defaultWorkers(reports: number): number {
  return Math.min(availableParallelism(), Math.floor(reports / REPORTS_PER_WORKER))
}

/** Set by the CLI's launcher (ingest/cli.mjs) to the worker entry of the bundle it runs. */
const BUNDLED_WORKER = Symbol.for('casebook.ingest-worker')

/**
 * How a worker is started. The CLI's bundle carries the worker as an entry of its own. Compiled
 * output imports worker.js. Otherwise, from source (tests, benches run through tsx) the worker
 * and everything it imports are bundled by esbuild (tsx's own compiler) into one plain module
 * under .cache/, named by its content: a worker that loads it needs no loader hooks, which cost
 * each thread ~1 s of CPU at start (a hook thread resolving and translating every module). Where
 * .cache/ cannot be written the worker boots through tsx.
 */
async function workerStarter(): Promise<(workerData: WorkerStart) => Worker> {
  const prebuilt = (globalThis as { [BUNDLED_WORKER]?: URL })[BUNDLED_WORKER]
  if (prebuilt) return (workerData) => new Worker(prebuilt, { workerData })
  if (!import.meta.url.endsWith('.ts')) return (workerData) => new Worker(new URL('./worker.js', import.meta.url), { workerData })
  const source = new URL('./worker.ts', import.meta.url)
  try {
    const bundle = await bundled(source)
    return (workerData) => new Worker(bundle, { workerData })
  } catch {
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}) })`
    return (workerData) => new Worker(boot, { eval: true, workerData })
  }
}

async function bundled(source: URL): Promise<URL> {
  const { build } = await import('esbuild')
  // Packages stay imports: the bundle sits in the repository, so they resolve from its node_modules.
  const out = await build({ entryPoints: [fileURLToPath(source)], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent' })
  const code = out.outputFiles[0].contents
  const dir = fileURLToPath(new URL('../../.cache/', import.meta.url))
  const file = join(dir, `ingest-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`)
  if (!existsSync(file)) {
    // Written aside and renamed: another ingest starting at the same moment never imports half a file.
    await mkdir(dir, { recursive: true })
    const part = `${file}.${process.pid}.part`
    await writeFile(part, code)
    await rename(part, file)
  }
  return pathToFileURL(file)
}

export interface PoolOptions {
  /**
   * Reports are read, cleaned and extracted at once, but no case file is written until
   * `allowWrites()`: ingest sends the first reports while it loads LanceDB and opens the store,
   * and a command that then fails on a usage or store error has written nothing.
   */
  holdWrites?: boolean
  /**
   * Start one worker, and the others once it has made its first report (or failed). On two
   * cores, two workers and the main thread loading their modules at once each got a third of the
   * machine: one worker alone reached its first report sooner than either of two. Tasks for a
   * worker not yet started wait for it.
   */
  stagger?: boolean
}

export class WorkerPool {
  private slots: Slot[] = []
  private seq = 0
  private start: (workerData: WorkerStart) => Worker = () => {
    throw new Error('ingest worker pool: not ready')
  }
  /** Settles once the workers are started; tasks wait for it, the caller need not. */
  private readonly ready: Promise<void>
  private closing: Promise<void> | null = null
  private holdWrites: boolean

  constructor(
    readonly size: number,
    opts: PoolOptions = {},
  ) {
    this.holdWrites = opts.holdWrites ?? false
    this.ready = workerStarter().then((start) => {
      this.start = start
      for (let i = 0; i < size; i++) this.slots.push({ worker: null, pending: new Map(), backlog: [], outbox: [] })
      const later = opts.stagger ? this.slots.slice(1) : []
      let started = false
      const startLater = () => {
        if (started) return
        started = true
        for (const slot of later) if (this.slots.includes(slot)) this.spawn(slot)
      }
      for (const slot of this.slots) if (!later.includes(slot)) this.spawn(slot, startLater)
      if (!later.length) startLater()
    })
  }

  /** Lets the workers write the case files they hold and every later one (see `holdWrites`). */
  allowWrites(): void {
    if (!this.holdWrites) return
    this.holdWrites = false
    void this.ready.then(() => {
      // A worker started later is told by its workerData.
      for (const slot of this.slots) slot.worker?.postMessage({ allowWrites: true } satisfies WorkerTask)
    })
  }

  /** Starts the slot's worker and hands it the tasks that waited; `answered` on its first reply or failure. */
  private spawn(slot: Slot, answered = () => {}): void {
    const worker = this.start({ holdWrites: this.holdWrites })
    slot.worker = worker
    worker.on('message', (message: WorkerReply | WorkerReply[]) => {
      answered()
      for (const reply of Array.isArray(message) ? message : [message]) {
        if ('made' in reply) continue
        const p = slot.pending.get(reply.seq)
        slot.pending.delete(reply.seq)
        p?.resolve(reply)
      }
    })
    // A worker that dies fails the tasks it held, naming each, and is replaced.
    const fail = (why: string) => {
      answered()
      for (const [, p] of slot.pending) p.fail(why)
      slot.pending.clear()
      const at = this.slots.indexOf(slot)
      if (at < 0) return
      const fresh: Slot = { worker: null, pending: new Map(), backlog: [], outbox: [] }
      this.slots[at] = fresh
      this.spawn(fresh)
    }
    worker.on('error', (e) => fail(e.message))
    worker.on('exit', (code) => {
      if (code !== 0 && this.slots.includes(slot)) fail(`ingest worker exited with code ${code}`)
    })
    for (const { message, transfer } of slot.backlog.splice(0)) worker.postMessage(message, transfer)
  }

  private post(slot: Slot, message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
    if (slot.worker) slot.worker.postMessage(message, transfer)
    else slot.backlog.push({ message, transfer })
  }

  /** A report task, sent with the others asked of this slot in the same turn of the event loop. */
  private postReport(slot: Slot, task: WorkerTask): void {
    slot.outbox.push(task)
    // A slot replaced meanwhile (its worker died) has failed these tasks already; the message is lost with it.
    if (slot.outbox.length === 1) setImmediate(() => this.post(slot, slot.outbox.splice(0)))
  }

  /** The report's outcome, from the least busy worker. */
  async run(file: string, cases: string): Promise<IngestOutcome> {
    await this.ready
    const slot = this.leastBusy()
    const seq = this.seq++
    return new Promise((resolve) => {
      const fail = (why: string) => resolve({ file, id: caseId(file), status: 'failed', error: `${file}: internal error (${why})`, ms: {} })
      slot.pending.set(seq, { resolve: (reply) => ('outcome' in reply ? resolve(reply.outcome) : fail('unexpected reply')), fail })
      this.postReport(slot, { seq, file, cases })
    })
  }

  /** Kernel tasks, one worker each in turn: the threads the LSA training's products are split over. */
  get kernels(): KernelRunner {
    return {
      parts: this.size,
      run: async (tasks) => {
        await this.ready
        await Promise.all(tasks.map((kernel, i) => this.ask(this.slots[i % this.slots.length], { seq: this.seq++, kernel }, 'lsa training')))
      },
    }
  }

  /**
   * The workers as pass two's threads (index/passage-share.ts): each is handed the fresh model
   * once, then shares go to the least busy. Only the offline model crosses threads; `load` says
   * false for any other embedder, which the writer then keeps.
   */
  get shares(): ShareThreads {
    return {
      parts: this.size,
      load: async (embedder) => {
        const { lsaHandover } = await import('../embed/lsa.js')
        const handover = lsaHandover(embedder)
        if (!handover) return false
        await this.ready
        await Promise.all(this.slots.map((slot) => this.ask(slot, { seq: this.seq++, handover }, 'passage rows')))
        return true
      },
      rows: async (share) => {
        await this.ready
        const reply = await this.ask(this.leastBusy(), { seq: this.seq++, share }, 'passage rows', [share.json.buffer as ArrayBuffer])
        if (!('share' in reply)) throw new Error('passage rows: unexpected reply from a worker thread')
        const { fromReply } = await import('../index/passage-share.js')
        return fromReply(reply.share)
      },
    }
  }

  /**
   * A worker not yet started (see `stagger`) is given reports only once it runs: the stream reads
   * outcomes in order, so half the first window sent to it waited for its start (~1 s of loading)
   * while the started worker finished its half and ran dry. Refills go to it from its start on.
   */
  private leastBusy(): Slot {
    const started = this.slots.filter((s) => s.worker)
    return (started.length ? started : this.slots).reduce((a, b) => (b.pending.size < a.pending.size ? b : a))
  }

  /** One task to one worker; rejects, naming `what` the task was for, when the worker fails it or dies. */
  private ask(slot: Slot, task: Extract<WorkerTask, { seq: number }>, what: string, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      const fail = (why: string) => reject(new Error(`${what}: worker thread failed (${why})`))
      slot.pending.set(task.seq, { resolve: (reply) => ('error' in reply ? fail(reply.error) : resolve(reply)), fail })
      this.post(slot, task, transfer)
    })
  }

  /** Stops the workers; a second call waits for the first's (ingest closes the pool once pass two is done, and again at the end). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.ready
      const slots = this.slots
      this.slots = []
      await Promise.all(slots.map((s) => s.worker?.terminate()))
    })()
    return this.closing
  }
}
