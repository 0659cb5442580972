import { describe, expect, it } from 'vitest'
import { modelKey, placeKey, remembered } from '../ingest/search/normalize.js'
import { tagKey } from '../ingest/search/facets.js'

describe('facet keys made once per name', () => {
  it('gives the key of the name whether asked first or again, in either script', () => {
    for (let round = 0; round < 2; round++) {
      expect(placeKey('倉山區')).toBe('仓山')
      expect(placeKey('福州市')).toBe('福州')
      expect(modelKey('“紅‘棟’力”')).toBe('红栋力')
      expect(tagKey('老旧 小区')).toBe('老旧小区')
    }
  })

  it('computes each distinct name once, and starts afresh rather than growing without bound', () => {
    const asked: string[] = []
    const key = remembered((name) => {
      asked.push(name)
      return name.toUpperCase()
    })
    expect([key('a'), key('b'), key('a'), key('b')]).toEqual(['A', 'B', 'A', 'B'])
    expect(asked).toEqual(['a', 'b'])
    // Far more distinct names than any corpus's facets: the cache is cleared and the keys stay right.
    const keys = Array.from({ length: 30_000 }, (_, i) => key(`n${i}`))
    expect(keys.every((k, i) => k === `N${i}`)).toBe(true)
    expect(key('a')).toBe('A')
    expect(asked.length).toBe(30_003)
  })
})
