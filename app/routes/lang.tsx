import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { isLang } from '~/i18n'
import { langCookie, safeNext } from '~/models/lang.server'
import { secureCookies } from '~/models/config.server'

/** `/lang?to=en&next=/path`: remember the language in a cookie and go back. Works without JavaScript. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const to = url.searchParams.get('to')
  const next = safeNext(url.searchParams.get('next'))
  if (!isLang(to)) return redirect(next)
  return redirect(next, { headers: { 'Set-Cookie': langCookie(to, secureCookies(request)) } })
}
