import type { Removed } from '../schema.js'
import { joinText } from '../clean/unwrap.js'
import { ITEM_START, PAGE_RULES } from '../clean/rules/layout.js'

/**
 * Positioned text of a PDF → paragraphs in reading order, page furniture out. Pure functions over
 * plain records, so each decision can be tested with hand-made geometry. Coordinates are points
 * from the top-left of the page; `y` is the baseline.
 */

/** One piece of text as the PDF draws it. */
export interface Run {
  text: string
  x: number
  y: number
  width: number
  size: number
}

export interface Page {
  runs: Run[]
  width: number
  height: number
}

/** A printed line (or, on a two-column page, the part of it in one column). */
export interface Line {
  text: string
  x0: number
  x1: number
  y: number
  size: number
  page: number
  /** 0 on single-column pages; 0 or 1 (left, right) on two-column pages. */
  column: number
}

export interface Paragraph {
  text: string
  size: number
  page: number
}

// Tunables, in ems of the text's own size unless said otherwise.
/** Runs whose baselines differ by less than this share one line (superscript note marks included). */
const SAME_BASELINE = 0.5
/** A gap this wide between two runs of one line is a word space, at least between Latin words. */
const WORD_GAP = 0.2
/** A gap this wide separates fields or table cells: a space even between Chinese characters. */
const FIELD_GAP = 1
/** A gap this wide splits a row into separate pieces (columns, cells): larger than any field gap in running text. */
const SEGMENT_GAP = 1.5
/** Room a line break leaves besides the next word: a word space, and a little for rounding. */
const BREAK_ROOM = 0.3
/** A line starting this far right of the column's left edge is indented: a new paragraph. */
const INDENT = 0.8
/** A gap between lines this much larger than the usual line pitch is a paragraph break. */
const PARAGRAPH_GAP = 1.4
/** Sizes within this ratio are the same size. */
const SAME_SIZE = 0.12
/** A paragraph at least this much larger than the body text is a heading (the first on page one, the headline). */
const HEADING_SIZE = 1.15
/** Head and foot zones: the outer share of the page height where running heads and folios sit. */
const MARGIN_ZONE = 0.2
/** Lines per page, from the top and from the bottom, that may be page furniture. */
const MARGIN_LINES = 2
/** The outer share of the page height that word processors and browsers print headers and footers in. */
const PAGE_MARGIN = 0.08
/** Type this much smaller than the body is a header, footer or note, not the running text. */
const SMALL_TYPE = 0.8
/** Occurrences of one head or foot at the same height, as a share of page height, are the same furniture. */
const SAME_PLACE = 0.03

/** Bullets that open a list item; the line above one ends its own item. */
const BULLET = /^[•●○◆◇■□▪▸▶►☆★✓√]/

/**
 * What a line break cannot split at the start of a line: a run of Latin letters, digits and
 * punctuation (a word, a number, a URL), or one Chinese character with the punctuation that may
 * not begin a line (closing quotes and brackets, commas, stops), which the break carries along.
 */
const FIRST_UNIT = /^(?:[!-~\u00c0-\u024f’]+|.)[，。、；：？！”’）》」』】〉…,.;:?!)\]%％]*/u

const ASCII_WORD_END = /[A-Za-z0-9]$/
const ASCII_WORD_START = /^[A-Za-z0-9]/

/**
 * Fake bold: some producers draw a run twice, a fraction of a point apart. Extraction would print
 * it twice ("标标题题" or "标题标题").
 */
function isOverprint(a: Run, b: Run): boolean {
  return a.text === b.text && Math.abs(a.x - b.x) < a.size * 0.3 && Math.abs(a.y - b.y) < a.size * 0.3
}

const SPACED_CJK = /(?<=[\u3400-\u9fff\uf900-\ufaff]) (?=[\u3400-\u9fff\uf900-\ufaff])/g
const CJK_PAIR = /[\u3400-\u9fff\uf900-\ufaff] ?(?=[\u3400-\u9fff\uf900-\ufaff])/g
/** Share of Chinese character pairs with a space between them above which the spaces are letter-spacing. */
const LETTER_SPACED = 0.4

/**
 * pdf.js writes a space wherever glyphs stand apart, so a letter-spaced or widely justified
 * Chinese line reads "社 区 议 事 会". Real separators between Chinese words are sparse ("喜迎国庆
 * 大连社区"); when most pairs of characters in a line are spaced, the spaces are layout and go.
 */
