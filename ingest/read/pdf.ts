import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Message, Removed } from '../schema.js'
import { plausibility } from './decode.js'
import { repairGlyphForms } from './glyph-forms.js'
import { describeBytes } from './identify.js'
import { frameOf, headline, pageLines, paragraphs, removeFurniture, type Line, type Page, type Run } from './pdf-layout.js'
import type { DocumentText } from './types.js'

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
type PdfPage = import('pdfjs-dist/legacy/build/pdf.mjs').PDFPageProxy

/** What reading a PDF may cost. A report is a few pages; a 300-page volume is a compilation to split first. */
export const PDF_LIMITS = {
  pages: 300,
  /** Characters of text, all pages together. */
  chars: 1_000_000,
  /** Wall-clock time for the whole document, checked page by page (generous: a busy server is slow too). */
  ms: 120_000,
}

/** Below this share of plausible characters the text layer is not text (fonts without a Unicode map). */
const MIN_PLAUSIBLE = 0.6

let loading: Promise<PdfJs> | null = null

/**
 * pdf.js, loaded on first use (the other formats never pay for it). Its warnings go through
 * console.log, which is the CLI's JSON channel: while the module loads (when it may warn about an
 * optional canvas package) console.log writes to stderr; afterwards `verbosity` keeps it quiet.
 */
function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const log = console.log
    console.log = console.error
    try {
      return await import('pdfjs-dist/legacy/build/pdf.mjs')
    } finally {
      console.log = log
    }
  })()
  return loading
}

/** pdf.js's CMaps (Chinese fonts that are not embedded name a predefined encoding) and standard font metrics, from the installed package. */
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))

/** pdf.js's error names → the problem as the user can act on it. */
const PDF_PROBLEMS: Record<string, string> = {
  PasswordException: 'password-protected PDF (encrypted); open it, remove the password and save it again',
  InvalidPDFException: 'not a readable PDF (damaged or incomplete file)',
  MissingPDFException: 'not a readable PDF (empty or missing data)',
}

const PDF_MAGIC = '%PDF-'

function hasPdfMagic(bytes: Uint8Array): boolean {
  // The signature may follow a little junk (a mail header, a BOM); readers accept it within the first KB.
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes(PDF_MAGIC, 0, 'latin1')
}

async function pageRuns(pdf: PdfJs, page: PdfPage): Promise<{ page: Page; rotated: string[] }> {
  const viewport = page.getViewport({ scale: 1 })
  const content = await page.getTextContent()
  const runs: Run[] = []
  const rotated: string[] = []
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim()) continue
    // Page space → top-left-origin points, whatever the page's rotation and crop box.
    const [a, b, c, d, x, y] = pdf.Util.transform(viewport.transform, item.transform) as number[]
    const size = Math.hypot(c, d)
    if (Math.abs(b) > Math.abs(a) * 0.05 || size === 0) {
      // Stamps, diagonal watermarks, text set up a margin: not part of the running text.
      rotated.push(item.str)
      continue
    }
    runs.push({ text: item.str, x, y, width: item.width * viewport.scale, size })
  }
  return { page: { runs, width: viewport.width, height: viewport.height }, rotated }
}

/**
 * PDF bytes → report text: paragraphs separated by blank lines, running heads, feet and folios
 * removed (with reasons), the headline from the type size. Refuses PDFs without a usable text layer.
 */
export async function pdfToText(bytes: Uint8Array): Promise<DocumentText> {
  if (!hasPdfMagic(bytes)) return { ok: false, problem: `not a PDF file (${describeBytes(bytes)})` }
  const pdf = await pdfjs()
  const task = pdf.getDocument({
    // pdf.js hands its input to its worker and detaches it; the caller still needs the bytes.
    data: new Uint8Array(bytes),
    verbosity: pdf.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    cMapUrl: join(PDFJS_DIR, 'cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts/'),
  })
  const started = Date.now()
  try {
    const doc = await task.promise
    if (doc.numPages > PDF_LIMITS.pages) return { ok: false, problem: `too many pages (${doc.numPages}; the limit is ${PDF_LIMITS.pages}); split it into its reports` }
    const pages: Page[] = []
    const removed: Removed[] = []
    const empty: number[] = []
    let chars = 0
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() - started > PDF_LIMITS.ms) return { ok: false, problem: `took too long to read (over ${PDF_LIMITS.ms / 1000} s at page ${n} of ${doc.numPages})` }
      const { page, rotated } = await pageRuns(pdf, await doc.getPage(n))
      for (const text of rotated) removed.push({ text, reason: 'rotated-text' })
      chars += page.runs.reduce((sum, r) => sum + r.text.length, 0)
      if (chars > PDF_LIMITS.chars) return { ok: false, problem: `too much text (over ${PDF_LIMITS.chars.toLocaleString('en')} characters by page ${n}); split it into its reports` }
      if (!page.runs.length) empty.push(n)
      pages.push(page)
    }
    return layout(pages, removed, empty)
  } catch (err) {
    const name = (err as Error)?.name ?? ''
    if (PDF_PROBLEMS[name]) return { ok: false, problem: PDF_PROBLEMS[name] }
    return { ok: false, problem: `not a readable PDF (${(err as Error)?.message ?? String(err)})` }
  } finally {
    await task.destroy()
  }
}

function layout(pages: Page[], removed: Removed[], empty: number[]): DocumentText {
  const NEEDS_OCR = 'no text layer (a scanned or image-only PDF); it needs OCR before it can be read'
  if (empty.length === pages.length) {
    if (removed.some((r) => r.reason === 'rotated-text')) return { ok: false, problem: 'only rotated or vertical text, which is not read; rotate the pages or save the text as .txt' }
    return { ok: false, problem: NEEDS_OCR }
  }
  const lines = pages.map((page, i) => pageLines(page, i))
  const furniture = removeFurniture(
    lines,
    pages.map((p) => p.height),
  )
  const flow: Line[] = furniture.pages.flat()
  if (!flow.length) return { ok: false, problem: NEEDS_OCR }
  const frame = frameOf(flow)
  const paras = paragraphs(flow, frame)
  const repaired = repairGlyphForms(paras.map((p) => p.text).join('\n\n'))
  const p = plausibility(repaired.text)
  if (p.total > 0 && p.plausible / p.total < MIN_PLAUSIBLE) {
    return { ok: false, problem: 'text layer unreadable (its fonts map to no known characters); it needs OCR before it can be read' }
  }
  const messages: Omit<Message, 'file'>[] = []
  if (empty.length) {
    messages.push({ stage: 'read', rule: 'pdf-pages-without-text', severity: 'warning', message: `page(s) ${empty.join(', ')} of ${pages.length} have no text layer (scanned?); their content is missing` })
  }
  if (repaired.count) {
    messages.push({ stage: 'read', rule: 'glyph-forms', severity: 'info', message: `${repaired.count} radical or compatibility form(s) the PDF's fonts map to were read as the ordinary characters` })
  }
  const title = headline(paras, frame)
  return { ok: true, text: repaired.text, ...(title ? { title: repairGlyphForms(title).text } : {}), removed: [...furniture.removed, ...removed], messages }
}
