import { closeSync, fsync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { threadId } from 'node:worker_threads'
import type { Case } from '../schema.js'
import { caseToMarkdown, CaseFileError, markdownToCase } from './format.js'
import { caseFileNames } from './case-id.js'

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
  for (const name of caseFileNames(dir)) {
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
 * Case files whose data is written but not yet synced, per thread: their fsyncs go out together.
 * Measured on this project's machine (ext4 without a journal, where a new file's fsync also writes
 * its directory's dirty blocks): 3,000 files' fsyncs sent in groups of 32 cost 0.44–0.48 s of sys
 * against 0.56–0.63 s one after another with four in flight (bench/README, round 14). A group is
 * bounded by size (open descriptors; outcomes that wait, out of a worker's 64 in flight) and by
 * time (the last reports of a stream wait at most `GROUP_MS`).
 */
const GROUP = 32
const GROUP_MS = 15

interface Unsynced {
  fd: number
  tmp: string
  file: string
  resolve: () => void
  reject: (err: unknown) => void
}

let group: Unsynced[] = []
let timer: NodeJS.Timeout | null = null

/**
 * `writeCase`'s atomic write (temporary file, fsync, rename) for the stream. Opening, writing,
 * closing and renaming are each a few microseconds on the calling thread (through libuv's pool
 * each was a round trip to another thread); only the fsync waits in the pool, sent with those of
 * the files written just before (see `GROUP`). Settles once the file is renamed into place; on
 * failure rejects with this file's own error, its temporary file removed and any stored file kept.
 */
export async function writeCaseText(dir: string, id: string, text: string): Promise<void> {
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true })
    made.add(dir)
  }
  const tmp = tempFile(dir, id)
  let fd: number | undefined
  try {
    fd = openSync(tmp, 'w')
    writeFileSync(fd, text)
  } catch (e) {
    if (fd !== undefined) closeSync(fd)
    rmSync(tmp, { force: true })
    throw e
  }
  const opened = fd
  await new Promise<void>((resolve, reject) => {
    group.push({ fd: opened, tmp, file: caseFile(dir, id), resolve, reject })
    if (group.length >= GROUP) syncGroup()
    else timer ??= setTimeout(syncGroup, GROUP_MS)
  })
}

function syncGroup(): void {
  if (timer) clearTimeout(timer)
  timer = null
  const files = group
  group = []
  for (const f of files) fsync(f.fd, (err) => settle(f, err))
}

/** Each file on its own: one that fails is named by its own rejection, the others still land. */
function settle(f: Unsynced, synced: Error | null): void {
  let err: unknown = synced
  try {
    closeSync(f.fd)
    if (!err) renameSync(f.tmp, f.file)
  } catch (e) {
    err ??= e
  }
  if (!err) return f.resolve()
  try {
    rmSync(f.tmp, { force: true })
  } catch {
    // Thrown from libuv's callback it would end the worker and every report it holds; the
    // rejection below already names this file's problem.
  }
  f.reject(err)
}
