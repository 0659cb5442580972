import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'
import type { Script } from '../ingest/schema.js'

// Rule classes added after the second holdout run, in wording written for these tests. Each class
// is checked from both sides: what it must find and what it must leave alone.
const run = (body: string, script: Script = 'simplified', title: string | null = null) => extract({ body, title, script })
const titled = (title: string, rest: string, script: Script = 'simplified') => run(`${title}\n\n${rest}`, script, title)

describe('place: banners, towns, 苏木 and 嘎查', () => {
  it('reads a banner (旗) as the district and its town as the street, past a town name found everywhere', () => {
    const out = titled(
      '敖勒召其镇：“草原议事会”议出牧区新风',
      '近年来，鄂尔多斯市鄂托克前旗敖勒召其镇探索“草原议事会”模式，形成了具有旗县城关镇特点的治理做法。敖勒召其镇团结社区共有居民860户。',
    )
    expect(out.place).toMatchObject({ city: '鄂尔多斯市', district: '鄂托克前旗', street: '敖勒召其镇', community: '团结社区' })
  })

  it('reads a 苏木 as the street and a 嘎查 as the community', () => {
    const out = run('锡林郭勒盟西乌珠穆沁旗乌兰哈拉嘎苏木宝力根嘎查的牧民围坐在一起商量草场的事。宝力根嘎查党支部每月召开一次议事会。')
    expect(out.place).toMatchObject({ district: '西乌珠穆沁旗', street: '乌兰哈拉嘎苏木', community: '宝力根嘎查' })
  })

  it('takes a town the gazetteer lacks only right after its district', () => {
    const out = run('南关区永吉镇新建了一个文化广场。永吉镇的居民都来跳舞。')
    expect(out.place).toMatchObject({ district: '南关区', street: '永吉镇' })
    const loose = run('这座古镇游客很多，特色小镇建设加快，集镇上的商户多了。')
    expect(loose.place.street).toBeNull()
  })
})

describe('place: functional zones', () => {
  it('reads a zone as the district, and a zone written right after it as the street', () => {
    const out = titled(
      '滨海新区：“楼门长”唤醒开发区小区活力',
      '在滨海新区临港科技开发区海韵社区丽景小区，楼门长每天巡查楼道。临港科技开发区是滨海新区的产业高地，丽景小区共有居民1200户。',
    )
    expect(out.place).toMatchObject({ district: '滨海新区', street: '临港科技开发区', community: '海韵社区', compound: '丽景小区' })
    const zone = run('走进西江新区云岭经开区星辰社区，居民正在议事。西江新区推行网格化管理，云岭经开区设立了服务站。')
    expect(zone.place).toMatchObject({ district: '西江新区', street: '云岭经开区', community: '星辰社区' })
  })

  it('does not read a kind of zone or a passing "开发区" as a name', () => {
    const out = run('国家级新区和经济开发区的小区治理各有特点。激活开发区小区治理新动能，在新区所有小区推广。')
    expect(out.place.district).toBeNull()
    expect(out.place.street).toBeNull()
  })
})

describe('place: communities after property words, chains and particles', () => {
  it('keeps a property word before 社区 in the community name ("…苑社区", "…花园社区")', () => {
    const out = run('其中锦绣苑社区的化工厂宿舍小区建于1986年。锦绣苑社区党委牵头成立了自管会。')
    expect(out.place).toMatchObject({ community: '锦绣苑社区', compound: '化工厂宿舍小区' })
  })

  it('keeps a name chained after its street even when it ends like a descriptive word (工农, 支农)', () => {
    const out = run('雁塔区长延堡街道支农社区的志愿者们忙个不停。', 'simplified')
    expect(out.place.community).toBe('支农社区')
    const trad = run('南崗區和興路街道工農社區的網格員們。工農社區推行網格管理。', 'traditional')
    expect(trad.place.community).toBe('工農社區')
  })

  it('does not take a phrase with a function word inside, or a particle, for a community', () => {
    const out = titled('北林区：“一站办”让居民少跑腿', '北林区推行“一站办”。居民说，以前有事要跑社区，美丽的山村也变了样，这是全村的喜事。')
    expect(out.place.community).toBeNull()
  })
})

