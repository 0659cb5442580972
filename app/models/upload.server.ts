import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Case } from '../../ingest/schema'
import { processDocument } from '../../ingest/pipeline'
import { InputError } from '../../ingest/read'
import { applyLocked, readStoredCase, writeCase } from '../../ingest/corpus'
import { StoreBusyError } from '../../ingest/index'
import { casesDir, rawDir } from './config.server'
import { isCaseId } from './case.server'
import { indexUpload } from './upload-index.server'

/**
 * Why an upload was refused; nothing was written when one of these is returned, except `busy`:
 * the case file is saved, but another ingest holds the store, so it is not searchable yet.
 */
export type UploadProblem =
  | { kind: 'no-file' }
  | { kind: 'too-large' }
  | { kind: 'rejected'; message: string }
  | { kind: 'exists'; id: string }
  | { kind: 'expired' }
  | { kind: 'busy'; id: string }

// Previews wait here between "preview" and "save"; the token is the bytes' hash.
const STAGING = path.join(os.tmpdir(), 'casebook-staging')
const TOKEN = /^[0-9a-f]{64}$/

/** A file name fit to be a case id and a file name: its id, or one made from the content hash. */
export function uploadId(name: string, bytes: Uint8Array): string {
  const base = path.basename(name).replace(/\.[^.]+$/, '').replace(/\s+/g, '_')
  return isCaseId(base) && !base.startsWith('.') ? base : `upload_${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`
}

/** Run the pipeline on uploaded bytes: the Case, or the problem that makes the file unusable. */
export async function processUpload(name: string, bytes: Uint8Array): Promise<Case | UploadProblem> {
  try {
    return await processDocument(path.basename(name), bytes, { id: uploadId(name, bytes) })
  } catch (error) {
    if (error instanceof InputError) return { kind: 'rejected', message: error.message }
    throw error
  }
}

export function stage(name: string, bytes: Uint8Array): string {
  const token = createHash('sha256').update(bytes).digest('hex')
  mkdirSync(STAGING, { recursive: true })
  writeFileSync(path.join(STAGING, `${token}.bin`), bytes)
  writeFileSync(path.join(STAGING, `${token}.name`), path.basename(name))
  return token
}

export function unstage(token: string): { name: string; bytes: Uint8Array } | null {
  if (!TOKEN.test(token)) return null
  const file = path.join(STAGING, `${token}.bin`)
  if (!existsSync(file)) return null
  return { name: readFileSync(path.join(STAGING, `${token}.name`), 'utf8'), bytes: readFileSync(file) }
}

/**
 * Save an uploaded report as a case: keep the raw file beside the other reports (so a later
 * `npm run ingest` rebuilds it too), write corpus/cases/<id>.md, and add it to the store alone
 * (./upload-index.server.ts), without reading the other case files.
 */
export async function saveUpload(name: string, bytes: Uint8Array): Promise<Case | UploadProblem> {
  const processed = await processUpload(name, bytes)
  if ('kind' in processed) return processed
  const c = processed
  const stored = readStoredCase(casesDir(), c.id)
  if (stored && stored.origin.sha256 !== c.origin.sha256) return { kind: 'exists', id: c.id }
  const raw = path.join(rawDir(), `${c.id}${path.extname(name).toLowerCase()}`)
  if (!existsSync(raw)) {
    mkdirSync(rawDir(), { recursive: true })
    writeFileSync(raw, bytes)
  }
  // The same report uploaded again must not undo a researcher's locked hand corrections.
  const saved = stored ? applyLocked(stored, c) : c
  writeCase(casesDir(), saved)
  try {
    await indexUpload(saved)
  } catch (error) {
    if (error instanceof StoreBusyError) return { kind: 'busy', id: c.id }
    throw error
  }
  return c
}
