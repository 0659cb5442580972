import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { indexCases } from '../ingest/index/write.js'
import { fixedProvider } from '../ingest/index/embedders.js'
import { openStore, SearchError, type Store } from '../ingest/search/index.js'
import { searchNormal } from '../ingest/search/normalize.js'
import { whereClause, sqlString } from '../ingest/search/facets.js'
import { mapEnglish } from '../ingest/search/lexicon.js'
import { makeSnippet, markedSnippet } from '../ingest/search/snippet.js'
import { fixtureCases } from './helpers/cases.js'
import { HashEmbedder } from './helpers/embedder.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'casebook-search-'))
const quiet = { log: () => {} }
const cases = fixtureCases()

async function fixtureStore(): Promise<Store> {
  const uri = tmp()
  const emb = new HashEmbedder()
  await indexCases(cases, { uri, provider: fixedProvider(emb), ...quiet })
  return openStore(uri, { embedder: emb })
}

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id)

describe('script-agnostic retrieval', () => {
  let store: Store
  beforeAll(async () => (store = await fixtureStore()))
  afterAll(() => store.close())

  it.each([
    ['红栋力', '紅棟力', 'yt-hongdong'],
    ['红‘栋’力', '“紅‘棟’力”', 'yt-hongdong'],
    ['五位一体', '五位一體', 'fz-wuwei'],
    ['老旧小区 无物业', '老舊小區 無物業', 'fz-wuwei'],
    ['议事协商', '議事協商', 'xm-168'],
  ])('%s and %s find the same top case', async (simp, trad, expected) => {
    const a = await store.search(simp)
    const b = await store.search(trad)
    expect(ids(a)[0]).toBe(expected)
    expect(ids(b)[0]).toBe(expected)
    expect(ids(a).slice(0, 3)).toEqual(ids(b).slice(0, 3))
  })

  it('two-character queries work in every mode', async () => {
    for (const mode of ['hybrid', 'fulltext'] as const) {
      expect(ids(await store.search('物业', { mode }))).toEqual(expect.arrayContaining(['ll-zibanwuye', 'cz-sanjia', 'sz-wangge']))
      expect(ids(await store.search('网格', { mode })).slice(0, 2).sort()).toEqual(['fz-wuwei', 'sz-wangge'])
    }
  })

  it('the query as searched is reported, normalized', async () => {
    const r = await store.search('  紅‘棟’力  ')
    expect(r.query.text).toBe('紅‘棟’力')
    expect(r.query.normalized).toBe('红栋力')
  })

  it('the search-normal form drops quotes and script', () => {
    expect(searchNormal('“紅‘棟’力”')).toBe('红栋力')
    expect(searchNormal('「五位一體」ＡＢＣ')).toBe('五位一体abc')
  })
})

describe('snippets', () => {
  let store: Store
  beforeAll(async () => (store = await fixtureStore()))
  afterAll(() => store.close())

  it('mark the matched terms in the original script, with offsets into the body', async () => {
    const hit = (await store.search('红栋力')).hits[0]
    expect(hit.id).toBe('yt-hongdong')
    const { text, marks, span } = hit.passage
    expect(marks.length).toBeGreaterThan(0)
    for (const [a, b] of marks) expect(searchNormal(text.slice(a, b))).toBe('红栋力')
    expect(text.slice(marks[0][0], marks[0][1])).toBe('紅‘棟’力')
    expect(hit.snippet).toContain('«紅‘棟’力»')
    const body = cases.find((c) => c.id === hit.id)!.body
    expect(body.slice(span[0], span[1])).toBe(text)
  })

  it('point at the passage that matched, not the first one', async () => {
    const hit = (await store.search('工作成效 满意度')).hits.find((h) => h.id === 'fz-wuwei')!
    expect(hit.passage.text).toContain('工作成效')
    expect(hit.passage.span[0]).toBeGreaterThan(0)
  })

  it('map marks back through quotes and traditional characters', () => {
    const s = makeSnippet('凝聚“紅‘棟’力”，網格員每日巡查', 100, ['红栋力', '网格员'])
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['紅‘棟’力', '網格員'])
    expect(s.span).toEqual([100, 100 + s.text.length])
    expect(markedSnippet(s)).toBe('凝聚“«紅‘棟’力»”，«網格員»每日巡查')
  })

  it('are cut to a window around the first mark in a long passage', async () => {
    const hit = (await store.search('居民滿意度')).hits.find((h) => h.id === 'fz-wuwei')!
    expect(hit.passage.text.length).toBeLessThanOrEqual(160)
    expect(hit.snippet).toMatch(/«居民滿意度»/)
  })
})

