import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'

// Amounts written in two units ("1万2500元") are one figure: read as a whole, not as their tail.
const funding = (body: string) => extract({ body, title: null, script: 'simplified' }).funding.map((f) => [f.amountWan, f.quote])

describe('funding: a figure written in two units', () => {
  it('adds the 万 part to the 元 part', () => {
    expect(funding('去年，社区为老年食堂争取专项补助1万2500元，添置了消毒柜。')).toEqual([[1.25, expect.stringContaining('补助1万2500元')]])
  })

  it('adds the 亿 part to the 万 part', () => {
    expect(funding('全区累计投入资金2亿3500万元，用于老旧小区改造。').map(([v]) => v)).toEqual([23500])
  })

  it('leaves two separate amounts apart', () => {
    expect(funding('街道拨付3万元，业主自筹8000元，共同用于加装雨棚。').map(([v]) => v)).toEqual([3, 0.8])
  })

  it('keeps a cap on each grant out, whole figure and all', () => {
    expect(funding('每个项目资助最高1万5000元。')).toEqual([])
  })
})
