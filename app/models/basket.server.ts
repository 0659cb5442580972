import { isCaseId } from './case.server'
import { joinIds, splitIds } from '~/lib/id-list'

/**
 * The selection basket: case ids a reader has picked on result cards and case pages, kept in a
 * cookie (so it follows them from page to page without an account) and written into URLs
 * (`/basket?ids=…`, `/compare?ids=…`) whenever it is shared.
 */
export const BASKET_COOKIE = 'casebook_basket'
/** Enough for a group of cases to compare or teach; a cookie stays well under 4 KB. */
export const BASKET_MAX = 50

/** Ids from comma-separated lists (one value or repeated, see joinIds), valid and de-duplicated, order kept. */
export function parseIdList(values: string[]): string[] {
  return validIds(values.flatMap(splitIds))
}

/** Ids each given whole (one form field per id), valid and de-duplicated, order kept. */
export function validIds(values: string[]): string[] {
  const ids = values.map((id) => id.trim()).filter((id) => id && isCaseId(id))
  return [...new Set(ids)]
}

export function basketFromRequest(request: Request): string[] {
  const cookie = request.headers.get('Cookie') ?? ''
  const match = new RegExp(`(?:^|;\\s*)${BASKET_COOKIE}=([^;]*)`).exec(cookie)
  if (!match) return []
  try {
    return parseIdList([decodeURIComponent(match[1])]).slice(0, BASKET_MAX)
  } catch {
    return []
  }
}

export function basketCookie(ids: string[]): string {
  if (!ids.length) return `${BASKET_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`
  return `${BASKET_COOKIE}=${encodeURIComponent(joinIds(ids))}; Path=/; Max-Age=31536000; SameSite=Lax`
}

export type BasketChange = { intent: 'add'; ids: string[] } | { intent: 'remove'; ids: string[] } | { intent: 'clear' }

/**
 * The basket after a change. Adding appends what is not there yet and never drops anything: past
 * BASKET_MAX the extra ids are refused (`refused` says how many), not the oldest ones.
 */
export function changeBasket(current: string[], change: BasketChange): { ids: string[]; refused: number } {
  if (change.intent === 'clear') return { ids: [], refused: 0 }
  if (change.intent === 'remove') return { ids: current.filter((id) => !change.ids.includes(id)), refused: 0 }
  const fresh = change.ids.filter((id) => !current.includes(id))
  const room = Math.max(0, BASKET_MAX - current.length)
  return { ids: [...current, ...fresh.slice(0, room)], refused: Math.max(0, fresh.length - room) }
}
