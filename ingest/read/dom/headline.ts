/**
 * The headline from the DOM: heading elements before the article, cross-checked against the
 * titles the page declares (og:title, ArticleTitle, <title>, WeChat's msg_title); the declared
 * titles, site suffix removed, only when no heading qualifies. Never a breadcrumb, a channel
 * label, a keyword list, the site's or the account's name.
 */
import type { Element } from 'hast'
import { toText } from 'hast-util-to-text'
import { headlineKey, stripSiteSuffix } from '../../clean/title.js'
import { ancestors, BLOCK, isHidden, textBetween, type Measured } from './measure.js'
import { kindOfTokens, type RegionKind } from './regions.js'
import { allBold, tokensOf } from './signals.js'
import {
  HEADLINE_AGREES,
  HEADLINE_AGREES_EXACTLY,
  HEADLINE_CLOSE,
  HEADLINE_CLOSE_CHARS,
  HEADLINE_DECLARED_MIN_CHARS,
  HEADLINE_LAST,
  HEADLINE_MAX_CHARS,
  HEADLINE_MIN_CHARS,
  HEADLINE_MIN_SCORE,
} from './tunables.js'

/** Titles a page declares outside its visible text. */
export interface DeclaredTitles {
  /** og:title, ArticleTitle, twitter:title: usually the bare headline. */
  meta?: string
  /** <title>: the headline plus site and channel names, or only those. */
  page?: string
  /** WeChat's `var msg_title`: the article's headline where <title> is the account name or empty. */
  script?: string
  /** A WeChat account's name: never a headline. */
  account?: string
}

/** Lines that stand where a headline would but are not one; each row says why. */
export const NOT_A_HEADLINE: { id: string; pattern: RegExp; why: string }[] = [
  {
    id: 'breadcrumb',
    pattern: /^(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|现在位置)|(?:\S\s*(?:>|＞|»|›|→|>>)\s*\S.*){2}/,
    why: 'A trail of section names ("首页 > 新闻 > 正文") locates the page; it names no article.',
  },
  {
    id: 'channel-label',
    pattern: /^[\u4e00-\u9fff]{0,6}(?:首页|首頁|动态|動態|新闻|新聞|中心|频道|頻道|公告|专题|專題|资讯|資訊|要闻|要聞|栏目|欄目|列表|正文)$/,
    why: 'A short section name ("新闻动态", "通知公告") is the channel, not the article.',
  },
  {
    id: 'keyword-list',
    pattern: /^(?:[^|｜,，、_\s]{1,8}\s*[|｜,，、_]\s*){2,}[^|｜,，、_\s]{1,8}$/,
    why: 'Three or more short words between separators are SEO keywords or tags.',
  },
  {
    id: 'subtitle',
    pattern: /^\s*(?:——|──|－－|--|—\s)/,
    why: 'A dash-led line ("——热烈祝贺…") is the subtitle under the headline.',
  },
  {
    id: 'untitled',
    pattern: /^(?:无标题|無標題|untitled|new page|document)/i,
    why: 'Editors leave the CMS default in <title>.',
  },
]

/** Trailing keyword lists on <title> hints: "标题|山东省|青岛市" → "标题". */
function stripKeywordTail(title: string): string {
  const parts = title.split(/\s*[|｜]\s*/)
  let n = parts.length
  while (n > 1 && parts[n - 1].length <= 8) n--
  return parts.length - n >= 2 ? parts.slice(0, n).join('|') : title
}

/** Private-use code points are icon-font glyphs and separators of old GBK pages, not characters of a headline. */
const PRIVATE_USE = /[\ue000-\uf8ff]/g

/** A declared title with site suffix and keyword tail removed. */
export function cleanDeclaredTitle(title: string): string {
  return stripSiteSuffix(stripKeywordTail(stripSiteSuffix(title.replace(PRIVATE_USE, '').replace(/\s+/g, ' ').trim())))
}

