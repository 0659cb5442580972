import type { Element, Root } from 'hast'
import { toText } from 'hast-util-to-text'
import type { Removed } from '../schema.js'
import { findArticle, type Attempt } from './dom/article.js'
import { findDate } from './dom/dateline.js'
import { decide, type BlockScores } from './dom/decide.js'
import { findHeadline, headlineCandidates, titleAnchor, type DeclaredTitles } from './dom/headline.js'
import { ancestors, attr, measure, NEVER_TEXT, type Measured } from './dom/measure.js'
import { parseHtml } from './dom/parse.js'
import { plainText, renderText } from './dom/render.js'
import { kindOfTokens, type RegionKind } from './dom/regions.js'
import { cutResidue, isParagraph, regionKind, tokensOf } from './dom/signals.js'
import { MIN_PAGE_PROSE, REMOVED_TEXT_MAX } from './dom/tunables.js'
import type { Hints } from './types.js'

/**
 * Head metadata → hints, first match wins. Chinese government CMSs use name="PubDate" /
 * "ArticleTitle"; news sites use Open Graph and article:published_time (some portals og:time,
 * set as a name or a property).
 */
const HINT_RULES: { hint: 'meta' | 'page' | 'url' | 'published'; tag: 'meta' | 'link' | 'title'; key?: string; values?: string[] }[] = [
  { hint: 'meta', tag: 'meta', key: 'property', values: ['og:title'] },
  { hint: 'meta', tag: 'meta', key: 'name', values: ['articletitle', 'twitter:title'] },
  { hint: 'page', tag: 'title' },
  { hint: 'url', tag: 'link', key: 'rel', values: ['canonical'] },
  { hint: 'url', tag: 'meta', key: 'property', values: ['og:url'] },
  { hint: 'published', tag: 'meta', key: 'property', values: ['article:published_time', 'og:article:published_time', 'og:release_date', 'og:time'] },
  { hint: 'published', tag: 'meta', key: 'name', values: ['pubdate', 'publishdate', 'publish_date', 'firstpublishedtime', 'date', 'dc.date', 'dc.date.issued', 'og:time'] },
  { hint: 'published', tag: 'meta', key: 'itemprop', values: ['datepublished'] },
]

function metaKey(el: Element, key: string): string | undefined {
  // hast maps rel to an array ("canonical") and itemprop to camelCase itemProp.
  const prop = key === 'rel' ? 'rel' : key === 'itemprop' ? 'itemProp' : key
  // Templates leave stray spaces in names (name="og:time "); a browser's lookup would miss them, a reader's does not.
  return attr(el, prop)?.trim().toLowerCase()
}

/** "2023-05-10T09:30:00+08:00", "2023/5/10 9:30", "20230510" → "2023-05-10". */
export function normalizeDate(value: string): string | undefined {
  const m = /(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})/.exec(value)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1949 || y > 2100) return undefined
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** WeChat article pages: the headline and the account name are in scripts and in their own elements. */
const WECHAT_TITLE = /\b(?:var\s+|window\.)msg_title\s*=\s*(?:'([^'\n]*)'|"([^"\n]*)")/
const WECHAT_ACCOUNT = /\bvar\s+nickname\s*=\s*(?:htmlDecode\()?\s*(?:'([^'\n]*)'|"([^"\n]*)")/

