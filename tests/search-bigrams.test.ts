import { describe, expect, it } from 'vitest'
import { bigramShares, cjkBigrams, fulltextQuery, LISTED_SHARE, MIN_PASSAGES, PIECE_SEPARATOR, POSTINGS_BUDGET, queryCost, CUT_SHORT_BESIDE, CUT_SHORT_UP_TO, WEAK_SHARE, warmBigrams, type BigramStats } from '../ingest/search/bigrams.js'

const terms = (text: string, stats: BigramStats | null) => fulltextQuery(text, stats).split(PIECE_SEPARATOR)
const stats = (passages: number, shares: Record<string, number>): BigramStats => ({ passages, shares: new Map(Object.entries(shares)) })

describe('bigram shares recorded with a build', () => {
  // Passages of a store about compounds: 小区 everywhere, 停车难 in a third, one rare word once.
  const normals = Array.from({ length: 1200 }, (_, i) => (i % 3 === 0 ? '小区治理停车难' : i % 3 === 1 ? '小区物业服务' : `小区第${i}号楼`))
  normals[2] = '小区罕见'

  it('lists the commoner bigrams, commonest first, with their share of passages', async () => {
    const shares = await bigramShares(normals)
    expect(shares[0]).toEqual(['小区', 1])
    expect(new Map(shares).get('停车')).toBeCloseTo(1 / 3, 3)
    expect(new Map(shares).get('物业')).toBeCloseTo(1 / 3, 3)
    expect(new Map(shares).get('号楼')).toBeCloseTo(399 / 1200, 3)
    // 罕见 is in one passage of 1200: below LISTED_SHARE, not recorded.
    expect(shares.every(([, s]) => s >= LISTED_SHARE)).toBe(true)
    expect(new Map(shares).has('罕见')).toBe(false)
  })

  it('counts each passage once per bigram, within runs of CJK in every range, ties in bigram order, as counting the strings would', async () => {
    // Made-up passages: runs split by Latin, digits, punctuation and spaces; extension A (㐀), the
    // compatibility block (豈) and a bigram repeated inside one passage.
    const words = ['小区', '停车', '㐀㐁', '豈更', '物业物业', 'ab', '12', '，', ' ', '治理']
    const passages = Array.from({ length: 1500 }, (_, i) => Array.from({ length: 1 + (i % 7) }, (_, k) => words[(i * 3 + k * 5) % words.length]).join(''))
    const df = new Map<string, number>()
    for (const p of passages) for (const b of new Set(cjkBigrams(p))) df.set(b, (df.get(b) ?? 0) + 1)
    const min = Math.max(2, passages.length * LISTED_SHARE)
    const expected = [...df].filter(([, c]) => c >= min).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([b, c]) => [b, Math.round((c / passages.length) * 1e4) / 1e4])
    expect(expected.length).toBeGreaterThan(5)
    expect(await bigramShares(passages)).toEqual(expected)
  })

  it('records nothing for a store too small to plan queries for', async () => {
    expect(await bigramShares(normals.slice(0, MIN_PASSAGES - 1))).toEqual([])
  })
})

