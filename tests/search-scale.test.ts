/**
 * A store large enough (≥ 1000 passages) for the search to plan its full-text queries by how
 * common bigrams are, written in small batches and with an approximate vector index, as large
 * stores are. The postings budget is set low so the planning bites at this size.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { indexCases } from '../ingest/index/write.js'
import { lsaProvider } from '../ingest/index/embedders.js'
import { connect } from '../ingest/index/lancedb.js'
import { latestPointer } from '../ingest/index/meta.js'
import { TABLES } from '../ingest/index/layout.js'
import { fulltextQuery, PIECE_SEPARATOR, type BigramStats } from '../ingest/search/bigrams.js'
import { searchNormal } from '../ingest/search/normalize.js'
import { openStore, type Store } from '../ingest/search/index.js'
import { makeCase } from './helpers/cases.js'
import type { Case } from '../ingest/schema.js'

const PLACES = ['幸福', '和平', '光明', '团结', '民主', '胜利', '建设', '新华', '解放', '朝阳', '向阳', '东风']
const TOPICS = ['楼道堆物清理', '停车位划线', '垃圾分类投放', '绿化带补种', '路灯维修', '外墙防水', '化粪池疏通', '监控探头安装', '晾衣架改造', '健身器材更新']
const ACTIONS = ['逐户走访征求意见', '公开公示收支明细', '结对帮扶困难群众', '集中整治环境卫生', '建立问题台账', '组织志愿者巡查']

/** Sentences that make a paragraph passage-sized (≥ 200 characters), varied by case. */
function filler(i: number, n: number): string {
  return Array.from({ length: n }, (_, k) => `${ACTIONS[(i + k) % ACTIONS.length]}，${TOPICS[(i * 3 + k) % TOPICS.length]}的做法在第${k + 1}季度推开。`).join('')
}

/**
 * 600 compounds, two passages each: 居民议事会 in every first passage, 加装电梯 in five cases'
 * second passage, two of which also name 居民议事会 there.
 */
function corpus(): Case[] {
  return Array.from({ length: 600 }, (_, i) => {
    const place = `${PLACES[i % PLACES.length]}${i}号小区`
    const topic = TOPICS[i % TOPICS.length]
    const first = `${place}居民议事会每月召开会议，围绕${topic}协商解决群众身边的问题。${filler(i, 8)}`
    let second = `社区党委牵头，楼栋长${ACTIONS[i % ACTIONS.length]}，${TOPICS[(i * 7) % TOPICS.length]}等事项得到落实。`
    if (i < 2) second = `居民议事会协商加装电梯，低层住户的补偿方案经全体业主表决通过。`
    else if (i < 5) second = `老楼加装电梯由业主自筹资金，街道协调管线迁移，工期三个月。`
    return makeCase({ id: `case-${String(i).padStart(3, '0')}`, title: `${place}议事协商纪实`, body: `${first}\n\n${second}${filler(i + 1, 8)}` })
  })
}

let uri: string
let store: Store
let exact: Store
let stats: BigramStats

beforeAll(async () => {
  uri = join(mkdtempSync(join(tmpdir(), 'casebook-scale-')), 'lancedb')
  await indexCases(corpus(), { uri, provider: lsaProvider(), batch: 100, vectorIndexFrom: 1000, log: () => {} })
  const db = await connect(uri)
  const pointer = (await latestPointer(await db.openTable(TABLES.meta)))!
  stats = { passages: pointer.passages, shares: new Map(pointer.bigramShares) }
  db.close()
  store = await openStore(uri, { postingsBudget: 100 })
  exact = await openStore(uri, { postingsBudget: Infinity })
}, 120_000)

afterAll(() => {
  store?.close()
  exact?.close()
})

describe('a large store', () => {
  it('records how common its bigrams are', () => {
    expect(stats.passages).toBeGreaterThanOrEqual(1000)
    expect(stats.shares.get('议事')).toBeGreaterThan(0.5)
    expect(stats.shares.get('电梯')).toBeCloseTo(5 / stats.passages, 3)
  })

  it('keeps passages in one file however many batches wrote them', async () => {
    const db = await connect(uri)
    const passages = await db.openTable(TABLES.passages)
    expect((await passages.stats()).fragmentStats.numFragments).toBe(1)
    expect(await passages.countRows()).toBe(stats.passages)
    db.close()
  })
})

describe('planned full-text queries', () => {
  const query = '居民议事会 加装电梯'

  it('leave out the part every passage has when the budget is small, but for one bigram that is not walked', () => {
    // 事会 is the query's commonest term: LanceDB cuts it short beside the rare ones.
    expect(fulltextQuery(searchNormal(query), stats, 100).split(PIECE_SEPARATOR)).toEqual(['事会', '加装', '装电', '电梯'])
    expect(fulltextQuery(searchNormal(query), stats, Infinity).split(PIECE_SEPARATOR)).toHaveLength(7)
  })

  it('still rank first the cases that hold the whole query, as the exact query does', async () => {
    const planned = (await store.search(query, { mode: 'fulltext' })).hits.map((h) => h.id)
    const full = (await exact.search(query, { mode: 'fulltext' })).hits.map((h) => h.id)
    expect(planned.slice(0, 2).sort()).toEqual(['case-000', 'case-001'])
    expect(full.slice(0, 2).sort()).toEqual(['case-000', 'case-001'])
    expect(planned.slice(2, 5).sort()).toEqual(['case-002', 'case-003', 'case-004'])
  })

  it('mark the dropped part in snippets all the same', async () => {
    const top = (await store.search(query)).hits[0]
    expect(top.snippet).toContain('«居民议事会»')
    expect(top.snippet).toContain('«加装电梯»')
  })

  it('rank the same after the store read its common posting lists ahead (server start)', async () => {
    const before = await store.search(query, { limit: 50, facets: true })
    await store.warm()
    expect(await store.search(query, { limit: 50, facets: true })).toEqual(before)
  })
})

describe('hits found by the approximate vector index', () => {
  it('carry the text of their passage, whichever list they led on', async () => {
    for (const mode of ['vector', 'hybrid'] as const) {
      const { hits } = await store.search('外墙防水 化粪池疏通', { mode, limit: 20 })
      expect(hits.length).toBe(20)
      for (const h of hits) {
        expect(h.passage.text.length).toBeGreaterThan(10)
        const body = corpus().find((c) => c.id === h.id)!.body
        expect(body).toContain(h.passage.text)
      }
    }
  })
})
