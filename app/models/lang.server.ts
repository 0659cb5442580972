import { isLang, type Lang } from '~/i18n'
import { buildHref, viewParams } from '~/lib/ui'
import { secureCookies } from './config.server'

export const LANG_COOKIE = 'casebook_lang'

/** `?lang=` wins (a shared link shows its language), then the cookie, then Chinese. */
export function langFromRequest(request: Request): Lang {
  const fromUrl = new URL(request.url).searchParams.get('lang')
  if (isLang(fromUrl)) return fromUrl
  return langFromCookie(request) ?? 'zh'
}

function langFromCookie(request: Request): Lang | null {
  const cookie = request.headers.get('Cookie') ?? ''
  const match = new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=(zh|en)(?:;|$)`).exec(cookie)
  return match && isLang(match[1]) ? match[1] : null
}

/** The cookie to set when the URL names a language the cookie does not hold yet. */
export function langCookieFromUrl(request: Request): string | null {
  const fromUrl = new URL(request.url).searchParams.get('lang')
  if (!isLang(fromUrl) || langFromCookie(request) === fromUrl) return null
  return langCookie(fromUrl, secureCookies(request))
}

export function langCookie(lang: Lang, secure: boolean): string {
  return `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? '; Secure' : ''}`
}

const HERE = 'http://casebook.invalid'

/**
 * Only paths of this site, so `next=` cannot send anyone elsewhere: `//evil`, `/\\evil` and
 * `/\t/evil` (browsers drop tabs and newlines, leaving `//evil`) go to `/`, and so does anything
 * with a control character (a newline would split the Location header). The path comes back
 * as the URL parser writes it, percent-encoded.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || /[\p{Cc}\p{Zl}\p{Zp}\\]/u.test(next)) return '/'
  let url: URL
  try {
    url = new URL(next, HERE)
  } catch {
    return '/'
  }
  return url.origin === HERE ? `${url.pathname}${url.search}${url.hash}` : '/'
}

/** A same-site path with the `lang` and `script` of the request's URL, for redirects after a form. */
export function keepView(request: Request, path: string): string {
  return buildHref(path, viewParams(new URL(request.url).search))
}
