/**
 * The publication date from the DOM: the dateline printed under the headline first, then a
 * labelled date ("发布时间：…") anywhere outside page widgets, then what the page declares
 * (meta tags, JSON-LD datePublished, WeChat's publish timestamp). Dates in menus, teaser feeds,
 * comment threads and link lists are never read: they belong to other articles or to the reader.
 */
import type { Element } from 'hast'
import { parseDate } from '../../clean/meta.js'
import { ancestors, BLOCK, type Measured } from './measure.js'
import { kindOfTokens, type RegionKind } from './regions.js'
import { tokensOf } from './signals.js'
import { DATELINE_WINDOW, VALUE_CELL } from './tunables.js'

/**
 * Labels that introduce the publication date. A bare 时间/日期 counts only at the start of a line
 * or after a separator ("来源：… | 时间：…"), so 活动时间/报名时间 in a notice are not read; signing
 * and validity dates of documents (成文日期, 有效日期) are other dates.
 */
const DATE_LABEL = /(?:发布|發布|发表|發表|发稿|發稿|更新|发文|發文|刊发|刊發|生成|產生)(?:时间|時間|日期)\s*[:：]|(?:^|[\s|｜])(?:时间|時間|日期)\s*[:：]/

/** A sentence of the story, whose date is an event's; datelines and bylines are a date, a time and names. */
const SENTENCE_END = /[。！？]/

/** Where a date is looked for, in order. */
export type DateSource = 'dateline' | 'labelled' | 'declared'

export interface PageDate {
  date: string
  source: DateSource
}

/** The text flowing in a block itself: its text nodes and inline elements, not nested blocks. */
function ownText(el: Element, m: Measured): string {
  let out = ''
  const walk = (node: Element) => {
    for (const c of node.children) {
      if (c.type === 'text') out += c.value
      else if (c.type === 'element' && c.tagName === 'br') out += ' '
      else if (c.type === 'element' && !m.get(c)?.hidden && !BLOCK.has(c.tagName)) walk(c)
    }
  }
  walk(el)
  return out.replace(/\s+/g, ' ').trim()
}

/**
 * Regions whose dates are other articles' or today's: teaser feeds, comments, menus, side columns,
 * ads. A share bar or a "post-footer" under the headline often carries the dateline itself.
 */
const WIDGETS = new Set<RegionKind>(['related', 'comments', 'navigation', 'sidebar', 'ad'])
/** A labelled date ("时间：…") in a side box is the article's own; in a feed or a thread it is another item's. */
const FEEDS = new Set<RegionKind>(['related', 'comments'])

function inRegion(m: Measured, el: Element, articleStart: number, kinds: ReadonlySet<RegionKind>): boolean {
  for (const a of [el, ...ancestors(m, el)]) {
    const s = m.get(a)!
    // A region holding the article (an "article-feed" wrapper) is not a widget.
    if (s.order <= articleStart && articleStart <= s.end) continue
    const kind = kindOfTokens(tokensOf(a))
    if (kind && kinds.has(kind)) return true
  }
  return false
}

/** Characters of the block's own links that print a bare web address: an old CMS's dateline names its site so. */
function addressLinkChars(el: Element): number {
  let n = 0
  for (const c of el.children) {
    if (c.type !== 'element' || BLOCK.has(c.tagName)) continue
    if (c.tagName === 'a') {
      const t = c.children.map((x) => (x.type === 'text' ? x.value : '')).join('').trim()
      if (WEB_ADDRESS.test(t)) n += t.length
    } else n += addressLinkChars(c)
  }
  return n
}
const WEB_ADDRESS = /^(?:https?:\/\/|www\.)\S+$/i

/**
 * A text block a date may be read from: its own text, not a link (a linked date is a teaser's;
 * a link printing the site's web address beside the date is not), not a sentence of the story,
 * not in `kinds` of region.
 */
function readable(el: Element, m: Measured, articleStart: number, kinds: ReadonlySet<RegionKind>): string | null {
  const s = m.get(el)!
  if (s.hidden || !s.ownChars) return null
  if (s.ownLinkChars / s.ownChars > 0.5 && (s.ownLinkChars - addressLinkChars(el)) / s.ownChars > 0.5) return null
  const text = ownText(el, m)
  if (SENTENCE_END.test(text)) return null
  return inRegion(m, el, articleStart, kinds) ? null : text
}

/**
 * Text blocks from `from` (the headline element, whose later lines may be the byline) to the
 * article's first paragraph, at most DATELINE_WINDOW characters: where bylines put the date.
 */
