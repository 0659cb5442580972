/**
 * Pass two of a first build (every passage embedded once the offline model is trained) on other
 * threads: the model handed over (lsaHandover) embeds as the trained one does, bit for bit, and
 * a store built with ingest's worker pool making the passage rows holds exactly the rows, vectors
 * included, of a store whose writer made them all itself.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { indexStream } from '../ingest/index/write.js'
import { lsaProvider } from '../ingest/index/embedders.js'
import { connect } from '../ingest/index/lancedb.js'
import { embedLsa, LSA_DEFAULTS, LsaEmbedder, lsaFromHandover, lsaHandover, trainLsa, TrainingSample } from '../ingest/embed/lsa.js'
import { normalizeForSearch } from '../ingest/text/script.js'
import { WorkerPool } from '../ingest/corpus/pool.js'
import type { ShareThreads } from '../ingest/index/passage-share.js'
import { makeCase } from './helpers/cases.js'
import { HashEmbedder } from './helpers/embedder.js'
import type { Case } from '../ingest/schema.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'casebook-pass-two-'))
const quiet = { log: () => {} }

/** Cases of made-up compounds, two or three passages each, worded differently enough to train on. */
function cases(n: number): Case[] {
  const places = ['青禾苑', '石榴里', '北桥新村', '柳岸小区', '云杉家园', '东坡巷', '杏花坊']
  const deeds = ['成立自管会', '修缮屋面', '加装电梯', '整治停车', '清理楼道堆物', '设立议事角', '引入物业服务企业', '开展垃圾分类']
  const people = ['楼栋长', '网格员', '在职党员', '退休教师', '业委会成员', '志愿服务队']
  return Array.from({ length: n }, (_, i) => {
    const pick = <T,>(a: T[], s: number) => a[(i * s + (i >> 2)) % a.length]
    const paragraph = (j: number) =>
      `${pick(places, 7 + j)}的${pick(people, 5 + j)}牵头${pick(deeds, 3 + j)}，又与${pick(people, 11 + j)}一道${pick(deeds, 13 + j)}，` +
      `前后开了${(i % 9) + j + 2}次协商会，${(i * 7) % 40 + 10}户居民签字同意，第${i}号做法在街道推广。`.repeat(3)
    return makeCase({ id: `pass-${String(i).padStart(3, '0')}`, title: `${pick(places, 7)}第${i}号经验`, body: [0, 1, 2].slice(0, 2 + (i % 2)).map(paragraph).join('\n\n') })
  })
}

/** Every row of a table, in stored order, vectors as their bytes. */
async function rows(uri: string, table: string): Promise<string[]> {
  const db = await connect(uri)
  const data = await (await db.openTable(table)).query().toArrow()
  const out: string[] = []
  for (let i = 0; i < data.numRows; i++) {
    const row = data.get(i)!.toJSON() as Record<string, unknown>
    if (row.vector) row.vector = Buffer.from(Float32Array.from(row.vector as Iterable<number>).buffer).toString('base64')
    out.push(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
  }
  return out
}

describe('lsaHandover', () => {
  const texts = cases(60).flatMap((c) => c.body.split('\n\n'))
  const model = trainLsa(texts, { maxPassages: 40 })

  it('given a fresh model, the model rebuilt from its handover embeds every text (trained on or not) to the same vector, bit for bit', () => {
    const handover = lsaHandover(new LsaEmbedder(model))!
    expect(handover.trained?.texts.length).toBe(40)
    const rebuilt = lsaFromHandover(handover)
    expect(rebuilt.model).toBe(model.model)
    for (const t of [...texts, '加装电梯的楼栋长', '没有一个认识的词']) {
      const a = embedLsa(rebuilt.lsa, t)
      const b = embedLsa(model, t)
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true)
    }
  })

  it('given a sample analysed as it streamed by, hands over each kept text\'s normal form until the text is embedded', async () => {
    // Traditional script and quotes inside a word: the normal form is not the text itself.
    const streamed = new TrainingSample(40, { bigramWeight: LSA_DEFAULTS.bigramWeight })
    const all = [...texts, '紅‘棟’力議事會每月開一次，樓棟長與網格員一道加裝電梯']
    all.forEach((t) => streamed.add(t))
    const rebuilt = lsaFromHandover(lsaHandover(new LsaEmbedder(trainLsa(streamed, { maxPassages: 40 })))!)
    let kept = 0
    for (const t of all) {
      const form = rebuilt.normalizedForm(t)
      if (form === undefined) continue
      kept++
      expect(form).toBe(normalizeForSearch(t))
    }
    // The 40 sampled texts and those the last trim pushed out (the sample holds fewer than 80).
    expect(kept).toBeGreaterThan(40)
    expect(rebuilt.normalizedForm(all.at(-1)!)).toBe(normalizeForSearch(all.at(-1)!))
    await rebuilt.embed([all[0]], 'passage')
    expect(rebuilt.normalizedForm(all[0])).toBeUndefined()
    // A sample that was not analysed has no normal forms to give.
    expect(new LsaEmbedder(model).normalizedForm(texts[0])).toBeUndefined()
  })

  it('given an embedder other than lsa, has nothing to hand over', () => {
    expect(lsaHandover(new HashEmbedder())).toBeNull()
  })
})

