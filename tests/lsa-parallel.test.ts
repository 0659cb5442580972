/**
 * LSA training split over threads (ingest/embed/lsa-kernels.ts): whatever the split, and whether
 * the slices run here or on the ingest pool's worker threads, the model is the one trainLsa makes
 * on one thread, bit for bit (same id, same components).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { trainLsa, trainLsaOn, type LsaModel } from '../ingest/embed/lsa.js'
import { axpy, dotN, kernelEngine, normalDraw, preferKernels, runKernel, type KernelEngine, sharedFloat32, sharedFloat64, sharedInt32, split, transpose, type Csr, type KernelRunner } from '../ingest/embed/lsa-kernels.js'
import { WorkerPool } from '../ingest/corpus/pool.js'
import { makeRng } from '../ingest/synth/rng.js'

/** Passages about a handful of made-up compounds and what their residents did, varied enough for a real SVD. */
function corpus(n: number): string[] {
  const places = ['青禾苑', '石榴里', '北桥新村', '柳岸小区', '云杉家园', '东坡巷']
  const deeds = ['成立自管会', '修缮屋面', '加装电梯', '整治停车', '清理楼道堆物', '设立议事角', '引入物业服务企业', '开展垃圾分类']
  const people = ['楼栋长', '网格员', '在职党员', '退休教师', '业委会成员', '志愿服务队']
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const pick = <T>(a: T[], s: number) => a[(i * s + (i >> 2)) % a.length]
    out.push(`${pick(places, 7)}的${pick(people, 5)}牵头${pick(deeds, 3)}，又与${pick(people, 11)}一道${pick(deeds, 13)}，第${i % 17}次协商后居民满意。`)
  }
  return out
}

const inline = (parts: number, engine: KernelEngine = 'simd'): KernelRunner => ({ parts, run: async (tasks) => tasks.forEach((t) => runKernel(t, engine)) })

function same(a: LsaModel, b: LsaModel): void {
  expect(b.model).toBe(a.model)
  expect(b.k).toBe(a.k)
  expect(Buffer.from(b.components.buffer, b.components.byteOffset, b.components.byteLength).equals(Buffer.from(a.components.buffer, a.components.byteOffset, a.components.byteLength))).toBe(true)
}

describe('split', () => {
  it('covers 0..n with ranges of about even cost, none empty', () => {
    const rowPtr = [0, 16, 18, 20, 22, 24, 40]
    expect(split(6, 2, (i) => rowPtr[i])).toEqual([[0, 3], [3, 6]])
    expect(split(3, 5, (i) => i)).toEqual([[0, 1], [1, 2], [2, 3]])
  })
})

/** Seeded values in [−0.5, 0.5). */
function randoms(length: number, seed: number): Float64Array {
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) - 0.5
  return Float64Array.from({ length }, random)
}

/** Scaled to unit length, as orthonormalize finishes a column (unscaled, 23 deflations overflow to NaN, whose bits say nothing). */
function unit(v: Float64Array): void {
  const inv = 1 / Math.sqrt(dotN(v, v, v.length))
  for (let i = 0; i < v.length; i++) v[i] *= inv
}

describe('deflate', () => {
  /** Column-by-column modified Gram-Schmidt: each column against every earlier one, in order, then scaled. */
  function columnByColumn(cols: Float64Array, n: number, l: number): void {
    for (let c = 0; c < l; c++) {
      const v = cols.subarray(c * n, (c + 1) * n)
      for (let b = 0; b < c; b++) {
        const u = cols.subarray(b * n, (b + 1) * n)
        const d = dotN(u, v, n)
        if (d !== 0) axpy(v, 0, u, 0, -d, n)
      }
      unit(v)
    }
  }

  it.each(['simd', 'js'] as const)('given the earlier columns in blocks and the later columns in any split, deflates them as column by column does, bit for bit (%s)', (engine) => {
    const n = 37
    const l = 23
    const start = randoms(n * l, 7)
    const expected = Float64Array.from(start)
    columnByColumn(expected, n, l)
    for (const [block, parts] of [[1, 1], [4, 2], [5, 3], [8, 7], [23, 2]]) {
      const cols = sharedFloat64(n * l)
      cols.set(start)
      for (let from = 0; from < l; from += block) {
        const to = Math.min(l, from + block)
        for (let c = from; c < to; c++) {
          runKernel({ op: 'deflate', cols, n, by: from, upTo: c, from: c, to: c + 1 }, engine)
          unit(cols.subarray(c * n, (c + 1) * n))
        }
        for (const [a, b] of split(l - to, parts, (c) => c)) runKernel({ op: 'deflate', cols, n, by: from, upTo: to, from: to + a, to: to + b }, engine)
      }
      expect(Buffer.from(cols.buffer).equals(Buffer.from(expected.buffer))).toBe(true)
    }
  })
})

