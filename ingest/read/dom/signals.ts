/**
 * The signals main-content extraction weighs, each a small function over a read-only hast element
 * and its measurements, each returning a number or a name a test can check.
 */
import type { Element } from 'hast'
import { attr, BLOCK, type Stats } from './measure.js'
import { kindOfLabel, kindOfTokens, nameTokens, NEGATIVE_TOKENS, POSITIVE_TOKENS, type RegionKind } from './regions.js'
import { CAPTION_MAX_CHARS, CLASS_WEIGHT, MIN_PARAGRAPH_CHARS } from './tunables.js'

/** Share of the text that sits inside links: menus and teaser lists near 1, prose near 0. */
export function linkDensity(s: Pick<Stats, 'chars' | 'linkChars'>): number {
  return s.chars ? s.linkChars / s.chars : 0
}

/** Sentence marks per 100 characters: prose has several, labels and link lists hardly any. */
export function punctuationDensity(s: Pick<Stats, 'chars' | 'punct'>): number {
  return s.chars ? (100 * s.punct) / s.chars : 0
}

const TOKENS = new WeakMap<Element, string[]>()

/** Tokens of an element's class and id (computed once per element). */
export function tokensOf(el: Element): string[] {
  let tokens = TOKENS.get(el)
  if (!tokens) {
    const names = [attr(el, 'className'), attr(el, 'id')].filter(Boolean).join(' ')
    TOKENS.set(el, (tokens = names ? nameTokens(names) : []))
  }
  return tokens
}

/** Readability's class weight: +25 for a name of an article body, −25 for a name of furniture, per attribute. */
export function classWeight(el: Element): number {
  let weight = 0
  for (const name of [attr(el, 'className'), attr(el, 'id')]) {
    if (!name) continue
    const tokens = nameTokens(name)
    if (tokens.some((t) => POSITIVE_TOKENS.has(t))) weight += CLASS_WEIGHT
    if (kindOfTokens(tokens) || tokens.some((t) => NEGATIVE_TOKENS.has(t))) weight -= CLASS_WEIGHT
  }
  return weight
}

/** Readability's starting score by tag: containers of prose up, lists and headings down. */
export function tagWeight(tagName: string): number {
  switch (tagName) {
    case 'div':
    case 'article':
    case 'section':
    case 'main':
      return 5
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5
    default:
      return 0
  }
}

/** A block whose own text is long enough to vote as a paragraph. */
export function isParagraph(el: Element, s: Stats): boolean {
  return BLOCK.has(el.tagName) && s.ownChars >= MIN_PARAGRAPH_CHARS && s.ownLinkChars / s.ownChars < 0.5
}

/** Readability's paragraph score: one, plus a point per clause mark, plus a point per 100 characters (at most 3). */
export function paragraphScore(s: Stats): number {
  return 1 + s.ownPunct + Math.min(Math.floor(s.ownChars / 100), 3)
}

/** The first few characters of visible text under an element: where a widget puts its label. */
export function leadText(el: Element, max = 16): string {
  let out = ''
  const walk = (node: Element): boolean => {
    for (const c of node.children) {
      if (c.type === 'text') {
        out += c.value.replace(/\s+/g, '')
        if (out.length >= max) return true
      } else if (c.type === 'element' && !(c.tagName in SKIP_LEAD)) {
        if (walk(c)) return true
        // A label is one line: stop at the end of the first block that said something.
        if (out && BLOCK.has(c.tagName)) return true
      }
    }
    return false
  }
  walk(el)
  return out.slice(0, max)
}
const SKIP_LEAD: Record<string, true> = { script: true, style: true, noscript: true, template: true }

/** The furniture kind an element's name or its opening label announces, or null. */
export function regionKind(el: Element): RegionKind | null {
  if (el.tagName === 'nav') return 'navigation'
  if (el.tagName === 'footer') return 'footer'
  if (el.tagName === 'aside') return 'sidebar'
  const named = kindOfTokens(tokensOf(el))
  if (named) return named
  return BLOCK.has(el.tagName) ? kindOfLabel(leadText(el)) : null
}

/**
 * Markup or template residue inside text: a leaked attribute (`pcms-style=\\"x\\">`), a tag
 * printed as text, an unfilled placeholder (`{{title}}`, `${name}`, `[!--content--]`). Chinese
 * prose has none.
 */