export function unspaceCjk(text: string): string {
  const spaced = text.match(SPACED_CJK)?.length ?? 0
  if (spaced < 3) return text
  const pairs = text.match(CJK_PAIR)?.length ?? 0
  return spaced >= pairs * LETTER_SPACED ? text.replace(SPACED_CJK, '') : text
}

function joinRuns(runs: Run[]): string {
  let text = ''
  let end = -Infinity
  for (const r of runs) {
    const gap = r.x - end
    if (text && (gap > r.size * FIELD_GAP || (gap > r.size * WORD_GAP && ASCII_WORD_END.test(text) && ASCII_WORD_START.test(r.text)))) text += ' '
    text += r.text
    end = Math.max(end, r.x + r.width)
  }
  return unspaceCjk(text)
}

/** Runs of one row, left to right, cut where a gap is wide enough to be a gutter or a cell border. */
function segments(row: Run[], page: number): Line[] {
  const out: Line[] = []
  let current: Run[] = []
  let end = -Infinity
  const flush = () => {
    if (!current.length) return
    out.push({ text: joinRuns(current), x0: current[0].x, x1: end, y: current[0].y, size: Math.max(...current.map((r) => r.size)), page, column: 0 })
    current = []
    end = -Infinity
  }
  for (const r of row) {
    const prev = current[current.length - 1]
    if (prev && isOverprint(prev, r)) continue
    if (prev && r.x - end > r.size * SEGMENT_GAP) flush()
    current.push(r)
    end = Math.max(end, r.x + r.width)
  }
  flush()
  return out
}

/** The pieces of one row as one line, separated by spaces (a spread-out heading loses them again). */
function mergeRow(row: Line[]): Line {
  return { ...row[0], text: unspaceCjk(row.map((l) => l.text).join(' ')), x1: row[row.length - 1].x1, size: Math.max(...row.map((l) => l.size)) }
}

/**
 * Lines of one page in reading order. Two columns are read left then right between the lines
 * that span both (a headline, an abstract); on a single-column page the pieces of one row are
 * one line again (a table row reads as its cells separated by spaces).
 */
export function pageLines(page: Page, index: number): Line[] {
  const runs = page.runs.filter((r) => r.text.trim()).sort((a, b) => a.y - b.y || a.x - b.x)
  const rows: Run[][] = []
  for (const r of runs) {
    const row = rows[rows.length - 1]
    if (row && Math.abs(r.y - row[0].y) <= SAME_BASELINE * Math.min(r.size, row[0].size)) row.push(r)
    else rows.push([r])
  }
  const pieces = rows.map((row) => segments(row.sort((a, b) => a.x - b.x), index))
  const flat = pieces.flat()
  const left = Math.min(...flat.map((l) => l.x0))
  const right = Math.max(...flat.map((l) => l.x1))
  const mid = (left + right) / 2
  const side = (l: Line) => (l.x1 < mid ? 0 : l.x0 > mid ? 1 : -1)
  const sided = flat.filter((l) => side(l) >= 0)
  const twoColumns = flat.filter((l) => side(l) === 0).length >= 3 && flat.filter((l) => side(l) === 1).length >= 3 && sided.length >= flat.length * 0.6
  if (!twoColumns) {
    return pieces.map(mergeRow)
  }
  const out: Line[] = []
  let band: Line[] = []
  const flushBand = () => {
    for (const column of [0, 1]) out.push(...band.filter((l) => side(l) === column).map((l) => ({ ...l, column })))
    band = []
  }
  for (const row of pieces) {
    if (row.some((l) => side(l) < 0)) {
      flushBand()
      out.push(mergeRow(row))
    } else band.push(...row)
  }
  flushBand()
  return out
}

export interface Furniture {
  /** Lines kept, page by page. */
  pages: Line[][]
  removed: Removed[]
}

/** A line with its numbers masked: "第3期" on page 1 and "第3期" on page 2 match, and so do folios that count. */
function furnitureKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/\d+/g, '#')
}

function isFolio(text: string): boolean {
  const t = text.trim()
  return PAGE_RULES.some((r) => r.pattern.test(t))
}

/** How a footnote begins: a circled or bracketed number, a number and a stop, 注, an asterisk. */
const NOTE_MARK = /^(?:[①-⑳]|[\[［〔(（]\d{1,3}[\]］〕)）]|\d{1,3}[.．、)]|注[:：释]|\*)/