export function looksLikeHeadline(text: string, declared: DeclaredTitles = {}): boolean {
  const t = text.trim()
  if (t.length < HEADLINE_MIN_CHARS || t.length > HEADLINE_MAX_CHARS || !/[\u3400-\u9fff]/.test(t)) return false
  if (declared.account && headlineKey(t) === headlineKey(declared.account)) return false
  return !NOT_A_HEADLINE.some((r) => r.pattern.test(t))
}

/**
 * The site and channel names <title> carries after the headline ("…_网易财经" → "网易财经"). A
 * page that puts its site name first ("某某县人民政府 | 某某县统计公报") has the headline after
 * it: a part another declared title (og:title, ArticleTitle, WeChat's msg_title) agrees with is
 * the headline, not a site name.
 */
function siteNames(declared: DeclaredTitles): string[] {
  const page = declared.page
  if (!page) return []
  const bare = cleanDeclaredTitle(page)
  const at = page.indexOf(bare)
  if (at < 0) return []
  const rest = page.slice(at + bare.length)
  const headlines = [declared.meta, declared.script].filter((t): t is string => !!t).map((t) => headlineKey(cleanDeclaredTitle(t)))
  return rest
    .split(/[_|｜\-–—]+/)
    .map((s) => headlineKey(s))
    .filter((s) => s.length >= 2 && !headlines.some((h) => sameHeadline(h, s)))
}

/** Two headline keys name the same headline: equal, or one holds most of the other. */
export function sameHeadline(a: string, b: string): boolean {
  if (!a || !b) return false
  if (a === b) return true
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  return short.length >= 6 && long.includes(short) && short.length >= long.length * 0.4
}

/** Class/id tokens of headline elements. */
const TITLE_TOKENS = new Set(['title', 'headline', 'heading', 'biaoti', 'bt', 'tit', 'tt'])

const HEADING_WEIGHT: Record<string, number> = { h1: 3, h2: 2, h3: 1, h4: 1, h5: 1, h6: 1 }

export interface Headline {
  text: string
  /** The element it was read from; null when it came from a declared title. */
  element: Element | null
}

/** What marks an element as a headline: a heading tag, a title-like class/id name, or a line set wholly in bold. */
function headingWeight(el: Element): number {
  const tokens = tokensOf(el)
  if (tokens.includes('sub')) return 0
  return HEADING_WEIGHT[el.tagName] ?? (tokens.some((t) => TITLE_TOKENS.has(t)) ? 1 : 0)
}

/**
 * Inside a menu, teaser feed, comment thread, footer or side column: its headings are other
 * articles'. A region that holds the article itself (an "article-feed" wrapper) is none of these.
 */
function inFurniture(m: Measured, el: Element, articleStart: number, kinds?: ReadonlySet<RegionKind>): boolean {
  for (const a of ancestors(m, el)) {
    const s = m.get(a)!
    if (s.order <= articleStart && articleStart <= s.end) continue
    const kind = kindOfTokens(tokensOf(a))
    if (kind && (!kinds || kinds.has(kind))) return true
  }
  return false
}

export interface Candidate {
  el: Element
  text: string
  key: string
  weight: number
  /** Marked up as a heading (tag or name), not only set in bold or plain. */
  heading: boolean
  /** A declared title names the same headline… */
  agrees: boolean
  /** …word for word. */
  exact: boolean
  order: number
  end: number
}

/** Heading-like elements before `until`, and plain lines a declared title confirms, that read as headlines. */
/**
 * The first line of an element's text: up to a <br> or the end of the first block that said
 * something. A heading of several lines is headline and subtitle (or byline).
 */
function firstLine(el: Element): string {
  let out = ''
  const walk = (node: Element): boolean => {
    for (const c of node.children) {
      if (c.type === 'text') out += c.value
      else if (c.type === 'element' && !isHidden(c)) {
        const block = c.tagName === 'br' || BLOCK.has(c.tagName)
        if (block && out.trim()) return true
        if (walk(c)) return true
        if (block && out.trim()) return true
      }
    }
    return false
  }
  walk(el)
  return out.replace(PRIVATE_USE, '').replace(/\s+/g, ' ').trim()
}