describe('filters and facets', () => {
  let store: Store
  beforeAll(async () => (store = await fixtureStore()))
  afterAll(() => store.close())

  it.each([
    [{ province: ['福建'] }, ['fz-wuwei', 'xm-168']],
    [{ province: ['福建省'] }, ['fz-wuwei', 'xm-168']],
    [{ city: ['福州'] }, ['fz-wuwei']],
    [{ district: ['仓山区'] }, ['fz-wuwei']],
    [{ model: ['红栋力'] }, ['yt-hongdong']],
    [{ model: ['紅‘棟’力'] }, ['yt-hongdong']],
    [{ problems: ['无物业'] }, ['fz-wuwei', 'll-zibanwuye']],
    [{ problems: ['無物業'] }, ['fz-wuwei', 'll-zibanwuye']],
    [{ mechanisms: ['网格化管理'] }, ['fz-wuwei', 'sz-wangge']],
    [{ actors: ['业委会'] }, ['cz-sanjia', 'll-zibanwuye']],
    [{ orgTierCount: ['4'] }, ['fz-wuwei', 'll-zibanwuye']],
    [{ fundingSource: ['resident'] }, ['ll-zibanwuye', 'yt-hongdong']],
    [{ year: ['2023'] }, ['ll-zibanwuye', 'sz-wangge']],
    [{ year: ['2023', '2024'] }, ['ll-zibanwuye', 'sz-wangge', 'yt-hongdong']],
    [{ province: ['福建'], problems: ['停车难'] }, ['xm-168']],
  ])('%j keeps exactly the matching cases', async (filters, expected) => {
    const r = await store.search('小区', { filters, limit: 50 })
    expect(ids(r).sort()).toEqual(expected)
    expect((await store.list(filters)).map((c) => c.id).sort()).toEqual(expected)
  })

  it.each([
    "' OR 1=1 --",
    "福建' OR '1'='1",
    "福建\\' OR 1=1 --",
    '\\',
    "x'); DROP TABLE cases; --",
    '紅‘棟’力\' OR province IS NOT NULL OR \'',
  ])('a filter value %j is a plain value, never SQL', async (value) => {
    for (const field of ['province', 'model', 'problems', 'year'] as const) {
      const r = await store.search('小区', { filters: { [field]: [value] }, limit: 50 })
      expect(r.hits).toEqual([])
    }
    expect((await store.info()).cases).toBe(cases.length)
  })

  it('drops control characters from a value rather than passing them on', async () => {
    const r = await store.search('小区', { filters: { province: ['\u0000福建\u001f'] }, limit: 50 })
    expect(ids(r).sort()).toEqual(['fz-wuwei', 'xm-168'])
  })

  it('quotes values by doubling quotes and dropping control characters', () => {
    expect(sqlString("a'b")).toBe("'a''b'")
    expect(sqlString('a\u0000b\\')).toBe("'ab\\'")
    expect(whereClause({ province: ["' OR 1=1 --"] })).toBe("(province IN ('or1=1--'))")
    expect(whereClause({ year: ['1=1'] })).toBe('(FALSE)')
  })

  it('rejects unknown filter fields', async () => {
    const err = await store.search('小区', { filters: { colour: ['red'] } as never }).catch((e) => e)
    expect(err).toBeInstanceOf(SearchError)
    expect(err.code).toBe('bad-filter')
    expect(err.message).toMatch(/unknown filter field "colour"/)
  })

  it('counts facet values over all cases or the filtered ones, shown as written', async () => {
    const all = await store.facets()
    expect(all.province).toEqual([
      { value: '福建省', count: 2 },
      { value: '安徽省', count: 1 },
      { value: '山西省', count: 1 },
      { value: '江苏省', count: 1 },
    ])
    expect(all.model).toContainEqual({ value: '紅‘棟’力', count: 1 })
    expect(all.problems).toContainEqual({ value: '老旧小区', count: 3 })
    expect(all.year).toContainEqual({ value: '2023', count: 2 })
    expect(all.fundingSource).toContainEqual({ value: 'government', count: 3 })
    const fj = await store.facets({ province: ['福建'] })
    expect(fj.city.map((f) => f.value).sort()).toEqual(['厦门市', '福州市'])
    expect(fj.problems).toContainEqual({ value: '老旧小区', count: 2 })
  })

  it('search facets count the matched cases', async () => {
    const r = await store.search('五位一体', { facets: true, filters: { province: ['福建'] } })
    expect(r.facets!.province).toEqual([{ value: '福建省', count: ids(r).length }])
  })
})

