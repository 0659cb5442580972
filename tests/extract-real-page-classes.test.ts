import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'
import type { Script } from '../ingest/schema.js'

// The failure classes seen on real published pages (issue 8), each in wording written for these
// tests and checked from both sides: what must not be read, and the real name beside it that must.
const run = (body: string, script: Script = 'simplified', title: string | null = null) => extract({ body, title, script })
const counts = (body: string, script: Script = 'simplified') => run(body, script).outcomes.map((o) => [o.value, o.unit])

describe('place: a verb phrase ending in 社区, 小区 or 村 is not a name', () => {
  it('leaves out a verb and its complement, a verb of going and a slogan', () => {
    const out = run('街道要统筹好社区、业委会和物业三方力量，推动党员进社区、服务进小区。党员进社区活动每月一次。')
    expect(out.place.community).toBeNull()
    expect(out.place.compound).toBeNull()
  })

  it('leaves out a preposition, a pronoun of scope and a stationed cadre', () => {
    const out = run('随着小区入住率提高，所辖社区的事务越来越多，街道驻村干部也常来帮忙。所辖社区都建了议事厅。')
    expect(out.place.community).toBeNull()
    expect(out.place.compound).toBeNull()
  })

  it('does not start a name with a clause opener right after a division', () => {
    const out = run('平江县在乡村振兴中走出新路，平江县在乡村建起了议事亭。')
    expect(out.place.community).toBeNull()
  })

  it('still reads the community named after its street, and a name that starts like a verb', () => {
    const out = run('江岸区百步亭街道安居社区推行楼栋议事。记者走进安居社区，看到居民在排练。')
    expect(out.place).toMatchObject({ street: '百步亭街道', community: '安居社区' })
    expect(run('今年，前进社区组建了巡逻队，前进社区居民踊跃报名。').place.community).toBe('前进社区')
  })

  it('takes a common word before 社区 or 村 for a name only where the text places it after a division', () => {
    const loose = run('智慧社区建设提速，中心社区带动周边，行政村也在跟进。智慧社区平台上线，中心社区居民点赞，行政村村民也来学。')
    expect(loose.place.community).toBeNull()
    expect(run('城北街道中心社区推行网格议事，中心社区居民踊跃参加。').place.community).toBe('中心社区')
  })

  it('prefers the community written after its street to one named in passing', () => {
    const out = run('在红旗街道青松社区，助餐点每天开门。青松社区的老人说饭菜可口。家住白桦社区的李大爷也常来。', 'simplified')
    expect(out.place.community).toBe('青松社区')
  })
})

describe('place: a generic phrase ending in 小区 or 家园 is not a compound', () => {
  it('leaves out determiners, kinds of housing and slogans', () => {
    const out = run(
      '本小区是老旧小区，各小区情况不一。上海部分小区已试行停车规约，居民小区、住宅小区都在学。大家携手共建美丽家园、幸福家园。',
    )
    expect(out.place.compound).toBeNull()
  })

  it('reads a proper name beside them, and takes the plain name over its 住宅小区 form', () => {
    const out = run('青枫住宅小区建于1998年。各小区都在学青枫小区的做法，青枫小区如今整洁有序。')
    expect(out.place.compound).toBe('青枫小区')
    expect(run('南苑街道幸福家园小区成立了业委会，幸福家园小区居民自管停车。').place.compound).toBe('幸福家园小区')
  })
})

describe('place: estates named in passing, in lists and by their parts', () => {
  it('does not take a phase number for an estate name', () => {
    const out = run('枫林社区枫林一至二期小区完成业委会换届。此前张贴了《关于成立枫林雅苑二期业委会筹备组的公告》。二期小区共有业主310户。')
    expect(out.place.compound).toBe('枫林雅苑')
  })

  it('reads a numbered area followed by a building number as an address, named once', () => {
    const out = run('近日，竹溪街道松岭第一社区新装的充电桩投入使用。7月初，住在松岭四区12号楼的居民反映充电难，社区随即协调安装。')
    expect(out.place.compound).toBe('松岭四区')
    expect(run('近日，竹溪街道松岭第一社区新装的充电桩投入使用。全区按照一区一策推进，四区两园同步规划。').place.compound).toBeNull()
  })

  it('takes the first-named of a list of estates that share one kind word', () => {
    const plain = run('据了解，今年全市已完成或正在改造的有松岭、竹影苑、桂香新村、梧桐花园、东坡小区等，改造内容包括管网和道路。')
    expect(plain.place.compound).toBe('松岭')
    const counted = run('街道今年累计完成20台电梯加装，覆盖青槐南里、竹影家园、安和、柳岸东里、桂香里等多个小区，惠及180余户居民。')
    expect(counted.place.compound).toBe('青槐南里')
  })

  it('leaves a list of other things alone, and a list does not outrank an estate named twice', () => {
    expect(run('社区开设了书法、象棋、太极、合唱等课程，居民踊跃参加。').place.compound).toBeNull()
    const out = run('青枫小区是一个老小区。街道还走访了松岭、竹影苑、桂香新村、梧桐花园等小区。青枫小区的做法得到推广。')
    expect(out.place.compound).toBe('青枫小区')
  })
})

