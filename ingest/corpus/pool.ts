/**
 * Worker threads for the raw → case part of ingest. Reading, cleaning, extracting and writing a
 * report is CPU work on one thread (~3 ms a report here); the index step (embedding, LanceDB)
 * runs on the main thread meanwhile, so on two cores the workers roughly double the rate.
 */
import { Worker } from 'node:worker_threads'
import { availableParallelism } from 'node:os'
import type { IngestOutcome } from './ingest.js'
import { caseId } from '../pipeline.js'

interface Pending {
  resolve: (o: IngestOutcome) => void
  file: string
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
    slot.worker.on('message', ({ seq, outcome }: { seq: number; outcome: IngestOutcome }) => {
      const p = slot.pending.get(seq)
      slot.pending.delete(seq)
      p?.resolve(outcome)
    })
    // A worker that dies fails the reports it held, naming each, and is replaced.
    const fail = (why: string) => {
      for (const [, p] of slot.pending) p.resolve({ file: p.file, id: caseId(p.file), status: 'failed', error: `${p.file}: internal error (${why})`, ms: {} })
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

  /** The report's outcome, from the least busy worker. */
  run(file: string, cases: string): Promise<IngestOutcome> {
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a))
    const seq = this.seq++
    return new Promise((resolve) => {
      slot.pending.set(seq, { resolve, file })
      slot.worker.postMessage({ seq, file, cases })
    })
  }

  async close(): Promise<void> {
    const slots = this.slots
    this.slots = []
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }
}
