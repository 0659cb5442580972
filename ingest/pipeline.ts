import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { clean } from './clean/index.js'
import { parseMeta } from './clean/meta.js'
import { extract } from './extract/index.js'
import { decodeReport, readDocument, readReportBytes, type ReadResult } from './read/index.js'
import type { Case, Message } from './schema.js'
import { httpUrl } from './text/http-url.js'
import { StageTimes } from './timings.js'
import { caseId } from './corpus/case-id.js'

export interface ProcessOptions {
  /** Case id; defaults to the file name without extension. */
  id: string
  /**
   * A hand-corrected body (a case that locks `body`): fields are extracted from it instead of
   * the freshly cleaned text, so every span still points into the body that is kept.
   */
  body: string
  /** Where the read, clean and extract stages add their time (ingest's summary). */
  times: StageTimes
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

/** Cleaned and extracted parts → one Case, keys in schema order. Pure. */
export function assembleCase(name: string, read: ReadResult, digest: string, opts: Partial<ProcessOptions> = {}): Case {
  const file = basename(name)
  const times = opts.times ?? new StageTimes()
  const cleaned = times.time('clean', () => clean(read.text, { format: read.format, file, hints: read.hints, article: read.article }))
  const body = opts.body ?? cleaned.body
  const fields = times.time('extract', () => extract({ body, title: cleaned.title, script: cleaned.script }))
  // Byline lines the DOM kept out of the text still name author and source.
  const byline = parseMeta(read.bylines.map((text) => ({ text, header: true })), cleaned.title, read.hints)
  const published = read.article ? read.hints.published ?? cleaned.meta.published : cleaned.meta.published ?? read.hints.published
  const messages: Message[] = [...read.messages, ...cleaned.messages, ...fields.messages].map((m) => ({ ...m, file }))
  return {
    id: opts.id ?? caseId(name),
    title: cleaned.title,
    displayTitle: fields.displayTitle,
    published: published ?? null,
    source: { name: byline.sourceName ?? cleaned.meta.sourceName, url: httpUrl(cleaned.meta.sourceUrl) ?? httpUrl(read.hints.url) },
    author: byline.author ?? cleaned.meta.author,
    editor: byline.editor ?? cleaned.meta.editor,
    place: fields.place,
    models: fields.models,
    orgTiers: fields.orgTiers,
    orgTierCount: fields.orgTierCount,
    funding: fields.funding,
    fundingMix: fields.fundingMix,
    outcomes: fields.outcomes,
    scale: fields.scale,
    problems: fields.problems,
    mechanisms: fields.mechanisms,
    actors: fields.actors,
    evidence: fields.evidence,
    script: cleaned.script,
    body,
    removed: [...read.removed, ...cleaned.removed],
    flags: unique([...cleaned.flags, ...(cleaned.title === null ? ['no-title'] : [])]),
    messages,
    origin: { file, format: read.format, encoding: read.encoding, sha256: digest },
    locked: [],
  }
}

/**
 * Report bytes → Case, synchronously, for every format but PDF and .doc (their libraries are
 * asynchronous: use processDocument). Throws InputError for unusable input.
 */
export function processBytes(name: string, bytes: Uint8Array, opts: Partial<ProcessOptions> = {}): Case {
  const times = opts.times ?? new StageTimes()
  const read = times.time('read', () => decodeReport(name, bytes))
  return assembleCase(name, read, times.time('read', () => sha256(bytes)), { ...opts, times })
}

/** Report bytes in any supported format (an upload) → Case. Throws InputError for unusable input. */
export async function processDocument(name: string, bytes: Uint8Array, opts: Partial<ProcessOptions> = {}): Promise<Case> {
  const times = opts.times ?? new StageTimes()
  const read = await times.timeAsync('read', () => readDocument(name, bytes))
  return assembleCase(name, read, times.time('read', () => sha256(bytes)), { ...opts, times })
}

/** Report file → Case. Throws InputError for unusable input (named by the path given). */
export async function processReport(file: string, opts: Partial<ProcessOptions> = {}): Promise<Case> {
  // readReportBytes reads on this thread: its time is the read stage's.
  const bytes = await (opts.times ?? new StageTimes()).time('read', () => readReportBytes(file))
  return processDocument(file, bytes, opts)
}
