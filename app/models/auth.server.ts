import { createHmac, timingSafeEqual } from 'node:crypto'
import { data } from '@remix-run/node'
import { adminToken, readOnly, secureCookies } from './config.server'
import { cookieNamed, CSRF_FIELD, validFormToken } from './csrf.server'
import { langFromRequest } from './lang.server'
import { sameOrigin, type HeaderGetter } from './origin.server'
import { translate } from '~/i18n'

export const ADMIN_COOKIE = 'casebook_admin'
/** Scripts send the token in this header (or `Authorization: Bearer …`) instead of a cookie. */
export const TOKEN_HEADER = 'x-casebook-token'

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

/** The admin token sent in a header: a script's way, which no other site can make a browser send. */
export function tokenInHeader(header: HeaderGetter): boolean {
  const token = adminToken()
  if (token === null) return false
  const sent = header(TOKEN_HEADER) ?? /^Bearer\s+(\S+)$/i.exec(header('authorization') ?? '')?.[1]
  return typeof sent === 'string' && same(sent, token)
}

/**
 * Whether the headers alone make the request an admin's (no token configured, the admin cookie,
 * or the token in a header). The server asks this before it reads a body.
 */
export function adminByHeaders(header: HeaderGetter): boolean {
  const token = adminToken()
  if (token === null) return true
  if (tokenInHeader(header)) return true
  const cookie = cookieNamed(header('cookie'), ADMIN_COOKIE)
  return cookie !== null && same(cookie, cookieValue(token))
}

const fromRequest = (request: Request): HeaderGetter => (name) => request.headers.get(name)

/** True when no token is configured, or the request carries it (admin cookie, header, or form field `token`). */
export function isAdmin(request: Request, form?: FormData | null): boolean {
  if (adminByHeaders(fromRequest(request))) return true
  const fromForm = form?.get('token')
  const token = adminToken()
  return token !== null && typeof fromForm === 'string' && same(fromForm, token)
}

export function checkToken(candidate: string): boolean {
  const token = adminToken()
  return token !== null && same(candidate, token)
}

/** Secure when served over HTTPS; Strict, so no other site's link or form ever carries it. */
export function adminCookie(request: Request): string {
  const token = adminToken()
  if (token === null) throw new Error('no admin token configured')
  return `${ADMIN_COOKIE}=${cookieValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000${secureCookies(request) ? '; Secure' : ''}`
}

/**
 * The gate of every write: from this site (Origin), with the form's token (or the admin token in a
 * header, which no other site can make a browser send), by an admin when the site has a token.
 * Throws the response the route's boundary shows: 403 or 401, naming what is wrong; on a read-only
 * replica every write is refused (403) before anything else is looked at.
 */
export function requireWrite(request: Request, form: FormData | null): void {
  // First, so a script or a stale page learns where to write instead of that its token is missing.
  refuseOnReplica(request)
  requireOwnForm(request, form)
  if (!isAdmin(request, form)) throw data({ message: translate(langFromRequest(request), 'adminRequired') }, { status: 401 })
}

/** A read-only replica refuses every write (403, saying to write on the writer); callable before the body is read. */
export function refuseOnReplica(request: Request): void {
  if (readOnly()) throw data({ message: translate(langFromRequest(request), 'readOnlyReplica') }, { status: 403 })
}

/** The first two checks alone, for the one form that needs no admin: entering the token. */
export function requireOwnForm(request: Request, form: FormData | null): void {
  const lang = langFromRequest(request)
  const header = fromRequest(request)
  if (!sameOrigin(header, header('host') ?? new URL(request.url).host)) throw data({ message: translate(lang, 'otherOrigin') }, { status: 403 })
  if (!tokenInHeader(header) && !validFormToken(header('cookie'), form?.get(CSRF_FIELD))) {
    throw data({ message: translate(lang, 'formExpired') }, { status: 403 })
  }
}
