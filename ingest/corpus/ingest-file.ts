/** One raw report → its case file: what a worker thread (./worker.ts) or an inline ingest runs per report. */
import { processReport } from '../pipeline.js'
import { InputError } from '../read/index.js'
import type { Case } from '../schema.js'
import { StageTimes } from '../timings.js'
import { caseFile, storedText, writeCaseText, type WriteStatus } from './files.js'
import { applyLocked } from './locked.js'
import { caseToMarkdown, CaseFileError, markdownToCase } from './format.js'
import { caseId } from './case-id.js'
import type { IngestOutcome } from './ingest.js'

/** Bugs in a stage must not stop the batch; they fail that one file with the reason. */
export function problemOf(file: string, err: unknown): string {
  if (err instanceof InputError) return err.message
  if (err instanceof CaseFileError) return `${err.message} (stored case left as it is; fix or delete it)`
  return `${file}: internal error (${err instanceof Error ? err.message : String(err)})`
}

/**
 * One raw report → its case file. A locked field keeps the stored value; a stored file that
 * cannot be parsed is left alone and the report fails, so a hand edit is never overwritten.
 * The stored file is parsed only when it differs from the fresh case: a re-run over unchanged
 * reports compares text and parses nothing. `writable`, when given, is awaited before the file is
 * written (ingest's workers start on the reports before the store is open: see ./pool.ts).
 */
export async function ingestFile(file: string, casesDir: string, times = new StageTimes(), writable?: () => Promise<void> | undefined): Promise<{ status: WriteStatus; case: Case }> {
  // The report first: when it is unusable, the error names it, not the case file.
  let merged = await processReport(file, { times })
  const target = caseFile(casesDir, caseId(file))
  let text = times.time('write', () => caseToMarkdown(merged))
  const before = times.time('write', () => storedText(target))
  if (before !== null && before !== text) {
    const stored = times.time('write', () => markdownToCase(before, target))
    const fresh = stored.locked.includes('body') ? await processReport(file, { body: stored.body, times }) : merged
    merged = applyLocked(stored, fresh)
    text = times.time('write', () => caseToMarkdown(merged))
  }
  if (before === text) return { status: 'unchanged', case: merged }
  await writable?.()
  // Up to the fsync, which waits in libuv's pool, the write runs on this thread: its time is the write stage's.
  await times.time('write', () => writeCaseText(casesDir, merged.id, text))
  return { status: before === null ? 'created' : 'updated', case: merged }
}

/** `ingestFile` as an outcome: a failure is a value naming the file, never a throw. */
export async function ingestOutcome(file: string, casesDir: string, writable?: () => Promise<void> | undefined): Promise<IngestOutcome> {
  const times = new StageTimes()
  const id = caseId(file)
  try {
    const done = await ingestFile(file, casesDir, times, writable)
    return { file, id, status: done.status, case: done.case, ms: times.ms }
  } catch (err) {
    return { file, id, status: 'failed', error: problemOf(file, err), ms: times.ms }
  }
}