describe('bad input', () => {
  let store: Store
  let uri: string
  beforeAll(async () => {
    uri = tmp()
    const emb = new HashEmbedder()
    await indexCases(cases, { uri, provider: fixedProvider(emb), ...quiet })
    store = await openStore(uri, { embedder: emb })
  })
  afterAll(() => store.close())

  it.each(['', '   ', '\n\t '])('an empty query %j is a clear error', async (q) => {
    const err = await store.search(q).catch((e) => e)
    expect(err).toBeInstanceOf(SearchError)
    expect(err.code).toBe('bad-query')
    expect(err.message).toMatch(/empty query/)
  })

  it('a 10,000-character query is truncated and answers', async () => {
    const q = '老旧小区停车难'.repeat(1500).slice(0, 10000)
    const r = await store.search(q)
    expect(r.query.text.length).toBe(512)
    expect(r.hits.length).toBeGreaterThan(0)
  })

  it('a missing store says to run ingest', async () => {
    const missing = join(tmp(), 'nothing-here')
    const err = await openStore(missing).catch((e) => e)
    expect(err.code).toBe('no-store')
    expect(err.message).toBe(`no store at ${missing} — run npm run ingest first`)
  })

  it('an empty directory is no store either', async () => {
    const err = await openStore(tmp()).catch((e) => e)
    expect(err.code).toBe('no-store')
  })

  it('an unknown id is a clear error for similar, null for get', async () => {
    const err = await store.similar('no-such-case').catch((e) => e)
    expect(err.code).toBe('unknown-case')
    expect(err.message).toMatch(/no case with id "no-such-case"/)
    expect(await store.get("no-such-case' OR 1=1 --")).toBeNull()
  })

  it('limits are clamped', async () => {
    expect((await store.search('小区', { limit: 0 })).hits).toHaveLength(1)
    expect((await store.search('小区', { limit: 2.7 })).hits).toHaveLength(2)
  })
})

describe('similar cases', () => {
  let store: Store
  beforeAll(async () => (store = await fixtureStore()))
  afterAll(() => store.close())

  it('ranks cases sharing problems, mechanisms and actors first, with the reasons', async () => {
    const hits = await store.similar('ll-zibanwuye')
    expect(hits.map((h) => h.id)).not.toContain('ll-zibanwuye')
    const top = hits[0]
    expect(['fz-wuwei', 'xm-168']).toContain(top.id)
    const fz = hits.find((h) => h.id === 'fz-wuwei')!
    expect(fz.reasons).toEqual(expect.arrayContaining([
      { kind: 'problem', value: '老旧小区' },
      { kind: 'problem', value: '无物业' },
      { kind: 'actor', value: '小区党支部' },
    ]))
    expect(hits.find((h) => h.id === 'xm-168')!.reasons).toContainEqual({ kind: 'problem', value: '停车难' })
  })

  it('respects filters', async () => {
    const hits = await store.similar('ll-zibanwuye', { filters: { province: ['福建'] } })
    expect(hits.map((h) => h.id).sort()).toEqual(['fz-wuwei', 'xm-168'])
  })
})