describe('normal', () => {
  /** The range finder's random matrix as training drew it before: one mulberry32 stream (the synth generator's), two draws a value. */
  function sequential(seed: number, n: number): Float64Array {
    const rng = makeRng(seed)
    return Float64Array.from({ length: n }, () => {
      const u = 1 - rng.next()
      const v = rng.next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    })
  }

  it('given any split of the range, draws the values of the one sequential stream, bit for bit', () => {
    const n = 5_000
    const expected = sequential(20240611, n)
    for (const parts of [1, 2, 7]) {
      const out = sharedFloat64(n)
      for (const [from, to] of split(n, parts, (i) => i)) runKernel({ op: 'normal', seed: 20240611, out, from, to })
      expect(Buffer.from(out.buffer).equals(Buffer.from(expected.buffer))).toBe(true)
    }
    // Far into the stream, where the state has wrapped around 2³² many times.
    expect(normalDraw(20240611, 3_000_000)).toBe(sequential(20240611, 3_000_001)[3_000_000])
  })
})

describe('the SIMD engine', () => {
  const bits = (a: Float64Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)

  /** A sparse matrix of `rows` rows, each with a few distinct columns in no order, some values zero. */
  function sparse(rows: number, cols: number, seed: number): Csr {
    const r = randoms(rows * 8, seed)
    const rowPtr = sharedInt32(rows + 1)
    const col: number[] = []
    const val: number[] = []
    for (let i = 0; i < rows; i++) {
      const seen = new Set<number>()
      for (let e = 0; e < 1 + (i % 7); e++) seen.add(Math.floor((r[i * 8 + e] + 0.5) * cols))
      for (const j of seen) {
        col.push(j)
        val.push(j % 5 === 0 ? 0 : r[i * 8 + 7] * (j + 1))
      }
      rowPtr[i + 1] = col.length
    }
    return { rows, cols, rowPtr, col: Int32Array.from(col), val: Float64Array.from(val) }
  }

  it('is what this runtime runs', () => {
    expect(kernelEngine()).toBe('simd')
  })

  // Widths below, at and past the eight columns `ax` keeps in registers, odd ones leaving a lane over.
  it.each([1, 2, 7, 8, 9, 19, 24])('multiplies a sparse matrix (and its transpose) as the JavaScript loops do, bit for bit, l = %i', (l) => {
    const a = sparse(41, 29, l)
    for (const [m, x] of [[a, randoms(29 * l, 3)], [transpose(a), randoms(41 * l, 5)]] as const) {
      const outs = (['js', 'simd'] as const).map((engine) => {
        const out = sharedFloat64(m.rows * l)
        for (const [from, to] of split(m.rows, 3, (i) => m.rowPtr[i] + i)) runKernel({ op: 'ax', a: m, x, l, out, from, to }, engine)
        return out
      })
      expect(bits(outs[1]).equals(bits(outs[0]))).toBe(true)
    }
  })

  // k past and below the eight values `embed` keeps in registers; rows whose weights are all zero and a row with no terms.
  it.each([1, 2, 7, 8, 9, 19, 24])('folds rows into the model and scales them to unit length as the JavaScript loops do, bit for bit, k = %i', (k) => {
    const a = sparse(41, 29, k + 40)
    const rowPtr = sharedInt32(a.rows + 2)
    rowPtr.set(a.rowPtr)
    rowPtr[a.rows + 1] = a.rowPtr[a.rows]
    const m: Csr = { ...a, rows: a.rows + 1, rowPtr }
    const proj = sharedFloat32(29 * k)
    proj.set(Float32Array.from(randoms(29 * k, 19)))
    const outs = (['js', 'simd'] as const).map((engine) => {
      const out = sharedFloat32(m.rows * k)
      // Stale values where a zero vector goes: a kernel must write every value of its rows.
      out.fill(7)
      for (const [from, to] of split(m.rows, 3, (i) => m.rowPtr[i] + i)) runKernel({ op: 'embed', a: m, proj, k, out, from, to }, engine)
      return out
    })
    expect(bits(outs[1]).equals(bits(outs[0]))).toBe(true)
    const zero = m.rows - 1
    expect([...outs[1].subarray(zero * k, (zero + 1) * k)].every((v) => Object.is(v, 0))).toBe(true)
    // Every other row has unit length, or none (all its weights zero).
    const norms = Array.from({ length: a.rows }, (_, i) => Math.hypot(...outs[1].subarray(i * k, (i + 1) * k)))
    expect(norms.filter((n) => Math.abs(n - 1) < 1e-6).length).toBeGreaterThan(a.rows / 2)
    expect(norms.every((n) => n === 0 || Math.abs(n - 1) < 1e-6)).toBe(true)
  })

  it('sums the transpose in the order a walk of the rows would: Aᵀ y as the old column loop made it', () => {
    const a = sparse(41, 29, 11)
    const l = 5
    const y = randoms(41 * l, 13)
    const expected = new Float64Array(29 * l)
    for (let i = 0; i < a.rows; i++) for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) axpy(expected, a.col[p] * l, y, i * l, a.val[p], l)
    for (const engine of ['js', 'simd'] as const) {
      const out = sharedFloat64(29 * l)
      runKernel({ op: 'ax', a: transpose(a), x: y, l, out, from: 0, to: 29 }, engine)
      expect(bits(out).equals(bits(expected))).toBe(true)
    }
  })

  it.each([1, 5, 16, 23])('makes the Gram matrix and the projection as the JavaScript loops do, bit for bit, l = %i', (l) => {
    const n = 37
    const k = Math.max(1, l - 2)
    const z = randoms(n * l, l)
    // Zero entries take the branch both loops skip them by.
    for (let i = 0; i < z.length; i += 7) z[i] = 0
    const w = randoms(l * k, 17)
    const grams = (['js', 'simd'] as const).map((engine) => {
      const out = sharedFloat64(l * l)
      for (const [from, to] of split(l, 2, (r) => r * l - (r * (r - 1)) / 2)) runKernel({ op: 'gram', z, n, l, out, from, to }, engine)
      return out
    })
    expect(bits(grams[1]).equals(bits(grams[0]))).toBe(true)
    const projections = (['js', 'simd'] as const).map((engine) => {
      const out = sharedFloat32(n * k)
      for (const [from, to] of split(n, 3, (j) => j)) runKernel({ op: 'project', bt: z, w, l, k, out, from, to }, engine)
      return out
    })
    expect(bits(projections[1]).equals(bits(projections[0]))).toBe(true)
  })
})

describe('trainLsaOn', () => {
  const texts = corpus(400)
  const whole = trainLsa(texts, { k: 24 })

  it('gives the model the column-by-column Gram-Schmidt gave before it was blocked (its id then)', () => {
    expect(whole.model).toBe('lsa-170b943ffd8a')
  })

  it.each([2, 3, 7])('gives the one-thread model when each product is split in %i', async (parts) => {
    same(whole, await trainLsaOn(inline(parts), texts, { k: 24 }))
  })

  it('gives the same model with the JavaScript kernels as with the SIMD ones, the eigen-decomposition included', async () => {
    preferKernels('js')
    try {
      expect(kernelEngine()).toBe('js')
      same(whole, await trainLsaOn(inline(2, 'js'), texts, { k: 24 }))
      same(whole, trainLsa(texts, { k: 24 }))
    } finally {
      preferKernels('simd')
    }
  })

  const pool = new WorkerPool(2)
  afterAll(() => pool.close())

  it("gives the one-thread model on the ingest pool's worker threads", async () => {
    same(whole, await trainLsaOn(pool.kernels, texts, { k: 24 }))
  }, 60_000)
})
