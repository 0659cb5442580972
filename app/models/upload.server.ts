import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Case } from '../../ingest/schema'
import { processDocument } from '../../ingest/pipeline'
import { InputError } from '../../ingest/read'
import { applyLocked, readStoredCase, writeCase } from '../../ingest/corpus'
import { StoreBusyError } from '../../ingest/index'
import { httpUrl } from '../../ingest/text/http-url'
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

/** Report fields a person may correct in the upload preview; a corrected one is saved as `locked`. */
export const EDITABLE = [
  'title', 'published', 'source.name', 'source.url',
  'place.province', 'place.city', 'place.district', 'place.street', 'place.community', 'place.compound',
  'models', 'orgTiers',
] as const
export type EditablePath = (typeof EDITABLE)[number]
export type Edits = Partial<Record<EditablePath, string>> & { noFunding?: boolean }

const LIST_SEPARATORS: Partial<Record<EditablePath, RegExp>> = {
  models: /[、,，;；\n]+/,
  // Tiers read top to bottom, as the case page shows them.
  orgTiers: /\s*(?:>|→|、|,|，|\n)\s*/,
}

/** A field's value as the edit form shows it. */
export function editableValue(c: Case, path: EditablePath): string {
  if (path === 'models') return c.models.join('、')
  if (path === 'orgTiers') return (c.orgTiers ?? []).join(' → ')
  const [head, sub] = path.split('.') as [keyof Case, string | undefined]
  const value = sub ? (c[head] as Record<string, unknown>)[sub] : c[head]
  return typeof value === 'string' ? value : ''
}


/**
 * The case with a person's corrections: every edited field takes the typed value, loses the
 * quote it was read from (a person, not the text, now vouches for it) and is listed in
 * `locked`, so re-ingesting the report keeps it (ingest/corpus/locked.ts).
 */
export function applyEdits(c: Case, edits: Edits): Case {
  const out = structuredClone(c)
  const lock = (path: string) => {
    if (!out.locked.includes(path)) out.locked.push(path)
    for (const key of Object.keys(out.evidence)) if (key === path || key.startsWith(`${path}.`)) delete out.evidence[key]
  }
  for (const path of EDITABLE) {
    const typed = edits[path]
    if (typed === undefined || typed.trim() === editableValue(c, path)) continue
    const value = typed.trim()
    // Source links are followed by readers: only web addresses (as everywhere a URL is kept).
    if (path === 'source.url' && value && !httpUrl(value)) continue
    const separator = LIST_SEPARATORS[path]
    if (separator) {
      const items = value.split(separator).map((v) => v.trim()).filter(Boolean)
      if (path === 'models') out.models = items
      else {
        out.orgTiers = items.length ? items : null
        out.orgTierCount = items.length || null
        lock('orgTierCount')
      }
    } else {
      const [head, sub] = path.split('.')
      if (sub) (out[head as 'place' | 'source'] as Record<string, string | null>)[sub] = value || null
      else (out as unknown as Record<string, string | null>)[head] = value || null
      if (head === 'place') out.place.inferred = out.place.inferred.filter((level) => level !== sub)
      if (path === 'title' && value) {
        out.displayTitle = value
        out.flags = out.flags.filter((f) => f !== 'no-title')
      }
    }
    lock(path)
  }
  if (edits.noFunding && !out.funding.length && !out.fundingMix.length) {
    out.none = { ...out.none, funding: null }
    lock('none.funding')
  }
  return out
}

/** Pasted text is a report like any other: the same pipeline, under an id made from its hash. */
export function pastedReport(text: string): { name: string; bytes: Uint8Array } {
  const bytes = new TextEncoder().encode(text.replace(/\r\n?/g, '\n'))
  return { name: `paste_${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.txt`, bytes }
}

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

/**
 * A made-up report run through the pipeline once the server is up, so what it builds on first use
 * (the gazetteer of place names, the segmenter's dictionary, the extractors' tables) is built
 * then: the first upload spent ~0.8 s of the main thread on it, every search in flight waiting.
 */
const WARM_REPORT = '晴川街道望江社区议事协商加装电梯\n\n湖北省武汉市汉阳区晴川街道望江社区共有320户居民，3号楼居民通过议事会协商加装电梯，业委会牵头，财政补助12万元。'

export async function warmUploads(): Promise<void> {
  await processUpload('warm-up.txt', new TextEncoder().encode(WARM_REPORT))
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
export async function saveUpload(name: string, bytes: Uint8Array, edits: Edits = {}): Promise<Case | UploadProblem> {
  const processed = await processUpload(name, bytes)
  if ('kind' in processed) return processed
  const c = applyEdits(processed, edits)
  const stored = readStoredCase(casesDir(), c.id)
  if (stored && stored.origin.sha256 !== c.origin.sha256) return { kind: 'exists', id: c.id }
  const raw = path.join(rawDir(), `${c.id}${path.extname(name).toLowerCase()}`)
  if (!existsSync(raw)) {
    mkdirSync(rawDir(), { recursive: true })
    writeFileSync(raw, bytes)
  }
  // The same report uploaded again must not undo a researcher's locked hand corrections.
  const saved = stored ? applyLocked(stored, c) : c
  // Corrections made in this preview are locked too, beside the ones the stored case had.
  saved.locked = [...new Set([...saved.locked, ...c.locked])]
  writeCase(casesDir(), saved)
  try {
    await indexUpload(saved)
  } catch (error) {
    if (error instanceof StoreBusyError) return { kind: 'busy', id: c.id }
    throw error
  }
  return c
}
