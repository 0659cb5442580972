import { describe, expect, it } from 'vitest'
import { bigramShares, fulltextQuery, LISTED_SHARE, MIN_PASSAGES, PIECE_SEPARATOR, POSTINGS_BUDGET, type BigramStats } from '../ingest/search/bigrams.js'

const terms = (text: string, stats: BigramStats | null) => fulltextQuery(text, stats).split(PIECE_SEPARATOR)
const stats = (passages: number, shares: Record<string, number>): BigramStats => ({ passages, shares: new Map(Object.entries(shares)) })

describe('bigram shares recorded with a build', () => {
  // Passages of a store about compounds: 小区 everywhere, 停车难 in a third, one rare word once.
  const normals = Array.from({ length: 1200 }, (_, i) => (i % 3 === 0 ? '小区治理停车难' : i % 3 === 1 ? '小区物业服务' : `小区第${i}号楼`))
  normals[2] = '小区罕见'

  it('lists the commoner bigrams, commonest first, with their share of passages', () => {
    const shares = bigramShares(normals)
    expect(shares[0]).toEqual(['小区', 1])
    expect(new Map(shares).get('停车')).toBeCloseTo(1 / 3, 3)
    expect(new Map(shares).get('物业')).toBeCloseTo(1 / 3, 3)
    expect(new Map(shares).get('号楼')).toBeCloseTo(399 / 1200, 3)
    // 罕见 is in one passage of 1200: below LISTED_SHARE, not recorded.
    expect(shares.every(([, s]) => s >= LISTED_SHARE)).toBe(true)
    expect(new Map(shares).has('罕见')).toBe(false)
  })

  it('records nothing for a store too small to plan queries for', () => {
    expect(bigramShares(normals.slice(0, MIN_PASSAGES - 1))).toEqual([])
  })
})

describe('full-text query planning', () => {
  it('asks every bigram when the store has no stats (small or older stores rank exactly by BM25)', () => {
    expect(terms('老旧小区 无物业', null)).toEqual(['老旧', '旧小', '小区', '无物', '物业'])
    expect(terms('老旧小区', stats(MIN_PASSAGES - 1, { 小区: 0.9 }))).toEqual(['老旧', '旧小', '小区'])
  })

  it('asks every bigram when all of them fit the budget', () => {
    const s = stats(20_000, { 小区: 0.95, 物业: 0.4, 老旧: 0.2, 旧小: 0.2 })
    expect(terms('老旧小区 无物业', s)).toEqual(['老旧', '旧小', '小区', '无物', '物业'])
  })

  it('at scale keeps each part\'s rarest bigram and then the rarest others that fit the budget', () => {
    // 322k passages, as the 100k-case bench store: 小区 and 物业 would cost 380k postings.
    const s = stats(322_000, { 小区: 0.957, 物业: 0.217, 老旧: 0.199, 旧小: 0.19, 无物: 0.006 })
    expect(terms('老旧小区 无物业', s)).toEqual(['旧小', '无物'])
  })

  it('keeps a telling part even past the budget: it is what was asked for', () => {
    const s = stats(1_000_000, { 协商: 0.15, 业委: 0.3, 委会: 0.3 })
    expect(0.15 * 1_000_000).toBeGreaterThan(POSTINGS_BUDGET)
    expect(terms('业委会 协商', s)).toEqual(['协商'])
  })

  it('keeps a common part when the budget allows, before more bigrams of another part', () => {
    const s = stats(100_000, { 协商: 0.1, 业委: 0.3, 委会: 0.35, 议事: 0.02, 事协: 0.02 })
    // 事协 (its part's rarest, telling) 2k; 业委 (业委会's rarest) 30k; then 议事 2k and 协商 10k;
    // 委会 would pass the 60k budget.
    expect(terms('业委会 议事协商', s)).toEqual(['业委', '议事', '事协', '协商'])
  })

  it('with only bigrams too common to afford, asks the rarest alone', () => {
    const s = stats(1_000_000, { 小区: 0.95, 物业: 0.4 })
    expect(terms('小区 物业', s)).toEqual(['物业'])
    expect(terms('小区', s)).toEqual(['小区'])
  })

  it('treats unrecorded bigrams as rare and keeps words in other scripts', () => {
    const s = stats(322_000, { 小区: 0.957, 治理: 0.6, 区治: 0.3 })
    expect(terms('168 小区治理', s)).toEqual(['区治', '168'])
    expect(terms('小区加装电梯', s)).toEqual(['区加', '加装', '装电', '电梯'])
  })

  it('leaves a lone character as itself', () => {
    expect(fulltextQuery('楼', stats(322_000, {}))).toBe('楼')
  })
})
