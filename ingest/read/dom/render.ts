import { toText } from 'hast-util-to-text'
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { attr, BLOCK, isHidden, NEVER_TEXT } from './measure.js'

/** Longest link text that still reads as a menu item rather than a headline teaser. */
const MENU_ITEM_MAX = 10

function* elements(node: Root | Element): Generator<Element> {
  for (const child of node.children) {
    if (child.type === 'element') {
      yield child
      yield* elements(child)
    }
  }
}

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

/** A copy of the tree for text rendering: no invisible elements, menus flattened, layout tables as blocks, `skip` left out. */
/** Only links and space: a link bar, whose links are menu items to keep apart. Links inside a sentence are words of it. */
function isLinkBar(nodes: (RootContent | ElementContent)[]): boolean {
  return nodes.some(isLink) && nodes.every((n) => isLink(n) || isBlank(n) || n.type === 'comment' || (n.type === 'element' && n.tagName === 'br'))
}

function prune<T extends Root | Element>(node: T, skip: ReadonlySet<Element>, scrub?: (text: string) => string): T {
  const children: (RootContent | ElementContent)[] = []
  const source = node.children
  const linkBar = isLinkBar(source)
  for (let i = 0; i < source.length; i++) {
    const child = source[i]
    if (child.type === 'comment' || child.type === 'doctype') continue
    if (child.type !== 'element') {
      if (linkBar && isBlank(child) && isLink(source[i - 1]) && isLink(source[i + 1])) children.push({ type: 'text', value: ' | ' })
      else if (scrub && child.type === 'text') children.push({ ...child, value: scrub(child.value) })
      else children.push(child)
    } else if (skip.has(child) || isHidden(child)) continue
    else if (isNavigation(child)) children.push(flattenNav(child))
    else {
      const layout = unTable(child)
      if (layout) {
        children.push(prune(layout, skip, scrub))
        continue
      }
      if (linkBar && isLink(child) && isLink(source[i - 1])) children.push({ type: 'text', value: ' | ' })
      children.push(prune(child, skip, scrub))
    }
  }
  return { ...node, children } as T
}

/** The text of some nodes, with paragraph, table-row and menu structure, leaving out `skip`; `scrub` edits each text node. */
export function renderText(nodes: (Root | Element)[], skip: ReadonlySet<Element> = new Set(), scrub?: (text: string) => string): string {
  // A table cell or row taken out of its table is a block of text, not a cell to tab-separate.
  const asBlock = (n: Root | Element) => (n.type === 'root' || n.tagName === 'td' || n.tagName === 'th' || n.tagName === 'tr' ? block(n.children as ElementContent[]) : n)
  const root: Root = { type: 'root', children: nodes.map(asBlock) }
  return toText(prune(root, skip, scrub))
}

/**
 * A quick rendering for what was removed: a line per block and <br>, spaces collapsed, no table
 * or menu handling. The audit list needs the words, not the layout, and a page's furniture is
 * most of its markup.
 */
export function plainText(el: Element, withHidden = false): string {
  const lines: string[] = []
  let line = ''
  const flush = () => {
    const t = line.replace(/\s+/g, ' ').trim()
    if (t) lines.push(t)
    line = ''
  }
  const walk = (node: Element) => {
    for (const c of node.children) {
      if (c.type === 'text') line += c.value
      else if (c.type === 'element') {
        if (NEVER_TEXT.has(c.tagName) || (!withHidden && isHidden(c))) continue
        if (c.tagName === 'br') flush()
        else if (BLOCK.has(c.tagName)) {
          flush()
          walk(c)
          flush()
        } else walk(c)
      }
    }
  }
  walk(el)
  flush()
  return lines.join('\n')
}
