import { mkdtempSync, rmSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmbedder, modelFile } from '../ingest/embed/index.js'
import { createTransformersEmbedder } from '../ingest/embed/transformers.js'
import { writeTinyModel, type TinyModel } from './helpers/tiny-onnx.js'

const E5 = 'Xenova/multilingual-e5-small'
const BGE = 'Xenova/bge-small-zh-v1.5'
const WORDS = ['query', 'passage', ':', '物', '业', '网', '格', '小', '区', '党', '建', '停', '车', '自', '管', '会']

let dir: string
let e5: TinyModel
let bge: TinyModel

beforeAll(() => {
  // Tests never touch the network, whatever the caller's environment says.
  delete process.env.CASEBOOK_ALLOW_DOWNLOAD
  dir = mkdtempSync(join(tmpdir(), 'casebook-models-'))
  // Content characters get distinct axes, so token overlap is what makes two texts close.
  const axis = (d: number) => Array.from({ length: 8 }, (_, i) => (i === d ? 1 : 0))
  const rows = Object.fromEntries(['物', '业', '小', '区', '网', '格', '党', '停'].map((t, d) => [t, axis(d)]))
  e5 = writeTinyModel(dir, E5, WORDS, 8, { ...rows, 建: axis(6), 车: axis(7) })
  bge = writeTinyModel(dir, BGE, [...WORDS, ...'为这个句子生成表示以用于检索相关文章：'])
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0)

/** What mean pooling + L2 normalization of the gathered rows must give. */
function expected(model: TinyModel, tokens: string[]): number[] {
  const sum = new Float64Array(8)
  for (const t of tokens) model.row(t).forEach((x, i) => (sum[i] += x / tokens.length))
  const n = Math.hypot(...sum)
  return Array.from(sum, (x) => x / n)
}

describe('transformers embedder on a tiny generated model', () => {
  it('loads from MODELS_DIR through the real pipeline: 8 dims, unit norm, deterministic', async () => {
    const e = await createTransformersEmbedder({ modelsDir: dir })
    expect(e.name).toBe('transformers')
    expect(e.model).toBe(E5)
    expect(e.dims).toBe(8)
    const [a, b] = await e.embed(['物业小区', '物业小区'], 'passage')
    expect(a).toHaveLength(8)
    expect(Math.hypot(...a)).toBeCloseTo(1, 5)
    expect(Array.from(b)).toEqual(Array.from(a))
    const [again] = await e.embed(['物业小区'], 'passage')
    expect(Array.from(again)).toEqual(Array.from(a))
  })

  it('prefixes e5 queries with "query: " and passages with "passage: ", mean pooled', async () => {
    const e = await createTransformersEmbedder({ modelsDir: dir })
    const [q] = await e.embed(['物业'], 'query')
    const [p] = await e.embed(['物业'], 'passage')
    const body = ['物', '业']
    Array.from(q).forEach((x, i) => expect(x).toBeCloseTo(expected(e5, ['[CLS]', 'query', ':', ...body, '[SEP]'])[i], 5))
    Array.from(p).forEach((x, i) => expect(x).toBeCloseTo(expected(e5, ['[CLS]', 'passage', ':', ...body, '[SEP]'])[i], 5))
  })

  it('texts sharing tokens come closer than texts that share none', async () => {
    const e = await createTransformersEmbedder({ modelsDir: dir })
    const [a, b, c] = await e.embed(['物业小区', '物业网格', '党建停车'], 'passage')
    expect(dot(a, b)).toBeGreaterThan(dot(a, c))
  })

  it('batches: padding inside a batch does not change a vector', async () => {
    const e = await createTransformersEmbedder({ modelsDir: dir, batchSize: 3 })
    const texts = ['物', '物业小区网格党建', '自管会', '停车', '小区']
    const together = await e.embed(texts, 'passage')
    for (let i = 0; i < texts.length; i++) {
      const [alone] = await e.embed([texts[i]], 'passage')
      Array.from(alone).forEach((x, d) => expect(together[i][d]).toBeCloseTo(x, 5))
    }
  })

  it('bge uses CLS pooling', async () => {
    const e = await createTransformersEmbedder({ modelsDir: dir, model: BGE })
    const [q, p] = [...(await e.embed(['物业'], 'query')), ...(await e.embed(['小区网格'], 'passage'))]
    // The tiny model's token vectors do not mix, so the pooled CLS vector is the [CLS] row.
    for (const v of [q, p]) Array.from(v).forEach((x, i) => expect(x).toBeCloseTo(expected(bge, ['[CLS]'])[i], 5))
  })

  it('loads a folder that has only the full-precision onnx file', async () => {
    const only = mkdtempSync(join(tmpdir(), 'casebook-models-'))
    try {
      writeTinyModel(only, E5, WORDS)
      unlinkSync(join(only, E5, 'onnx', 'model_quantized.onnx'))
      expect(modelFile(only, E5)?.quantized).toBe(false)
      const e = await createTransformersEmbedder({ modelsDir: only })
      const [v] = await e.embed(['物业'], 'passage')
      expect(Math.hypot(...v)).toBeCloseTo(1, 5)
    } finally {
      rmSync(only, { recursive: true, force: true })
    }
  })

  it('refuses clearly when the model folder is missing and downloads are off', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'casebook-models-'))
    try {
      await expect(createTransformersEmbedder({ modelsDir: empty })).rejects.toThrow(/no model in .*multilingual-e5-small.*CASEBOOK_ALLOW_DOWNLOAD=1/)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})

describe('createEmbedder', () => {
  it('auto without a model folder uses lsa and says so in one line, once', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'casebook-models-'))
    const lines: string[] = []
    const texts = ['小区成立自管会，公示管理费。', '小区成立物管会，公示收支。', '网格员入户走访，摸排隐患。', '网格员巡查消防通道。']
    try {
      const a = await createEmbedder({ modelsDir: empty, trainingTexts: texts, log: (l) => lines.push(l) })
      const b = await createEmbedder({ modelsDir: empty, trainingTexts: texts, log: (l) => lines.push(l) })
      expect(a.name).toBe('lsa')
      expect(b.model).toBe(a.model)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^casebook: no model in .*Xenova\/multilingual-e5-small; using the offline lsa embedder \(see README: Embeddings\)$/)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })

  it('auto with the model folder present uses transformers', async () => {
    const e = await createEmbedder({ modelsDir: dir })
    expect(e.name).toBe('transformers')
    expect(e.dims).toBe(8)
  })

  it('lsa from a stored model embeds like the model it was stored from', async () => {
    const texts = ['小区成立自管会，公示管理费。', '小区成立物管会，公示收支。', '网格员入户走访，摸排隐患。', '网格员巡查消防通道。']
    const { trainLsa, serializeLsa } = await import('../ingest/embed/lsa.js')
    const trained = trainLsa(texts)
    const e = await createEmbedder({ kind: 'lsa', lsa: serializeLsa(trained) })
    expect(e.model).toBe(trained.model)
    const again = await createEmbedder({ kind: 'lsa', trainingTexts: texts })
    expect(Array.from((await e.embed(['自管会'], 'query'))[0])).toEqual(Array.from((await again.embed(['自管会'], 'query'))[0]))
  })

  it('lsa with nothing to train on is a clear error', async () => {
    await expect(createEmbedder({ kind: 'lsa' })).rejects.toThrow(/needs passages to train on/)
  })
})
