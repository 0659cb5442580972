import { closeSync, existsSync, fsync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { threadId } from 'node:worker_threads'
import type { Case } from '../schema.js'
import { caseToMarkdown, CaseFileError, markdownToCase } from './format.js'

export type WriteStatus = 'created' | 'updated' | 'unchanged'

export function caseFile(dir: string, id: string): string {
  return join(dir, `${id}.md`)
}

export function readCase(file: string): Case {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new CaseFileError(file, `unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
  return markdownToCase(text, file)
}

/** The stored case for an id, or null when there is none yet. */
export function readStoredCase(dir: string, id: string): Case | null {
  const file = caseFile(dir, id)
  const text = storedText(file)
  return text === null ? null : markdownToCase(text, file)
}

/**
 * Every case file in a directory, sorted by id. A broken file throws, unless `onError` is given:
 * then it is reported there and skipped.
 */
export function readCorpus(dir: string, onError?: (err: CaseFileError) => void): Case[] {
  return [...eachCase(dir, onError)]
}

/** `readCorpus` one file at a time, leaving out the ids in `skip`: what the index step streams. */
export function* eachCase(dir: string, onError?: (err: CaseFileError) => void, skip: ReadonlySet<string> = new Set()): Generator<Case> {
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.md') && !n.startsWith('.')).sort() : []
  for (const name of names) {
    if (skip.has(name.slice(0, -3))) continue
    try {
      yield readCase(join(dir, name))
    } catch (e) {
      if (!(e instanceof CaseFileError) || !onError) throw e
      onError(e)
    }
  }
}

/** The text of a stored case file, or null when there is none yet. */
export function storedText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new CaseFileError(file, `unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
}

/** A temporary name beside the case file, unique per process and thread (ingest writes from workers). */
function tempFile(dir: string, id: string): string {
  return join(dir, `.${id}.md.${process.pid}-${threadId}.tmp`)
}

/**
 * Writes the case exactly as given. Unchanged content is not rewritten (the file, its mtime and
 * inode stay); changed content goes to a temporary file that is renamed over the old one, so a
 * crash leaves either the old file or the new one, never a truncated one.
 */
export function writeCase(dir: string, c: Case): WriteStatus {
  const file = caseFile(dir, c.id)
  const text = caseToMarkdown(c)
  const before = storedText(file)
  if (before === text) return 'unchanged'
  mkdirSync(dir, { recursive: true })
  const tmp = tempFile(dir, c.id)
  try {
    const fd = openSync(tmp, 'w')
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, file)
  } catch (e) {
    rmSync(tmp, { force: true })
    throw e
  }
  return before === null ? 'created' : 'updated'
}

const made = new Set<string>()

/**
 * `writeCase`'s atomic write (temporary file, fsync, rename), with only the fsync (a few ms a
 * file) waiting in libuv's pool while the next reports are cleaned and extracted. Opening,
 * writing, closing and renaming are each a few microseconds on the calling thread; through the
 * pool each was a round trip (a pool thread woken, then this thread's loop): at 3,000 reports
 * 12,000 more hand-offs between threads, and the worker's own reports queued behind other fsyncs.
 */
export async function writeCaseText(dir: string, id: string, text: string): Promise<void> {
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true })
    made.add(dir)
  }
  const tmp = tempFile(dir, id)
  try {
    const fd = openSync(tmp, 'w')
    try {
      writeFileSync(fd, text)
      await new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())))
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, caseFile(dir, id))
  } catch (e) {
    rmSync(tmp, { force: true })
    throw e
  }
}
