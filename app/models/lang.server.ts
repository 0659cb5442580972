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

export function langCookie(lang: Lang): string {
  return `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`
}

/** Only same-site paths, so the language switch cannot be used as an open redirect. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  return next
}
