/**
 * Ranking behaviours pinned on the real seeds (offline lsa embedder, as shipped) and on small
 * fixture corpora: score fusion, English phrasings, concept paraphrases, the model read back
 * from the store.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { indexCases } from '../ingest/index/write.js'
import { fixedProvider, lsaProvider } from '../ingest/index/embedders.js'
import { openStore, type Store } from '../ingest/search/index.js'
import { readCorpus } from '../ingest/corpus/files.js'
import { fuse, TRANSLATED_VECTOR_WEIGHT, type CaseEvidence } from '../ingest/search/fusion.js'
import { mapEnglish } from '../ingest/search/lexicon.js'
import { leading } from '../ingest/search/store.js'
import { prepareQuery } from '../ingest/search/query.js'
import { embedLsa, lsaFromBytes, lsaToBytes, trainLsa } from '../ingest/embed/lsa.js'
import type { Case } from '../ingest/schema.js'
import { makeCase } from './helpers/cases.js'
import { HashEmbedder } from './helpers/embedder.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'casebook-ranking-'))

/** A fresh store of `corpus`, embedded with the deterministic test embedder. */
async function fixtureStore(corpus: Case[]): Promise<Store> {
  const uri = tmp()
  const emb = new HashEmbedder()
  await indexCases(corpus, { uri, provider: fixedProvider(emb), ...quiet })
  return openStore(uri, { embedder: emb })
}
const quiet = { log: () => {} }
const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id)
const SEED_CASES = new URL('../corpus/cases', import.meta.url).pathname

describe('fusion: scores, not ranks', () => {
  const ev = (ft: [number, number] | null, vec: [number, number] | null, verbatim = 0): CaseEvidence => ({
    fulltext: ft && { rank: ft[0], score: ft[1] },
    paraphrase: null,
    vector: vec && { rank: vec[0], score: vec[1] },
    verbatim,
  })

  it("a vector list's confident-looking first place does not overrule full-text's clear first", () => {
    // A: the only strong full-text match, modest cosine; B: vector's #1 with a weak BM25.
    const [a, b] = fuse([ev([1, 12], [6, 0.55]), ev([5, 3], [1, 0.7])])
    expect(a).toBeGreaterThan(b)
  })

  it('the vector side re-orders cases full-text finds about equally well', () => {
    const [a, b] = fuse([ev([1, 10], [9, 0.2]), ev([2, 9.6], [1, 0.8])])
    expect(b).toBeGreaterThan(a)
  })

  it('a verbatim match outweighs a small BM25 lead; a paraphrase counts half', () => {
    const [a, b, c] = fuse([ev([1, 10], [2, 0.5]), ev([2, 9], [3, 0.5], 1), ev([3, 9], [3, 0.5], 0.5)])
    expect(b).toBeGreaterThan(a)
    expect(b).toBeGreaterThan(c)
  })

  it('scores lie in 0..1, 1 for a case first in every list; vector alone ranks by cosine', () => {
    expect(fuse([ev([1, 7], [1, 1], 1), ev([2, 3], null)])[0]).toBeCloseTo(1)
    const [x, y] = fuse([ev(null, [1, 0.9]), ev(null, [2, 0.4])])
    expect(x).toBeGreaterThan(y)
    for (const s of [x, y]) expect(s).toBeGreaterThanOrEqual(0)
    expect(fuse([])).toEqual([])
  })

  it('for a query mapped from English the vector side counts double', () => {
    // A: full-text's first by a wide margin, weak cosine; B: full-text's second, strong cosine.
    const cases = [ev([1, 10], [5, 0.2]), ev([2, 6], [1, 0.55])]
    const [a, b] = fuse(cases)
    expect(a).toBeGreaterThan(b)
    const [ta, tb] = fuse(cases, { vector: TRANSLATED_VECTOR_WEIGHT })
    expect(tb).toBeGreaterThan(ta)
  })
})