describe('cases like mine', () => {
  let store: Store
  beforeAll(async () => (store = await fixtureStore()))
  afterAll(() => store.close())

  it('reads problems and size from a Chinese description and says why cases are alike', async () => {
    const { hits } = await store.like('我们是上世纪的老旧小区，没有物业，停车难，大约120户居民')
    expect(hits[0].id).toBe('ll-zibanwuye')
    expect(hits[0].reasons).toEqual(expect.arrayContaining([
      { kind: 'problem', value: '无物业' },
      { kind: 'problem', value: '停车难' },
      { kind: 'scale', value: '户数 120户 ≈ 120户' },
    ]))
    expect(hits.find((h) => h.id === 'fz-wuwei')!.reasons).toContainEqual({ kind: 'problem', value: '无物业' })
  })

  it('understands the same description in English and in traditional script', async () => {
    const en = await store.like('An old compound with no property management and a parking shortage, about 120 households')
    const trad = await store.like('老舊小區，沒有物業，停車難，約120戶')
    expect(en.hits[0].id).toBe('ll-zibanwuye')
    expect(trad.hits[0].id).toBe('ll-zibanwuye')
  })

  it('does not take a negated actor for one the compound has', async () => {
    const { hits } = await store.like('没有物业公司，也没有业委会')
    const reasons = hits.flatMap((h) => h.reasons)
    expect(reasons).toContainEqual({ kind: 'problem', value: '无物业' })
    expect(reasons.filter((r) => r.kind === 'actor')).toEqual([])
  })

  it('names the shared place', async () => {
    const { hits } = await store.like('福州的小区，网格治理')
    const fz = hits.find((h) => h.id === 'fz-wuwei')!
    expect(fz.reasons).toContainEqual({ kind: 'place', value: '福州市' })
    expect(hits[0].id).toBe('fz-wuwei')
  })

  it('respects filters and counts facets of the comparable cases', async () => {
    const r = await store.like('没有物业，停车难', { filters: { province: ['福建'] }, facets: true })
    expect(r.hits.map((h) => h.id).every((id) => ['fz-wuwei', 'xm-168'].includes(id))).toBe(true)
    expect(r.facets!.province).toEqual([{ value: '福建省', count: r.hits.length }])
  })
})

describe('English queries', () => {
  let store: Store
  beforeAll(async () => (store = await fixtureStore()))
  afterAll(() => store.close())

  it.each([
    ['Three Carriages', 'cz-sanjia'],
    ['self-run property management', 'll-zibanwuye'],
    ['FIVE IN ONE', 'fz-wuwei'],
    ['red dongli', 'yt-hongdong'],
  ])('%j is mapped through the glossary and vocabulary', async (q, id) => {
    const r = await store.search(q)
    expect(r.query.expansions.length).toBeGreaterThan(0)
    expect(ids(r)[0]).toBe(id)
  })

  it('"grid management" finds the two cases tagged with it first', async () => {
    const r = await store.search('grid management')
    expect(r.query.expansions).toContain('网格化')
    expect(ids(r).slice(0, 2).sort()).toEqual(['fz-wuwei', 'sz-wangge'])
  })

  it('maps pairs of words and negations of known phrases', () => {
    const { terms, matched } = mapEnglish('an old compound without property management')
    expect(terms).toEqual(expect.arrayContaining(['无物业']))
    expect(matched).toContain('no property management')
    expect(mapEnglish('Ageing residents').terms).toContain('老龄化')
    expect(mapEnglish('the of and').terms).toEqual([])
  })

  it('maps a word of number or structure only inside its phrase', () => {
    // "five" of five-in-one, "network" of sewer network, "working" of working committee.
    const step = mapEnglish('five-step deliberation process')
    expect(step.terms).toContain('议事协商')
    expect(step.terms).not.toContain('五位一体')
    const grids = mapEnglish('merging grid systems into one network').terms
    expect(grids).toContain('网格化')
    expect(grids).not.toContain('下水道')
    expect(grids).not.toContain('五位一体')
    expect(mapEnglish('five-in-one').terms).toContain('五位一体')
    expect(mapEnglish('sewer network').terms).toContain('下水道')
    // A police or service station is no charging station.
    expect(mapEnglish('a police station in every town').terms).not.toContain('充电桩')
    expect(mapEnglish('charging stations').terms).toContain('充电桩')
  })

  it('a single word of a known phrase maps to its terms', async () => {
    const r = await store.search('parking')
    expect(r.query.expansions).toContain('停车难')
    expect(ids(r).slice(0, 2).sort()).toEqual(['ll-zibanwuye', 'xm-168'])
  })
})
