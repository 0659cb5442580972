import { describe, expect, it } from 'vitest'
import { findCounts } from '../ingest/extract/counts.js'
import { makeDoc } from '../ingest/extract/document.js'
import { extract } from '../ingest/extract/index.js'
import { featuresOf } from '../ingest/extract/outcome-model.js'

// Round 11: count shapes the candidate finder did not recognise, fixed as language rather than as
// any page's habit, and the size of a change (a multiple, points) read as the change. Sentences
// written for these tests, each shape checked from both sides.
const doc = (body: string) => makeDoc(body, null, 'simplified', 200)
const counts = (body: string) => findCounts(doc(body)).map((k) => ({ value: k.value, unit: k.unit, approx: k.approx }))
const run = (body: string) => extract({ body, title: null, script: 'simplified' })
const values = (body: string) => run(body).outcomes.map((o) => o.value)
const features = (body: string) => {
  const d = doc(body)
  return findCounts(d).map((k) => featuresOf(d, k))
}

describe('counts: an approximate word before 万', () => {
  it('reads "10余万人" as 10 with 万 in the unit, as "10万余人" is read', () => {
    expect(counts('活动惠及群众10余万人。')).toEqual([{ value: 10, unit: '万人', approx: true }])
    expect(counts('活动惠及群众10万余人。')).toEqual([{ value: 10, unit: '万人', approx: true }])
  })

  it('keeps a result written that way', () => {
    expect(values('今年以来，志愿队累计帮扶困难群众3多万人次。')).toEqual([3])
  })

  it('reads "多余" before the measure word as one approximate word', () => {
    expect(counts('共组织巡河志愿活动200多余场次。')).toEqual([{ value: 200, unit: '场次', approx: true }])
  })
})

describe('counts: a plus sign for 余, as web copy writes it', () => {
  it('reads "30+场" as an approximate 30', () => {
    expect(counts('今年开展睦邻活动30+场。')).toEqual([{ value: 30, unit: '场', approx: true }])
  })

  it('reads nothing into a slogan sum ("1+N")', () => {
    expect(counts('推行1+N联动模式。')).toEqual([])
  })
})

describe('counts: 亿 with a measure word', () => {
  it('counts people in hundreds of millions', () => {
    expect(counts('平台累计服务群众1.2亿人次。')).toEqual([{ value: 1.2, unit: '亿人次', approx: false }])
  })

  it('reads a figure in two units as one', () => {
    expect(counts('平台累计服务群众2亿3500万人次。')).toEqual([{ value: 23500, unit: '万人次', approx: false }])
  })

  it('leaves a bare 亿 alone: it is money or a nation, not a tally', () => {
    expect(counts('该项目总投资2000亿，工期三年。')).toEqual([])
  })
})

describe('counts: full-width digits', () => {
  it('reads them as digits and quotes the page as written', () => {
    const outcomes = run('里长带领志工走访独居长者，为居民办理实事１２件。').outcomes
    expect(outcomes.map((o) => o.value)).toEqual([12])
    expect(outcomes[0].quote).toContain('１２件')
  })

  it('still rules out a full-width ordinal', () => {
    expect(counts('第１２次会议召开。')).toEqual([])
  })

  it('reads a full-width decimal point and percent sign as one rate, not the digits after the point', () => {
    expect(counts('改造后小区停车矛盾投诉下降了３７．５％。')).toEqual([{ value: 37.5, unit: '％', approx: false }])
    expect(counts('全年服务居民１．５万人次。').map((k) => k.value)).toEqual([1.5])
    expect(run('街道为加装电梯补贴１．２万元。').funding.map((m) => m.amountWan)).toEqual([1.2])
  })
})

describe('counts: measure words reports use that the dev pages did not', () => {
  it('counts lessons, transactions, volumes, weights and things handed out', () => {
    expect(values('社区党委今年开设党课30节，开展微党课12堂。')).toEqual([30, 12])
    expect(values('便民窗口累计办理代缴业务300笔。')).toEqual([300])
    expect(values('志愿者清运河道垃圾200余方，回收旧衣物800公斤。')).toEqual([200, 800])
    expect(values('春节前，社区为困难家庭发放棉鞋50双、春联120副。')).toEqual([50, 120])
  })

  it('reads no measure word where the character starts another word', () => {
    expect(counts('从4方面推进，5方协商，节约3节能')).toEqual([])
    expect(counts('2双方代表，3副主任，4封闭管理，5笔记本')).toEqual([])
  })
})

describe('outcomes: the size of a change after a verb of change', () => {
  it('keeps a multiple or points a rate moved by', () => {
    expect(values('经过整治，居民满意度比去年上升12个百分点。')).toEqual([12])
    expect(values('错时共享以后，车位周转效率提高了2倍。')).toEqual([2])
    expect(features('错时共享以后，车位周转效率提高了2倍。')[0]).not.toContain('no-verb')
  })

  it('leaves a multiple that only compares verbless', () => {
    expect(values('该区老年人口比例是全市平均的2倍。')).toEqual([])
    expect(features('该区老年人口比例是全市平均的2倍。')[0]).toContain('no-verb')
  })
})

describe('outcomes: verbs of work done that the dev pages did not write before a count', () => {
  it('keeps goods handed over, lessons given, repairs and services by their verbs', () => {
    expect(values('春节前，社区为困难家庭送去棉鞋50双。')).toEqual([50])
    expect(values('退休教师为辖区孩子义务授课40余节。')).toEqual([40])
    expect(values('街道今年翻新老旧楼道26个，清掏化粪池18座。')).toEqual([26, 18])
    expect(values('医护志愿者为独居老人免费体检300余人次。')).toEqual([300])
    expect(values('派出所联合社区查获非法改装电动车12辆。')).toEqual([12])
  })

  it('still reads a verb word naming a place as no verb', () => {
    expect(values('街道设有体检中心2个。')).toEqual([])
  })
})

describe('outcomes: results told by a verb after the count', () => {
  it('keeps agreements signed, things put back, wishes taken up and courses finished', () => {
    expect(values('经过多轮协商，46户居民签订了搬迁协议。')).toEqual([46])
    expect(values('维修队连夜抢修，小区3处路灯恢复照明。')).toEqual([3])
    expect(values('心愿墙上的12个微心愿被认领。')).toEqual([12])
    expect(values('首期技能班的18名学员顺利结业。')).toEqual([18])
  })

  it('leaves the same count without such a verb to the other cues', () => {
    expect(features('小区有46户居民。')[0]).toContain('no-verb')
    expect(features('心愿墙上有12个微心愿。')[0]).toContain('no-verb')
  })
})