describe('full-text query planning', () => {
  it('asks every bigram when the store has no stats (small or older stores rank exactly by BM25)', () => {
    expect(terms('老旧小区 无物业', null)).toEqual(['老旧', '旧小', '小区', '无物', '物业'])
    expect(terms('老旧小区', stats(MIN_PASSAGES - 1, { 小区: 0.9 }))).toEqual(['老旧', '旧小', '小区'])
  })

  it('asks every bigram when all of them fit the budget', () => {
    const s = stats(20_000, { 小区: 0.7, 物业: 0.4, 老旧: 0.2, 旧小: 0.2 })
    expect(terms('老旧小区 无物业', s)).toEqual(['老旧', '旧小', '小区', '无物', '物业'])
  })

  it('asks a bigram in nearly every passage only alone, though the query fits the budget', () => {
    // The 10k-case bench store: beside 老旧, 旧小 and 物业, and beside rare bigrams too, 小区 more
    // than doubled a list's CPU, for a BM25 weight under a thirtieth of 老旧's.
    const s = stats(32_000, { 小区: 0.955, 物业: 0.22, 老旧: 0.19, 旧小: 0.19, 无物: 0.007 })
    expect(WEAK_SHARE).toBeLessThan(0.955)
    expect(queryCost([0.955, 0.22, 0.19, 0.19, 0.007].map((x) => x * 32_000))).toBeLessThan(POSTINGS_BUDGET)
    expect(terms('老旧小区 无物业', s)).toEqual(['老旧', '旧小', '无物', '物业'])
    expect(terms('小区加装电梯', s)).toEqual(['区加', '加装', '装电', '电梯'])
    // Alone it is the query's rarest, and one term is cheap at any share.
    expect(terms('小区', s)).toEqual(['小区'])
    expect(terms('小区 居民', stats(32_000, { 小区: 0.955, 居民: 0.97 }))).toEqual(['小区'])
    // At the share itself it is asked as before.
    expect(terms('老旧小区 无物业', stats(32_000, { 小区: WEAK_SHARE, 物业: 0.22, 老旧: 0.19, 旧小: 0.19, 无物: 0.007 }))).toEqual(['老旧', '旧小', '小区', '无物', '物业'])
  })

  it('at scale asks the rarest bigrams whose walk fits the budget: a common one may join rare ones', () => {
    // 322k passages, as the 100k-case bench store: 无物 is rare, so 旧小 (61k postings) joins it
    // as the query's commonest term, which is not walked; 老旧 would be a second common one.
    const s = stats(322_000, { 小区: 0.957, 物业: 0.217, 老旧: 0.199, 旧小: 0.19, 无物: 0.006 })
    expect(terms('老旧小区 无物业', s)).toEqual(['旧小', '无物'])
  })

  it('does not let parts add up past the budget at 1M reports, however telling each is', () => {
    // 3M passages: 充电 and 全隐 each in 8.5% are 255k postings; asking both walks one in full.
    const s = stats(3_000_000, { 飞线: 0.0853, 线充: 0.0853, 充电: 0.0853, 全隐: 0.0853, 隐患: 0.0853, 安全: 0.3 })
    expect(0.0853 * 3_000_000).toBeGreaterThan(POSTINGS_BUDGET)
    expect(terms('飞线充电 安全隐患', s)).toEqual(['充电'])
    // On a store a tenth the size each is 25.6k postings: both fit, a third would not.
    expect(terms('飞线充电 安全隐患', stats(300_000, { 飞线: 0.0853, 线充: 0.0853, 充电: 0.0853, 全隐: 0.0853, 隐患: 0.0853, 安全: 0.3 }))).toEqual(['充电', '全隐'])
  })

  it('asks a part whose every bigram is common alone, as one term is cheap at any frequency', () => {
    const s = stats(1_000_000, { 协商: 0.15, 业委: 0.3, 委会: 0.3 })
    expect(terms('业委会 协商', s)).toEqual(['协商'])
  })

  it('keeps each part\'s rarest bigram before more bigrams of another part', () => {
    const s = stats(100_000, { 协商: 0.1, 业委: 0.3, 委会: 0.35, 议事: 0.02, 事协: 0.02 })
    // 事协 (its part's rarest) 2k and 业委 (业委会's rarest) 30k first; then 议事 2k and 协商 10k;
    // 委会 would pass the 60k budget.
    expect(terms('业委会 议事协商', s)).toEqual(['业委', '议事', '事协', '协商'])
    // A third part's rarest (委员 20k) comes before 议事 and 协商, and then 协商 no longer fits.
    expect(terms('业委会 议事协商 委员', stats(100_000, { 协商: 0.1, 业委: 0.3, 委会: 0.35, 议事: 0.02, 事协: 0.02, 委员: 0.2 }))).toEqual(['业委', '议事', '事协', '委员'])
  })

  it('with only common bigrams, asks the rarest alone', () => {
    const s = stats(1_000_000, { 小区: 0.95, 物业: 0.4 })
    expect(terms('小区 物业', s)).toEqual(['物业'])
    expect(terms('小区', s)).toEqual(['小区'])
  })

  it('counts the postings a query of several terms walks or reads, leaving out a commonest term cut short beside rare ones', () => {
    expect(queryCost([])).toBe(0)
    expect(queryCost([2_000, 200_000])).toBe(2_000)
    expect(queryCost([CUT_SHORT_BESIDE, CUT_SHORT_UP_TO])).toBe(CUT_SHORT_BESIDE)
    // Read whole the first time it is asked: too long to come for free.
    expect(queryCost([2_000, 600_000])).toBe(602_000)
    expect(queryCost([53_000, 298_000])).toBe(351_000)
    expect(queryCost([2_000, 600_000, 500_000])).toBe(1_102_000)
  })

  it('treats unrecorded bigrams as rare and keeps words in other scripts', () => {
    const s = stats(322_000, { 小区: 0.957, 治理: 0.6, 区治: 0.3 })
    expect(terms('168 小区治理', s)).toEqual(['区治', '168'])
    // 小区 beside rare bigrams would be cut short, but its 308k postings cost reading them cold.
    expect(terms('小区加装电梯', s)).toEqual(['区加', '加装', '装电', '电梯'])
    // A common bigram under 240k postings beside rare ones comes for free.
    expect(terms('小区加装电梯', stats(200_000, { 小区: 0.6 }))).toEqual(['小区', '区加', '加装', '装电', '电梯'])
  })

  it('leaves a lone character as itself', () => {
    expect(fulltextQuery('楼', stats(322_000, {}))).toBe('楼')
  })
})

describe('posting lists read ahead at server start', () => {
  const common = stats(1_000_000, { 社区: 0.6, 居民: 0.5, 小区: 0.4, 物业: 0.1, 电梯: 0.01 })

  it('are the commonest bigrams first, as many as asked', () => {
    expect(warmBigrams(common, 3, Infinity)).toEqual(['社区', '居民', '小区'])
  })

  it('stop before the postings read would pass the cap', () => {
    expect(warmBigrams(common, 10, 1_200_000)).toEqual(['社区', '居民'])
    expect(warmBigrams(common, 10, 100_000)).toEqual([])
  })

  it('are none for a store too small to record bigram stats', () => {
    expect(warmBigrams(null)).toEqual([])
  })
})
