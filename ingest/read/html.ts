import { unified } from 'unified'
import rehypeParse from 'rehype-parse'
import { toText } from 'hast-util-to-text'
import type { Element, ElementContent, Root, RootContent } from 'hast'
import type { Hints } from './types.js'

/** Elements whose content is never report text. */
const DROP = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'svg', 'canvas', 'object', 'select', 'input', 'textarea', 'button'])

/**
 * Head metadata → hints, first match wins. Chinese government CMSs use name="PubDate" /
 * "ArticleTitle"; news sites use Open Graph and article:published_time.
 */
const HINT_RULES: { hint: keyof Hints; tag: 'meta' | 'link' | 'title'; key?: string; values?: string[] }[] = [
  { hint: 'title', tag: 'meta', key: 'property', values: ['og:title'] },
  { hint: 'title', tag: 'meta', key: 'name', values: ['articletitle', 'twitter:title'] },
  { hint: 'title', tag: 'title' },
  { hint: 'url', tag: 'link', key: 'rel', values: ['canonical'] },
  { hint: 'url', tag: 'meta', key: 'property', values: ['og:url'] },
  { hint: 'published', tag: 'meta', key: 'property', values: ['article:published_time', 'og:article:published_time'] },
  { hint: 'published', tag: 'meta', key: 'name', values: ['pubdate', 'publishdate', 'publish_date', 'firstpublishedtime', 'date', 'dc.date'] },
  { hint: 'published', tag: 'meta', key: 'itemprop', values: ['datepublished'] },
]

function attr(el: Element, name: string): string | undefined {
  const v = el.properties[name]
  if (Array.isArray(v)) return v.join(' ')
  return v === undefined || v === null ? undefined : String(v)
}

function* elements(node: Root | Element): Generator<Element> {
  for (const child of node.children) {
    if (child.type === 'element') {
      yield child
      yield* elements(child)
    }
  }
}

function metaKey(el: Element, key: string): string | undefined {
  // hast maps rel to an array ("canonical") and http-equiv/itemprop to camelCase properties.
  const prop = key === 'rel' ? 'rel' : key === 'itemprop' ? 'itemProp' : key
  return attr(el, prop)?.toLowerCase()
}

/** "2023-05-10T09:30:00+08:00", "2023/5/10 9:30", "20230510" → "2023-05-10". */
export function normalizeDate(value: string): string | undefined {
  const m = /(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})/.exec(value)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1949 || y > 2100) return undefined
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function hintsOf(tree: Root): Hints {
  const hints: Hints = {}
  const all = [...elements(tree)].filter((el) => el.tagName === 'meta' || el.tagName === 'link' || el.tagName === 'title')
  for (const rule of HINT_RULES) {
    if (hints[rule.hint]) continue
    for (const el of all) {
      if (el.tagName !== rule.tag) continue
      let value: string | undefined
      if (rule.tag === 'title') value = toText(el)
      else if (rule.values!.includes(metaKey(el, rule.key!) ?? '')) value = attr(el, rule.tag === 'link' ? 'href' : 'content')
      value = value?.replace(/\s+/g, ' ').trim()
      if (rule.hint === 'published' && value) value = normalizeDate(value)
      if (value) {
        hints[rule.hint] = value
        break
      }
    }
  }
  return hints
}

/** Longest link text that still reads as a menu item rather than a headline teaser. */
const MENU_ITEM_MAX = 10

function isNavigation(el: Element): boolean {
  if (el.tagName === 'nav' || attr(el, 'role') === 'navigation') return true
  if (el.tagName !== 'ul' && el.tagName !== 'ol') return false
  // A list of three or more short links is a menu even without <nav>: one line, not one per item.
  const items = el.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li')
  return items.length >= 3 && items.every((li) => {
    const text = toText(li).trim()
    return text.length <= MENU_ITEM_MAX && [...elements(li)].some((e) => e.tagName === 'a')
  })
}

function isLink(node: ElementContent | RootContent | undefined): boolean {
  return node?.type === 'element' && node.tagName === 'a'
}

function isBlank(node: ElementContent | RootContent | undefined): boolean {
  return node?.type === 'text' && node.value.trim() === ''
}

/** A menu becomes one "A | B | C" line, the shape menus have in text reports, instead of a line per item. */
function flattenNav(el: Element): Element {
  const items = [...elements(el)].filter((e) => e.tagName === 'li')
  const parts = (items.length ? items : [...elements(el)].filter((e) => e.tagName === 'a')).map((e) => toText(e).replace(/\s+/g, ' ').trim())
  const line = parts.filter(Boolean).join(' | ')
  return line ? { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: line }] } : el
}

/** Longest cell text that still reads as a link in a link bar, not a paragraph. */
const SHORT_CELL_MAX = 12

/** Table wrappers that only group rows; as blocks they keep separate layout tables on separate lines. */
const TABLE_WRAPPERS = new Set(['table', 'thead', 'tbody', 'tfoot', 'caption'])

const block = (children: ElementContent[]): Element => ({ type: 'element', tagName: 'div', properties: {}, children })

/**
 * Table-layout CMS pages put menu, breadcrumb, headline, date line and body each in their own
 * table or row; hast-util-to-text would run separate tables together on one line. Wrappers and
 * one-cell rows become blocks (a line each); a row of short link cells becomes one "A | B" line;
 * other rows stay data rows (cells tab-separated).
 */
function unTable(el: Element): Element | null {
  if (TABLE_WRAPPERS.has(el.tagName)) return block(el.children as ElementContent[])
  if (el.tagName !== 'tr') return null
  const cells = el.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'))
  if (cells.length === 1) return block(cells[0].children)
  const texts = cells.map((c) => toText(c).replace(/\s+/g, ' ').trim())
  const linkBar = cells.length >= 2 && cells.every((c, i) => texts[i].length <= SHORT_CELL_MAX && (!texts[i] || [...elements(c)].some((e) => e.tagName === 'a')))
  return linkBar ? block([{ type: 'text', value: texts.filter(Boolean).join(' | ') }]) : null
}

function prune<T extends Root | Element>(node: T): T {
  const children: (RootContent | ElementContent)[] = []
  const source = node.children
  for (let i = 0; i < source.length; i++) {
    const child = source[i]
    if (child.type === 'comment' || child.type === 'doctype') continue
    if (child.type !== 'element') {
      // Links side by side with nothing but space between them are a menu bar: keep them apart.
      if (isBlank(child) && isLink(source[i - 1]) && isLink(source[i + 1])) children.push({ type: 'text', value: ' | ' })
      else children.push(child)
    } else if (DROP.has(child.tagName)) continue
    else if (isNavigation(child)) children.push(flattenNav(child))
    else {
      const layout = unTable(child)
      if (layout) {
        children.push(prune(layout))
        continue
      }
      if (isLink(child) && isLink(source[i - 1])) children.push({ type: 'text', value: ' | ' })
      children.push(prune(child))
    }
  }
  return { ...node, children } as T
}

export function htmlToText(html: string): { text: string; hints: Hints } {
  const tree = unified().use(rehypeParse).parse(html)
  return { text: toText(prune(tree)), hints: hintsOf(tree) }
}

/** The charset a page declares in its first bytes (<meta charset> or http-equiv), if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096))
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1] ?? null
}