function decodeEntities(s: string): string {
  return s.replace(/&(?:quot|#34);/g, '"').replace(/&(?:#39|apos);/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&')
}

interface Declared {
  titles: DeclaredTitles
  url?: string
  published?: string
}

/** What the page declares outside its visible text: titles, canonical URL, meta dates. */
function declaredOf(m: Measured): Declared {
  const found: Partial<Record<(typeof HINT_RULES)[number]['hint'], string>> = {}
  const titles: DeclaredTitles = {}
  for (const el of m.keys()) {
    const tag = el.tagName
    if (tag === 'script') {
      const text = el.children.map((c) => (c.type === 'text' ? c.value : '')).join('')
      const title = WECHAT_TITLE.exec(text)
      if (title && !titles.script) titles.script = decodeEntities(title[1] ?? title[2]).trim() || undefined
      const account = WECHAT_ACCOUNT.exec(text)
      if (account && !titles.account) titles.account = decodeEntities(account[1] ?? account[2]).trim() || undefined
      continue
    }
    if ((attr(el, 'id') === 'js_name' || attr(el, 'className')?.split(' ').includes('profile_nickname')) && !titles.account) titles.account = toText(el).trim() || undefined
    if (tag !== 'meta' && tag !== 'link' && tag !== 'title') continue
    for (const rule of HINT_RULES) {
      if (found[rule.hint] || rule.tag !== tag) continue
      let value: string | undefined
      if (tag === 'title') value = toText(el)
      else if (rule.values!.includes(metaKey(el, rule.key!) ?? '')) value = attr(el, tag === 'link' ? 'href' : 'content')
      value = value?.replace(/\s+/g, ' ').trim()
      if (rule.hint === 'published' && value) value = normalizeDate(value)
      if (value) found[rule.hint] = value
    }
  }
  titles.meta = found.meta
  titles.page = found.page
  return { titles, url: found.url, published: found.published }
}

export interface HtmlText {
  text: string
  hints: Hints
  /** The text is the article the DOM showed, not the whole page. */
  article: boolean
  /** How the text was chosen, for the case's messages: the attempt that won and what it kept. */
  note: string
  /** Page regions left out of the text, each with the `dom:` reason that decided it. */
  removed: Removed[]
  /** Lines printed between the headline and the article (date, source, author): metadata, not body. */
  bylines: string[]
}

/** Whether `el` lies inside one of `regions`. */
function within(m: Measured, el: Element, regions: Iterable<Element>): boolean {
  const order = m.get(el)!.order
  for (const r of regions) {
    const s = m.get(r)!
    if (order >= s.order && order <= s.end) return true
  }
  return false
}

/** The order of the article's first paragraph that is not a heading: where the headline search stops. */
function articleStart(m: Measured, attempt: Attempt): number {
  for (const part of attempt.parts) {
    const p = m.get(part)!
    for (let order = p.order; order <= p.end; order++) {
      const el = m.byOrder[order]
      const s = m.get(el)!
      if (attempt.dropped.has(el)) order = s.end
      else if (isParagraph(el, s) && !/^h\d$/.test(el.tagName)) return order
    }
  }
  return m.get(attempt.parts[0])!.order
}

/** What `decide` hears about a region outside the article: only its name and visibility matter there. */
const OUTSIDE: BlockScores = { relation: 'outside', kind: null, hidden: false, chars: 0, linkDensity: 0, punctDensity: 0, share: 0, score: 0, threshold: 0, leaf: false, endsSentence: false, debris: false, caption: false }

/** The furniture kind an element's tag or class/id names (not its label: that costs a text walk). */
function namedKind(el: Element): RegionKind | null {
  return el.tagName === 'nav' ? 'navigation' : el.tagName === 'footer' ? 'footer' : kindOfTokens(tokensOf(el))
}

/**
 * Everything left out of the text, region by region in document order, each with its reason.
 * Regions between the headline and the article's first paragraph that name no furniture are the
 * byline: their lines are returned for metadata.
 */
function removedRegions(root: Root, m: Measured, attempt: Attempt, headline: Element | null, bylineEnd: number): { removed: Removed[]; bylines: string[] } {
  const parts = new Set(attempt.parts)
  const onPath = new Set<Element>()
  for (const el of [...attempt.parts, ...(headline ? [headline] : [])]) for (const a of ancestors(m, el)) onPath.add(a)
  const headlineEnd = headline ? m.get(headline)!.end : Infinity
  const removed: Removed[] = []
  const bylines: string[] = []
  const add = (text: string, reason: string) => {
    const t = text.replace(/\n{3,}/g, '\n\n').trim()
    if (!t) return
    const last = removed[removed.length - 1]
    if (last?.reason === reason) last.text += `\n${t}`
    else removed.push({ text: t, reason })
  }
  const capped = () => removed.map((r) => (r.text.length > REMOVED_TEXT_MAX ? { ...r, text: `${r.text.slice(0, REMOVED_TEXT_MAX)}…（+${r.text.length - REMOVED_TEXT_MAX}）` } : r))
  const textOf = (el: Element) => plainText(el, m.get(el)!.hidden)
  const outside = (el: Element) => {
    // Scripts, styles and the head are not page text: nothing to report.
    if (NEVER_TEXT.has(el.tagName)) return
    const s = m.get(el)!
    const kind = regionKind(el)
    // An unnamed wrapper around named regions (a layout row holding a menu cell) is reported region by region.
    if (!kind && !s.hidden && el.children.some((c) => c.type === 'element' && namedKind(c))) {
      walk(el)
      return
    }
    const verdict = decide({ ...OUTSIDE, kind, hidden: s.hidden })
    let reason = verdict.keep ? 'dom:outside-article' : verdict.reason
    const text = textOf(el)
    if (reason === 'dom:outside-article' && s.order > headlineEnd && s.order < bylineEnd) {
      reason = 'dom:byline'
      bylines.push(...text.split('\n').map((l) => l.trim()).filter(Boolean))
    }
    add(text, reason)
  }
  const walk = (node: Root | Element) => {
    for (const c of node.children) {
      if (c.type === 'text') {
        if (node.type === 'element' && !m.get(node)!.hidden) add(c.value, 'dom:outside-article')
      } else if (c.type !== 'element' || c === headline) continue
      else if (parts.has(c)) {
        for (const [el, reason] of attempt.dropped) if (within(m, el, [c])) add(textOf(el), reason)
      } else if (onPath.has(c)) walk(c)
      else outside(c)
    }
  }
  walk(root)
  return { removed: capped(), bylines }
}

/**
 * A page → the article's text (headline first), hints (headline, canonical URL, date) and what
 * was left out. Pages with too little prose to choose from (fragments, stubs) go to line cleaning
 * whole, as text with their structure.
 */
export function htmlToText(html: string): HtmlText {
  const tree = parseHtml(html)
  const m = measure(tree)
  const declared = declaredOf(m)
  const hints: Hints = {}
  const fallbackTitle = declared.titles.meta ?? declared.titles.page
  const whole = (kept: number): HtmlText => {
    if (fallbackTitle) hints.title = fallbackTitle
    if (declared.url) hints.url = declared.url
    if (declared.published) hints.published = declared.published
    const note = `no article chosen (the best attempt kept ${kept} characters): the whole page goes to line cleaning`
    return { text: renderText([tree]), hints, article: false, note, removed: [], bylines: [] }
  }
  const candidates = headlineCandidates(m, declared.titles)
  const { chosen, attempts } = findArticle(tree, m, titleAnchor(m, candidates))
  if (!chosen.parts.length || chosen.chars < MIN_PAGE_PROSE) return whole(chosen.chars)
  const start = articleStart(m, chosen)
  const headline = findHeadline(m, candidates, start, declared.titles, (el) => within(m, el, chosen.parts))
  const headlineEl = headline?.element ?? null
  const date = findDate(m, headlineEl ? m.get(headlineEl)!.order : null, start, declared.published)
  const skip = new Set<Element>(chosen.dropped.keys())
  if (headlineEl) skip.add(headlineEl)
  const { removed, bylines } = removedRegions(tree, m, chosen, headlineEl, start)
  // Residue left in the article's own text (a leaked attribute before the first sentence) is cut out, not the paragraph.
  const body = renderText(chosen.parts, skip, (text) => cutResidue(text, (cut) => removed.push({ text: cut, reason: 'dom:template-debris' })))
  if (headline) hints.title = headline.text
  else if (fallbackTitle) hints.title = fallbackTitle
  if (declared.url) hints.url = declared.url
  if (date) hints.published = date.date
  const tried = attempts.map((a) => `${a.name} ${a.chars}`).join(', ')
  const note = `article chosen by the ${chosen.name} attempt (characters kept: ${tried}); headline ${headline?.element ? 'printed on the page' : headline ? 'declared by the page' : 'not found'}; date ${date ? `from the ${date.source}` : 'not found'}`
  return { text: headline ? `${headline.text}\n\n${body}` : body, hints, article: true, note, removed, bylines }
}

/** The charset a page declares in its first bytes (<meta charset> or http-equiv), if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096))
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1] ?? null
}
