/**
 * LSA training split over threads (ingest/embed/lsa-kernels.ts): whatever the split, and whether
 * the slices run here or on the ingest pool's worker threads, the model is the one trainLsa makes
 * on one thread, bit for bit (same id, same components).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { trainLsa, trainLsaOn, type LsaModel } from '../ingest/embed/lsa.js'
import { runKernel, split, type KernelRunner } from '../ingest/embed/lsa-kernels.js'
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

describe('trainLsaOn', () => {
  const texts = corpus(400)
  const whole = trainLsa(texts, { k: 24 })

  it.each([2, 3, 7])('gives the one-thread model when each product is split in %i', async (parts) => {
    same(whole, await trainLsaOn(inline(parts), texts, { k: 24 }))
  })

  const pool = new WorkerPool(2)
  afterAll(() => pool.close())

  it("gives the one-thread model on the ingest pool's worker threads", async () => {
    same(whole, await trainLsaOn(pool.kernels, texts, { k: 24 }))
  }, 60_000)
})
