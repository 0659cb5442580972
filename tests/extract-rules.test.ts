import { describe, expect, it } from 'vitest'
import { extract, loadGlossary, loadVocabulary } from '../ingest/extract/index.js'
import { parseNumber } from '../ingest/extract/numerals.js'
import type { Script } from '../ingest/schema.js'

const run = (body: string, script: Script = 'simplified', title: string | null = null) => extract({ body, title, script })

describe('numbers', () => {
  it.each([
    ['89', 89], ['1,200', 1200], ['1.5', 1.5], ['十二', 12], ['三', 3], ['两', 2], ['一百二十', 120],
    ['十二万五千', 125000], ['三千零五', 3005], ['一亿二千万', 120000000], ['１２', 12],
  ])('%s → %d', (text, value) => expect(parseNumber(text)).toBe(value))

  it('rejects what is not a number', () => {
    expect(parseNumber('小区')).toBeNull()
    expect(parseNumber('')).toBeNull()
  })
})

describe('funding', () => {
  it('converts 元, 万元 and 亿元 to 万元, Arabic and Chinese numerals', () => {
    const out = run('街道投入资金1.5亿元。区财政拨付一百二十万元。居民自筹3000余万元。业主众筹5万余元。社区补助资金8000元。')
    expect(out.funding.map((f) => f.amountWan)).toEqual([15000, 120, 3000, 5, 0.8])
  })

  it('classifies the payer, and several payers as mixed', () => {
    const out = run(
      '争取专项资金50万元。物业公司出资10万元。爱心人士捐款2万元。业主自筹1万元。政府和居民共同出资20万元。筹集资金6万元。',
    )
    expect(out.funding.map((f) => f.source)).toEqual(['government', 'enterprise', 'social', 'resident', 'mixed', 'unknown'])
    expect(out.funding[4].payer).toBe('政府和居民')
  })

  it('reads traditional script and keeps it in quote and payer', () => {
    const out = run('區財政投入資金二十萬元，用於更換管網。', 'traditional')
    expect(out.funding).toHaveLength(1)
    expect(out.funding[0]).toMatchObject({ amountWan: 20, source: 'government', payer: '區財政', quote: '區財政投入資金二十萬元' })
  })

  it('leaves out prices and per-head figures', () => {
    const out = run('物业费每平方米0.5元。居民人均年收入3万元。停车费每月100元。')
    expect(out.funding).toEqual([])
    expect(out.messages.map((m) => m.rule)).toContain('extract:funding')
  })

  it('leaves out money saved or earned, and reads 争取 as public money', () => {
    const out = run('通过集中采购节约资金20万元。小区公共收益年收入3万元。社区争取资金45万元改造路面。')
    expect(out.funding.map((f) => [f.amountWan, f.source])).toEqual([[45, 'government']])
  })

  it('reads qualitative mix statements as sources', () => {
    const out = run('改造资金采取居民出一点、企业捐一点、财政补一点的办法解决。')
    expect(out.fundingMix).toHaveLength(1)
    expect(out.fundingMix[0].sources).toEqual(['resident', 'enterprise', 'government'])
    expect(out.fundingMix[0].quote).toContain('居民出一点、企业捐一点、财政补一点')
  })
})

describe('outcomes', () => {
  it('reads counts with verbs or result nouns', () => {
    const out = run('今年以来，共化解矛盾纠纷15起，办理民生实事20件，破获盗窃案件2起，居民满意度达97.5%。')
    expect(out.outcomes.map((o) => [o.value, o.unit])).toEqual([[15, '起'], [20, '件'], [2, '起'], [97.5, '%']])
    expect(out.outcomes[3].label).toBe('居民满意度')
  })

  // Labels on real pages leave numbers written in words out, and in running text they are mostly
  // idiom ("成立了一支队伍", "为期三个月"): only digits are counted.
  it('leaves counts written in words out', () => {
    const out = run('社区成立了一支巡逻队，开展为期三个月的整治，化解矛盾纠纷十五起。')
    expect(out.outcomes).toEqual([])
  })

  it('ignores dates, phone numbers, ages, ordinals, money and scale', () => {
    const out = run(
      '2023年5月12日，社区召开第3次议事会。联系电话0591-87095403。80岁老人张某。小区共有住户300户、居民900人。投入资金20万元。',
    )
    expect(out.outcomes).toEqual([])
  })

  it('counts installed things in their own units', () => {
    const out = run('加装电梯15部，安装路灯30盏，铺设雨污管网2.5公里。')
    expect(out.outcomes.map((o) => [o.value, o.unit])).toEqual([[15, '部'], [30, '盏'], [2.5, '公里']])
  })

  // Teams formed are results on real pages ("组建94个突击小组"); the mechanisms a report lists are not.
  it('counts teams set up, not the mechanisms established', () => {
    const out = run('建立问题收集、部门解决、处理回访3项机制，设立12个自治小组。')
    expect(out.outcomes.map((o) => [o.value, o.unit])).toEqual([[12, '个']])
  })
})

