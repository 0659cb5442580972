import { LINE_RULES, type LineRule } from './rules/boilerplate.js'

export type LineKind = 'blank' | 'junk' | 'body' | 'short'

export interface Line {
  /** Index in the split input. */
  index: number
  text: string
  kind: LineKind
  /** First rule that matches the line, regardless of where it stands. */
  rule: LineRule | null
}

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

export function matchRule(text: string, next: string | null): LineRule | null {
  const prose = isProse(text)
  for (const rule of LINE_RULES) {
    if (text.length > rule.maxLen) continue
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
  const lines: Line[] = rawLines.map((text, index) => ({ index, text, kind: 'blank', rule: null }))
  let next: string | null = null
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]
    if (!line.text) continue
    line.rule = matchRule(line.text, next)
    line.kind = line.rule ? 'junk' : isBodyish(line.text) ? 'body' : 'short'
    next = line.text
  }
  return lines
}
