import type { Removed } from '../schema.js'
import { matchRule } from './engine.js'
import { CONTINUATION_START, ITEM_START, LINE_FINAL, PAGE_RULES, SENTENCE_FINAL } from './rules/layout.js'

/** Columns a line takes on the printed page: CJK, full-width forms and Chinese quotes take two. */
export function displayWidth(s: string): number {
  let w = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    w += c >= 0x2e80 || (c >= 0x2010 && c <= 0x2027) ? 2 : 1
  }
  return w
}

/** How far short of the margin a line may stop and still have been broken by it: a first line loses its indent, digits and Latin letters are narrow. */
const slack = (margin: number) => Math.max(4, Math.ceil(margin * 0.12))

const CJK = /[\u3400-\u9fff]/
const LATIN_END = /[A-Za-z,.;:!?)]$/
const LATIN_START = /^[A-Za-z(]/

/**
 * The right margin of hard-wrapped text, or null. Wrapped text breaks most lines mid-sentence at
 * nearly the same width, and hardly any line is wider than that; a page with one paragraph per
 * line has its paragraphs run far past any such width, and its unfinished lines (menus, bylines,
 * headings) vary in width.
 */
export function wrapMargin(lines: string[]): number | null {
  const runOn: number[] = []
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i] && lines[i + 1] && !SENTENCE_FINAL.test(lines[i])) runOn.push(i)
  }
  if (runOn.length < 3) return null
  const widths = runOn.map((i) => displayWidth(lines[i])).sort((a, b) => b - a)
  let margin: number | null = null
  for (let k = 0; k < widths.length && margin === null; k++) {
    const w = widths[k]
    if (w < 30) break
    let count = 0
    for (let j = k; j < widths.length && widths[j] >= w - slack(w); j++) count++
    if (count >= 3 && count >= widths.length * 0.4) margin = w
  }
  if (margin === null) return null
  let text = 0
  let over = 0
  for (const line of lines) {
    if (!line) continue
    text++
    if (line.length * 2 > margin + 2 && displayWidth(line) > margin + 2) over++
  }
  return over <= text * 0.1 ? margin : null
}

/** Two pieces of one paragraph joined: no space between Chinese characters, one between Latin words. */
export function joinText(a: string, b: string): string {
  return LATIN_END.test(a) && LATIN_START.test(b) ? `${a} ${b}` : a + b
}

export interface Unwrapped {
  lines: string[]
  /** Page furniture taken out, in order. */
  removed: Removed[]
  /** Right margin in columns when the text was hard-wrapped. */
  margin: number | null
}

/** One output line and what it was built from. */
interface Built {
  text: string
  /** Width of the last input line appended: whether that line reached the margin. */
  lastWidth: number
  lastPiece: string
  pieces: number
}

/**
 * Rejoins lines that a fixed width or a page break cut mid-sentence, and takes page numbers (and
 * running heads repeated at page breaks) out so they no longer split sentences. Blank lines are
 * paragraph breaks and are kept; text that is not hard-wrapped only loses its page numbers.
 */
export function unwrap(lines: string[]): Unwrapped {
  const margin = wrapMargin(lines)
  const removed: Removed[] = []
  const out: (Built | null)[] = []
  const seen = new Set<string>()
  let last = -1
  let blankGap = false
  let pageBreak = false
  const full = margin === null ? Infinity : margin - slack(margin)

  const continues = (prev: Built, line: string, width: number): boolean => {
    if (pageBreak) {
      // A junk line next to the folio (a handling mark, a running head) is not half of a sentence.
      if (SENTENCE_FINAL.test(prev.lastPiece) || ITEM_START.test(line) || matchRule(prev.lastPiece, null) !== null || matchRule(line, null) !== null) return false
      if (CONTINUATION_START.test(line) || prev.lastWidth >= full) return true
      // A heading at the foot of a page stays apart from the paragraph on the next.
      return prev.lastPiece.length >= 12 && !LINE_FINAL.test(prev.lastPiece) && !(prev.pieces === 1 && ITEM_START.test(prev.lastPiece))
    }
    if (blankGap || margin === null) return false
    // A list item or a junk line (a distribution list under the last paragraph) starts afresh.
    if (prev.lastWidth >= full) return !SENTENCE_FINAL.test(prev.lastPiece) && !ITEM_START.test(line) && matchRule(line, null) === null
    if (CONTINUATION_START.test(line)) return !SENTENCE_FINAL.test(prev.lastPiece)
    // A headline set over two or three short lines.
    return (
      prev.pieces < 3 &&
      width < full &&
      !LINE_FINAL.test(prev.lastPiece) &&
      !SENTENCE_FINAL.test(prev.lastPiece) &&
      !ITEM_START.test(line) &&
      CJK.test(prev.lastPiece) &&
      CJK.test(line) &&
      matchRule(prev.lastPiece, null) === null &&
      matchRule(line, null) === null
    )
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (!line) {
      out.push(null)
      blankGap = true
      continue
    }
    const page = PAGE_RULES.find((r) => (!r.wrappedOnly || margin !== null) && r.pattern.test(line))
    if (page) {
      removed.push({ text: line, reason: page.id })
      pageBreak = true
      continue
    }
    // A running head repeats an earlier short line right after a page number (or right before one).
    if (margin !== null && seen.has(line) && displayWidth(line) < full && (pageBreak || nextIsPage(lines, i, margin))) {
      removed.push({ text: line, reason: 'page-header' })
      continue
    }
    seen.add(line)
    const width = margin === null ? 0 : displayWidth(line)
    const prev = last >= 0 ? out[last] : null
    if (prev && continues(prev, line, width)) {
      out.length = last + 1
      prev.text = joinText(prev.text, line)
      prev.lastWidth = width
      prev.lastPiece = line
      prev.pieces++
    } else {
      out.push({ text: line, lastWidth: width, lastPiece: line, pieces: 1 })
      last = out.length - 1
    }
    blankGap = false
    pageBreak = false
  }
  return { lines: out.map((b) => (b ? b.text : '')), removed, margin }
}

function nextIsPage(lines: string[], i: number, margin: number | null): boolean {
  for (let k = i + 1; k < lines.length; k++) {
    if (!lines[k]) continue
    return PAGE_RULES.some((r) => (!r.wrappedOnly || margin !== null) && r.pattern.test(lines[k]))
  }
  return false
}
