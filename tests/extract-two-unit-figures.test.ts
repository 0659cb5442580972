import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'

// Figures written in two units ("1万2500元", "1万2600人次") are one figure: read whole, not as their tail.
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

describe('outcomes: a count written in two units', () => {
  const counts = (body: string) => extract({ body, title: null, script: 'simplified' }).outcomes.map((o) => [o.value, o.unit])

  it('is one count, not a bare 万 and its tail', () => {
    expect(counts('一年来，志愿服务队累计服务居民1万2600人次，好评不断。')).toEqual([[12600, '人次']])
  })

  it('leaves a 万 figure with its decimal as written', () => {
    expect(counts('线上议事平台注册居民达3.2万人，收集建议500余条。')).toEqual([[3.2, '万人'], [500, '条']])
  })
})
