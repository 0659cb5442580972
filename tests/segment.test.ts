import { describe, expect, it } from 'vitest'
import { addWords, analyze, bigrams, eachBigramUnits, segmentNormal, tokens, userDictionary } from '../ingest/text/segment.js'

describe('tokens', () => {
  it('keeps model names whole whatever the script and the quotes inside them', () => {
    const trad = tokens('凝聚“紅‘棟’力” 提升小區治理效能')
    const simp = tokens('凝聚“红栋力” 提升小区治理效能')
    expect(trad).toContain('红栋力')
    expect(trad).toEqual(simp)
    expect(tokens('探索“五位一體”小區治理模式')).toContain('五位一体')
    expect(tokens('探索“五位一体”小区治理模式')).toContain('五位一体')
  })

  it('keeps governance terms whole', () => {
    const t = tokens('成立自管會和物管會，網格員雙報到，推行紅色物業與自辦物業，黨建引領老舊小區治理')
    for (const term of ['自管会', '物管会', '网格员', '双报到', '红色物业', '自办物业', '党建引领', '老旧小区']) {
      expect(t).toContain(term)
    }
  })

  it('lets two-character words through as themselves', () => {
    expect(tokens('物业')).toEqual(['物业'])
    expect(tokens('網格')).toEqual(['网格'])
    expect(tokens('养老')).toEqual(['养老'])
  })

  it('drops stop words, punctuation and spaces and folds width and case', () => {
    const t = tokens('小区的停车难问题，ＡＢＣ Community 和 “业委会”。')
    expect(t).toEqual(['小区', '停车难', '问题', 'abc', 'community', '业委会'])
  })

  it('search mode adds the words inside long words', () => {
    const t = tokens('红色物业', { search: true })
    expect(t).toContain('红色物业')
    expect(t).toContain('物业')
    expect(tokens('红色物业')).toEqual(['红色物业'])
    expect(tokens('老舊小區改造', { search: true })).toContain('老旧小区')
  })

  it('learns extra words in any script', () => {
    expect(tokens('推行小巷管家服務')).not.toContain('小巷管家')
    addWords(['小巷管家'])
    expect(tokens('推行小巷管家服務')).toContain('小巷管家')
    expect(userDictionary()).toContain('小巷管家')
  })
})

describe('bigrams', () => {
  it('gives overlapping CJK bigrams within runs, script-normalized', () => {
    expect(bigrams('紅‘棟’力')).toEqual(['红栋', '栋力'])
    expect(bigrams('物業，網格 abc 水')).toEqual(['物业', '网格'])
  })
})

describe('eachBigramUnits', () => {
  it('gives the bigrams of bigrams(), in order, as code-unit pairs: runs broken by Latin, digits, punctuation and characters beyond the BMP', () => {
    // Extension A (㐀㐁), a unified ideograph after Latin, an emoji and an Extension B character
    // (surrogate pairs, outside the ranges) between CJK characters, and a lone character.
    const texts = ['紅‘棟’力，網格員', '㐀㐁小区abc物业12楼栋', '业主😀委员会𠀀议事', '水', '', 'only latin']
    for (const text of texts) {
      const pairs: string[] = []
      eachBigramUnits(segmentNormal(text), (a, b) => pairs.push(String.fromCharCode(a, b)))
      expect(pairs).toEqual(bigrams(text))
    }
  })
})

describe('analyze', () => {
  it('returns the same words and bigrams as tokens and bigrams', () => {
    const text = '栗塘社區開展“紅‘棟’力”評選，物業補貼費發放到戶。'
    expect(analyze(text)).toEqual({ words: tokens(text), bigrams: bigrams(text) })
  })
})