describe('the verbatim pool: the leading cases by fused score', () => {
  /** What the pool was before: a stable sort by score, then the first `n`. */
  const bySort = (cases: { id: string }[], scores: number[], n: number) =>
    new Set(cases.map((c, i) => [c.id, scores[i]] as const).sort((a, b) => b[1] - a[1]).slice(0, n).map(([id]) => id))

  it('given many cases with tied scores at the cut, takes the tied ones in list order, as a stable sort would', () => {
    // Scores on a coarse grid, so every cut falls among ties.
    let seed = 7
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    for (const size of [1, 5, 40, 300]) {
      const cases = Array.from({ length: size }, (_, i) => ({ id: `case-${i}` }))
      const scores = cases.map(() => Math.round(next() * 8) / 8)
      for (const n of [0, 1, 3, 30, 230, 400]) expect([...leading(cases, scores, n)], `${size} cases, ${n}`).toEqual([...bySort(cases, scores, n)].sort((a, b) => Number(a.slice(5)) - Number(b.slice(5))))
    }
  })

  it('given no more cases than the pool holds, takes them all', () => {
    expect(leading([{ id: 'a' }, { id: 'b' }], [0.1, 0.9], 2)).toEqual(new Set(['a', 'b']))
  })
})

describe('English phrasings a researcher types', () => {
  it.each([
    ['elevator installation', '加装电梯'],
    ['lifts', '电梯'],
    ['older people', '老年人'],
    ['seniors', '老年人'],
    ['elderly care', '养老服务'],
    ['age-friendly renovation', '适老化'],
    ['property management', '物业'],
    ['self-managed', '自管会'],
    ['homeowners association', '业委会'],
    ['garbage collection', '垃圾清运'],
    ['charging piles', '充电桩'],
    ['work-unit housing', '单位宿舍'],
    ['parking spaces', '停车位'],
    ['cross-appointment', '交叉任职'],
    ['old compounds', '老旧小区'],
  ])('%j maps to %s', (en, zh) => {
    expect(mapEnglish(en).terms).toContain(zh)
  })

  it('spellings of one entry count once, so a shared word still maps on its own', () => {
    // "parking" is in parking shortage / space / spaces / lot / spots: two concepts, not five.
    expect(mapEnglish('parking').terms).toEqual(expect.arrayContaining(['停车难', '停车位']))
  })

  it('full-text asks for the canonical term; rarer variants only mark and match exactly', () => {
    const q = prepareQuery('owners committee')
    expect(q.fulltext.split(' ')).toContain('业委会')
    expect(q.fulltext).not.toContain('业主委员会')
    expect(q.marks).toEqual(expect.arrayContaining(['业委会', '业主委员会']))
  })

  it('a query is translated when it is English that maps, and not when it holds Chinese', () => {
    expect(prepareQuery('owners committee').translated).toBe(true)
    expect(prepareQuery('业委会 owners committee').translated).toBe(false)
    expect(prepareQuery('業委會').translated).toBe(false)
    expect(prepareQuery('xyzzy').translated).toBe(false)
  })

  it('words that say nothing alone are dropped, unmapped content words kept', () => {
    const q = prepareQuery('elevator installation in old residential compounds')
    expect(q.fulltext.split(' ')).toEqual(expect.arrayContaining(['加装电梯', '老旧小区']))
    expect(q.fulltext.split(' ')).not.toContain('in')
    expect(prepareQuery('APP and ICP for the').fulltext.split(' ')).toEqual(['app', 'icp'])
  })
})

describe('a named concept finds its paraphrases', () => {
  const body = (s: string) => `${s}社区党委组织居民召开议事会，商量小区的事情。`
  const corpus = [
    makeCase({ id: 'a-wuwuye', title: '甲小区经验', body: body('甲小区建于1990年，长期无物业，') }),
    makeCase({ id: 'b-meiyou', title: '乙小区经验', body: body('乙小區多年來沒有物業，') }),
    makeCase({ id: 'c-cheli', title: '丙小区经验', body: body('丙小区原物业撤离后，') }),
    makeCase({ id: 'd-other', title: '丁小区经验', body: body('丁小区物业服务规范，车位紧张，') }),
    makeCase({ id: 'e-other', title: '戊小区经验', body: body('戊小区引入物业公司，') }),
  ]
  let store: Store
  beforeAll(async () => {
    store = await fixtureStore(corpus)
  })
  afterAll(() => store.close())

  it('无物业 also searches 没有物业 and 物业撤离, and reports them as expansions', async () => {
    const r = await store.search('无物业', { mode: 'fulltext' })
    expect(r.query.expansions).toEqual(expect.arrayContaining(['没有物业', '物业撤离']))
    expect(ids(r).slice(0, 3).sort()).toEqual(['a-wuwuye', 'b-meiyou', 'c-cheli'])
    expect(ids(r)[0]).toBe('a-wuwuye')
  })

  it('expansion stays within the concept: 停车难 adds parking paraphrases only', () => {
    const q = prepareQuery('停车难')
    expect(q.expansions.length).toBeGreaterThan(0)
    expect(q.expansions.length).toBeLessThanOrEqual(6)
    for (const e of q.expansions) expect(e).toMatch(/停|车|乱/)
    expect(prepareQuery('议事会').expansions).toEqual([])
  })
})