/**
 * Page furniture out, each line with its reason. Only lines in a page's head or foot zone (its
 * first or last two lines, in the outer fifth of the page) are candidates:
 * - `page-number`: a folio ("- 3 -", "第3页", "3/12", a bare "3");
 * - `page-header` / `page-footer`: the same line at the same height on three pages, or in small
 *   type on two that are half of the pages that could carry it (a first page often has no running
 *   head); a line in small type in the page margin (a browser's print header and footer); a line
 *   in small type above the body of a later page (a running head printed once).
 * Below the body of a page, a block in small type that opens with a note mark is a `footnote`:
 * out of the running text, so that a paragraph runs on over the page break.
 */
export function removeFurniture(pages: Line[][], heights: number[]): Furniture {
  const size = bodySize(pages.flat())
  type Candidate = { page: number; line: Line; zone: 'head' | 'foot' }
  const candidates: Candidate[] = []
  pages.forEach((lines, page) => {
    const byY = [...lines].sort((a, b) => a.y - b.y)
    const h = heights[page]
    for (const line of byY.slice(0, MARGIN_LINES)) if (line.y < h * MARGIN_ZONE) candidates.push({ page, line, zone: 'head' })
    for (const line of byY.slice(-MARGIN_LINES)) if (line.y > h * (1 - MARGIN_ZONE) && !candidates.some((c) => c.line === line)) candidates.push({ page, line, zone: 'foot' })
  })
  const reason = new Map<Line, string>()
  for (const c of candidates) if (isFolio(c.line.text)) reason.set(c.line, 'page-number')
  const groups = new Map<string, Candidate[]>()
  for (const c of candidates) {
    if (reason.has(c.line)) continue
    const key = `${c.zone}\u0000${furnitureKey(c.line.text)}`
    groups.set(key, [...(groups.get(key) ?? []), c])
  }
  const eligible = Math.max(1, pages.length - 1)
  for (const group of groups.values()) {
    const ys = group.map((c) => c.line.y).sort((a, b) => a - b)
    const median = ys[Math.floor(ys.length / 2)]
    const placed = group.filter((c) => Math.abs(c.line.y - median) <= heights[c.page] * SAME_PLACE)
    const onPages = new Set(placed.map((c) => c.page)).size
    // Three pages settle it. Two must be half the document (a journal alternates two running heads)
    // and in small type: a report that repeats its headline may happen to open two pages with it.
    const small = placed.every((c) => c.line.size < size * SMALL_TYPE)
    if (onPages >= 3 || (onPages === 2 && onPages * 2 >= eligible && small)) for (const c of placed) reason.set(c.line, c.zone === 'head' ? 'page-header' : 'page-footer')
  }
  for (const c of candidates) {
    if (reason.has(c.line) || c.line.size >= size * SMALL_TYPE) continue
    const h = heights[c.page]
    // In the page margin itself, where word processors and browsers print headers and footers.
    if (c.line.y < h * PAGE_MARGIN || c.line.y > h * (1 - PAGE_MARGIN)) {
      reason.set(c.line, c.zone === 'head' ? 'page-header' : 'page-footer')
      continue
    }
    // Heading a later page above its body (a page of small type, a table, has no body to sit under).
    const bodyTop = Math.min(...pages[c.page].filter((l) => Math.abs(l.size - size) <= size * SAME_SIZE).map((l) => l.y))
    if (c.zone === 'head' && c.page > 0 && Number.isFinite(bodyTop) && c.line.y < bodyTop) reason.set(c.line, 'page-header')
  }
  for (const lines of pages) {
    const body = lines.filter((l) => Math.abs(l.size - size) <= size * SAME_SIZE)
    if (!body.length) continue
    const bottom = Math.max(...body.map((l) => l.y))
    const notes = lines.filter((l) => l.y > bottom && l.size < size * SMALL_TYPE && !reason.has(l)).sort((a, b) => a.y - b.y)
    if (notes.length && NOTE_MARK.test(notes[0].text)) for (const l of notes) reason.set(l, 'footnote')
  }
  const removed: Removed[] = []
  const kept = pages.map((lines) =>
    lines.filter((line) => {
      const why = reason.get(line)
      if (why) removed.push({ text: line.text, reason: why })
      return !why
    }),
  )
  return { pages: kept, removed }
}

