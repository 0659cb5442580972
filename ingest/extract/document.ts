import type { Evidence, Script } from '../schema.js'
import simplifyTable from './simplify-table.json'

export type Span = [number, number]

/**
 * The body with everything the field extractors share: a simplified copy for matching (same
 * length, so offsets found in it are offsets into the body), sentence and clause spans for
 * quotes, and where the headline and the lead paragraph end (for salience).
 */
export interface Doc {
  body: string
  /** Simplified, with a few variant characters and full-width digits, points and percent signs folded; `simp.length === body.length`. */
  simp: string
  script: Script
  sentences: Span[]
  clauses: Span[]
  titleEnd: number
  leadEnd: number
  maxSentenceQuote: number
}

// Variant characters OpenCC leaves alone but the gazetteer and vocabulary spell otherwise.
const VARIANT_FOLD: Record<string, string> = { 瑯: '琅', 峯: '峰', 羣: '群', 綫: '线', 衞: '卫', 甯: '宁' }

const SENTENCE_END = codeSet('。！？!?；;﹔\n')
const CLAUSE_END = codeSet('。！？!?；;﹔\n，,：:')
// Closing marks that belong to the previous sentence, and blanks, are not part of a quote.
const LEADING_JUNK = /[\s”’」』）)\]】]/
const TRAILING_JUNK = /[\s“‘「『（(\[【]/

const TABLE_START = 0x3400
const TABLE_END = 0xa000
let table: Uint16Array | null = null

/**
 * Character table traditional → simplified: what OpenCC's converter (ingest/text/script.ts) makes
 * of every CJK character on a line of its own, stored in simplify-table.json (make-simplify-table.ts
 * writes it from the converter, tests/simplify-table.test.ts holds it to the converter), so no
 * thread converts 27,648 characters before its first report. Matching only needs characters; a
 * table lookup is one-to-one by construction, so offsets always line up, and it is far cheaper
 * than running OpenCC's phrase trie over each report.
 */
function charTable(): Uint16Array {
  if (table) return table
  const t = new Uint16Array(TABLE_END - TABLE_START)
  for (let i = 0; i < t.length; i++) t[i] = TABLE_START + i
  const pairs = simplifyTable.pairs
  for (let k = 0; k + 8 <= pairs.length; k += 8) t[parseInt(pairs.slice(k, k + 4), 16) - TABLE_START] = parseInt(pairs.slice(k + 4, k + 8), 16)
  for (const [from, to] of Object.entries(VARIANT_FOLD)) t[from.charCodeAt(0) - TABLE_START] = to.charCodeAt(0)
  table = t
  return t
}

// Full-width digits ("办理实事１２件", common on pages typeset in Taiwan and Hong Kong) read as the
// ASCII ones, so counts, money and dates written so are found: one character for one. Pages in
// GB-era encodings write the decimal point and the percent sign full-width too ("２．８％"); left
// alone, the point cut a rate in two ("２．８％" read as 8%); folded, every extractor reads them as
// it reads "2.8%".
const FULL_DIGIT_0 = 0xff10
const FULL_DIGIT_9 = 0xff19
const FULL_PERCENT = 0xff05
const FULL_STOP = 0xff0e
const FULL_TO_ASCII = 0xfee0

function foldsFullWidth(c: number): boolean {
  return (c >= FULL_DIGIT_0 && c <= FULL_DIGIT_9) || c === FULL_STOP || c === FULL_PERCENT
}

function foldCode(c: number, t: Uint16Array): number {
  if (c >= TABLE_START && c < TABLE_END) return t[c - TABLE_START]
  return foldsFullWidth(c) ? c - FULL_TO_ASCII : c
}

// Past this many changed characters (a traditional report) the copy is made code by code.
const MAX_PIECES = 64
const CHUNK = 8192

/** Simplified copy of `body`, character for character, with a few variants and full-width digits, points and percent signs folded; same length. */
export function simplifyAligned(body: string): string {
  const t = charTable()
  // A simplified report changes a handful of characters (the table folds 么 to 幺): its copy is
  // the body's runs between them, or the body itself when none changes.
  let out = ''
  let from = 0
  let pieces = 0
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i)
    // foldCode spelt out: this loop runs over every character of every report.
    let to: number
    if (c >= TABLE_START && c < TABLE_END) {
      to = t[c - TABLE_START]
      if (to === c) continue
    } else if (foldsFullWidth(c)) to = c - FULL_TO_ASCII
    else continue
    if (++pieces > MAX_PIECES) return simplifyEach(body, t)
    out += body.slice(from, i) + String.fromCharCode(to)
    from = i + 1
  }
  return pieces === 0 ? body : out + body.slice(from)
}

function simplifyEach(body: string, t: Uint16Array): string {
  const codes = new Uint16Array(body.length)
  for (let i = 0; i < body.length; i++) {
    codes[i] = foldCode(body.charCodeAt(i), t)
  }
  // apply, not a spread: a spread walks the array through an iterator, allocating as it goes.
  let out = ''
  for (let i = 0; i < codes.length; i += CHUNK) out += String.fromCharCode.apply(null, codes.subarray(i, i + CHUNK) as unknown as number[])
  return out
}

function codeSet(chars: string): Uint8Array {
  const set = new Uint8Array(0x10000)
  for (const c of chars) set[c.charCodeAt(0)] = 1
  return set
}

