import type { Removed } from '../schema.js'
import { INLINE_RULES, type InlineRule } from './rules/inline.js'

/** Paragraphs under the headline that may still open with a dateline. */
const LEAD_PARAGRAPHS = 2

/** Each phase's rules in INLINE_RULES order, chosen once rather than on every call. */
const RULES_OF = new Map<InlineRule['where'], InlineRule[]>((['line', 'lead', 'paragraph'] as const).map((w) => [w, INLINE_RULES.filter((r) => r.where === w)]))

export interface InlineCuts {
  paragraphs: string[]
  removed: Removed[]
  /** Cut text that names a reporter, outlet or date, for the byline parser. */
  meta: string[]
}

/**
 * Cuts glued furniture out of lines or paragraphs with the rules of one phase (rules/inline.ts):
 * 'line' runs on every prepared line and keeps a line it empties, as '', so that lines keep their
 * numbers; 'paragraph' runs on every kept paragraph; 'lead' on the first `lead` paragraphs only —
 * the headline and the paragraphs under it. A paragraph emptied by either is dropped.
 */
function holdsAny(text: string, words: string[]): boolean {
  for (const w of words) if (text.includes(w)) return true
  return false
}

export function cutInline(paragraphs: string[], where: InlineRule['where'], lead = LEAD_PARAGRAPHS): InlineCuts {
  const removed: Removed[] = []
  const meta: string[] = []
  const out: string[] = []
  const rules = RULES_OF.get(where)!
  paragraphs.forEach((p, n) => {
    let text = p
    if (where !== 'lead' || n < lead) for (const rule of rules) {
      if (rule.needs && !holdsAny(text, rule.needs)) continue
      rule.pattern.lastIndex = 0
      if (!rule.pattern.test(text)) continue
      rule.pattern.lastIndex = 0
      text = text.replace(rule.pattern, (cut) => {
        const t = cut.trim()
        if (t) {
          removed.push({ text: t, reason: rule.id })
          if (rule.meta) meta.push(t)
        }
        return ''
      })
    }
    text = text.trim()
    if (text || where === 'line') out.push(text)
  })
  return { paragraphs: out, removed, meta }
}
