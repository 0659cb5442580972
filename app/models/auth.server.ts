import { createHmac, timingSafeEqual } from 'node:crypto'
import { data } from '@remix-run/node'
import { adminToken } from './config.server'
import { langFromRequest } from './lang.server'
import { translate } from '~/i18n'

export const ADMIN_COOKIE = 'casebook_admin'

// The cookie holds a MAC of the token, not the token itself.
function cookieValue(token: string): string {
  return createHmac('sha256', token).update('casebook-admin').digest('hex')
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function adminRequired(): boolean {
  return adminToken() !== null
}

/** True when no token is configured, or the request carries it (form field `token` or the admin cookie). */
export function isAdmin(request: Request, form?: FormData | null): boolean {
  const token = adminToken()
  if (token === null) return true
  const fromForm = form?.get('token')
  if (typeof fromForm === 'string' && same(fromForm, token)) return true
  const cookie = request.headers.get('Cookie') ?? ''
  const match = new RegExp(`(?:^|;\\s*)${ADMIN_COOKIE}=([0-9a-f]+)(?:;|$)`).exec(cookie)
  return match !== null && same(match[1], cookieValue(token))
}

export function checkToken(candidate: string): boolean {
  const token = adminToken()
  return token !== null && same(candidate, token)
}

export function adminCookie(): string {
  const token = adminToken()
  if (token === null) throw new Error('no admin token configured')
  return `${ADMIN_COOKIE}=${cookieValue(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`
}

/** Throws a 401 the route's boundary shows, naming what is needed. */
export function requireAdmin(request: Request, form?: FormData | null): void {
  if (isAdmin(request, form)) return
  throw data({ message: translate(langFromRequest(request), 'adminRequired') }, { status: 401 })
}
