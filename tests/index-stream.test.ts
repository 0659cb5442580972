/**
 * The index step as a stream: cases are written while the source is still yielding them, the
 * offline model's training sample is gathered on the way (the same sample trainLsa takes from the
 * whole corpus), and a first lsa build embeds every passage in a second pass over the cases table.
 * Uploads take the same path as an `upsert` stream: batches of new or replaced cases beside the rest.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { indexCases, indexStream } from '../ingest/index/write.js'
import { fixedProvider, lsaProvider } from '../ingest/index/embedders.js'
import { embedLsa, LSA_DEFAULTS, TrainingSample, trainLsa } from '../ingest/embed/lsa.js'
import { openStore } from '../ingest/search/index.js'
import { StageTimes } from '../ingest/timings.js'
import { fixtureCases, makeCase } from './helpers/cases.js'
import { HashEmbedder } from './helpers/embedder.js'
import type { Case } from '../ingest/schema.js'
import { bigramShares, MIN_PASSAGES } from '../ingest/search/bigrams.js'
import { searchNormal } from '../ingest/search/normalize.js'
import { passagesOf, passageText } from '../ingest/index/rows.js'
import { connect } from '../ingest/index/lancedb.js'
import { latestPointer } from '../ingest/index/meta.js'
import { TABLES } from '../ingest/index/layout.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'casebook-stream-'))
const quiet = { log: () => {} }

/** Many small cases, each with its own wording, so every one is a passage of its own. */
function manyCases(n: number): Case[] {
  const streets = ['东街', '西湖', '南门', '北苑', '青石', '柳岸', '松林', '梅园']
  return Array.from({ length: n }, (_, i) =>
    makeCase({
      id: `case-${String(i).padStart(3, '0')}`,
      title: `${streets[i % streets.length]}社区第${i}号经验`,
      body: `${streets[i % streets.length]}社区第${i}号经验\n\n社区党委组织居民议事，第${i}次协商解决停车难和加装电梯问题，共计${i + 3}户参与。`,
    }),
  )
}

describe('TrainingSample', () => {
  it('given texts in any order, with repeats, keeps exactly the sample trainLsa would take from all of them', () => {
    const texts = manyCases(60).map((c) => c.body)
    const shuffled = [...texts.slice(30), ...texts, ...texts.slice(0, 30)].reverse()
    const a = new TrainingSample(20)
    const b = new TrainingSample(20)
    texts.forEach((t) => a.add(t))
    shuffled.forEach((t) => b.add(t))
    expect(a.texts()).toHaveLength(20)
    expect(b.texts()).toEqual(a.texts())
    // The model trained on the streamed sample is the one trained on every text.
    const params = { maxPassages: 20 }
    expect(trainLsa(a.texts(), params).model).toBe(trainLsa(texts, params).model)
  })

  it('given a sample analysed as texts get in (some later pushed out), trains the model of the plain texts, bit for bit', () => {
    const texts = manyCases(80).map((c) => c.body)
    // Reversed, with repeats: the analysed texts meet their terms in another order, and a sample
    // of 25 from 80 pushes out texts it had already analysed.
    const streamed = new TrainingSample(25, { bigramWeight: LSA_DEFAULTS.bigramWeight })
    for (const t of [...texts, ...texts.slice(0, 20)].reverse()) streamed.add(t)
    const params = { maxPassages: 25 }
    const plain = trainLsa(texts, params)
    const analysed = trainLsa(streamed, params)
    expect(analysed.model).toBe(plain.model)
    expect(analysed.terms).toEqual(plain.terms)
    expect(Buffer.from(analysed.components.buffer).equals(Buffer.from(plain.components.buffer))).toBe(true)
    // Every passage embeds to the same vector (the cached training rows included).
    for (const t of texts.slice(0, 30)) expect([...embedLsa(analysed, t)]).toEqual([...embedLsa(plain, t)])
  })

  it('given analysed texts the last trim pushed out, keeps their rows too, and they embed as segmenting them would, bit for bit', () => {
    const texts = manyCases(35).map((c) => c.body)
    // 35 texts never reach twice the sample's 20, so only the final trim pushes any out: 15 of them.
    const streamed = new TrainingSample(20, { bigramWeight: LSA_DEFAULTS.bigramWeight })
    texts.forEach((t) => streamed.add(t))
    const params = { maxPassages: 20 }
    const analysed = trainLsa(streamed, params)
    const plain = trainLsa(texts, params)
    expect(analysed.model).toBe(plain.model)
    expect(analysed.trained?.size).toBe(35)
    expect(plain.trained?.size).toBe(20)
    for (const t of texts) {
      expect(Buffer.from(embedLsa(analysed, t).buffer).equals(Buffer.from(embedLsa(plain, t).buffer))).toBe(true)
    }
  })

  it('given texts of every kind of character, tallies terms whose rows embed as the plain term counts do, bit for bit', () => {
    // Traditional script, Extension A, full-width forms, Latin, digits, an emoji and quotes inside
    // a word: the sample's tally reads bigrams by code units, embedding an untrained text by strings.
    const extra = ['紅‘棟’力議事會每月開一次，㐀㐁小區ＡＢＣ物業😀費用', '业委会与物业公司 2024 年签约，楼栋长 abc 参与议事', '加装电梯㐂㐃问题由居民议事会协商']
    const texts = [...manyCases(30).map((c) => c.body), ...extra]
    const model = trainLsa(texts, { maxPassages: 40 })
    const rows = model.trained!
    for (const t of extra) {
      expect(rows.has(t)).toBe(true)
      const fromRow = embedLsa(model, t)
      model.trained = undefined
      const fromStrings = embedLsa(model, t)
      model.trained = rows
      expect(Buffer.from(fromRow.buffer).equals(Buffer.from(fromStrings.buffer))).toBe(true)
    }
  })

  it('given other training parameters than it was analysed for, trains from its texts instead', () => {
    const texts = manyCases(40).map((c) => c.body)
    const streamed = new TrainingSample(40, { bigramWeight: 1 })
    texts.forEach((t) => streamed.add(t))
    const params = { maxPassages: 40, bigramWeight: 0.5 }
    expect(trainLsa(streamed, params).model).toBe(trainLsa(texts, params).model)
  })
})

