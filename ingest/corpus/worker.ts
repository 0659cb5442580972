/**
 * A worker thread of the ingest pool (./pool.ts): reports in, outcomes out, many in flight at
 * once; and, after the stream, slices of the offline model's training products, then shares of
 * the passages to embed with the model (handed over once).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { ingestOutcome } from './ingest-file.js'
import { releaseKernels, runKernel } from '../embed/lsa-kernels.js'
import type { Embedder } from '../embed/types.js'
import type { WorkerMessage, WorkerReply, WorkerStart, WorkerTask } from './pool.js'

// The model and the passage rows (Arrow, ~0.15 s of CPU to load) are needed only after the
// stream: loaded then, so a worker's first report does not wait for them. The pool sends shares
// only once every worker has answered the handover, which loads both.
const later = () => Promise.all([import('../embed/lsa.js'), import('../index/passage-share.js')])

// Stage code may log; the main thread's stdout belongs to the command's output.
console.log = console.error
console.info = console.error

const reply = (r: WorkerReply) => parentPort!.postMessage(r)

// Outcomes settled in one turn of this thread's event loop go to the main thread in one message (pool.ts, WorkerMessage).
let outcomes: WorkerReply[] = []
const replyOutcome = (r: WorkerReply) => {
  outcomes.push(r)
  if (outcomes.length === 1) {
    setImmediate(() => {
      parentPort!.postMessage(outcomes)
      outcomes = []
    })
  }
}

let embedder: Embedder | null = null

// A report whose case file is held (pool.ts, `holdWrites`) waits here, made and ready to write.
let allowWrites = () => {}
const held: Promise<void> | undefined = (workerData as WorkerStart | undefined)?.holdWrites
  ? new Promise((resolve) => {
      allowWrites = resolve
    })
  : undefined
// The first report made says so (a staggered pool starts its other workers then).
let made = false
const writable = () => {
  if (!made) reply({ made: true })
  made = true
  return held
}

parentPort!.on('message', (message: WorkerMessage) => {
  for (const task of Array.isArray(message) ? message : [message]) take(task)
})

function take(task: WorkerTask): void {
  if ('allowWrites' in task) {
    allowWrites()
  } else if ('kernel' in task) {
    runKernel(task.kernel)
    reply({ seq: task.seq, kernel: true })
  } else if ('handover' in task) {
    const { seq, handover } = task
    // Training is over: its kernels' memory (~35 MB a worker at 8,000 passages) can go.
    releaseKernels()
    later().then(
      ([{ lsaFromHandover }]) => {
        embedder = lsaFromHandover(handover)
        reply({ seq, loaded: true })
      },
      (error: Error) => reply({ seq, error: error.message }),
    )
  } else if ('share' in task) {
    const seq = task.seq
    const model = embedder
    if (!model) return reply({ seq, error: 'no embedder handed over' })
    later()
      .then(async ([, share]) => {
        const r = share.toReply(await share.shareRows(model, task.share))
        parentPort!.postMessage({ seq, share: r } satisfies WorkerReply, [r.ipc.buffer as ArrayBuffer])
      })
      .catch((error: Error) => reply({ seq, error: error.message }))
  } else {
    reports.push(task)
    if (reports.length === 1) setImmediate(nextReport)
  }
}

/**
 * Reports waiting for this thread. The pool sends many at once (the first window: 64 a worker, in
 * one message), all handled in one turn of the event loop: run from the handler, every
 * report of it was made before any case file was written or synced and any outcome went back, so
 * the main thread, which reads outcomes in order, waited ~1 s for the batch while the other worker
 * ran dry. One report a turn lets each report's fsync, reply and the `allowWrites` message through.
 */
const reports: Extract<WorkerTask, { file: string }>[] = []

function nextReport(): void {
  const task = reports.shift()!
  void ingestOutcome(task.file, task.cases, writable).then((outcome) => replyOutcome({ seq: task.seq, outcome }))
  if (reports.length) setImmediate(nextReport)
}