/**
 * Whether a one-character pattern matches a UTF-16 code unit, each code tested once and remembered:
 * a lookup per character and no one-character strings, without testing all 65,536 codes at every
 * process and worker start (~10 ms a pattern).
 */
function codeTest(re: RegExp): (c: number) => boolean {
  const known = new Int8Array(0x10000) // 0 not asked yet, 1 matches, -1 does not
  return (c) => {
    if (known[c] === 0) known[c] = re.test(String.fromCharCode(c)) ? 1 : -1
    return known[c] === 1
  }
}

const LEADING = codeTest(LEADING_JUNK)
const TRAILING = codeTest(TRAILING_JUNK)

function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  let a = start
  let b = end
  while (a < b && LEADING(text.charCodeAt(a))) a++
  while (b > a && TRAILING(text.charCodeAt(b - 1))) b--
  if (b > a) spans.push([a, b])
}

/** Sentences and clauses in one pass: every sentence end is a clause end too. */
function splitSpans(text: string): { sentences: Span[]; clauses: Span[] } {
  const sentences: Span[] = []
  const clauses: Span[] = []
  let sentence = 0
  let clause = 0
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? -1 : text.charCodeAt(i)
    if (c >= 0 && !CLAUSE_END[c]) continue
    pushTrimmed(clauses, text, clause, i)
    clause = i + 1
    if (c >= 0 && !SENTENCE_END[c]) continue
    pushTrimmed(sentences, text, sentence, i)
    sentence = i + 1
  }
  return { sentences, clauses }
}

export function makeDoc(body: string, title: string | null, script: Script, maxSentenceQuote: number): Doc {
  const simp = simplifyAligned(body)
  const { sentences, clauses } = splitSpans(body)
  let titleEnd = 0
  if (title) {
    const at = body.indexOf(title)
    if (at >= 0 && at < 200) titleEnd = at + title.length
  }
  return { body, simp, script, sentences, clauses, titleEnd, leadEnd: leadEnd(body, titleEnd), maxSentenceQuote }
}

// The lead runs to the end of the first real paragraph after the headline: subtitles and
// name plates before it count as lead too.
function leadEnd(body: string, from: number): number {
  const re = /[^\n]+/g
  re.lastIndex = from
  let m: RegExpExecArray | null
  while ((m = re.exec(body))) {
    if (m[0].trim().length >= 40) return m.index + m[0].length
  }
  return body.length
}

/** 5 in the headline, 3 in the lead, 1 elsewhere. */
export function salience(doc: Doc, pos: number): number {
  if (pos < doc.titleEnd) return 5
  if (pos < doc.leadEnd) return 3
  return 1
}

function findIndex(spans: Span[], pos: number): number {
  let lo = 0
  let hi = spans.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (spans[mid][1] <= pos) lo = mid + 1
    else if (spans[mid][0] > pos) hi = mid - 1
    else return mid
  }
  return Math.min(lo, spans.length - 1)
}

function cover(doc: Doc, spans: Span[], start: number, end: number): Evidence {
  if (spans.length === 0) return evidence(doc, start, end)
  const a = spans[findIndex(spans, start)]
  const b = spans[findIndex(spans, Math.max(start, end - 1))]
  return evidence(doc, Math.min(a[0], start), Math.max(b[1], end))
}

export function evidence(doc: Doc, start: number, end: number): Evidence {
  return { quote: doc.body.slice(start, end), span: [start, end] }
}

/** The sentence around [start, end), or the clause(s) when the sentence is too long to read as a quote. */
export function quoteSentence(doc: Doc, start: number, end: number): Evidence {
  const s = cover(doc, doc.sentences, start, end)
  if (s.quote.length <= doc.maxSentenceQuote) return s
  return cover(doc, doc.clauses, start, end)
}

/** The clause(s) around [start, end). */
export function quoteClause(doc: Doc, start: number, end: number): Evidence {
  return cover(doc, doc.clauses, start, end)
}

/** Index range of clauses in the same sentence before the clause holding `pos`. */
export function clausesBefore(doc: Doc, pos: number, max: number): Span[] {
  const si = doc.sentences[findIndex(doc.sentences, pos)]
  const ci = findIndex(doc.clauses, pos)
  const out: Span[] = []
  for (let i = ci - 1; i >= 0 && out.length < max; i--) {
    const c = doc.clauses[i]
    if (!si || c[0] < si[0]) break
    out.push(c)
  }
  return out
}

/** The clause after the one holding `pos`, when the same sentence goes on. */
export function clauseAfter(doc: Doc, pos: number): Span | null {
  const si = doc.sentences[findIndex(doc.sentences, pos)]
  const c = doc.clauses[findIndex(doc.clauses, pos) + 1]
  return c && si && c[0] < si[1] ? c : null
}

export function sentenceAt(doc: Doc, pos: number): Span {
  return doc.sentences[findIndex(doc.sentences, pos)] ?? [0, doc.body.length]
}

export function clauseAt(doc: Doc, pos: number): Span {
  return doc.clauses[findIndex(doc.clauses, pos)] ?? [0, doc.body.length]
}

/** Text in the report's script: simplified values are converted when the report is traditional. */
export function inScript(doc: Doc, value: string, convert: (s: string) => string): string {
  return doc.script === 'traditional' ? convert(value) : value
}