describe('place: compound names and what is not one', () => {
  it('does not read a quoted slogan or a kind of housing as the compound', () => {
    const out = titled(
      '“红色管家进小区”让老楼焕新',
      '近年来，某街道立足城镇小区多为开放式的实际，推行“红色管家进小区”，在城东社区的向荣小区先行试点。向荣小区共有居民400户。',
    )
    expect(out.place.compound).toBe('向荣小区')
    const slogan = run('推行“物业服务进小区”，“物业服务进小区”覆盖率达到九成。')
    expect(slogan.place.compound).toBeNull()
  })

  it('reads a numbered part of an estate (…一区, 三區) as the compound when it recurs or follows the community', () => {
    const out = run('走进团结湖社区的团结湖三区，楼道焕然一新。团结湖三区建于上世纪80年代。', 'simplified')
    expect(out.place.compound).toBe('团结湖三区')
    expect(run('实行一区一策，划分为三区管理。').place.compound).toBeNull()
  })

  it('reads a rural hamlet (…湾) after its village as the compound, not 台湾 or 自然湾', () => {
    const out = run('在新洲区凤凰镇石桥村李家湾，村民自发修路。李家湾是全村最大的自然湾，湾子里住着96户。', 'simplified')
    expect(out.place).toMatchObject({ community: '石桥村', compound: '李家湾' })
    expect(run('来自台湾的游客参观了海湾。').place.compound).toBeNull()
    const tun = run('在双城区新兴村王家屯，村民们自发清理边沟。王家屯共有86户。')
    expect(tun.place).toMatchObject({ community: '新兴村', compound: '王家屯' })
  })

  it('keeps 家属院/家属区 and a 区直 prefix inside the compound name', () => {
    const out = run('其中，区直机关宿舍小区建于1992年。引进物业企业为区直机关宿舍小区提供服务。')
    expect(out.place.compound).toBe('区直机关宿舍小区')
    const yard = run('其中，机械厂家属院小区建于1979年。机械厂家属院小区共有住户210户。')
    expect(yard.place.compound).toBe('机械厂家属院小区')
  })
})

describe('funding: public money under other names', () => {
  it('reads lottery welfare funds as government money, not as 公益 (social)', () => {
    const out = run('项目使用福利彩票公益金45万元。民政局下达体彩公益金8万元，用于建设老年食堂。')
    expect(out.funding.map((f) => [f.amountWan, f.source])).toEqual([[45, 'government'], [8, 'government']])
  })

  it('reads banner, town, district and street money as government money', () => {
    const out = run('旗级财政配套60万元。镇财政补助资金9万元。东城区统筹专项资金300万元。街道从党群服务专项经费中列支6万元。')
    expect(out.funding.map((f) => [f.amountWan, f.source])).toEqual([[60, 'government'], [9, 'government'], [300, 'government'], [6, 'government']])
    expect(out.funding[2].payer).toMatch(/^东城区/)
  })

  it('does not read a community or compound paying as a division paying', () => {
    const out = run('社区投入资金3万元。小区统筹停车收益2万元。')
    expect(out.funding.map((f) => f.source)).toEqual(['unknown', 'resident'])
  })
})

describe('funding: firms and owners', () => {
  it('reads a partner unit that is a firm, a caring firm and a bank as enterprise, not mixed', () => {
    const out = run('共建单位某燃气有限公司出资6万元。驻区单位某移动公司捐赠了价值2万元的摄像头。辖区一家农商银行捐赠1万元。一家爱心企业捐款4万元。')
    expect(out.funding.map((f) => [f.amountWan, f.source])).toEqual([[6, 'enterprise'], [2, 'enterprise'], [1, 'enterprise'], [4, 'enterprise']])
  })

  it('keeps two payers joined by 和 mixed', () => {
    const out = run('社区发动共建单位和爱心企业捐赠资金7万元。')
    expect(out.funding[0]).toMatchObject({ amountWan: 7, source: 'mixed' })
  })

  it('reads the owners’ committee drawing on public income as resident money, traditional too', () => {
    const out = run('幸福里小区業委會從小區公共收益中提取3萬元，設立樓道維修基金。', 'traditional')
    expect(out.funding).toHaveLength(1)
    expect(out.funding[0]).toMatchObject({ amountWan: 3, source: 'resident' })
    expect(out.funding[0].quote).toContain('3萬元')
  })
})

describe('funding: ranges are rules, not amounts', () => {
  it('skips both ends of a range, in 万元 on both sides or on one', () => {
    const out = run('对考核优秀的小区给予2万元至8万元不等的奖励。每年给予每个网格1至3万元工作经费。街道以奖代补給予5萬元到10萬元獎勵。区财政投入资金40万元。')
    expect(out.funding.map((f) => f.amountWan)).toEqual([40])
  })

  it('quotes a sentence that holds the amount', () => {
    const out = run('经过多轮协商，驻区企业、居民和街道共同出资，其中街道投入18.5万元。')
    for (const f of out.funding) expect(f.quote).toContain('18.5万元')
  })
})