describe('a first build whose passages are embedded on the worker pool', () => {
  const corpus = cases(120)
  const params = { maxPassages: 60 }
  const pool = new WorkerPool(2)
  afterAll(() => pool.close())

  it('stores the rows and vectors of a build whose writer embedded every passage itself', async () => {
    const alone = tmp()
    const a = await indexStream(corpus, { uri: alone, provider: lsaProvider(params), batch: 100, ...quiet })

    let shares = 0
    const counted: ShareThreads = { ...pool.shares, rows: (share) => (shares++, pool.shares.rows(share)) }
    const pooled = tmp()
    // Nothing kept from the stream: every case is read back and its share made on a worker.
    const b = await indexStream(corpus, { uri: pooled, provider: lsaProvider(params, pool.kernels), batch: 100, threads: counted, keepPassages: 0, ...quiet })

    expect(shares).toBeGreaterThan(1)
    expect(b.embedder).toEqual(a.embedder)
    expect(b.passages).toBe(a.passages)
    expect(a.passages).toBeGreaterThan(2 * params.maxPassages)
    expect(await rows(pooled, 'passages')).toEqual(await rows(alone, 'passages'))
    expect(await rows(pooled, 'cases')).toEqual(await rows(alone, 'cases'))
  }, 120_000)

  it('given the cases kept as they streamed by, stores the rows and vectors of a build that read every case back', async () => {
    const readBack = tmp()
    const a = await indexStream(corpus, { uri: readBack, provider: lsaProvider(params), batch: 100, keepPassages: 0, ...quiet })
    const kept = tmp()
    let asked = 0
    const unused: ShareThreads = { parts: 2, load: async () => (asked++, true), rows: () => Promise.reject(new Error('not to be asked')) }
    const b = await indexStream(corpus, { uri: kept, provider: lsaProvider(params), batch: 100, threads: unused, ...quiet })
    expect(asked).toBe(0)
    expect(b.embedder).toEqual(a.embedder)
    expect(b.passages).toBe(a.passages)
    expect(await rows(kept, 'passages')).toEqual(await rows(readBack, 'passages'))
    expect(await rows(kept, 'cases')).toEqual(await rows(readBack, 'cases'))
  }, 120_000)

  it('given a pool closed twice (ingest closes it once pass two is done, and again at the end), stops its workers once and both calls settle', async () => {
    const own = new WorkerPool(1)
    const first = own.close()
    const second = own.close()
    expect(second).toBe(first)
    await Promise.all([first, second])
    await expect(own.close()).resolves.toBeUndefined()
  })

  it('given threads that cannot take the embedder, the writer embeds the passages itself', async () => {
    const refusing: ShareThreads = { parts: 2, load: async () => false, rows: () => Promise.reject(new Error('not to be asked')) }
    const uri = tmp()
    const stats = await indexStream(corpus.slice(0, 40), { uri, provider: lsaProvider({ maxPassages: 30 }), batch: 50, threads: refusing, ...quiet })
    expect(stats.failed).toEqual([])
    expect(stats.embedded).toBe(40)
  }, 60_000)
})
