import type { Element, ElementContent, Properties, Root } from 'hast'
import { Parser } from 'htmlparser2'
import { find, html as htmlSchema } from 'property-information'

/**
 * The attributes extraction reads (roles, visibility, alignment, head metadata); the rest (links,
 * sources, handlers, data-*) are left out of the tree, which keeps parsing of 300 KB portal pages cheap.
 */
const KEPT = new Set(['class', 'id', 'style', 'hidden', 'align', 'role', 'content', 'name', 'property', 'rel', 'itemprop', 'type', 'href'])

/**
 * HTML → hast with htmlparser2. parse5 (rehype-parse) builds the spec's tree but takes ~45 ms on
 * a 200 KB portal page; htmlparser2 takes ~5 ms, and its lenient recovery (implied end tags for
 * p/li/td, void elements, stray end tags ignored) is all main-content extraction needs.
 * Kept attributes become hast properties through property-information, as rehype-parse names them.
 */
export function parseHtml(html: string): Root {
  const root: Root = { type: 'root', children: [] }
  const stack: (Root | Element)[] = [root]
  const top = () => stack[stack.length - 1]
  const parser = new Parser(
    {
      onopentagname(name) {
        const el: Element = { type: 'element', tagName: name, properties: {}, children: [] }
        top().children.push(el as ElementContent)
        stack.push(el)
      },
      onattribute(name, value) {
        if (KEPT.has(name)) setProperty((top() as Element).properties, name, value)
      },
      onclosetag(name) {
        // htmlparser2 closes implied elements itself; the tag closed is always the stack top.
        if (stack.length > 1 && (top() as Element).tagName === name) stack.pop()
      },
      ontext(value) {
        const parent = top()
        const last = parent.children[parent.children.length - 1]
        // Entities arrive as separate text events; one node per run keeps the tree small.
        if (last?.type === 'text') last.value += value
        else parent.children.push({ type: 'text', value })
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  parser.end()
  return root
}

/** Attribute name → hast property info; a page repeats a few dozen names thousands of times. */
const INFO = new Map<string, ReturnType<typeof find>>()

function setProperty(props: Properties, name: string, value: string): void {
  let info = INFO.get(name)
  if (!info) INFO.set(name, (info = find(htmlSchema, name)))
  // The first of a repeated attribute counts, as in browsers.
  if (info.property in props) return
  if (info.boolean) props[info.property] = true
  else if (info.spaceSeparated) props[info.property] = value.trim().split(/\s+/).filter(Boolean)
  else props[info.property] = value
}
