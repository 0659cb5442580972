/**
 * How deep a document nests, measured on its text before any parser builds a tree: the HTML and
 * Markdown stages recurse once per level, so a page of 100,000 nested tags must be refused before
 * it reaches them. Both measures are single passes with no recursion.
 */

/** Elements without content: never open a level. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen', 'frame', 'basefont', 'bgsound'])

/**
 * Elements whose end tag pages often leave out and that the HTML parser closes when a sibling
 * starts (a row of `<td>`s without `</td>` is siblings, not 1,000 levels). Not counted; each sits
 * between two counted levels at most (table → tbody → tr → td → p is one counted level and four
 * that are not), which the depth limit allows for.
 */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption', 'colgroup', 'rb', 'rt', 'rp', 'rtc'])

/** Elements whose content is raw text: tags inside them are not tags. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext'])

// Attributes stop at the next "<" as well as ">": a stray "<a" never makes the scan go back
// over the rest of the page, so the pass stays linear.
const TAG = /<!--[^]*?(?:-->|$)|<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*?(\/?)>/g

/**
 * The deepest nesting of counted elements in an HTML page, or a number past `stopAt` as soon as
 * the page goes deeper (the rest is not read). Unmatched end tags close nothing.
 */
export function htmlDepth(html: string, stopAt: number): number {
  let depth = 0
  let max = 0
  TAG.lastIndex = 0
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (m[2] === undefined) continue
    const name = m[2].toLowerCase()
    if (VOID.has(name) || SELF_CLOSING_SIBLINGS.has(name)) continue
    if (m[1]) {
      if (depth > 0) depth--
      continue
    }
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'gi')
      close.lastIndex = TAG.lastIndex
      TAG.lastIndex = close.exec(html)?.index ?? html.length
      continue
    }
    if (m[3]) continue
    depth++
    if (depth > max) {
      max = depth
      if (max > stopAt) return max
    }
  }
  return max
}

/** Block quote markers and list markers at a line start, each one container level. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/
const MARKER = />|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])/g

/**
 * The deepest container nesting of a Markdown text: per line, the block quote and list markers
 * that open it plus its indentation in steps of two (how nested list items continue), or a number
 * past `stopAt` at the first line deeper than that.
 */
export function markdownDepth(markdown: string, stopAt: number): number {
  let max = 0
  for (const line of markdown.split('\n')) {
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length
    const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? ''
    const depth = Math.floor(indent / 2) + (prefix.match(MARKER)?.length ?? 0)
    if (depth > max) {
      max = depth
      if (max > stopAt) return max
    }
  }
  return max
}