describe('place: a generic word that is also a district name needs its city', () => {
  it('does not read 老城区, 城区, 新区 or 开发区 standing alone as a district', () => {
    const out = run('老城区的小巷里，居民们正在清扫。城区面貌焕然一新，开发区和新区也在跟进。')
    expect(out.place.district).toBeNull()
    expect(out.place.city).toBeNull()
  })

  it('reads 老城区 where its city is named', () => {
    expect(run('在洛阳市老城区西关街道，居民们正在清扫。').place).toMatchObject({ city: '洛阳市', district: '老城区' })
  })

  it('reads a district name inside an estate name as part of the estate', () => {
    const out = run('物业撤场后，翠湖花城东区一度无人管理。社区把翠湖花城东区纳入托管，翠湖花城东区面貌一新。')
    expect(out.place.district).toBeNull()
    expect(out.place.compound).toBe('翠湖花城东区')
  })
})

describe('place: names the stem rules cut wrongly (second round)', () => {
  it('reads two characters between a street and 社区 as a name, even opening with 并', () => {
    const out = run('初夏，云江市南湖区桥西街道并五社区新民里12号院，长廊里摆起了议事桌。')
    expect(out.place.community).toBe('并五社区')
  })

  it('reads a village written straight after its town as a name, even when the stem is a verb', () => {
    const out = run('本报讯 近日，濉溪县石佛镇油榨村爱心超市为积分获得者兑换生活用品。')
    expect(out.place.community).toBe('油榨村')
    expect(run('本报讯 近日，濉溪县石佛镇并开展了积分评选。').place.community).toBeNull()
    expect(run('社区党委书记说，要更好服务社区居民。我们服务社区，服务社区群众。').place.community).toBeNull()
  })

  it('takes the first of two estates counted together ("甲和乙两个小区")', () => {
    expect(run('社区书记告诉记者，青桐居和望林佳苑两个小区外面的闲置地块曾无人管理。').place.compound).toBe('青桐居')
    expect(run('居民和物业两个小区都参加了。').place.compound).toBeNull()
  })
})

describe('place: levels as readers label them', () => {
  it('puts a county-level city in district with its prefecture as the city', () => {
    const out = run('记者从诸暨市获悉，暨阳街道东祥社区推行楼道长制。东祥社区居民反映良好。')
    expect(out.place).toMatchObject({ city: '绍兴市', district: '诸暨市', street: '暨阳街道', community: '东祥社区' })
    expect(out.place.inferred).toContain('city')
  })

  it('puts towns in street and villages in community', () => {
    const out = run('安吉县天荒坪镇竹溪村推行积分超市，竹溪村村民踊跃参与。')
    expect(out.place).toMatchObject({ district: '安吉县', street: '天荒坪镇', community: '竹溪村' })
  })

  it('reads the items of a counted list at the level the list names', () => {
    const out = run('项目涉及鼓楼区东街、南街、温泉等3个街道、21个小区。')
    expect(out.place).toMatchObject({ district: '鼓楼区', street: '东街' })
  })

  it('takes the first-named of two districts written together', () => {
    expect(run('活动覆盖了泸州市江阳区、龙马潭区的30余个社区。').place.district).toBe('江阳区')
  })
})

