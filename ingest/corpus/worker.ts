/** A worker thread of the ingest pool (./pool.ts): reports in, outcomes out, many in flight at once. */
import { parentPort } from 'node:worker_threads'
import { ingestOutcome } from './ingest.js'

// Stage code may log; the main thread's stdout belongs to the command's output.
console.log = console.error
console.info = console.error

parentPort!.on('message', (task: { seq: number; file: string; cases: string }) => {
  void ingestOutcome(task.file, task.cases).then((outcome) => parentPort!.postMessage({ seq: task.seq, outcome }))
})
