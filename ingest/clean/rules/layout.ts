import { rx } from '../bilingual.js'

/**
 * Page furniture of hard-wrapped text (PDF-to-text briefs, plain-text mail). These lines are
 * removed before any line rule runs, because they split sentences: "明确\n— 1 —\n小区党支部…".
 */
export interface PageRule {
  id: string
  pattern: RegExp
  /** Only in text detected as hard-wrapped, where a bare number on its own line is a folio. */
  wrappedOnly?: boolean
  why: string
}

export const PAGE_RULES: PageRule[] = [
  {
    id: 'page-number',
    pattern: /^[—–\-－―─~～·•]+\s*\d{1,3}\s*[—–\-－―─~～·•]+$/,
    why: 'Folios printed between dashes or dots ("— 3 —", "-3-", "·3·"): the page footer of a printed brief.',
  },
  {
    id: 'page-number',
    pattern: /^(?:第\s*\d{1,3}\s*[页頁]\s*[,，/／]?\s*共\s*\d{1,3}\s*[页頁]|共\s*\d{1,3}\s*[页頁]\s*[,，/／]?\s*第\s*\d{1,3}\s*[页頁])$/,
    why: '"第3页 共5页" page footers of exported documents.',
  },
  {
    id: 'page-number',
    pattern: /^(?:page|p\.)\s*\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?$/i,
    why: 'English page footers ("Page 3 of 5") that PDF exports print.',
  },
  {
    id: 'page-number',
    pattern: /^(?:\d{1,3}|第\s*\d{1,3}\s*[页頁]|\d{1,3}\s*\/\s*\d{1,3})$/,
    wrappedOnly: true,
    why: 'A bare number ("3", "3/5", "第3页") on its own line is a folio in a wrapped text; on a web page it may be a counter that other rules judge.',
  },
]

/** A wrapped line that ends its sentence; anything else at the right margin runs on. */
export const SENTENCE_FINAL = /[。！？!?…](?:[”’」』）)\]】]*)$/

/**
 * Punctuation that ends a line on purpose: a short line ending so is not half a headline. A closing
 * quote is not among it ("沙河镇：“积分制”" / "激活乡村治理"): it ends a sentence only after 。！？.
 */
export const LINE_FINAL = /[。！？!?…；;：:，,、]$/

/** A line that can only continue the one before: it opens with a decimal point, a percent sign or clause punctuation. */
export const CONTINUATION_START = /^[.．%％，,、。；;：:）)”’」』]/

/** Starts of list items and section headings ("1." but not "1.2万元"): the line above one is complete. */
export const ITEM_START = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、．]|\d{1,2}\.(?!\d)|[①-⑳]|第[一二三四五六七八九十\d]+[章节部分条])/

/**
 * A headline printed on one line with the first paragraph, the two joined by a gap and a bracketed
 * reporter credit ("某某社区办起百家宴 〔记者张三报导〕近日，…"): copied from a page that set them side
 * by side. The first line is split at the gap, so the headline stands alone and the credit opens
 * the first paragraph, where the lead-in rules cut it. The headline part has no sentence or clause
 * punctuation, so a paragraph that merely quotes a reporter is not split.
 */
export const GLUED_HEADLINE = rx('^([^。！？!?，,；;：:]{6,40}?)\\s+(?=[(（〔［]\\s*(?:本报|本台|特约|见习|实习)?(?:记者|通讯员))')

/**
 * A headline in black brackets opening the first line, the first paragraph straight after it
 * ("【议事会为什么要轮值】议事会轮值是指…"): a Q&A or explainer page sets its headline that way.
 * Six characters or more with no sentence or clause mark, so a column tag ("【某某网】") or a label
 * ("【编者按】") is not taken; the paragraph after it must be paragraph-sized.
 */
export const BRACKETED_HEADLINE = rx('^【([^【】。！？!?，,；;：:]{6,40})】\\s*(?=\\S.{39})')