describe('outcomes: plain counts that report results', () => {
  it('counts people registered and teams formed', () => {
    expect(counts('活动当天，已有126名居民现场注册成为志愿者，社区组建楼栋服务队8支。')).toEqual([[126, '名'], [8, '支']])
  })

  it('counts square metres planted and trees set', () => {
    expect(counts('居民在闲置地块补种花木，新增绿地1200平方米，栽种月季300株。')).toEqual([[1200, '平方米'], [300, '株']])
  })

  it('counts a rate that fell by N%, and the figure a change arrived at', () => {
    expect(counts('整治后，小区飞线充电现象下降了75%，投诉量同比下降32%。')).toEqual([[75, '%'], [32, '%']])
    expect(counts('停车纠纷从每月十余起减少到2起，物业费收缴率由不足50%提升至91%。')).toEqual([[2, '起'], [91, '%']])
  })

  it('counts people reached and households served', () => {
    expect(counts('助餐点日均就餐120人，一年来惠及周边居民860户。')).toEqual([[120, '人'], [860, '户']])
  })
})

describe('outcomes: the count is the subject or place of what was done (second round)', () => {
  it('counts a subject followed by a verb of reaching: completed, agreed, went through', () => {
    expect(counts('纳入省级补助项目的46个小区全部完工，已完工小区中有12个项目进入市级评优。')).toEqual([[46, '个'], [12, '个']])
    expect(counts('经过两周入户征询，共有862户业主同意引入新物业。')).toEqual([[862, '户']])
  })

  it('counts where the work was done: "在N个…开展/授牌"', () => {
    expect(counts('区民政局在南湖街道5个试点社区授牌，启动邻里互助计划。')).toEqual([[5, '个']])
  })

  it('counts fees collected, items published and users of a service', () => {
    expect(counts('截至3月底，小区物业费已收缴415套。平台上线以来，已累计发布办事指南近300条，使用人数12万。')).toEqual([
      [415, '套'],
      [300, '条'],
      [12, '万'],
    ])
  })

  it('still leaves a count of households with having words and no verb out', () => {
    expect(counts('清水湾小区共有862户业主，其中老人居多。')).toEqual([])
  })
})

describe('outcomes: baselines and context stay out', () => {
  it('leaves out households, population, area and year built', () => {
    const out = run('枫林苑小区建于1996年，共有住户612户、居民1730余人，占地面积约4.1万平方米。')
    expect(out.outcomes).toEqual([])
    expect(out.scale).toEqual({ households: 612, population: 1730, areaM2: 41000 })
  })

  it('leaves out plans, targets and what a place had before', () => {
    expect(counts('下一步，社区计划再建成议事亭3个，力争年底前实现6个小区自治全覆盖。过去小区每月投诉在40起左右。')).toEqual([])
  })

  it('leaves out shares of the population, figures per item and dated befores', () => {
    expect(counts('60岁以上老人占常住人口的35%。每个楼门推选2名楼门长。2015年，物业费收缴率仅为60%，如今提高到了96%。')).toEqual([[96, '%']])
  })
})

describe('money: planned budgets count; fees, unit prices and per-person sums do not', () => {
  it('reads a planned budget and a grant', () => {
    const out = run('街道计划投入改造资金380万元，社区争取上级补助120万元。')
    expect(out.funding.map((f) => f.amountWan)).toEqual([380, 120])
  })

  it('reads 万 without 元 before a word for money', () => {
    expect(run('今年已下达860万中央预算内投资，支持老旧小区改造。').funding.map((f) => f.amountWan)).toEqual([860])
  })

  it('reads a clause that is only a total with the clauses around it: who paid before, what for after', () => {
    const out = run('经业主大会表决，愿意租用车位的业主按每年600元的标准，提前预交三年车位费，总计12万元，计划把闲置空地改造为停车场。')
    expect(out.funding.map((f) => [f.amountWan, f.source])).toEqual([[12, 'resident']])
    expect(out.funding[0].quote).toContain('提前预交三年车位费')
  })

  it('does not take a total of income or a total with nothing paid for', () => {
    expect(run('物业公司去年收取的停车收入，总计9万元，已全部公示。').funding).toEqual([])
    expect(run('社区统计了居民家庭的户数和面积，合计15万元，另有说明。').funding).toEqual([])
  })

  it('leaves out fees, unit prices, per-person subsidies, caps and the before of a change', () => {
    const out = run(
      '小区物业费标准为每平方米0.9元，停车费每月120元，对独居老人每人每月补贴200元，每个项目资助最高不超过5000元。项目总资金从500万元提高到800万元。',
    )
    expect(out.funding.map((f) => f.amountWan)).toEqual([800])
  })
})
