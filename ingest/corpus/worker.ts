/**
 * A worker thread of the ingest pool (./pool.ts): reports in, outcomes out, many in flight at
 * once; and, after the stream, slices of the offline model's training products, then shares of
 * the passages to embed with the model (handed over once).
 */
import { parentPort } from 'node:worker_threads'
import { ingestOutcome } from './ingest-file.js'
import { releaseKernels, runKernel } from '../embed/lsa-kernels.js'
import { lsaFromHandover } from '../embed/lsa.js'
import type { Embedder } from '../embed/types.js'
import { shareRows, toReply } from '../index/passage-share.js'
import type { WorkerReply, WorkerTask } from './pool.js'

// Stage code may log; the main thread's stdout belongs to the command's output.
console.log = console.error
console.info = console.error

const reply = (r: WorkerReply) => parentPort!.postMessage(r)

let embedder: Embedder | null = null

parentPort!.on('message', (task: WorkerTask) => {
  if ('kernel' in task) {
    runKernel(task.kernel)
    reply({ seq: task.seq, kernel: true })
  } else if ('handover' in task) {
    // Training is over: its kernels' memory (~35 MB a worker at 8,000 passages) can go.
    releaseKernels()
    embedder = lsaFromHandover(task.handover)
    reply({ seq: task.seq, loaded: true })
  } else if ('share' in task) {
    const seq = task.seq
    if (!embedder) return reply({ seq, error: 'no embedder handed over' })
    shareRows(embedder, task.share).then(
      (rows) => {
        const r = toReply(rows)
        parentPort!.postMessage({ seq, share: r } satisfies WorkerReply, [r.ipc.buffer as ArrayBuffer])
      },
      (error: Error) => reply({ seq, error: error.message }),
    )
  } else {
    void ingestOutcome(task.file, task.cases).then((outcome) => reply({ seq: task.seq, outcome }))
  }
})
