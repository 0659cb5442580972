import type { CFB$Container, CFB$Entry } from 'cfb'
import type { Removed } from '../schema.js'
import { plausibility } from './decode.js'
import { describeBytes } from './identify.js'
import { startsWith } from './sniff.js'
import type { DocumentText } from './types.js'
import type { WordDocument } from 'word-extractor'

/**
 * Word 97–2003 (.doc) → text. cfb (SheetJS) opens the compound file: it is robust to damaged
 * sector chains, where word-extractor's own reader follows a looping chain until the process runs
 * out of memory. The FIB is checked here (Word version, encryption), then word-extractor reads the
 * text from a fresh container holding only the two streams it needs.
 */

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const WORD_MAGIC = 0xa5ec
/** nFib of Word 97 and later; Word 6/95 files (nFib 101–105) have another layout. */
const WORD_97 = 0x00c1
const F_ENCRYPTED = 0x0100
const F_WHICH_TBL_STM = 0x0200
/** Below this share of plausible characters the "text" is scrambled bytes (damaged or XOR-obfuscated). */
const MIN_PLAUSIBLE = 0.6

/** Streams that say what an OLE file without a WordDocument stream is. */
const OTHER_OLE: { stream: string; problem: string }[] = [
  { stream: 'EncryptedPackage', problem: 'password-protected Word document; open it, remove the password and save it again' },
  { stream: 'Workbook', problem: 'not a Word document (an Excel workbook)' },
  { stream: 'Book', problem: 'not a Word document (an Excel workbook)' },
  { stream: 'PowerPoint Document', problem: 'not a Word document (a PowerPoint file)' },
]

/**
 * What is kept of a Word document, and why. The body is the report. Headers and footers are page
 * furniture (the issuer's name, page numbers), as in a PDF. Footnotes, endnotes, comments and
 * text boxes sit outside the running text: appended after the body they would stand where the
 * clean stage reads a report's closing byline and date, so they are left out, but kept in
 * `removed` for audit.
 */
const PARTS: { part: 'headers' | 'footers' | 'footnotes' | 'endnotes' | 'annotations' | 'textboxes'; reason: string }[] = [
  { part: 'headers', reason: 'page-header' },
  { part: 'footers', reason: 'page-footer' },
  { part: 'footnotes', reason: 'footnote' },
  { part: 'endnotes', reason: 'endnote' },
  { part: 'annotations', reason: 'comment' },
  { part: 'textboxes', reason: 'text-box' },
]

function partText(doc: WordDocument, part: (typeof PARTS)[number]['part']): string {
  // filterUnicode would turn Chinese quotation marks and dashes into ASCII.
  const o = { filterUnicode: false }
  switch (part) {
    case 'headers':
      return doc.getHeaders({ ...o, includeFooters: false })
    case 'footers':
      return doc.getFooters(o)
    case 'footnotes':
      return doc.getFootnotes(o)
    case 'endnotes':
      return doc.getEndnotes(o)
    case 'annotations':
      return doc.getAnnotations(o)
    case 'textboxes':
      return doc.getTextboxes(o)
  }
}

function bytesOf(entry: CFB$Entry): Buffer {
  return Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content)
}

/** The FIB's verdict on a WordDocument stream: the table stream to read, or the problem. */
function checkFib(word: Buffer): { table: string } | { problem: string } {
  if (word.length < 0x20 || word.readUInt16LE(0) !== WORD_MAGIC) return { problem: 'damaged .doc (the WordDocument stream has no Word header)' }
  const nFib = word.readUInt16LE(2)
  const flags = word.readUInt16LE(0x0a)
  if (nFib < WORD_97) return { problem: 'a Word 6.0/95 document, too old to read; open it in Word or WPS and save it as .docx' }
  if (flags & F_ENCRYPTED) return { problem: 'password-protected .doc; open it, remove the password and save it again' }
  return { table: flags & F_WHICH_TBL_STM ? '1Table' : '0Table' }
}

export async function docToText(bytes: Uint8Array): Promise<DocumentText> {
  if (!startsWith(bytes, OLE)) return { ok: false, problem: `not a Word .doc file (${describeBytes(bytes)})` }
  // Loaded on the first .doc: the other formats never pay for it.
  const { default: CFB } = await import('cfb')
  let container: CFB$Container
  try {
    container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' })
  } catch (e) {
    return { ok: false, problem: `damaged .doc (${(e as Error).message})` }
  }
  const word = CFB.find(container, '/WordDocument')
  if (!word) {
    const other = OTHER_OLE.find((o) => CFB.find(container, `/${o.stream}`))
    return { ok: false, problem: other?.problem ?? 'not a Word document (an Office file without a WordDocument stream)' }
  }
  const wordBytes = bytesOf(word)
  const fib = checkFib(wordBytes)
  if ('problem' in fib) return { ok: false, problem: fib.problem }
  const table = CFB.find(container, `/${fib.table}`)
  if (!table) return { ok: false, problem: `damaged .doc (no ${fib.table} stream)` }

  const fresh = CFB.utils.cfb_new()
  CFB.utils.cfb_add(fresh, '/WordDocument', wordBytes)
  CFB.utils.cfb_add(fresh, `/${fib.table}`, bytesOf(table))
  let doc: WordDocument
  try {
    const { default: WordExtractor } = await import('word-extractor')
    doc = await new WordExtractor().extract(CFB.write(fresh, { type: 'buffer' }) as Buffer)
  } catch (e) {
    return { ok: false, problem: `damaged .doc (${(e as Error).message})` }
  }
  const body = doc.getBody({ filterUnicode: false })
  const p = plausibility(body)
  if (p.total > 0 && p.plausible / p.total < MIN_PLAUSIBLE) return { ok: false, problem: 'damaged .doc (its text is scrambled)' }
  const removed: Removed[] = []
  for (const { part, reason } of PARTS) {
    for (const line of partText(doc, part).split('\n')) if (line.trim()) removed.push({ text: line.trim(), reason })
  }
  // Word ends every paragraph with one mark; the reports' text convention is a blank line between paragraphs.
  return { ok: true, text: body.split('\n').join('\n\n'), removed, messages: [] }
}
