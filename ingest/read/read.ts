import { readFileSync, statSync } from 'node:fs'
import { extname } from 'node:path'
import type { Message, Removed } from '../schema.js'
import { decodeBytes } from './decode.js'
import { docToText } from './doc.js'
import { docxToText } from './docx.js'
import { InputError } from './errors.js'
import { htmlDepth, markdownDepth } from './depth.js'
import { LIMITS, megabytes, tooMuchText } from './limits.js'
import { declaredCharset, htmlToText } from './html.js'
import { markdownToText } from './markdown.js'
import { normalizeText } from './normalize.js'
import { pdfToText } from './pdf.js'
import type { Format, Hints, ReadResult } from './types.js'

/** Reports are a few KB; anything this large is a mistake (a dump, a video) and is refused unread. */
export const MAX_BYTES = 20 * 1024 * 1024

const FORMATS: Record<string, Format> = {
  '.txt': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.doc': 'doc',
  '.pdf': 'pdf',
}

const SAVED_PAGE = /^\s*(<!--[^]*?-->\s*)*<(!doctype html|html[\s>])/i

/** Node's error codes → the problem as a person would say it. */
const FS_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'no such file (a parent is not a directory)',
  ELOOP: 'unreadable (symbolic link loop)',
  ENAMETOOLONG: 'file name too long',
}

/** What to do with the formats people most often have instead. */
const ADVICE: Record<string, string> = {
  '.wps': 'save it as .docx',
  '.rtf': 'save it as .docx',
  '.ofd': 'print it to PDF',
  '.mht': 'save the page as .html',
  '.mhtml': 'save the page as .html',
}

function formatOf(name: string): Format {
  const ext = extname(name).toLowerCase()
  const format = FORMATS[ext]
  if (!format) {
    const advice = ADVICE[ext] ? `; ${ADVICE[ext]}` : ''
    throw new InputError(name, `unsupported file type "${ext || '(none)'}" (expected .txt, .md, .html, .htm, .docx, .doc or .pdf${advice})`)
  }
  return format
}

function checkSize(name: string, size: number): void {
  if (size === 0) throw new InputError(name, 'empty file')
  if (size > MAX_BYTES) throw new InputError(name, `file too large (${megabytes(size)}; the limit is ${megabytes(MAX_BYTES)})`)
}

function fsProblem(name: string, err: unknown): never {
  const code = (err as NodeJS.ErrnoException).code ?? ''
  throw new InputError(name, FS_PROBLEMS[code] ?? `unreadable (${code || (err as Error).message})`)
}

function message(name: string, rule: string, severity: Message['severity'], text: string): Message {
  return { stage: 'read', rule, severity, message: text, file: name }
}

/**
 * Decoded text that would cost too much to parse: HTML nested deeper than the tree stages can
 * recurse, Markdown nested or long enough to take the parser minutes. HTML markup may be many
 * times its text, so its length is checked after parsing.
 */
function checkExpansion(name: string, format: Format, decoded: string): void {
  if (format === 'html') {
    const depth = htmlDepth(decoded, LIMITS.htmlDepth)
    if (depth > LIMITS.htmlDepth) throw new InputError(name, `HTML nested too deeply (over ${LIMITS.htmlDepth} levels of tags; a page has a few dozen)`)
    return
  }
  if (decoded.length > LIMITS.textChars) throw new InputError(name, tooMuchText(LIMITS.textChars))
  if (format === 'md') {
    const depth = markdownDepth(decoded, LIMITS.markdownDepth)
    if (depth > LIMITS.markdownDepth) throw new InputError(name, `Markdown nested too deeply (over ${LIMITS.markdownDepth} levels of quotes, lists or indentation)`)
  }
}

/**
 * Formats read by libraries that only work asynchronously (pdf.js, word-extractor): they go
 * through readDocument. The others decode synchronously, which keeps the bulk text path cheap.
 */
const ASYNC_FORMATS: ReadonlySet<Format> = new Set(['pdf', 'doc'])

/** What `origin.encoding` says for formats whose text is not decoded from a byte encoding. */
const CONTAINER_ENCODING: Partial<Record<Format, string>> = { docx: 'utf-8', doc: 'utf-16le', pdf: 'pdf-text' }

