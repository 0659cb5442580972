import { describe, expect, it } from 'vitest'
import { findCounts } from '../ingest/extract/counts.js'
import { makeDoc } from '../ingest/extract/document.js'
import { extract } from '../ingest/extract/index.js'
import { featuresOf } from '../ingest/extract/outcome-model.js'

// Round 10: false outcomes no reader would accept, found on our own seeds and the dev sets, fixed
// as classes; and two kinds of result the cues missed. Sentences written for these tests, each
// class checked from both sides.
const run = (body: string) => extract({ body, title: null, script: 'simplified' })
const values = (body: string) => run(body).outcomes.map((o) => o.value)
const features = (body: string) => {
  const doc = makeDoc(body, null, 'simplified', 200)
  return findCounts(doc).map((k) => featuresOf(doc, k))
}

describe('outcomes: a building written straight after its estate is an address', () => {
  it('rules out the building number where something happened', () => {
    expect(features('物业巡查时发现锦华小区7栋楼顶漏水。')).toEqual([null])
    expect(values('网格员在巡查中发现锦华小区7栋一处管道破裂，当天修好。')).toEqual([])
  })

  it('leaves a count of buildings with a word between to the model', () => {
    expect(features('小区的7栋楼全部完成外墙翻新。')[0]).not.toBeNull()
  })
})

describe('outcomes: what each of several gets is a rule of allotment', () => {
  it('rules out a figure after 各 and a verb', () => {
    expect(features('两个小区各推选3名居民代表进入议事会。')).toEqual([null])
  })

  it('keeps 各 before a noun out of it', () => {
    expect(features('会上各方代表30人发表意见。')[0]).not.toBeNull()
  })
})

describe('outcomes: a rate of a subsidy, a fee or a rule is a term of the scheme', () => {
  it('rules out a subsidy rate and the rate it was raised by', () => {
    expect(values('评上文明楼栋的楼长在享受停车费减免20%的基础上再减免10%。')).toEqual([])
  })

  it('rules out rates a rule sets or adjusts', () => {
    expect(features('对困难家庭的补助额度上浮15%。')).toEqual([null])
    expect(features('租金按市场评估价的60%收取。')).toEqual([null])
    expect(features('服务费标准调整为原标准的80%。')).toEqual([null])
  })

  it('keeps a rate of what the work achieved, fee or not', () => {
    expect(values('一年下来，小区物业费收缴率提高到95%。')).toEqual([95])
  })
})

describe('outcomes: what money is put to is its purpose', () => {
  it('rules out the projects a fund is for', () => {
    expect(features('基金会拿出8万元，用于扶持20个左右的居民自治项目。')).toEqual([null])
  })

  it('keeps the projects a fund supported', () => {
    expect(values('基金会去年资助了20个居民自治项目。')).toEqual([20])
  })
})

describe('outcomes: a lone count of one is no tally', () => {
  it('rules out one person sent or one of anything alone', () => {
    expect(features('街道选派1名社工到小区驻点。')).toEqual([null])
  })

  it('keeps one that opens a list of counts, and ten thousand', () => {
    expect(values('街道建成1个党群服务中心、4个服务站。')).toEqual([1, 4])
    expect(features('平台上线后累计注册居民1万人。')[0]).not.toContain('one')
  })
})

describe('outcomes: the condition and the reward of a points scheme are its rules', () => {
  it('rules out the hours that earn points and the points earned', () => {
    expect(features('志愿者每陪护老人3小时可获得20积分。')).toEqual([null])
    expect(features('累计服务满10小时即可兑换一次理发。')).toEqual([null])
    expect(features('居民当月值守满4次可兑换2袋大米。')).toEqual([null, null])
  })

  it('keeps points actually given out', () => {
    expect(values('社区今年为志愿者兑换积分礼品300份。')).toEqual([300])
  })
})

describe('outcomes: a count of kinds is how a scheme is divided', () => {
  it('rules out 类 and 种', () => {
    expect(features('志愿队明确了助老、助学、环境6类服务事项。')).toEqual([null])
  })
})

describe('outcomes: the population a body serves is the size of its place', () => {
  it('reads 服务人口 as a noun, not as serving', () => {
    expect(values('社区下辖4个小区，服务人口约2万人。')).toEqual([])
  })

  it('still reads serving people as work done', () => {
    expect(values('志愿队今年服务老人2300人次。')).toEqual([2300])
  })
})

describe('outcomes: the same fact told twice is one outcome', () => {
  it('keeps the first telling of the same value, unit and label', () => {
    const body = '街道紧急组建12支巡逻队守住路口。\n疫情来得突然。街道迅速组建12支巡逻队，日夜值守。\n'
    expect(run(body).outcomes.map((o) => o.quote)).toEqual(['街道紧急组建12支巡逻队守住路口'])
  })

  it('keeps one of the same sentence quoted twice, however short its label', () => {
    const body = '12位70岁以上的老人齐聚一堂。\n重阳节这天格外热闹。\n12位70岁以上的老人齐聚一堂。\n'
    expect(run(body).outcomes.map((o) => o.value)).toEqual([12])
  })

  it('keeps two figures of one value that count different things', () => {
    expect(values('楼里设立12个自治小组、12个联络户。')).toEqual([12, 12])
  })
})

describe('outcomes: those counted who gained something were reached by the work', () => {
  it('keeps the count right before 有了 or 用上了', () => {
    expect(values('改造完工后，3000多户居民用上了管道天然气。')).toEqual([3000])
  })

  it('gives it to the count right before, not to a total further back', () => {
    expect(values('全镇16个村中已有14个村有了日间照料点。')).toEqual([14])
  })
})

describe('outcomes: items counted after the channel they came through', () => {
  it('keeps items handed over from a hotline as work done', () => {
    expect(values('一季度街道交办热线 150 件，已办结 147 件。')).toEqual([150, 147])
  })

  it('still reads a verb and a facility as the facility\'s name elsewhere', () => {
    expect(values('社区设有服务热线2部。')).toEqual([])
  })
})

describe('outcomes: visits, funds disbursed and teams split up are work done', () => {
  it('keeps whom a visit reached, the projects funds went to and the groups a team split into', () => {
    expect(values('端午前夕，志愿者上门探访独居老人26位。')).toEqual([26])
    expect(values('区里已拨付给14个社区项目。')).toEqual([14])
    expect(values('检查组兵分6路，逐楼排查。')).toEqual([6])
  })

  it('still reads a visit planned as a plan', () => {
    expect(values('下一步计划探访独居老人26位。')).toEqual([])
  })
})

describe('outcomes: a verb of result after a longer description of those counted', () => {
  it('reaches the verb across a description of the people', () => {
    expect(values('重阳节当天，18位八十、九十岁以上的寿星老人齐聚一堂。')).toEqual([18])
  })
})
