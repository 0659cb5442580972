import type { Element, Root } from 'hast'

/** Elements whose content is never report text (a <video>'s text is the fallback for browsers that cannot play it). */
export const NEVER_TEXT = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'iframe', 'svg', 'canvas', 'object', 'select', 'input', 'textarea', 'button', 'option', 'video', 'audio'])

/** Elements that start a line of their own; everything else flows inside the nearest one. */
export const BLOCK = new Set([
  'html', 'body', 'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'menu', 'nav', 'ol',
  'p', 'pre', 'section', 'table', 'caption', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul',
])

/** Sentence and clause marks: prose has them, menus and teaser lists have few. */
const PUNCT = new Set([...'，。；！？、,;!?'].map((c) => c.charCodeAt(0)))

/** Text measurements of one element, over its visible descendants. */
export interface Stats {
  parent: Element | null
  /** Pre-order position among elements, and the position of its last descendant: containment and order in O(1). */
  order: number
  end: number
  /** Non-space characters of visible text, of link text, and sentence marks. */
  chars: number
  linkChars: number
  punct: number
  /** The same for the text that flows in this block itself (text nodes and inline elements, not nested blocks). */
  ownChars: number
  ownLinkChars: number
  ownPunct: number
  /** display:none, the hidden attribute, or an element that never holds text — itself or an ancestor. */
  hidden: boolean
}

export interface Measured extends Map<Element, Stats> {
  /** Elements by pre-order position. */
  byOrder: Element[]
  /** Visible text characters before each position (index: order; one past the last: the total). */
  textBefore: number[]
}

/** Visible characters of text that starts after position `from`'s subtree ends (`from` = its `end`) and before position `to`. */
export function textBetween(m: Measured, from: number, to: number): number {
  const last = m.textBefore.length - 1
  return Math.max(0, m.textBefore[Math.min(to, last)] - m.textBefore[Math.min(from + 1, last)])
}

export function attr(el: Element, name: string): string | undefined {
  const v = el.properties[name]
  if (Array.isArray(v)) return v.join(' ')
  return v === undefined || v === null || v === false ? undefined : String(v)
}

/** Hidden by markup the page ships with (not by scripts): display:none or the hidden attribute. */
export function isHidden(el: Element): boolean {
  if (NEVER_TEXT.has(el.tagName)) return true
  if (el.properties.hidden) return true
  const style = attr(el, 'style')
  return !!style && /display\s*:\s*none/i.test(style)
}

/** Non-space characters and sentence marks of a text. */
function countText(text: string): [chars: number, punct: number] {
  let chars = 0
  let punct = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c <= 32 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b)) continue
    chars++
    if (PUNCT.has(c)) punct++
  }
  return [chars, punct]
}

/** One pass over the tree: every element's Stats. */
export function measure(root: Root | Element): Measured {
  const out = Object.assign(new Map<Element, Stats>(), { byOrder: [] as Element[], textBefore: [] as number[] })
  let order = 0
  let seen = 0
  const visit = (el: Element, parent: Element | null, inLink: boolean, hiddenAbove: boolean): Stats => {
    const hidden = hiddenAbove || isHidden(el)
    const s: Stats = { parent, order: order++, end: 0, chars: 0, linkChars: 0, punct: 0, ownChars: 0, ownLinkChars: 0, ownPunct: 0, hidden }
    out.set(el, s)
    out.byOrder.push(el)
    out.textBefore.push(seen)
    const link = inLink || el.tagName === 'a'
    for (const child of el.children) {
      if (child.type === 'text') {
        if (s.hidden) continue
        const [chars, punct] = countText(child.value)
        if (!chars) continue
        seen += chars
        s.chars += chars
        s.ownChars += chars
        s.punct += punct
        s.ownPunct += punct
        if (link) {
          s.linkChars += chars
          s.ownLinkChars += chars
        }
      } else if (child.type === 'element') {
        const c = visit(child, el, link, hidden)
        if (c.hidden) continue
        s.chars += c.chars
        s.linkChars += c.linkChars
        s.punct += c.punct
        if (!BLOCK.has(child.tagName)) {
          s.ownChars += c.ownChars
          s.ownLinkChars += c.ownLinkChars
          s.ownPunct += c.ownPunct
        }
      }
    }
    s.end = order - 1
    return s
  }
  for (const child of root.children) if (child.type === 'element') visit(child, root.type === 'element' ? root : null, false, false)
  out.textBefore.push(seen)
  return out
}

/** a contains b (or is b). */
export function contains(m: Measured, a: Element, b: Element): boolean {
  const sa = m.get(a)!
  const sb = m.get(b)!
  return sb.order >= sa.order && sb.order <= sa.end
}

export function* ancestors(m: Measured, el: Element): Generator<Element> {
  let p = m.get(el)?.parent ?? null
  while (p) {
    yield p
    p = m.get(p)?.parent ?? null
  }
}