/**
 * Every element of the page that may print the headline: heading-like elements, and plain lines
 * a declared title confirms, in document order, each headline printed once.
 */
export function headlineCandidates(m: Measured, declared: DeclaredTitles): Candidate[] {
  const declaredKeys = [declared.meta, declared.page, declared.script].filter((t): t is string => !!t).map((t) => headlineKey(cleanDeclaredTitle(t)))
  const sites = siteNames(declared)
  const candidates: Candidate[] = []
  for (const [el, s] of m) {
    if (s.hidden || s.chars < HEADLINE_MIN_CHARS || s.chars > HEADLINE_MAX_CHARS) continue
    const line = BLOCK.has(el.tagName) && s.ownChars === s.chars && s.ownLinkChars < s.ownChars / 2
    const heading = headingWeight(el)
    const weight = heading || (line && allBold(el) ? 1 : 0)
    // Any plain line of text may be the headline when a declared title confirms it.
    if (!weight && !(line && declaredKeys.length)) continue
    const text = firstLine(el)
    const key = headlineKey(text)
    const agrees = declaredKeys.some((k) => sameHeadline(key, k))
    if (!weight && !agrees) continue
    if (!looksLikeHeadline(text, declared) || sites.some((site) => site === key || site.includes(key))) continue
    // A headline repeated as the article's first heading: the first print is the headline.
    if (candidates.some((c) => c.key === key)) continue
    candidates.push({ el, text, key, weight, heading: heading > 0, agrees, exact: declaredKeys.includes(key), order: s.order, end: s.end })
  }
  return candidates
}

/** Breadcrumbs end with the page's title; they never hold the headline. */
const NOT_ANCHORS = new Set<RegionKind>(['navigation', 'related', 'comments', 'sidebar', 'footer'])

/**
 * Before the article is known: the element printing the headline the page declares (the
 * strongest heading that agrees with og:title / <title>), which the article follows.
 */
export function titleAnchor(m: Measured, candidates: Candidate[]): Element | null {
  let best: Candidate | null = null
  for (const c of candidates) {
    if (!c.agrees || inFurniture(m, c.el, -1, NOT_ANCHORS)) continue
    if (!best || c.weight > best.weight) best = c
  }
  return best?.el ?? null
}

/**
 * The headline: the best-scoring heading before `articleStart` (the order of the article's first
 * paragraph), else a declared title that reads as one, else null.
 */
export function findHeadline(
  m: Measured,
  all: Candidate[],
  articleStart: number,
  declared: DeclaredTitles,
  inArticle: (el: Element) => boolean = () => false,
): Headline | null {
  const sites = siteNames(declared)
  // Inside the article a bold or plain line is a lead or subhead that repeats title words, unless it is the declared title word for word.
  const candidates = all.filter((c) => c.order < articleStart && !inFurniture(m, c.el, articleStart) && (c.heading || c.exact || !inArticle(c.el)))
  let best: { el: Element; text: string; score: number } | null = null
  candidates.forEach((c, i) => {
    let score = c.weight
    if (c.agrees) score += HEADLINE_AGREES
    if (c.exact) score += HEADLINE_AGREES_EXACTLY
    // Candidates nest (div.title > h1): last means no candidate starts after this one ends.
    if (!candidates.slice(i + 1).some((o) => o.order > c.end)) score += HEADLINE_LAST
    if (textBetween(m, c.end, articleStart) <= HEADLINE_CLOSE_CHARS) score += HEADLINE_CLOSE
    if (score >= HEADLINE_MIN_SCORE && (!best || score >= best.score)) best = { el: c.el, text: c.text, score }
  })
  if (best) return { text: (best as { text: string }).text, element: (best as { el: Element }).el }
  for (const t of [declared.script, declared.meta, declared.page]) {
    if (!t) continue
    const text = cleanDeclaredTitle(t)
    if (text.length >= HEADLINE_DECLARED_MIN_CHARS && looksLikeHeadline(text, declared) && !sites.includes(headlineKey(text))) return { text, element: null }
  }
  return null
}
