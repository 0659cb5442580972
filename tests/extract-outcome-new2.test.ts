import { describe, expect, it } from 'vitest'
import { findCounts } from '../ingest/extract/counts.js'
import { makeDoc } from '../ingest/extract/document.js'
import { extract } from '../ingest/extract/index.js'
import { featuresOf } from '../ingest/extract/outcome-model.js'

// Classes from the first look at pool-new-2 (fresh pages nobody had tuned on): parts an area is
// divided into, where people came from, a total broken down by kind, a cap that was raised, and
// two verbs of work the lists lacked. Sentences written for these tests, each checked both ways.
const run = (body: string) => extract({ body, title: null, script: 'simplified' })
const values = (body: string) => run(body).outcomes.map((o) => o.value)
const ruledOut = (body: string) => {
  const doc = makeDoc(body, null, 'simplified', 200)
  return findCounts(doc).map((k) => featuresOf(doc, k) === null)
}

describe('outcomes: the parts an area is divided into are its structure', () => {
  it('rules out the count after 划分为, 分成 or a bare 划分', () => {
    expect(ruledOut('青禾镇把全镇划分为26个网格，每格配一名网格员。')).toEqual([true])
    expect(ruledOut('村里划分7个片区，由党员分片联系。')).toEqual([true])
    expect(values('柳岸社区将辖区分成5个责任区。')).toEqual([])
  })

  it('keeps grids named before the count and grids newly added', () => {
    expect(ruledOut('街道今年新增网格12个，补齐了空白区域。')).toEqual([false])
  })
})

describe('outcomes: where those taking part came from is the reach of the event', () => {
  it('rules out the count straight after 来自', () => {
    expect(ruledOut('来自14个村的老党员齐聚文化礼堂。')).toEqual([true])
  })

  it('keeps people counted as they gathered', () => {
    expect(values('共有86名村民来到文化礼堂参加议事。')).toEqual([86])
  })
})

describe('outcomes: a total broken down by kind', () => {
  it('keeps the total and rules out its parts by kind', () => {
    expect(values('社区最终确定9个微项目落地实施，其中包括助老类4个、环境类3个、文体类2个。')).toEqual([9])
  })

  it('keeps counts after 类 when no breakdown is announced', () => {
    expect(ruledOut('评选出文明家庭类奖项11个。')).toEqual([false])
  })
})

describe('outcomes: a cap that was raised or lowered is still a rule', () => {
  it('rules out the new cap', () => {
    expect(ruledOut('每栋楼的补助上限由40万提高至55万。')).toEqual([true])
  })
})

describe('outcomes: 创建 is a verb of work; 优化成 arrives at a result', () => {
  it('keeps what was created and what a list was refined into', () => {
    expect(values('两年来，全区创建示范楼道135个。')).toEqual([135])
    expect(values('收集的意见经过反复讨论，最终优化成16个服务项目。')).toEqual([16])
  })
})
