/**
 * A URL as stored anywhere (case fields, case files, the store, pages, exports): an absolute
 * http(s) URL, or nothing. `javascript:`, `data:`, `vbscript:` and relative URLs from a page's
 * canonical link or a hand-edited case file would otherwise become live links in the app's
 * origin, in handouts and in spreadsheets.
 */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const text = value.trim()
  // Browsers drop tabs and newlines inside URLs ("java\tscript:"); such a value is not a plain address.
  if (!/^https?:\/\//i.test(text) || /[\p{Cc}\s]/u.test(text)) return null
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : null
  } catch {
    return null
  }
}
