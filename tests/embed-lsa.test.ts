import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import {
  LsaEmbedder, deserializeLsa, embedLsa, lsaFromBytes, lsaToBytes, serializeLsa, trainLsa,
} from '../ingest/embed/lsa.js'
import { chunk } from '../ingest/embed/chunk.js'
import { toTraditional } from '../ingest/text/script.js'
import { analyze } from '../ingest/text/segment.js'

interface Topic { keys: string[]; context: string[] }
const named = (JSON.parse(readFileSync(new URL('./fixtures/embed/topics.json', import.meta.url), 'utf8')) as { topics: Topic[] }).topics

function seeded(seed: number) {
  let s = seed
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648
}

/**
 * Passages on named topics (topics.json) among background topics of made-up words, as a real
 * corpus has many more themes than the few a test names. Interchangeable keys of a topic are never
 * used in the same passage: only their shared context links them.
 */
function topicCorpus(passages: number, background = 24): string[] {
  const rand = seeded(42)
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)]
  const chars = [...'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土东南西北春夏秋冬梅兰竹菊松柏杨柳山川河海云雨风雪']
  const word = (n: number) => Array.from({ length: n }, () => pick(chars)).join('')
  const topics = [
    ...named,
    ...Array.from({ length: background }, () => ({ keys: [word(3), word(3)], context: Array.from({ length: 9 }, () => word(2)) })),
  ]
  const general = ['社区', '街道', '居民', '小区', '开展', '推进', '问题', '群众', '服务', '工作']
  const out: string[] = []
  for (let i = 0; i < passages; i++) {
    const t = topics[i % topics.length]
    const key = t.keys[Math.floor(i / topics.length) % t.keys.length]
    const parts = [key, ...Array.from({ length: 5 }, () => pick(t.context)), ...Array.from({ length: 3 }, () => pick(general)), word(2), word(2)]
    out.push(parts.sort(() => rand() - 0.5).join('，') + '。')
  }
  return out
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0)
const norm = (a: Float32Array) => Math.sqrt(dot(a, a))
const features = (t: string) => { const f = analyze(t); return new Set([...f.words, ...f.bigrams]) }

const corpus = topicCorpus(288)
const model = trainLsa(corpus)

describe('lsa: meaning beyond keyword overlap', () => {
  it.each([
    ['停车难', '车位紧张', '老年食堂'],
    ['楼栋长', '单元长', '雨污分流'],
  ])('%s and %s share no term yet come closer than %s', (a, b, unrelated) => {
    expect([...features(a)].filter((f) => features(b).has(f))).toEqual([])
    const [va, vb, vu] = [a, b, unrelated].map((t) => embedLsa(model, t))
    expect(dot(va, vb)).toBeGreaterThan(0.5)
    expect(dot(va, vb)).toBeGreaterThan(dot(va, vu) + 0.4)
  })

  it('物管会 ≈ 自管会 through shared contexts, closer than to an unrelated topic', () => {
    const [wg, zg, other] = ['成立物管会', '成立自管会', '成立儿童之家'].map((t) => embedLsa(model, t))
    expect(dot(wg, zg)).toBeGreaterThan(dot(wg, other) + 0.3)
  })

  it('a passage finds the passages of its topic that use the other key', () => {
    const q = embedLsa(model, '小区停车难，夜间乱停乱放')
    const ranked = corpus.map((p, i) => ({ p, i, s: dot(q, embedLsa(model, p)) })).sort((x, y) => y.s - x.s)
    // 288 passages over 36 topics: 8 on parking, half of them saying 车位紧张 and never 停车难.
    const top = ranked.slice(0, 8).map((r) => r.p)
    expect(top.every((p) => p.includes('停车难') || p.includes('车位紧张'))).toBe(true)
    expect(top.filter((p) => p.includes('车位紧张')).length).toBeGreaterThanOrEqual(3)
  })
})

describe('lsa: vectors', () => {
  it('are unit length with k dims, k bounded by the corpus', () => {
    expect(model.k).toBeLessThanOrEqual(Math.ceil(2 * Math.sqrt(288)))
    const small = trainLsa(corpus.slice(0, 6), { dimsPerSqrtDoc: 100 })
    expect(small.k).toBeLessThanOrEqual(Math.min(small.docs, small.terms.length) - 1)
    const v = embedLsa(model, corpus[3])
    expect(v).toHaveLength(model.k)
    expect(norm(v)).toBeCloseTo(1, 5)
  })

  it('traditional and simplified versions of a text embed to the same vector', () => {
    const simp = '小区成立物管会，公示管理费收支账目，夜间停车难问题由楼栋长上门协调。'
    const trad = toTraditional(simp)
    expect(trad).not.toBe(simp)
    expect(Array.from(embedLsa(model, trad))).toEqual(Array.from(embedLsa(model, simp)))
  })

  it('a text with no known term embeds to the zero vector', () => {
    expect(Array.from(embedLsa(model, 'zzqx ！'))).toEqual(new Array(model.k).fill(0))
  })

  it('the embedder interface names itself and its model and embeds queries like passages', async () => {
    const e = new LsaEmbedder(model)
    expect(e.name).toBe('lsa')
    expect(e.model).toMatch(/^lsa-[0-9a-f]{12}$/)
    expect(e.dims).toBe(model.k)
    const [q] = await e.embed(['停车难'], 'query')
    const [p] = await e.embed(['停车难'], 'passage')
    expect(Array.from(q)).toEqual(Array.from(p))
  })
})

