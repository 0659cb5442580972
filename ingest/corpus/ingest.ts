import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { caseId, processReport } from '../pipeline.js'
import { InputError } from '../read/index.js'
import type { Case } from '../schema.js'
import { readStoredCase, writeCase, type WriteStatus } from './files.js'
import { applyLocked } from './locked.js'
import { CaseFileError } from './format.js'

export interface IngestOptions {
  /** Directory of raw reports. */
  corpus: string
  /** Directory of case files. */
  cases: string
}

export type IngestStatus = WriteStatus | 'failed'

export interface IngestResult {
  file: string
  id: string
  status: IngestStatus
  /** One line, "FILE: problem", when the file failed. */
  error?: string
}

export interface IngestReport {
  results: IngestResult[]
  /** The cases as stored after this run (written or unchanged), sorted by id: what an index takes next. */
  cases: Case[]
  counts: Record<IngestStatus, number>
}

/** Bugs in a stage must not stop the batch; they fail that one file with the reason. */
export function problemOf(file: string, err: unknown): string {
  if (err instanceof InputError) return err.message
  if (err instanceof CaseFileError) return `${err.message} (stored case left as it is; fix or delete it)`
  return `${file}: internal error (${err instanceof Error ? err.message : String(err)})`
}

/**
 * One raw report → its case file. A locked field keeps the stored value; a stored file that
 * cannot be parsed is left alone and the report fails, so a hand edit is never overwritten.
 */
export async function ingestFile(file: string, casesDir: string): Promise<{ status: WriteStatus; case: Case }> {
  // The report first: when it is unusable, the error names it, not the case file.
  let fresh = await processReport(file)
  const stored = readStoredCase(casesDir, caseId(file))
  if (stored?.locked.includes('body')) fresh = await processReport(file, { body: stored.body })
  const merged = stored ? applyLocked(stored, fresh) : fresh
  return { status: writeCase(casesDir, merged), case: merged }
}

/** Raw report files of a directory, sorted; dotfiles (editor and OS litter) are not reports. */
export function listReports(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort()
    .map((n) => join(dir, n))
}

export async function runIngest(opts: IngestOptions, onResult?: (r: IngestResult) => void): Promise<IngestReport> {
  const results: IngestResult[] = []
  const cases: Case[] = []
  const seen = new Map<string, string>()
  for (const file of listReports(opts.corpus)) {
    const id = caseId(file)
    let result: IngestResult
    if (seen.has(id)) {
      result = { file, id, status: 'failed', error: `${file}: duplicate case id "${id}" (also from ${seen.get(id)})` }
    } else {
      seen.set(id, file)
      try {
        const done = await ingestFile(file, opts.cases)
        cases.push(done.case)
        result = { file, id, status: done.status }
      } catch (err) {
        result = { file, id, status: 'failed', error: problemOf(file, err) }
      }
    }
    results.push(result)
    onResult?.(result)
  }
  const counts: Record<IngestStatus, number> = { created: 0, updated: 0, unchanged: 0, failed: 0 }
  for (const r of results) counts[r.status]++
  cases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { results, cases, counts }
}
