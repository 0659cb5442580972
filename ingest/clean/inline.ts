import type { Removed } from '../schema.js'
import { INLINE_RULES } from './rules/inline.js'

/** Paragraphs under the headline that may still open with a dateline. */
const LEAD_PARAGRAPHS = 2

export interface InlineCuts {
  paragraphs: string[]
  removed: Removed[]
  /** Cut text that names a reporter, outlet or date, for the byline parser. */
  meta: string[]
}

/**
 * Cuts glued furniture out of kept paragraphs (rules/inline.ts). `lead` is how many paragraphs from
 * the top may carry a dateline: the headline (when there is one) and the paragraphs under it. A
 * paragraph the cuts leave empty is dropped.
 */
export function cutInline(paragraphs: string[], lead = LEAD_PARAGRAPHS): InlineCuts {
  const removed: Removed[] = []
  const meta: string[] = []
  const out: string[] = []
  paragraphs.forEach((p, n) => {
    let text = p
    for (const rule of INLINE_RULES) {
      if (rule.where === 'lead' && n >= lead) continue
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
    if (text) out.push(text)
  })
  return { paragraphs: out, removed, meta }
}
