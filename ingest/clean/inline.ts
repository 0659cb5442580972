import type { Removed } from '../schema.js'
import { INLINE_RULES, type InlineRule } from './rules/inline.js'

/** Paragraphs under the headline that may still open with a dateline. */
const LEAD_PARAGRAPHS = 2

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
export function cutInline(paragraphs: string[], where: InlineRule['where'], lead = LEAD_PARAGRAPHS): InlineCuts {
  const removed: Removed[] = []
  const meta: string[] = []
  const out: string[] = []
  const rules = INLINE_RULES.filter((r) => r.where === where)
  paragraphs.forEach((p, n) => {
    let text = p
    for (const rule of where === 'lead' && n >= lead ? [] : rules) {
      if (rule.needs && !rule.needs.some((w) => text.includes(w))) continue
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