/** The read of any format, finished the same way: whitespace normalized, nothing-left refused. */
function finish(name: string, read: ReadResult): ReadResult {
  const text = normalizeText(read.text)
  if (!text) throw new InputError(name, 'empty file (no text after decoding)')
  const hints = read.hints.title ? { ...read.hints, title: normalizeText(read.hints.title).replace(/\s+/g, ' ') } : read.hints
  return { ...read, text, hints }
}

/**
 * Bytes of a report → normalized text, format, encoding and hints, synchronously: every format
 * but PDF and .doc (see readDocument). Throws InputError for unusable input.
 */
export function decodeReport(name: string, bytes: Uint8Array): ReadResult {
  let format = formatOf(name)
  checkSize(name, bytes.length)
  if (ASYNC_FORMATS.has(format)) throw new Error(`${name}: .${format} files are read asynchronously; call readDocument`)
  const messages: Message[] = []
  let text: string
  let encoding: string
  let hints: Hints = {}
  let removed: Removed[] = []
  let bylines: string[] = []
  let article = false
  if (format === 'docx') {
    const doc = docxToText(bytes, LIMITS.textChars)
    if (!doc.ok) throw new InputError(name, doc.problem)
    text = doc.text
    encoding = CONTAINER_ENCODING.docx!
    if (doc.title) hints.title = doc.title
  } else {
    const declared = format === 'html' ? declaredCharset(bytes) : null
    const decoded = decodeBytes(bytes, declared)
    if (!decoded.ok) throw new InputError(name, decoded.problem)
    encoding = decoded.encoding
    if (decoded.replaced > 0) {
      messages.push(message(name, 'replacement-chars', 'warning', `${decoded.replaced} byte sequence(s) could not be decoded as ${encoding} and were replaced by U+FFFD`))
    }
    // Crawlers often save whole pages under .txt; markup is not report text.
    if (format === 'txt' && SAVED_PAGE.test(decoded.text.slice(0, 1024))) format = 'html'
    checkExpansion(name, format, decoded.text)
    if (format === 'html') {
      const page = htmlToText(decoded.text)
      ;({ text, hints, removed, bylines, article } = page)
      messages.push(message(name, 'dom-article', 'info', page.note))
    }
    else if (format === 'md') ({ text, hints } = markdownToText(decoded.text))
    else text = decoded.text
  }
  if (text.length > LIMITS.textChars) throw new InputError(name, tooMuchText(LIMITS.textChars))
  return finish(name, { text, format, encoding, hints, messages, article, removed, bylines })
}

/** Bytes of a report in any supported format → ReadResult. Throws InputError for unusable input. */
export async function readDocument(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const format = formatOf(name)
  if (!ASYNC_FORMATS.has(format)) return decodeReport(name, bytes)
  checkSize(name, bytes.length)
  const read = format === 'pdf' ? await pdfToText(bytes) : await docToText(bytes)
  if (!read.ok) throw new InputError(name, read.problem)
  const hints: Hints = read.title ? { title: read.title } : {}
  const messages = read.messages.map((m) => ({ ...m, file: name }))
  return finish(name, { text: read.text, format, encoding: CONTAINER_ENCODING[format]!, hints, messages, article: false, removed: read.removed, bylines: [] })
}

/**
 * A report file's bytes, after the checks that need no reading: existence, type, size. Read on the
 * calling thread: a report is a few KB in the page cache, read in tens of microseconds, where
 * libuv's pool (stat, then open, fstat, read, close) cost an ingest worker five round trips to
 * another thread a report, queued behind the case files' fsyncs.
 */
export async function readReportBytes(file: string): Promise<Uint8Array> {
  let info
  try {
    info = statSync(file)
  } catch (err) {
    fsProblem(file, err)
  }
  if (info.isDirectory()) throw new InputError(file, FS_PROBLEMS.EISDIR)
  if (!info.isFile()) throw new InputError(file, 'not a regular file')
  formatOf(file)
  checkSize(file, info.size)
  try {
    return readFileSync(file)
  } catch (err) {
    fsProblem(file, err)
  }
}

/** A report file → ReadResult. Checks type and size before reading a byte. */
export async function readReport(file: string): Promise<ReadResult> {
  return readDocument(file, await readReportBytes(file))
}
