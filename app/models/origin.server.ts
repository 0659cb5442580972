import { allowedOrigins } from './config.server'

/** What the checks read of a request: its headers by name (Fetch Headers or Node's). */
export type HeaderGetter = (name: string) => string | null | undefined

/** The origin of a URL, or null when it is none (`null`, a malformed value). */
function originOf(value: string): string | null {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null
  } catch {
    return null
  }
}

/**
 * Whether a write comes from this site. Browsers send `Origin` with every form post (`Referer`
 * where an old one does not); it must name the host the request was sent to (or one of
 * CASEBOOK_ORIGIN). A page on another port of the same host is another origin. A request with
 * neither header is not from a browser page and passes here; the form token still applies.
 * `host` is the host the request was sent to (its Host header).
 */
export function sameOrigin(header: HeaderGetter, host: string | null | undefined): boolean {
  const claimed = header('origin') ?? header('referer')
  if (!claimed) return true
  const origin = originOf(claimed)
  if (!origin) return false
  const allowed = allowedOrigins()
  if (allowed.length) return allowed.includes(origin)
  return new URL(origin).host === host
}
