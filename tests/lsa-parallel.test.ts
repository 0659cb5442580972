/**
 * LSA training split over threads (ingest/embed/lsa-kernels.ts): whatever the split, and whether
 * the slices run here or on the ingest pool's worker threads, the model is the one trainLsa makes
 * on one thread, bit for bit (same id, same components).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { trainLsa, trainLsaOn, type LsaModel } from '../ingest/embed/lsa.js'
import { axpy, dotN, runKernel, sharedFloat64, split, type KernelRunner } from '../ingest/embed/lsa-kernels.js'
import { WorkerPool } from '../ingest/corpus/pool.js'

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

const inline = (parts: number): KernelRunner => ({ parts, run: async (tasks) => tasks.forEach(runKernel) })

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

describe('deflate', () => {
  /** Column-by-column modified Gram-Schmidt without the norm: each column against every earlier one, in order. */
  function columnByColumn(cols: Float64Array, n: number, l: number): void {
    for (let c = 0; c < l; c++) {
      const v = cols.subarray(c * n, (c + 1) * n)
      for (let b = 0; b < c; b++) {
        const u = cols.subarray(b * n, (b + 1) * n)
        const d = dotN(u, v, n)
        if (d !== 0) axpy(v, 0, u, 0, -d, n)
      }
    }
  }

  it('given the earlier columns in blocks and the later columns in any split, deflates them as column by column does, bit for bit', () => {
    const n = 37
    const l = 23
    let seed = 7
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) - 0.5
    const start = Float64Array.from({ length: n * l }, random)
    const expected = Float64Array.from(start)
    columnByColumn(expected, n, l)
    for (const [block, parts] of [[1, 1], [4, 2], [5, 3], [8, 7], [23, 2]]) {
      const cols = sharedFloat64(n * l)
      cols.set(start)
      for (let from = 0; from < l; from += block) {
        const to = Math.min(l, from + block)
        for (let c = from; c < to; c++) runKernel({ op: 'deflate', cols, n, by: from, upTo: c, from: c, to: c + 1 })
        for (const [a, b] of split(l - to, parts, (c) => c)) runKernel({ op: 'deflate', cols, n, by: from, upTo: to, from: to + a, to: to + b })
      }
      expect(Buffer.from(cols.buffer).equals(Buffer.from(expected.buffer))).toBe(true)
    }
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

  const pool = new WorkerPool(2)
  afterAll(() => pool.close())

  it("gives the one-thread model on the ingest pool's worker threads", async () => {
    same(whole, await trainLsaOn(pool.kernels, texts, { k: 24 }))
  }, 60_000)
})
