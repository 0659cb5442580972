/**
 * A worker thread of the ingest pool (./pool.ts): reports in, outcomes out, many in flight at
 * once; and, after the stream, slices of the offline model's training products.
 */
import { parentPort } from 'node:worker_threads'
import { ingestOutcome } from './ingest-file.js'
import { runKernel } from '../embed/lsa-kernels.js'
import type { WorkerReply, WorkerTask } from './pool.js'

// Stage code may log; the main thread's stdout belongs to the command's output.
console.log = console.error
console.info = console.error

const reply = (r: WorkerReply) => parentPort!.postMessage(r)

parentPort!.on('message', (task: WorkerTask) => {
  if ('kernel' in task) {
    runKernel(task.kernel)
    reply({ seq: task.seq, kernel: true })
  } else {
    void ingestOutcome(task.file, task.cases).then((outcome) => reply({ seq: task.seq, outcome }))
  }
})