describe('indexStream', () => {
  it('writes batches while the source is still yielding, not after it has been drained', async () => {
    const emb = new HashEmbedder()
    const callsWhenYielded: number[] = []
    async function* source() {
      for (const c of manyCases(40)) {
        callsWhenYielded.push(emb.calls)
        yield c
      }
    }
    const stats = await indexStream(source(), { uri: tmp(), provider: fixedProvider(emb), batch: 5, ...quiet })
    expect(stats).toMatchObject({ cases: 40, added: 40, embedded: 40 })
    // With a batch of 5 passages, the embedder ran long before the last case came.
    expect(callsWhenYielded[10]).toBeGreaterThan(0)
    expect(callsWhenYielded[39]).toBeGreaterThanOrEqual(7)
  })

  it('given the offline embedder on a first build, trains once the stream ends and embeds every passage from the cases table', async () => {
    const cases = manyCases(30)
    const times = new StageTimes()
    const phases: string[] = []
    const streamed = await indexStream(cases, { uri: tmp(), provider: lsaProvider(), batch: 10, times, onPhase: (p) => phases.push(p.name), ...quiet })
    const whole = await indexCases(cases, { uri: tmp(), provider: lsaProvider(), ...quiet })
    expect(streamed.embedder).toEqual(whole.embedder)
    expect(streamed).toMatchObject({ cases: 30, embedded: 30, passages: whole.passages })
    expect(phases[0]).toBe('embed')
    expect(phases.at(-1)).toBe('indexes')
    expect(times.ms.embed).toBeGreaterThan(0)
    expect(times.ms.index).toBeGreaterThan(0)
  })

  it('given a first build of more passages than queries are planned from, records the bigram shares of every passage', async () => {
    // One short passage a case, fewer cases than the bigram sample holds: the sample is the corpus.
    const cases = manyCases(MIN_PASSAGES + 50)
    const uri = tmp()
    const stats = await indexStream(cases, { uri, provider: fixedProvider(new HashEmbedder()), ...quiet })
    expect(stats.passages).toBe(cases.length)
    const db = await connect(uri)
    const pointer = (await latestPointer(await db.openTable(TABLES.meta)))!
    db.close()
    const normals = cases.flatMap((c) => passagesOf(c).map((p, ord) => searchNormal(passageText(c, p, ord))))
    expect(pointer.bigramShares!.length).toBeGreaterThan(10)
    expect(pointer.bigramShares).toEqual(await bigramShares(normals))
  }, 60_000)

  it('keeps the first of two cases with one id and says so', async () => {
    const [a, b] = fixtureCases()
    const lines: string[] = []
    const uri = tmp()
    const stats = await indexStream([a, { ...b, id: a.id }], { uri, provider: fixedProvider(new HashEmbedder()), log: (l) => lines.push(l) })
    expect(stats.cases).toBe(1)
    expect(lines).toEqual([`index: case id ${a.id} appears twice; the first one is kept`])
    const store = await openStore(uri, { embedder: new HashEmbedder() })
    expect((await store.get(a.id))!.body).toBe(a.body)
    store.close()
  })

  it('given upsert batches streamed into an lsa store, adds and replaces them beside the rest, fails a bad one alone, and never retrains', async () => {
    const uri = tmp()
    const base = manyCases(20)
    const first = await indexStream(base, { uri, provider: lsaProvider(), ...quiet })
    const edited = { ...base[3], body: `${base[3].body}\n\n后来又增设了楼道议事角。` }
    const fresh = manyCases(30).slice(20)
    const broken = { ...fresh[0], id: 'broken', body: 42 as unknown as string }
    const lines: string[] = []
    async function* uploads() {
      yield edited
      yield base[4]
      yield broken
      yield* fresh
    }
    // Far past the retrain share: an upsert still embeds with the saved model.
    const stats = await indexStream(uploads(), { uri, provider: lsaProvider(), mode: 'upsert', batch: 3, log: (l) => lines.push(l) })
    expect(stats).toMatchObject({ cases: 30, added: 10, changed: 1, removed: 0, unchanged: 19, embedded: 11, retrained: false, embedder: first.embedder })
    expect(stats.failed).toEqual([{ id: 'broken', problem: 'no body text' }])
    expect(lines).toEqual(['casebook: broken: cannot be indexed (no body text); the rest of the run goes on'])
    const store = await openStore(uri)
    expect((await store.get(base[3].id))!.body).toBe(edited.body)
    expect((await store.search('楼道议事角')).hits[0].id).toBe(base[3].id)
    expect((await store.search(fresh[5].title!)).hits.map((h) => h.id)).toContain(fresh[5].id)
    expect(await store.get('broken')).toBeNull()
    store.close()
    // The next whole-corpus build counts the upserts as drift and retrains.
    const next = await indexStream([...base.map((c) => (c.id === edited.id ? edited : c)), ...fresh], { uri, provider: lsaProvider(), ...quiet })
    expect(next).toMatchObject({ cases: 30, added: 0, changed: 0, removed: 0, retrained: true })
  })
})
