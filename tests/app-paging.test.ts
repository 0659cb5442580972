/**
 * Result pages of the search page's loader, on a store of 45 cases (the sample corpus has five,
 * fewer than a page): browsing newest first, and a search, page by page.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { indexCases } from '../ingest/index/write.js'
import { fixedProvider } from '../ingest/index/embedders.js'
import { openStore, type Store } from '../ingest/search/index.js'
import { setStore } from '~/models/store.server'
import { loader as searchLoader } from '~/routes/_index'
import { makeCase } from './helpers/cases.js'
import { HashEmbedder } from './helpers/embedder.js'

const STREETS = ['东湖', '西城', '南苑', '北关', '中山', '和平', '幸福', '光明', '团结']

/** 45 compounds, each with its own publication date (case-00 oldest); every tenth undated. */
const cases = Array.from({ length: 45 }, (_, i) => {
  const street = STREETS[i % STREETS.length]
  return makeCase({
    id: `case-${String(i).padStart(2, '0')}`,
    title: `${street}街道第${i}小区议事协商`,
    body: `${street}街道第${i}小区成立居民议事会，围绕停车和环境整治议事协商，每月召开一次会议。`,
    published: i % 10 === 9 ? null : `${1980 + i}-03-01`,
    place: { province: i % 2 ? '福建省' : '浙江省' },
  })
})

let store: Store

beforeAll(async () => {
  const uri = mkdtempSync(join(tmpdir(), 'casebook-paging-'))
  const embedder = new HashEmbedder()
  await indexCases(cases, { uri, provider: fixedProvider(embedder), log: () => {} })
  store = await openStore(uri, { embedder })
  setStore(store)
})

afterAll(() => {
  setStore(null)
  store.close()
})

const page = (query: string) =>
  searchLoader({ request: new Request(`http://casebook.test/?${query}`), params: {}, context: {} })

describe('browsing all cases', () => {
  it('pages through every case newest first, undated last, saying whether more follow', async () => {
    const pages = [await page(''), await page('page=2'), await page('page=3')]
    expect(pages.map((p) => p.hits.length)).toEqual([20, 20, 5])
    expect(pages.map((p) => p.page < p.pageCount)).toEqual([true, true, false])
    expect(pages.map((p) => p.first)).toEqual([1, 21, 41])
    expect(pages.every((p) => p.total === 45)).toBe(true)
    const ids = pages.flatMap((p) => p.hits.map((h) => h.id))
    expect(new Set(ids).size).toBe(45)
    const dated = cases.filter((c) => c.published).sort((a, b) => b.published!.localeCompare(a.published!)).map((c) => c.id)
    expect(ids.slice(0, dated.length)).toEqual(dated)
    expect(ids.slice(dated.length).sort()).toEqual(['case-09', 'case-19', 'case-29', 'case-39'])
  })

  it('pages within a filter, and a page past the end is empty', async () => {
    const first = await page(`province=${encodeURIComponent('福建省')}`)
    const second = await page(`province=${encodeURIComponent('福建省')}&page=2`)
    expect(first.total).toBe(22)
    expect([first.hits.length, second.hits.length]).toEqual([20, 2])
    expect(second.page).toBe(second.pageCount)
    const past = await page('page=9')
    expect(past.hits).toEqual([])
    // The page says where the results end, rather than suggesting a shorter query.
    expect([past.total, past.pageCount]).toEqual([45, 3])
  })
})

describe('a search', () => {
  it('shows its ranking a page at a time, without repeats', async () => {
    const q = `q=${encodeURIComponent('议事协商')}`
    const [one, two, three] = [await page(q), await page(`${q}&page=2`), await page(`${q}&page=3`)]
    expect([one.hits.length, two.hits.length, three.hits.length]).toEqual([20, 20, 5])
    expect([one, two, three].map((p) => p.page < p.pageCount)).toEqual([true, true, false])
    expect(two.first).toBe(21)
    const ids = [one, two, three].flatMap((p) => p.hits.map((h) => h.id))
    expect(new Set(ids).size).toBe(45)
    const all = (await store.search('议事协商', { limit: 45 })).hits.map((h) => h.id)
    expect(ids).toEqual(all)
  })

  it('ignores a page number that is not one', async () => {
    const bad = await page(`q=${encodeURIComponent('议事协商')}&page=abc`)
    expect(bad.page).toBe(1)
    expect(bad.first).toBe(1)
  })
})