const RESIDUE = /[a-z][\w-]*=\\*["'][^"'<>]*\\*["']?\s*\/?>|<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?>|\{\{[^{}]*\}\}|\$\{[^{}]*\}|\[!--[^\]]*--\]/gi
/** A line of nothing but separators (`| | |`): a template's empty slots. */
const SEPARATORS_ONLY = /^[\s|｜/\\·•_=*-]*[|｜][\s|｜/\\·•_=*-]*$/

/** Residue cut out of a text; each cut is passed to `onCut`. */
export function cutResidue(text: string, onCut: (cut: string) => void): string {
  return text.replace(RESIDUE, (cut) => {
    onCut(cut)
    return ''
  })
}

/** The own text of a block (its text nodes and inline elements) carries markup or template residue. */
export function hasDebris(el: Element): boolean {
  let own = ''
  const walk = (node: Element) => {
    for (const c of node.children) {
      if (c.type === 'text') own += c.value
      else if (c.type === 'element' && !BLOCK.has(c.tagName) && !(c.tagName in SKIP_LEAD)) walk(c)
    }
  }
  walk(el)
  RESIDUE.lastIndex = 0
  return RESIDUE.test(own) || SEPARATORS_ONLY.test(own)
}

/** Class/id tokens of captions and picture boxes. */
const CAPTION_TOKENS = new Set(['caption', 'figcaption', 'pictext', 'imgtxt', 'imgtext', 'pic', 'photo', 'tupian', 'tpsm'])

export const hasImage = (el: Element): boolean => el.tagName === 'img' || el.children.some((c) => c.type === 'element' && hasImage(c))

/** Set wholly in bold: a subhead or an old page's headline, not a caption. */
export function allBold(el: Element): boolean {
  const parts = el.children.filter((c) => c.type === 'element' || (c.type === 'text' && c.value.trim()))
  return parts.length > 0 && parts.every((c) => c.type === 'element' && (c.tagName === 'b' || c.tagName === 'strong' || allBold(c)))
}

/** Words of photo credits and captions ("供图", "记者 X 摄", "图为…", "图片来源"). */
const CAPTION_WORDS = /供图|摄$|摄）|摄\)|图片来源|圖片來源|资料图|資料圖|截图|截圖|^图为|^圖為|^图[:：]|^圖[:：]|^（?图|^\(?图/

/** A source or editor line under the last picture is the byline, which line cleaning reads for metadata. */
const BYLINE_LABEL = /(?<!图片|圖片)(?:来源|來源|编辑|編輯|作者|记者|記者)\s*[:：]/

/** Centred, as captions under pictures are set. */
function centred(el: Element): boolean {
  return attr(el, 'align')?.toLowerCase() === 'center' || /text-align\s*:\s*center/i.test(attr(el, 'style') ?? '') || tokensOf(el).includes('center')
}

/**
 * A photo caption or credit: a short line with no links, set in a figcaption or a box named for
 * pictures, or standing right under a picture (the previous sibling shows only an image, or the
 * line itself opens with one) and set as a caption: centred, or worded as a credit. A plain line
 * under a picture may be the story going on (pages that break every sentence into short lines), a
 * bold line is a subhead, and a source/editor line is the byline. A caption may run to a second
 * line (a credit, then what the picture shows): a line right after a caption counts as under the
 * picture, and still has to be set or worded as one.
 */
export function isCaption(el: Element, s: Stats, previous: Element | null, previousStats: Stats | null, afterCaption = false): boolean {
  if (!s.chars || s.chars > CAPTION_MAX_CHARS || s.linkChars || s.ownChars !== s.chars) return false
  if (el.tagName === 'figcaption' || tokensOf(el).some((t) => CAPTION_TOKENS.has(t))) return true
  if (allBold(el)) return false
  const first = el.children.find((c) => c.type === 'element' || (c.type === 'text' && c.value.trim()))
  const underPicture = afterCaption || (first?.type === 'element' && hasImage(first)) || (!!previous && !!previousStats && !previousStats.chars && hasImage(previous))
  if (!underPicture) return false
  const text = leadText(el, CAPTION_MAX_CHARS)
  return (centred(el) || CAPTION_WORDS.test(text)) && !BYLINE_LABEL.test(text)
}