describe('scale', () => {
  it('reads households, population, buildings and area, 万平方米 multiplied out', () => {
    const out = run('该小区建于1998年，共有居民楼15栋、住户1200户，常住人口3600余人，占地面积3.2万平方米。')
    expect(out.scale).toEqual({ households: 1200, population: 3600, buildings: 15, areaM2: 32000 })
    expect(out.evidence['scale.areaM2'].quote).toBe('占地面积3.2万平方米')
  })

  it('multiplies 万户, 万人 and 平方公里 out', () => {
    const out = run('社区辖区面积0.8平方公里，共有居民1.2万户，常住人口3.5万人。')
    expect(out.scale).toEqual({ areaM2: 800000, households: 12000, population: 35000 })
  })

  it('leaves out households visited and building numbers', () => {
    const out = run('网格员走访群众200户。3栋一单元漏水严重。服务党员600人。')
    expect(out.scale).toEqual({})
  })
})

describe('organisation tiers', () => {
  it.each([
    ['构建“社区党委-小区党支部-楼栋党小组”三级组织体系。', ['社区党委', '小区党支部', '楼栋党小组'], 3],
    ['形成街道党工委——社区党委——网格党支部——楼院党小组四级组织架构。', ['街道党工委', '社区党委', '网格党支部', '楼院党小组'], 4],
    ['建立“街道党工委→社区党委”的联动体系。', ['街道党工委', '社区党委'], 2],
    ['搭建了社区大党委—小区党支部—楼栋党小组—党员中心户—党员联户的五级组织体系。', ['社区大党委', '小区党支部', '楼栋党小组', '党员中心户', '党员联户'], 5],
  ])('%s', (body, tiers, count) => {
    const out = run(body)
    expect(out.orgTiers).toEqual(tiers)
    expect(out.orgTierCount).toBe(count)
  })

  it('takes an administrative chain without party words when a tier count follows', () => {
    const out = run('建立“街道—社区—网格—楼栋”四级联动体系。')
    expect(out.orgTiers).toEqual(['街道', '社区', '网格', '楼栋'])
    expect(out.orgTierCount).toBe(4)
  })

  it('skips process chains and keeps a tier count without a chain', () => {
    const out = run('形成“网格员发现上报—纪检委员跟进—联系快速行动”的模式。构建“社区党委引领、居民党员牵头”三级自治管理网络。')
    expect(out.orgTiers).toBeNull()
    expect(out.orgTierCount).toBe(3)
  })
})

describe('models', () => {
  it('takes quoted names next to a model word, not every quote, the most salient first', () => {
    const body = '“红管家”让小区焕新颜\n\n近年来，某社区探索“红管家”服务模式，居民说“这下好了”。\n\n同时推行“三事分流”工作法，把“小事”留在楼栋。'
    const out = run(body, 'simplified', '“红管家”让小区焕新颜')
    expect(out.models).toEqual(['红管家', '三事分流'])
  })

  it('keeps one spelling of a name and its variants', () => {
    const out = run('探索“红缎带168”小区治理工作新模式。“168”治理模式成效明显，“168”治理模式推广到全街。')
    expect(out.models).toEqual(['168'])
  })
})

