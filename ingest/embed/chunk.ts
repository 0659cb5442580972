/**
 * Passages: the units a case is embedded, indexed and ranked by, so a hit points at the part of
 * the report that matched. Built from paragraphs; `body.slice(span[0], span[1]) === text`.
 */

export interface Passage {
  text: string
  span: [start: number, end: number]
}

export interface ChunkOptions {
  /** A passage shorter than this takes in the next paragraph. Default 200 characters. */
  min: number
  /** A passage longer than this is split at sentence ends. Default 500 characters. */
  max: number
}

const DEFAULTS: ChunkOptions = { min: 200, max: 500 }

/** Section headings begin a passage, so a passage about 主要做法 is not glued to the 背景 before it. */
const HEADING_RULES: { id: string; pattern: RegExp }[] = [
  // Markdown headings in corpus files.
  { id: 'markdown', pattern: /^#{1,6}\s/ },
  // 一、背景 / 二、主要做法: the usual section numbering of 经验做法 reports.
  { id: 'cn-numbered', pattern: /^[一二三四五六七八九十]{1,3}[、.．]/ },
  // （一）健全组织 / (二)...: second-level numbering.
  { id: 'cn-parenthesised', pattern: /^[（(][一二三四五六七八九十\d]{1,3}[）)]/ },
  // 【小区名片】: bracketed section labels.
  { id: 'bracketed', pattern: /^【[^】]{1,20}】/ },
  // 第一部分 / 第二章.
  { id: 'ordinal-part', pattern: /^第[一二三四五六七八九十\d]{1,3}[章节部分]/ },
]
/** A heading is a short line that does not end a sentence; longer numbered lines are paragraphs. */
const HEADING_MAX = 40
const SENTENCE_FINAL = /[。！？!?；;…]$/

// A sentence ends at 。！？; (or ASCII !?;) plus any closing quotes/brackets that follow it.
const SENTENCE_END = /[。！？!?；;]+[”’」』）)】]*/g
// Where an over-long sentence may be cut when no sentence end is near.
const CLAUSE_END = /[，,、：:]/g

function isHeading(line: string): boolean {
  return line.length <= HEADING_MAX && !SENTENCE_FINAL.test(line) && HEADING_RULES.some((r) => r.pattern.test(line))
}

interface Unit {
  start: number
  end: number
  heading: boolean
}

/** Non-empty lines, trimmed, as offsets into body. */
function paragraphs(body: string): Unit[] {
  const out: Unit[] = []
  const re = /[^\n]+/g
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const lead = m[0].length - m[0].trimStart().length
    const trimmed = m[0].trim()
    if (!trimmed) continue
    const start = m.index + lead
    out.push({ start, end: start + trimmed.length, heading: isHeading(trimmed) })
  }
  return out
}

/** Cut points after each match of `re` inside [start, end). */
function cutPoints(body: string, start: number, end: number, re: RegExp): number[] {
  const out: number[] = []
  const text = body.slice(start, end)
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = start + m.index + m[0].length
    if (at < end) out.push(at)
  }
  return out
}

/**
 * Splits [start, end) into pieces of at most `max`, preferring sentence ends, then clause
 * punctuation, then a hard cut; pieces are packed greedily so they stay near `max`.
 */
function splitLong(body: string, start: number, end: number, max: number, firstMax: number): Unit[] {
  const out: Unit[] = []
  let from = start
  let room = firstMax
  while (end - from > room) {
    const limit = from + room
    const sentences = cutPoints(body, from, limit + 1, SENTENCE_END).filter((p) => p > from && p <= limit)
    let cut = sentences.length ? sentences[sentences.length - 1] : 0
    // A sentence end in the first third would leave a stub; a clause end near the limit is better.
    if (cut - from < room / 3) {
      const clauses = cutPoints(body, from, limit + 1, CLAUSE_END).filter((p) => p > from && p <= limit)
      const clause = clauses.length ? clauses[clauses.length - 1] : 0
      cut = Math.max(cut, clause)
    }
    if (cut - from < room / 3) cut = limit
    out.push({ start: from, end: cut, heading: false })
    from = cut
    room = max
  }
  if (end > from) out.push({ start: from, end, heading: false })
  return out
}

/**
 * Chunks a case body into passages: paragraphs merged up to `min`..`max` characters, long
 * paragraphs split at sentence ends, every section heading starting a new passage.
 */
export function chunk(body: string, options: Partial<ChunkOptions> = {}): Passage[] {
  const { min, max } = { ...DEFAULTS, ...options }
  const units: Unit[] = []
  // Start of the headings directly above the current paragraph; its first piece shares their passage.
  let headingsFrom = -1
  for (const p of paragraphs(body)) {
    if (p.heading) {
      if (headingsFrom < 0) headingsFrom = p.start
      units.push(p)
      continue
    }
    const firstMax = headingsFrom >= 0 ? Math.max(max - (p.start - headingsFrom), max / 3) : max
    headingsFrom = -1
    // One long paragraph can be thousands of pieces: appended one by one, never spread onto the stack.
    if (p.end - p.start > firstMax) for (const piece of splitLong(body, p.start, p.end, max, firstMax)) units.push(piece)
    else units.push(p)
  }

  interface Span {
    start: number
    end: number
    /** Nothing but headings so far: must take in the paragraph that follows. */
    onlyHeadings: boolean
    /** Begins a section: never folded into the passage before it. */
    headed: boolean
  }
  const spans: Span[] = []
  let cur: Span | null = null
  for (const u of units) {
    if (cur) {
      const len = cur.end - cur.start
      const startsSection = u.heading && !cur.onlyHeadings
      // Headings followed by their first paragraph stay together even when that exceeds max.
      const fits = u.end - cur.start <= max || cur.onlyHeadings
      if (!startsSection && (len < min || cur.onlyHeadings) && fits) {
        cur.end = u.end
        cur.onlyHeadings = cur.onlyHeadings && u.heading
        continue
      }
      spans.push(cur)
    }
    cur = { start: u.start, end: u.end, onlyHeadings: u.heading, headed: u.heading }
  }
  if (cur) {
    const prev = spans[spans.length - 1]
    // A short tail reads better as the end of the passage before it than on its own.
    if (prev && !cur.headed && cur.end - cur.start < min / 2 && cur.end - prev.start <= max) prev.end = cur.end
    else spans.push(cur)
  }
  return spans.map((s) => ({ text: body.slice(s.start, s.end), span: [s.start, s.end] }))
}
