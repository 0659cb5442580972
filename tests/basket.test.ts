import { describe, expect, it } from 'vitest'
import { BASKET_MAX, basketCookie, basketFromRequest, changeBasket, parseIdList, validIds } from '~/models/basket.server'
import { joinIds, splitIds } from '~/lib/id-list'

const withCookie = (cookie: string) => new Request('http://casebook.test/', { headers: { Cookie: cookie } })

describe('given a selection basket', () => {
  it('adds without ever dropping what is there, and refuses past the limit instead', () => {
    expect(changeBasket(['a', 'b'], { intent: 'add', ids: ['b', 'c'] })).toEqual({ ids: ['a', 'b', 'c'], refused: 0 })
    const full = Array.from({ length: BASKET_MAX }, (_, i) => `case-${i}`)
    expect(changeBasket(full, { intent: 'add', ids: ['extra'] })).toEqual({ ids: full, refused: 1 })
  })

  it('removes from anywhere in the list and clears', () => {
    expect(changeBasket(['a', 'b', 'c'], { intent: 'remove', ids: ['b'] }).ids).toEqual(['a', 'c'])
    expect(changeBasket(['a'], { intent: 'clear' }).ids).toEqual([])
  })

  it('round-trips through its cookie, Chinese ids included, and ignores what cannot be a case id', () => {
    const cookie = basketCookie(['000_c473', '青石巷', 'b']).split(';')[0]
    expect(basketFromRequest(withCookie(`other=1; ${cookie}`))).toEqual(['000_c473', '青石巷', 'b'])
    // A quote is allowed: a report's file name can hold one (issue 11), and the store escapes ids.
    expect(parseIdList(['a,../etc,a', 'x/y', 'line\nbreak', "甲'乙"])).toEqual(['a', "甲'乙"])
    expect(basketFromRequest(withCookie('casebook_basket=%E0%A4%A'))).toEqual([])
  })

  it('keeps a case id that holds a comma or a percent sign whole, in links, forms and the cookie', () => {
    const ids = ['东区,二期', '100%参与', 'plain']
    expect(joinIds(['plain', 'b'])).toBe('plain,b')
    expect(splitIds(joinIds(ids))).toEqual(ids)
    expect(parseIdList([joinIds(ids.slice(0, 2)), joinIds([ids[2]])])).toEqual(ids)
    // One form field per id: taken whole, never split at its comma.
    expect(validIds(['东区,二期'])).toEqual(['东区,二期'])
    expect(basketFromRequest(withCookie(basketCookie(ids).split(';')[0]))).toEqual(ids)
  })
})
