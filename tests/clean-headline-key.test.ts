import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { headlineKey } from '../ingest/clean/title.js'

/** The key as first defined: NFKC, then spaces, punctuation and symbols dropped. */
const byNormalizing = (text: string) => text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '')

describe('given headlines in either script, with full-width and ASCII punctuation', () => {
  it('keys a plain headline by its letters, digits and ideographs', () => {
    expect(headlineKey('老旧小区改造：“三步走”（第2批）')).toBe('老旧小区改造三步走第2批')
    expect(headlineKey('Ａ栋１２号　居民议事会')).toBe('A栋12号居民议事会')
  })

  // Characters of both paths: the plain set (ASCII, ideographs, common CJK punctuation) and what
  // sends a headline to NFKC (full-width letters and digits, compatibility ideographs, circled
  // numbers, combining marks, other scripts' letters).
  const unit = fc.oneof(
    fc.constantFrom(...'aZ09 ,.:!?()[]-_#%&*“”‘’「」《》【】、。，：；！？（）　社區区样式\u3003\u30fb\uff0e\uff10\uff21\uff41\uff5e\uf900\u2460\u00bd\u0301\u00e9\u0410\u3005\u2014\u2026\ufe30\u00a0\u2002'.split('')),
    fc.integer({ min: 0x20, max: 0xffff }).filter((u) => u < 0xd800 || u > 0xdfff).map((u) => String.fromCharCode(u)),
  )
  it('gives the key NFKC and dropping spaces, punctuation and symbols give, for every string', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (parts) => {
        const text = parts.join('')
        expect(headlineKey(text)).toBe(byNormalizing(text))
      }),
      { numRuns: 20000, seed: 15 },
    )
  })
})
