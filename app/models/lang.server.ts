import { isLang, type Lang } from '~/i18n'

export const LANG_COOKIE = 'casebook_lang'

/** `?lang=` wins (a shared link shows its language), then the cookie, then Chinese. */
export function langFromRequest(request: Request): Lang {
  const fromUrl = new URL(request.url).searchParams.get('lang')
  if (isLang(fromUrl)) return fromUrl
  const cookie = request.headers.get('Cookie') ?? ''
  const match = new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=(zh|en)(?:;|$)`).exec(cookie)
  return match && isLang(match[1]) ? match[1] : 'zh'
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