function datelineAfter(m: Measured, from: number, articleStart: number): string | null {
  let seen = 0
  for (const [el, s] of m) {
    if (s.order < from || s.hidden || !s.ownChars) continue
    // Below the article's first paragraph (which may be the byline itself) dates are the story's.
    if (seen > DATELINE_WINDOW || s.order > articleStart) break
    seen += s.ownChars
    const text = readable(el, m, articleStart, WIDGETS)
    const date = text && parseDate(text)
    if (date) return date
  }
  return null
}

function labelledDate(m: Measured, articleStart: number): string | null {
  for (const [el, s] of m) {
    if (s.hidden || !s.ownChars) continue
    const label = DATE_LABEL.exec(ownText(el, m))
    if (!label) continue
    const text = readable(el, m, articleStart, FEEDS)
    if (!text) continue
    const date = parseDate(text.slice(label.index)) ?? (LABEL_ONLY.test(text) ? valueAfter(m, el, articleStart) : null)
    if (date) return date
  }
  return null
}

/** A label cell with nothing after its colon: a table or definition list puts the value in the next cell. */
const LABEL_ONLY = /[:：]\s*$/

/** The date in the first text block after a label cell, if that block is short enough to be a value. */
function valueAfter(m: Measured, label: Element, articleStart: number): string | null {
  const after = m.get(label)!.end
  for (const [el, s] of m) {
    if (s.order <= after || s.hidden || !s.ownChars) continue
    const text = s.ownChars <= VALUE_CELL ? readable(el, m, articleStart, FEEDS) : null
    return text ? parseDate(text) : null
  }
  return null
}

/** JSON-LD `datePublished`, anywhere in the object graph. */
function jsonLdDate(json: string): string | null {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    return null
  }
  const stack = [data]
  while (stack.length) {
    const v = stack.pop()
    if (!v || typeof v !== 'object') continue
    const published = (v as Record<string, unknown>).datePublished
    if (typeof published === 'string' && parseDate(published)) return parseDate(published)
    stack.push(...Object.values(v as Record<string, unknown>))
  }
  return null
}

/**
 * WeChat serves the publish time in a script, filled into the page by script: a Unix timestamp
 * (`var ct = "1567825320"`, shown in Beijing time) or, on older pages, the date itself
 * (`var publish_time = "2016-06-06"`).
 */
const WECHAT_TIMESTAMP = /\b(?:ct|create_time|createTime)\s*=\s*["'](\d{10})["']/
const WECHAT_DATE = /\bpublish_time\s*=\s*["'](\d{4}-\d{1,2}-\d{1,2})/
const BEIJING_MS = 8 * 3600 * 1000

function scriptDate(m: Measured): string | null {
  for (const el of m.keys()) {
    if (el.tagName !== 'script') continue
    const text = el.children.map((c) => (c.type === 'text' ? c.value : '')).join('')
    if (!text) continue
    const type = String(el.properties.type ?? '')
    if (/ld\+json/i.test(type)) {
      const date = jsonLdDate(text)
      if (date) return date
      continue
    }
    const ts = WECHAT_TIMESTAMP.exec(text)
    if (ts) return new Date(Number(ts[1]) * 1000 + BEIJING_MS).toISOString().slice(0, 10)
    const day = WECHAT_DATE.exec(text)
    if (day) return parseDate(day[1])
  }
  return null
}

/**
 * The page's date: after the headline element (or, without one, just above and at the top of
 * the article), then a labelled date, then `declared` (meta tags, already read by the caller)
 * and the dates scripts carry.
 */
export function findDate(m: Measured, headlineStart: number | null, articleStart: number, declared: string | undefined): PageDate | null {
  const from = headlineStart ?? windowStart(m, articleStart)
  const dateline = datelineAfter(m, from, articleStart)
  if (dateline) return { date: dateline, source: 'dateline' }
  const labelled = labelledDate(m, articleStart)
  if (labelled) return { date: labelled, source: 'labelled' }
  const date = declared ?? scriptDate(m)
  return date ? { date, source: 'declared' } : null
}

/** Without a headline element, the dateline window opens DATELINE_WINDOW characters above the article. */
function windowStart(m: Measured, articleStart: number): number {
  const before: { order: number; chars: number }[] = []
  for (const s of m.values()) {
    if (s.order >= articleStart) break
    if (!s.hidden && s.ownChars) before.push({ order: s.order, chars: s.ownChars })
  }
  let seen = 0
  for (let i = before.length - 1; i >= 0; i--) {
    seen += before[i].chars
    if (seen > DATELINE_WINDOW) return before[i].order
  }
  return -1
}
