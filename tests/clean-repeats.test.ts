import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PageLines } from '../ingest/clean/model/repeats.js'

// What the repeat features asked before the page was joined: one `includes` per other line.
const inLonger = (texts: string[], s: string) => texts.some((u) => u.length > s.length && u.includes(s))
const inOther = (texts: string[], s: string, k: number) => texts.some((u, j) => j !== k && u.includes(s))

describe('PageLines', () => {
  const page = ['街道召开议事会', '东风街道召开议事会，居民代表到场', '议事会', '街道召开议事会']

  it('given a headline printed again inside a paragraph, finds it in the longer line', () => {
    const lines = new PageLines(page)
    expect(lines.inLonger('街道召开议事会')).toBe(true)
    expect(lines.inLonger('居民代表到场。')).toBe(false)
  })

  it('given a line that only repeats itself, finds it in no longer line but in another copy', () => {
    const lines = new PageLines(['同一行文字', '另一行', '同一行文字'])
    expect(lines.inLonger('同一行文字')).toBe(false)
    expect(lines.inOther('同一行文字', 0)).toBe(true)
    expect(new PageLines(['同一行文字', '另一行']).inOther('同一行文字', 0)).toBe(false)
  })

  it('given a string that spans the end of one line and the start of the next, finds it nowhere', () => {
    const lines = new PageLines(['甲乙', '丙丁'])
    expect(lines.inLonger('乙\n丙')).toBe(false)
    expect(lines.inOther('乙\n丙', 5)).toBe(false)
  })

  it('answers as one includes per line would, lines holding newlines included', () => {
    const text = fc.string({ unit: fc.constantFrom('甲', '乙', '丙', '\n', 'a'), maxLength: 8 })
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), text.filter((s) => s.length > 0), fc.nat(9), (texts, s, k) => {
        const lines = new PageLines(texts)
        expect(lines.inLonger(s)).toBe(inLonger(texts, s))
        expect(lines.inOther(s, k)).toBe(inOther(texts, s, k))
      }),
      { numRuns: 2000 },
    )
  })
})