describe('place', () => {
  it('infers upper levels only when the lowest written name is unambiguous', () => {
    expect(run('凤山街道开展志愿服务。').place).toMatchObject({ street: '凤山街道', district: null, city: null, province: null, inferred: [] })
    expect(run('离石区凤山街道开展志愿服务。').place).toMatchObject({
      street: '凤山街道', district: '离石区', city: '吕梁市', province: '山西省', inferred: ['province', 'city'],
    })
  })

  it('does not infer when the written names fit two places', () => {
    // 白云区 and 云城街道 both exist in Guangzhou and in Guiyang.
    expect(run('白云区云城街道新华社区开展议事协商。').place).toMatchObject({ province: null, city: null, district: '白云区', street: '云城街道', inferred: [] })
  })

  it('reads a generic district name only right after its city', () => {
    expect(run('阳泉市矿区桥头街道开展志愿服务。').place).toMatchObject({ city: '阳泉市', district: '矿区', province: '山西省' })
    expect(run('采煤矿区的居民搬进了新小区。').place.district).toBeNull()
  })

  it('writes inferred levels in the report’s script, keeping 里 and 岳 as place names do', () => {
    const out = run('岳塘區下攝司街道栗塘社區開展評選。', 'traditional')
    expect(out.place).toMatchObject({ province: '湖南省', city: '湘潭市', district: '岳塘區', street: '下攝司街道', community: '栗塘社區' })
    expect(run('湖里區殿前街道開展活動。', 'traditional').place.district).toBe('湖里區')
  })

  it('matches variant characters against the gazetteer but returns them as written', () => {
    const out = run('瑯琊街道搭建居民參與的新平臺。', 'traditional')
    expect(out.place).toMatchObject({ street: '瑯琊街道', city: '滁州市', province: '安徽省' })
  })

  it('does not take generic compounds or verbs for names', () => {
    const out = run('推进老旧小区改造，无物业小区全部纳入，红色幸福小区创建活动启动，选聘小区内退休党员。')
    expect(out.place.compound).toBeNull()
  })

  it('warns when no place is named', () => {
    const out = run('居民自发组织打扫卫生。')
    expect(out.place.province).toBeNull()
    expect(out.messages.find((m) => m.rule === 'extract:place')?.severity).toBe('warning')
  })
})

describe('display title', () => {
  it('is the headline when there is one', () => {
    expect(run('标题\n\n正文', 'simplified', '标题').displayTitle).toBe('标题')
  })

  it('is derived from place and model when there is none, at most 30 characters', () => {
    const out = run('近年来，成都市武侯区玉林街道芳草院小区探索“红色管家”服务模式，芳草院小区面貌一新。')
    expect(out.displayTitle).toBe('芳草院小区“红色管家”案例')
    const long = run('居民们在楼下的空地上自发组织起来开展了一场非常热闹而且很有意义的邻里节活动大家都很开心')
    expect(long.displayTitle.length).toBeLessThanOrEqual(30)
  })
})

describe('tags', () => {
  it('tags each term once, matching traditional text through the simplified copy', () => {
    const out = run('小區長期無物業，停車難問題突出。業委會和物業公司召開聯席會議，停車難得到緩解。', 'traditional')
    expect(out.problems.map((t) => t.id)).toEqual(['无物业', '停车难'])
    expect(out.actors.map((t) => t.id)).toEqual(['业委会', '物业'])
    expect(out.mechanisms.map((t) => t.id)).toEqual(['联席会议'])
    expect(out.problems[1].quote).toBe('小區長期無物業，停車難問題突出')
    expect(out.problems[1].en).toBe('parking shortage')
  })

  it('never throws on empty or junk input', () => {
    const out = run('')
    expect(out.place.inferred).toEqual([])
    expect(out.funding).toEqual([])
    expect(run('？？？ --- ###').models).toEqual([])
  })
})

describe('vocabulary and glossary data', () => {
  const vocab = loadVocabulary()
  const terms = [...vocab.problems, ...vocab.mechanisms, ...vocab.actors]

  it('has 30–80 terms with unique simplified ids, English labels and traditional forms', () => {
    expect(terms.length).toBeGreaterThanOrEqual(30)
    expect(terms.length).toBeLessThanOrEqual(80)
    expect(new Set(terms.map((t) => t.id)).size).toBe(terms.length)
    for (const t of terms) {
      expect(t.en).toMatch(/^[\x20-\x7e]+$/)
      expect(t.synonyms.length).toBeGreaterThan(0)
      // A bare id too ambiguous to match (物业 in 无物业) is left out, and the term says why.
      if (!t.synonyms.includes(t.id)) expect(t.note, t.id).toBeTruthy()
    }
    expect(vocab.problems.find((t) => t.id === '无物业')!.traditional).toContain('無物業')
  })

  it('glossary covers every vocabulary label and maps the English names users search with', () => {
    const glossary = loadGlossary()
    expect(glossary.length).toBeGreaterThanOrEqual(60)
    const find = (en: string) => glossary.find((g) => g.en.includes(en))?.zh
    for (const t of terms) expect(find(t.en.toLowerCase()), t.en).toContain(t.id)
    expect(find('red dong-li')).toEqual(expect.arrayContaining(['红栋力', '红‘栋’力']))
    expect(find('five-in-one')).toContain('五位一体')
    expect(find('red property management')).toContain('红色物业')
    expect(find('self-run property management')).toContain('自办物业')
    expect(find('grid management')).toContain('网格化')
    expect(find('old residential compound')).toContain('老旧小区')
    expect(find("owners' committee")).toContain('业委会')
    for (const g of glossary) for (const en of g.en) expect(en).toBe(en.toLowerCase())
  })
})
