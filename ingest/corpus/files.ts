import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
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
  try {
    return markdownToCase(readFileSync(file, 'utf8'), file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    if (e instanceof CaseFileError) throw e
    throw new CaseFileError(file, `unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
}

/**
 * Every case file in a directory, sorted by id. A broken file throws, unless `onError` is given:
 * then it is reported there and skipped.
 */
export function readCorpus(dir: string, onError?: (err: CaseFileError) => void): Case[] {
  const names = readdirSync(dir).filter((n) => n.endsWith('.md') && !n.startsWith('.')).sort()
  const cases: Case[] = []
  for (const name of names) {
    try {
      cases.push(readCase(join(dir, name)))
    } catch (e) {
      if (!(e instanceof CaseFileError) || !onError) throw e
      onError(e)
    }
  }
  return cases
}

function currentBytes(file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
}

/**
 * Writes the case exactly as given. Unchanged content is not rewritten (the file, its mtime and
 * inode stay); changed content goes to a temporary file that is renamed over the old one, so a
 * crash leaves either the old file or the new one, never a truncated one.
 */
export function writeCase(dir: string, c: Case): WriteStatus {
  const file = caseFile(dir, c.id)
  const text = caseToMarkdown(c)
  const before = currentBytes(file)
  if (before === text) return 'unchanged'
  mkdirSync(dir, { recursive: true })
  const tmp = join(dir, `.${c.id}.md.${process.pid}.tmp`)
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
