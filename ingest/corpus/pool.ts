/**
 * Worker threads for the raw → case part of ingest. Reading, cleaning, extracting and writing a
 * report is CPU work on one thread (~3 ms a report here); the index step (embedding, LanceDB)
 * runs on the main thread meanwhile, so on two cores the workers roughly double the rate. Once
 * the reports have streamed by, the same threads share the offline model's training products
 * (`kernels`), which would otherwise leave every core but one idle.
 */
import { Worker } from 'node:worker_threads'
import { availableParallelism } from 'node:os'
import type { IngestOutcome } from './ingest.js'
import type { KernelRunner, KernelTask } from '../embed/lsa-kernels.js'
import { caseId } from './case-id.js'

/** What a worker is asked: one report, or one slice of a training product. */
export type WorkerTask = { seq: number; file: string; cases: string } | { seq: number; kernel: KernelTask }

/** A worker's answer: the report's outcome, or `kernel` done (its output is in shared memory). */
export type WorkerReply = { seq: number; outcome: IngestOutcome } | { seq: number; kernel: true }

interface Pending {
  resolve: (reply: WorkerReply) => void
  /** Settles the task when its worker dies. */
  fail: (why: string) => void
}

interface Slot {
  worker: Worker
  pending: Map<number, Pending>
}

/** Reports per worker below which a worker's start (~1 s of module loading) costs more than it saves. */
const REPORTS_PER_WORKER = 100

/** One worker per core for a corpus large enough to pay for them; none for a few reports. */
export function defaultWorkers(reports: number): number {
  return Math.min(availableParallelism(), Math.floor(reports / REPORTS_PER_WORKER))
}

/**
 * Source files run through tsx (the CLI, tests, benches): a worker registers tsx's loader before
 * importing the TypeScript entry. Compiled output would import it directly.
 */
function start(): Worker {
  const entry = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href
  if (!entry.endsWith('.ts')) return new Worker(new URL(entry))
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(boot, { eval: true })
}

export class WorkerPool {
  private slots: Slot[] = []
  private seq = 0

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn())
  }

  private spawn(): Slot {
    const slot: Slot = { worker: start(), pending: new Map() }
    slot.worker.on('message', (reply: WorkerReply) => {
      const p = slot.pending.get(reply.seq)
      slot.pending.delete(reply.seq)
      p?.resolve(reply)
    })
    // A worker that dies fails the reports it held, naming each, and is replaced.
    const fail = (why: string) => {
      for (const [, p] of slot.pending) p.fail(why)
      slot.pending.clear()
      const at = this.slots.indexOf(slot)
      if (at >= 0) this.slots[at] = this.spawn()
    }
    slot.worker.on('error', (e) => fail(e.message))
    slot.worker.on('exit', (code) => {
      if (code !== 0 && this.slots.includes(slot)) fail(`ingest worker exited with code ${code}`)
    })
    return slot
  }

  get size(): number {
    return this.slots.length
  }

  /** The report's outcome, from the least busy worker. */
  run(file: string, cases: string): Promise<IngestOutcome> {
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a))
    const seq = this.seq++
    return new Promise((resolve) => {
      const fail = (why: string) => resolve({ file, id: caseId(file), status: 'failed', error: `${file}: internal error (${why})`, ms: {} })
      slot.pending.set(seq, { resolve: (reply) => ('outcome' in reply ? resolve(reply.outcome) : fail('unexpected reply')), fail })
      slot.worker.postMessage({ seq, file, cases } satisfies WorkerTask)
    })
  }

  /** Kernel tasks, one worker each in turn: the threads the LSA training's products are split over. */
  get kernels(): KernelRunner {
    return {
      parts: this.slots.length,
      run: (tasks) =>
        Promise.all(
          tasks.map((kernel, i) => {
            const slot = this.slots[i % this.slots.length]
            const seq = this.seq++
            return new Promise<void>((resolve, reject) => {
              slot.pending.set(seq, { resolve: () => resolve(), fail: (why) => reject(new Error(`lsa training: worker thread failed (${why})`)) })
              slot.worker.postMessage({ seq, kernel } satisfies WorkerTask)
            })
          }),
        ).then(() => {}),
    }
  }

  async close(): Promise<void> {
    const slots = this.slots
    this.slots = []
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }
}