describe('hybrid on a fixture corpus', () => {
  // The query's words are everywhere; only one case has the phrase.
  const corpus = [
    makeCase({ id: 'exact', title: '“楼道议事”工作法', body: '某社区推行楼道议事，居民在楼道里商量加装扶手、清理杂物等小事。' }),
    makeCase({ id: 'words-1', title: '议事会经验', body: '社区议事会每月召开，楼道清洁、楼道照明等事项由居民议事决定，议事结果公开。' }),
    makeCase({ id: 'words-2', title: '楼道整治', body: '楼道杂物清理后，居民议事商定楼道公约，议事会监督执行。' }),
    makeCase({ id: 'other', title: '网格化管理', body: '街道推行网格化管理，网格员每天巡查。' }),
  ]
  let store: Store
  beforeAll(async () => {
    store = await fixtureStore(corpus)
  })
  afterAll(() => store.close())

  it('ranks the case with the exact phrase first, in every mode that reads text', async () => {
    for (const mode of ['hybrid', 'fulltext'] as const) expect(ids(await store.search('楼道议事', { mode }))[0]).toBe('exact')
    expect(ids(await store.search('樓道議事'))[0]).toBe('exact')
  })
})

describe('the real seeds, offline lsa embedder restored from the store', () => {
  let store: Store
  let seedIds: string[]
  beforeAll(async () => {
    const uri = tmp()
    const cases = readCorpus(SEED_CASES)
    seedIds = cases.map((c) => c.id)
    await indexCases(cases, { uri, provider: lsaProvider(), ...quiet })
    // No embedder given: the model is read back from the store's meta rows (a Node Buffer).
    store = await openStore(uri)
  }, 60_000)
  afterAll(() => store?.close())

  const seed = (prefix: string) => seedIds.find((id) => id.startsWith(prefix))!

  it.each([['elderly care'], ['elderly care services'], ['older people'], ['養老服務'], ['养老服务 老年人']])(
    '%j finds the elderly-care seed 004 first',
    async (q) => {
      expect(ids(await store.search(q))[0]).toBe(seed('004'))
    },
  )

  it.each([['five-in-one', '003'], ['Red Dong-li', '002'], ['自辦物業', '001']])('%j ranks seed %s first in hybrid', async (q, prefix) => {
    expect(ids(await store.search(q))[0]).toBe(seed(prefix))
  })

  it('hybrid keeps a full-text first place that the vector list does not share', async () => {
    for (const q of ['养老服务', 'five-in-one', '红栋力']) {
      const ft = ids(await store.search(q, { mode: 'fulltext' }))[0]
      expect(ids(await store.search(q, { mode: 'hybrid' }))[0]).toBe(ft)
    }
  })
})