describe('outcomes: pairs and baselines', () => {
  it('keeps both counts of "received N, settled M"', () => {
    const out = run('热线共受理群众来电诉求860件，办结842件，按时办结率97.9%。')
    expect(out.outcomes.map((o) => [o.value, o.unit])).toEqual([[860, '件'], [842, '件'], [97.9, '%']])
    expect(out.outcomes[1]).toMatchObject({ label: '办结', quote: '办结842件' })
  })

  it('takes the result of a change, labelled by what the baseline counted, not the baseline', () => {
    const out = run('小区治安案件从前几年每年10余起下降到今年的1起。', 'simplified')
    expect(out.outcomes.map((o) => [o.value, o.unit, o.label])).toEqual([[1, '起', '小区治安案件']])
    const trad = run('鄰里糾紛由原來每年30多起減少到5起。', 'traditional')
    expect(trad.outcomes.map((o) => [o.value, o.unit, o.label])).toEqual([[5, '起', '鄰里糾紛']])
  })

  it('reads satisfaction with decimals after 达到, and a change between two rates as its result', () => {
    const out = run('据第三方测评，居民对小区治理的满意度达到97.5%。物业费收缴率由不足45%提高到88.6%。')
    expect(out.outcomes.map((o) => [o.value, o.unit])).toEqual([[97.5, '%'], [88.6, '%']])
    expect(out.outcomes[0].label).toContain('满意度')
  })
})

describe('models: slogan lists, full forms and channels', () => {
  it('takes a cued quoted list of two or three short parts as one name', () => {
    const out = run('街道建立了“小区吹哨、部门响应”联动机制。全区深入推进“网格化、清单化、闭环化”改革。')
    expect(out.models).toEqual(expect.arrayContaining(['小区吹哨、部门响应', '网格化、清单化、闭环化']))
  })

  it('does not take an uncued list, or a list of four steps or more', () => {
    const out = run('老人们说小区“脏、乱、差”。议事按照“居民提议、支部审议、集体商议、部门办理、群众评议”五步议事规则进行。')
    expect(out.models).toEqual([])
  })

  it('reports the full form when the report also uses the short form', () => {
    const out = titled(
      '西城区：“街巷吹哨、科室报到”破解老楼难题',
      '近年来，西城区以“吹哨报到”为抓手，深化“街巷吹哨、科室报到”改革。街道把“吹哨报到”延伸到小区。',
    )
    expect(out.models[0]).toBe('街巷吹哨、科室报到')
    expect(out.models).not.toContain('吹哨报到')
  })

  it('leaves out apps, accounts and counted section headings', () => {
    const out = run('依托“e滨江”微信小程序收集诉求，开通“邻里帮”公众号。三、建立“五张清单”。四、落实“两项制度”。')
    expect(out.models).toEqual([])
    expect(run('街道依托“邻里通”平台收集民意。').models).toEqual(['邻里通'])
  })
})

describe('scale: the compound’s own size', () => {
  it('takes the compound’s figures over the community’s when the report is about a compound', () => {
    const out = run(
      '近年来，城南社区探索楼栋自治。城南社区辖区面积1.2平方公里，有住宅小区9个、居民5200户，其中建于1985年的纺织厂宿舍小区最为典型，共有住宅楼12栋、居民486户。纺织厂宿舍小区成立了自管会。',
    )
    expect(out.place.compound).toBe('纺织厂宿舍小区')
    expect(out.scale).toEqual({ households: 486, buildings: 12 })
    expect(out.evidence['scale.households'].quote).toContain('486户')
  })

  it('keeps the community’s figures when the report is about the community', () => {
    const out = run('城北社区辖区面积0.6平方公里，共有居民3100户。城北社区推行网格化管理。')
    expect(out.scale).toEqual({ areaM2: 600000, households: 3100 })
  })

  it('does not take the area of a room, a yard or ground cleared for the compound’s', () => {
    const out = run(
      '街道将废弃车棚改造，建成面积约450平方米的“邻里驿站”。村民让出土地1800多平方米用于建设小广场。枫林小区建于1998年，总建筑面积约5.6万平方米。枫林小区有住户700户。',
    )
    expect(out.scale.areaM2).toBe(56000)
  })
})

describe('place: one character before a property word', () => {
  it('reads "金苑小区" and "翠苑社区" whole', () => {
    const out = run('翠苑社区金苑小区建于2001年。金苑小区成立了业委会。')
    expect(out.place).toMatchObject({ community: '翠苑社区', compound: '金苑小区' })
  })
})

describe('funding: shops are not cities', () => {
  it('does not read a supermarket paying as a city paying', () => {
    const out = run('小区门口的超市出资1万元。全市统筹资金500万元。')
    expect(out.funding.map((f) => [f.amountWan, f.source])).toEqual([[1, 'unknown'], [500, 'government']])
  })
})
