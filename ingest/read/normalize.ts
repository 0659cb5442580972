/**
 * Whitespace normalization shared by every format, so later stages see one kind of space and
 * one kind of line break: rules as data, applied in order.
 */
const RULES: { id: string; pattern: RegExp; replace: string }[] = [
  // Windows and old Mac line endings, and the Unicode line/paragraph separators some CMSs emit.
  { id: 'line-endings', pattern: /\r\n?|[\u2028\u2029\u0085\v\f]/g, replace: '\n' },
  // NBSP, the ideographic (full-width) space used for paragraph indents, and typographic spaces.
  { id: 'spaces', pattern: /[\u00a0\u3000\u1680\u2000-\u200a\u202f\u205f]/g, replace: ' ' },
  // Zero-width characters and stray BOMs: invisible, but they split words for search and regexes.
  { id: 'zero-width', pattern: /[\u200b-\u200d\u2060\ufeff\u00ad]/g, replace: '' },
  // Indents and trailing spaces carry no meaning in a report and would read as code in Markdown.
  { id: 'line-edges', pattern: /^[ \t]+|[ \t]+$/gm, replace: '' },
  // More than one blank line is layout, not structure.
  { id: 'blank-runs', pattern: /\n{3,}/g, replace: '\n\n' },
]

export function normalizeText(text: string): string {
  let out = text
  for (const rule of RULES) out = out.replace(rule.pattern, rule.replace)
  return out.trim()
}
