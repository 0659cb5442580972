/** The best passage of a hit, cut to a readable window around the matched terms, marks included. */
import type { Snippet } from './types.js'
import { mappedNormal, type MappedNormal } from './normalize.js'

/** Characters of context before the first mark. */
const LEAD = 50
export const SNIPPET_CHARS = 160

/** The CLI's plain-text snippet marks matched terms with these (rare in report text, unlike 【】). */
export const MARK_OPEN = '«'
export const MARK_CLOSE = '»'

/**
 * `text` is the passage as in the body, `start` its offset in the body; `terms` are in
 * search-normal form and found in the passage's normal form, then mapped back. `mapped`: the
 * text's normal form when it is kept (./kept-text.ts), made here otherwise.
 */
export function makeSnippet(text: string, start: number, terms: string[], mapped: MappedNormal = mappedNormal(text)): Snippet {
  const { norm, from } = mapped
  const taken: [number, number][] = []
  for (const term of terms) {
    if (!term) continue
    for (let at = norm.indexOf(term); at >= 0; at = norm.indexOf(term, at + term.length)) {
      const s = from[at]
      const e = from[at + term.length - 1] + 1
      if (!taken.some(([a, b]) => s < b && e > a)) taken.push([s, e])
    }
  }
  taken.sort((a, b) => a[0] - b[0])
  let wStart = 0
  let wEnd = text.length
  if (text.length > SNIPPET_CHARS) {
    wStart = taken.length ? Math.max(0, Math.min(taken[0][0] - LEAD, text.length - SNIPPET_CHARS)) : 0
    wEnd = wStart + SNIPPET_CHARS
  }
  const marks = taken
    .filter(([s, e]) => s >= wStart && e <= wEnd)
    .map(([s, e]) => [s - wStart, e - wStart] as [number, number])
  return { text: text.slice(wStart, wEnd), marks, span: [start + wStart, start + wEnd] }
}

/** The snippet as one string, matched terms wrapped in «». */
export function markedSnippet(s: Snippet): string {
  let out = ''
  let at = 0
  for (const [a, b] of s.marks) {
    out += s.text.slice(at, a) + MARK_OPEN + s.text.slice(a, b) + MARK_CLOSE
    at = b
  }
  return out + s.text.slice(at)
}