/** The size most characters are set in: the body text. */
export function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>()
  for (const l of lines) {
    const s = Math.round(l.size * 2) / 2
    weight.set(s, (weight.get(s) ?? 0) + l.text.length)
  }
  let best = 0
  let most = -1
  for (const [s, w] of weight) if (w > most) [best, most] = [s, w]
  return best
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

/**
 * The left margin: the leftmost edge that a fair share of lines start at. Not the most common
 * edge: in a text of many one-line paragraphs more lines start indented than at the margin.
 */
function leftEdge(values: number[]): number {
  const count = new Map<number, number>()
  for (const v of values) count.set(Math.round(v), (count.get(Math.round(v)) ?? 0) + 1)
  const enough = Math.max(2, values.length * 0.1)
  const edges = [...count].sort((a, b) => a[0] - b[0])
  return (edges.find(([, n]) => n >= enough) ?? edges.sort((a, b) => b[1] - a[1])[0])[0]
}

/** Where body lines start and end in each column, and how far apart they usually are. */
export interface Frame {
  left: number[]
  right: number[]
  pitch: number
  size: number
}

export function frameOf(lines: Line[]): Frame {
  const size = bodySize(lines)
  const body = lines.filter((l) => Math.abs(l.size - size) <= size * SAME_SIZE)
  const left: number[] = []
  const right: number[] = []
  for (const column of [0, 1]) {
    const inColumn = body.filter((l) => l.column === column)
    if (!inColumn.length) continue
    left[column] = leftEdge(inColumn.map((l) => l.x0))
    // Long lines only: a short last line of a paragraph says nothing about the margin.
    const long = inColumn.filter((l) => l.x1 - l.x0 > size * 8)
    right[column] = quantile((long.length ? long : inColumn).map((l) => l.x1), 0.9)
  }
  const steps: number[] = []
  for (let i = 1; i < body.length; i++) {
    const [a, b] = [body[i - 1], body[i]]
    const d = b.y - a.y
    if (a.page === b.page && a.column === b.column && d > 0 && d < size * 3) steps.push(d)
  }
  return { left, right, pitch: steps.length ? quantile(steps, 0.5) : size * 1.5, size }
}

/**
 * Whether line b continues the paragraph of line a. Body text: a ran to the right margin (b's
 * first word, or first character with its trailing punctuation, would not have fitted after it) and b is neither indented, nor a list item, nor separated by a paragraph gap (page and column breaks
 * are not gaps). Headings: lines of the same larger size set close together (a headline over two
 * lines).
 */
export function continues(a: Line, b: Line, frame: Frame): boolean {
  if (Math.abs(a.size - b.size) > Math.max(a.size, b.size) * SAME_SIZE) return false
  const sameFlow = a.page === b.page && a.column === b.column
  if (a.size > frame.size * HEADING_SIZE) return sameFlow && b.y - a.y > 0 && b.y - a.y <= a.size * 2
  if (ITEM_START.test(b.text) || BULLET.test(b.text)) return false
  const right = frame.right[a.column] ?? frame.right[0]
  const left = frame.left[b.column] ?? frame.left[0]
  // a was broken by the margin when b's first unbreakable unit would not have fitted after it.
  const word = FIRST_UNIT.exec(b.text)?.[0].length ?? 1
  if (a.x1 + ((b.x1 - b.x0) / b.text.length) * word + a.size * BREAK_ROOM < right) return false
  if (b.x0 > left + b.size * INDENT) return false
  return !sameFlow || (b.y - a.y > 0 && b.y - a.y <= frame.pitch * PARAGRAPH_GAP)
}

/** Lines in reading order → paragraphs, each line joined to the last without a space between Chinese characters. */
export function paragraphs(lines: Line[], frame: Frame = frameOf(lines)): Paragraph[] {
  const out: Paragraph[] = []
  let prev: Line | null = null
  for (const line of lines) {
    const last = out[out.length - 1]
    if (prev && last && continues(prev, line, frame)) last.text = joinText(last.text, line.text)
    else out.push({ text: line.text, size: line.size, page: line.page })
    prev = line
  }
  return out
}

/** The headline: the largest paragraph among the first few on page one, when it is set larger than the body. */
export function headline(paras: Paragraph[], frame: Frame): string | null {
  const opening = paras.filter((p) => p.page === paras[0]?.page).slice(0, 5)
  let best: Paragraph | null = null
  for (const p of opening) if (p.size > frame.size * HEADING_SIZE && (!best || p.size > best.size)) best = p
  return best && best.text.length >= 4 && best.text.length <= 100 ? best.text : null
}