describe('lsa: determinism', () => {
  it('same corpus → same model, bit for bit, whatever the order of the passages', () => {
    const again = trainLsa(corpus)
    const shuffled = trainLsa([...corpus].reverse())
    expect(Buffer.from(lsaToBytes(again)).equals(Buffer.from(lsaToBytes(model)))).toBe(true)
    expect(Buffer.from(lsaToBytes(shuffled)).equals(Buffer.from(lsaToBytes(model)))).toBe(true)
    expect(shuffled.model).toBe(model.model)
  })

  it('a different corpus or different parameters give a different model id', () => {
    expect(trainLsa(corpus.slice(10)).model).not.toBe(model.model)
    expect(trainLsa(corpus, { bigramWeight: 0.5 }).model).not.toBe(model.model)
  })

  it('trains on a deterministic sample when the corpus exceeds maxPassages', () => {
    const big = topicCorpus(600)
    const a = trainLsa(big, { maxPassages: 200 })
    const b = trainLsa([...big].reverse(), { maxPassages: 200 })
    expect(a.docs).toBe(200)
    expect(a.model).toBe(b.model)
  })

  it('caps the vocabulary by document frequency', () => {
    const capped = trainLsa(corpus, { maxTerms: 100 })
    expect(capped.terms).toHaveLength(100)
    expect(capped.terms).toContain('社区')
  })
})

describe('lsa: serialization', () => {
  it('serializeLsa → deserializeLsa embeds identically', () => {
    const s = serializeLsa(model)
    expect(s.components).toHaveLength(s.terms.length * s.meta.k)
    expect(s.singular).toHaveLength(s.meta.k)
    // As a store would hand the arrays back: plain number arrays from table rows.
    const back = deserializeLsa({
      meta: JSON.parse(JSON.stringify(s.meta)),
      terms: [...s.terms],
      idf: Float32Array.from(Array.from(s.idf)),
      components: Float32Array.from(Array.from(s.components)),
      singular: Float32Array.from(Array.from(s.singular)),
    })
    expect(back.model).toBe(model.model)
    const text = '小区成立自管会，网格员巡查消防通道。'
    expect(Array.from(embedLsa(back, text))).toEqual(Array.from(embedLsa(model, text)))
  })

  it('bytes round-trip, and damaged input is refused with a clear message', () => {
    const bytes = lsaToBytes(model)
    const back = lsaFromBytes(bytes)
    expect(Array.from(embedLsa(back, corpus[5]))).toEqual(Array.from(embedLsa(model, corpus[5])))
    expect(() => lsaFromBytes(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/)
    expect(() => lsaFromBytes(new TextEncoder().encode('not a model'))).toThrow(/bad magic/)
    const s = serializeLsa(model)
    expect(() => deserializeLsa({ ...s, singular: s.singular.subarray(1) })).toThrow(/singular has/)
  })
})

describe('lsa: the segmenter travels with the model', () => {
  it('a search process that loads the model cuts text as the ingest that trained it', async () => {
    const ingestSeg = await import('../ingest/text/segment.js')
    ingestSeg.addWords(['小巷管家'])
    const texts = [...corpus.slice(0, 60), '小区成立小巷管家，楼栋长牵头议事。', '小巷管家每月议事一次，公开账目。']
    const trained = trainLsa(texts)
    expect(trained.words).toContain('小巷管家')
    const bytes = lsaToBytes(trained)

    vi.resetModules()
    const searchSeg = await import('../ingest/text/segment.js')
    const searchLsa = await import('../ingest/embed/lsa.js')
    expect(searchSeg.tokens('推行小巷管家服务')).not.toContain('小巷管家')
    const loaded = searchLsa.lsaFromBytes(bytes)
    expect(searchSeg.tokens('推行小巷管家服务')).toContain('小巷管家')
    expect(loaded.model).toBe(trained.model)
    expect(Array.from(searchLsa.embedLsa(loaded, '小巷管家议事'))).toEqual(Array.from(embedLsa(trained, '小巷管家议事')))
  })
})

describe('lsa: real report text', () => {
  it('trains on chunked reports in both scripts and keeps passages of the same report near', () => {
    const report = readFileSync(new URL('./fixtures/embed/report-sections.txt', import.meta.url), 'utf8')
    const passages = chunk(report).map((p) => p.text)
    const m = trainLsa([...passages, ...corpus])
    const v = embedLsa(m, '小区物管会收取管理费，公示收支明细')
    const best = passages.map((p) => dot(v, embedLsa(m, toTraditional(p))))
    const worst = corpus.slice(0, 30).filter((p) => p.includes('儿童之家')).map((p) => dot(v, embedLsa(m, p)))
    expect(Math.max(...best)).toBeGreaterThan(Math.max(...worst))
  })

  it('refuses to train on nothing', () => {
    expect(() => trainLsa([])).toThrow(/at least two passages/)
    expect(() => trainLsa(['  ', '\n'])).toThrow(/at least two passages/)
  })
})
