import { BLOCK_RULES, LINE_RULES, type BlockRule, type LineRule } from './rules/boilerplate.js'

export type LineKind = 'blank' | 'junk' | 'body' | 'short'

export interface Line {
  /** Index in the split input. */
  index: number
  text: string
  kind: LineKind
  /** First rule that matches the line, regardless of where it stands. */
  rule: LineRule | null
  /**
   * When that rule is an 'edge' rule, the first 'any' rule that also matches: between body
   * paragraphs it still decides ("新华社记者 某某 摄" reads as a byline up top and as a photo credit
   * anywhere).
   */
  anyRule?: LineRule
}

/** Block rules mark whole lines the way line rules do, under the same zones. */
const asLineRule = (b: BlockRule): LineRule => ({ id: b.id, zone: b.zone, maxLen: Infinity, prose: true, why: b.why })
const BLOCK_LINE_RULES = new Map(BLOCK_RULES.map((b) => [b, asLineRule(b)]))

/** Long enough and sentence-like enough to be a paragraph of the report, not page chrome. */
export function isBodyish(text: string): boolean {
  const len = text.length
  if (len >= 40 && /[。，,；;！？、：:]/.test(text)) return true
  return len >= 12 && /[。！？][”’」』)）]?$/.test(text)
}

/** Sentence-like lines that an 'edge' rule must leave alone unless it is built for prose. */
function isProse(text: string): boolean {
  return text.length > 25 && /[。！？]/.test(text)
}

/**
 * LINE_RULES in their order, kept per `maxLen` bound: RULES_FROM[b] holds the rules admitting a
 * line of MAX_LENS[b] characters, so a paragraph is tried only against the few rules built for
 * long lines instead of skipping a hundred one by one.
 */
const MAX_LENS = [...new Set(LINE_RULES.map((r) => r.maxLen))].sort((a, b) => a - b)
const RULES_FROM = MAX_LENS.map((len) => LINE_RULES.filter((r) => r.maxLen >= len))
const ANY_RULES_FROM = RULES_FROM.map((rules) => rules.filter((r) => r.zone === 'any'))

/** The rules whose maxLen admits a line of `length` characters, in LINE_RULES order. */
function rulesFor(length: number, anyOnly: boolean): LineRule[] {
  let b = 0
  while (b < MAX_LENS.length && MAX_LENS[b] < length) b++
  if (b === MAX_LENS.length) return []
  return anyOnly ? ANY_RULES_FROM[b] : RULES_FROM[b]
}

export function matchRule(text: string, next: string | null, anyOnly = false): LineRule | null {
  const prose = isProse(text)
  for (const rule of rulesFor(text.length, anyOnly)) {
    if (prose && rule.zone === 'edge' && !rule.prose) continue
    if (rule.pattern) {
      rule.pattern.lastIndex = 0
      if (!rule.pattern.test(text)) continue
    }
    if (rule.test && !rule.test(text, { next })) continue
    return rule
  }
  return null
}

export function classify(rawLines: string[]): Line[] {
  // Every line carries anyRule from the start, and the array is filled by push rather than by
  // map (whose optimized inline copy makes arrays of another elements kind): one shape of line and
  // of array for the compiled code that reads them, which otherwise deoptimized on each new one.
  const lines: Line[] = []
  for (let index = 0; index < rawLines.length; index++) lines.push({ index, text: rawLines[index], kind: 'blank', rule: null, anyRule: undefined })
  let next: string | null = null
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]
    if (!line.text) continue
    line.rule = matchRule(line.text, next)
    if (line.rule?.zone === 'edge') line.anyRule = matchRule(line.text, next, true) ?? undefined
    line.kind = line.rule ? 'junk' : isBodyish(line.text) ? 'body' : 'short'
    next = line.text
  }
  applyBlocks(lines)
  return lines
}

function applyBlocks(lines: Line[]): void {
  let bodySeen = false
  for (let i = 0; i < lines.length; i++) {
    const opener = lines[i]
    if (opener.kind === 'body') bodySeen = true
    if (opener.kind === 'blank' || opener.kind === 'body' || opener.text.length > 400) continue
    const block = BLOCK_RULES.find((b) => opener.text.length <= b.openMaxLen && b.open.test(opener.text))
    if (!block) continue
    const asRule = BLOCK_LINE_RULES.get(block)!
    let items = 0
    let j = i + 1
    for (; j < lines.length && items < block.maxItems; j++) {
      const line = lines[j]
      if (line.kind === 'blank') continue
      if (line.kind === 'junk') {
        if (!block.passes.has(line.rule!.id)) break
        items++
        continue
      }
      if (!block.item(line.text)) break
      // Above the article a list item followed by its byline is the headline itself.
      if (block.stopsAtHeadline && !bodySeen && nextLine(lines, j)?.rule?.meta) break
      line.kind = 'junk'
      line.rule = asRule
      items++
    }
    if (items && block.dropsOpener && opener.kind !== 'junk') {
      opener.kind = 'junk'
      opener.rule = asRule
    }
    i = j - 1
  }
}

function nextLine(lines: Line[], from: number): Line | null {
  for (let k = from + 1; k < lines.length; k++) if (lines[k].kind !== 'blank') return lines[k]
  return null
}