describe('the saved lsa model read from any byte view', () => {
  const texts = Array.from({ length: 40 }, (_, i) => `第${i}小区成立自管会，网格员巡查消防通道，${i % 2 ? '老旧小区加装电梯' : '垃圾分类积分兑换'}。`)
  const model = trainLsa(texts)
  const bytes = lsaToBytes(model)
  const probe = '自管会巡查消防通道'

  it.each([1, 2, 3, 4, 13])('a Node Buffer at byte offset %i into a larger buffer reads the same model', (offset) => {
    const backing = Buffer.alloc(bytes.length + offset + 7, 0xab)
    backing.set(bytes, offset)
    const view = backing.subarray(offset, offset + bytes.length)
    expect(view.byteOffset).toBeGreaterThan(0)
    const back = lsaFromBytes(view)
    expect(back.model).toBe(model.model)
    expect(Array.from(embedLsa(back, probe))).toEqual(Array.from(embedLsa(model, probe)))
  })

  it('a pooled Buffer (what Buffer.concat and LanceDB hand back) reads the same model', () => {
    const pooled = Buffer.concat([bytes.subarray(0, 100), bytes.subarray(100)])
    expect(Array.from(embedLsa(lsaFromBytes(pooled), probe))).toEqual(Array.from(embedLsa(model, probe)))
    expect(() => lsaFromBytes(pooled.subarray(0, pooled.length - 4))).toThrow(/truncated/)
  })
})

describe('a query in an official’s own words', () => {
  // Invented reports: one names the need and what solved it, two share only the user's words.
  const corpus = [
    makeCase({ id: 'fund', title: '甲社区经验', body: '甲社区过去经费不足，小事没人出钱。去年设立社区基金，由辖区企业捐赠，居民提出的微项目经评议后由基金支付。' }),
    makeCase({ id: 'words-1', title: '乙社区经验', body: '乙社区干部给居民办实事，逐户走访，修好了楼道灯。' }),
    makeCase({ id: 'words-2', title: '丙社区经验', body: '丙社区开展为居民办实事活动，组织志愿者打扫楼道。' }),
    makeCase({ id: 'gone', title: '丁小区经验', body: '丁小区原物业撤离后一度弃管，居民推选代表成立自管小组。', problems: [['无物业', 'no property management']] }),
  ]
  let store: Store
  beforeAll(async () => {
    store = await fixtureStore(corpus)
  })
  afterAll(() => store.close())

  it('finds the case that names the need and its remedy, and says how it understood the query', async () => {
    const r = await store.search('想给居民办点实事但是没有钱')
    expect(r.query.understood).toEqual([{ id: '资金不足', en: 'lack of funds', said: '没有钱' }])
    expect(r.query.situation).toBe(true)
    expect(ids(r)[0]).toBe('fund')
    expect(r.hits[0].needs).toEqual([{ id: '资金不足', en: 'lack of funds' }])
    expect(r.hits.find((h) => h.id === 'words-1')?.needs).toEqual([])
  })

  it('searches the words as typed once the user removes the need', async () => {
    const r = await store.search('想给居民办点实事但是没有钱', { without: ['资金不足'] })
    expect(r.query.understood).toEqual([])
    expect(r.query.expansions).toEqual([])
    expect(ids(r)[0]).not.toBe('fund')
  })

  it('a need shown by the case’s tags counts for the hit', async () => {
    const r = await store.search('小区没人管')
    expect(ids(r)[0]).toBe('gone')
    expect(r.hits[0].needs?.map((n) => n.id)).toEqual(['无物业'])
  })
})

describe('a description of one’s compound blends in cases like it', () => {
  // Same words, so text and vector cannot tell them apart; only size and tags differ.
  const text = '某小区原物业撤离后没人管，社区牵头成立自管小组，居民议事解决难题。'
  const corpus = [
    makeCase({ id: 'a-big', title: '小区经验', body: text, scale: { households: 2400 } }),
    makeCase({ id: 'b-like', title: '小区经验', body: text, scale: { households: 320 }, problems: [['无物业', 'no property management']] }),
  ]
  let store: Store
  beforeAll(async () => {
    store = await fixtureStore(corpus)
  })
  afterAll(() => store.close())

  it('ranks the case of the same size and problem first in hybrid, and only there', async () => {
    const r = await store.search('我们小区没人管，约300户')
    expect(r.query.situation).toBe(true)
    expect(ids(r)).toEqual(['b-like', 'a-big'])
    expect(ids(await store.search('我们小区没人管，约300户', { mode: 'fulltext' }))).toEqual(['a-big', 'b-like'])
  })

  it('leaves a search for topics in report words alone', async () => {
    const r = await store.search('物业撤离 自管小组')
    expect(r.query.situation).toBe(false)
    expect(ids(r)).toEqual(['a-big', 'b-like'])
  })
})
