import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { formSecret } from './config.server'

/**
 * Form tokens against cross-site request forgery: a random value in a cookie, and in every form
 * that writes its HMAC under the server's key. A write must bring both, matching. Another site can
 * neither read the form nor, without the key, make a token for a cookie it plants (a page on
 * another port of the same host can set cookies for this one).
 */
export const CSRF_COOKIE = 'casebook_csrf'
export const CSRF_FIELD = '_csrf'
const VALUE = /^[0-9a-f]{32}$/

export function newCsrfValue(): string {
  return randomBytes(16).toString('hex')
}

export function csrfCookie(value: string, secure: boolean): string {
  return `${CSRF_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
}

export function cookieNamed(cookieHeader: string | null | undefined, name: string): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim()
  }
  return null
}

/** The cookie's value when it is one this server could have set. */
export function csrfValue(cookieHeader: string | null | undefined): string | null {
  const value = cookieNamed(cookieHeader, CSRF_COOKIE)
  return value && VALUE.test(value) ? value : null
}

/** The token forms carry for a cookie value ('' without one: such a form cannot write). */
export function formToken(value: string | null): string {
  return value ? createHmac('sha256', formSecret()).update(`casebook-form:${value}`).digest('hex') : ''
}

export function validFormToken(cookieHeader: string | null | undefined, token: unknown): boolean {
  const expected = formToken(csrfValue(cookieHeader))
  if (!expected || typeof token !== 'string') return false
  const a = Buffer.from(token)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
