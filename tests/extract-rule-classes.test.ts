import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'
import type { Script } from '../ingest/schema.js'

// One test per rule class added after the first holdout run. The wording is written for these
// tests; each class is checked from both sides: what it must find and what it must leave alone.
const run = (body: string, script: Script = 'simplified', title: string | null = null) => extract({ body, title, script })
const titled = (title: string, rest: string, script: Script = 'simplified') => run(`${title}\n\n${rest}`, script, title)

describe('place: compound name forms', () => {
  it('reads street-number yards (…路17号院), digits and all, in both scripts', () => {
    const out = run('走进长春市南关区自强街道东岭社区民康路21号院，楼道整洁明亮。民康路21号院建于1990年。')
    expect(out.place).toMatchObject({ street: '自强街道', community: '东岭社区', compound: '民康路21号院' })
    const trad = run('鼓樓區華林路社區湖前路五號院共有住戶96戶。湖前路五號院成立了自管小組。', 'traditional')
    expect(trad.place.compound).toBe('湖前路五號院')
  })

  it('reads bare …里 / …院 / …府 names when they recur or follow a place chain', () => {
    expect(run('家住体育馆街道康宁里的李阿姨说，康宁里变了样。').place.compound).toBe('康宁里')
    expect(run('银杏院建于2001年，物业撤出后，银杏院由居民自管。').place.compound).toBe('银杏院')
    expect(run('滨江府是一个新建小区，滨江府业主成立了业委会。').place.compound).toBe('滨江府')
  })

  it('keeps a name that starts with a function character ("向阳社区", "和平社区") after a verb', () => {
    expect(run('记者走进向阳社区，看到居民在跳舞。').place.community).toBe('向阳社区')
  })

  it('does not read a former use or a citywide phrase as the compound', () => {
    const out = run('小区原为企业职工宿舍，产权单位撤出后无人管理。全市居民区都在推广这一做法。')
    expect(out.place.compound).toBeNull()
    expect(out.place.community).toBeNull()
  })

  it('does not read 里/院/府 words as names', () => {
    const out = run(
      '邻里，楼道里，小区里，这里，送往医院，诉至法院，区政府，向区政府，楼道里，邻里，医院，法院。邻里的事，嘴里的话，心里有数，县医院的医生，区政府的人，心里有数，县医院的医生。这两年里，居民说，这两年里的变化大。',
    )
    expect(out.place.compound).toBeNull()
  })

  it('reads 居民区 as the community and a numbered 村 as the compound (Shanghai usage)', () => {
    const out = run('上海市徐汇区田林街道田林十二村居民区党总支牵头议事。家住长宁区华阳路街道飞乐居民区安西二村的王阿姨说，安西二村加装了电梯。')
    expect(out.place.compound).toBe('安西二村')
    const sh = run('长宁区华阳路街道飞乐居民区安西二村的王阿姨说，安西二村加装了电梯，飞乐居民区还建了睦邻点。')
    expect(sh.place).toMatchObject({ community: '飞乐居民区', compound: '安西二村' })
  })
})

describe('place: headline fragments and verb phrases are not names', () => {
  it('drops compounds only the headline names ("帮老小区", "和美新家园")', () => {
    const out = titled('“睦邻帮”帮老小区换新颜 居民共建和美新家园', '近年来，徐州市云龙区彭城街道青年路社区探索“睦邻帮”服务模式，居民参与热情高涨。')
    expect(out.place.compound).toBeNull()
    expect(out.place.community).toBe('青年路社区')
  })

  it('prefers the compound the body is about to a slogan in the headline', () => {
    const out = titled(
      '鼓楼区：“邻里议事会”议出宜居新家园',
      '在福州市鼓楼区东街街道庆城社区丽文坊小区，议事会每月召开一次。丽文坊小区建于1995年，共有住户300户。',
    )
    expect(out.place.compound).toBe('丽文坊小区')
  })

  it('does not take a verb before 社区 for a community name ("选派社区工作者", "下派社区干部")', () => {
    const out = run('街道选派社区工作者担任网格长，下派社区干部驻点。湖滨街道定安社区将小区划为3个网格。')
    expect(out.place.community).toBe('定安社区')
  })

  it('keeps a traditional 社區 name against a passing "大事社區辦"', () => {
    const out = titled(
      '瀋陽和平區：樓長制讓小區更安寧',
      '在瀋陽市和平區南市場街道勝利社區，樓長每天巡查一次小區。勝利社區推行“小事樓長辦、大事社區辦”，問題及時解決。',
      'traditional',
    )
    expect(out.place.community).toBe('勝利社區')
  })
})

describe('funding: 元 amounts and owners’ funds', () => {
  it('converts 元, 余元 and 亿元 to 万元', () => {
    const out = run('小区从停车收益中列支36000元。居民自筹2400余元。省市共投入改造资金2.3亿元。')
    expect(out.funding.map((f) => f.amountWan)).toEqual([3.6, 0.24, 23000])
  })

  it('reads public income, the repair fund and surplus fees as the owners’ money', () => {
    const out = run('经业主大会表决，从小区公共收益中列支4.5万元。申请动用专项维修资金12万元。业委会拿出物业费结余2万元修缮车棚。')
    expect(out.funding.map((f) => [f.amountWan, f.source])).toEqual([[4.5, 'resident'], [12, 'resident'], [2, 'resident']])
  })

  it('does not read a fund’s balance as money put in', () => {
    expect(run('小区公共收益累计达5万元。物业费结余1万元。').funding).toEqual([])
  })

  it('takes the purpose from the next clause ("列支…，共同用于…")', () => {
    const out = run('业主大会同意从广告收益中提取3.2万元，共同用于更换单元门禁。')
    expect(out.funding).toHaveLength(1)
    expect(out.funding[0]).toMatchObject({ amountWan: 3.2, source: 'resident' })
    expect(out.funding[0].quote).toContain('从广告收益中提取3.2万元')
  })
})

describe('outcomes: verb + number + measure word', () => {
  it('counts machines, weights, loads and copies (台, 吨, 车, 份)', () => {
    const out = run('一年来，安装智能充电桩12台，加装电梯3台，清运积存垃圾85余吨，清理渣土15车，发放宣传资料600余份。')
    expect(out.outcomes.map((o) => [o.value, o.unit])).toEqual([[12, '台'], [3, '台'], [85, '吨'], [15, '车'], [600, '份']])
    expect(out.outcomes[2].label).toBe('清运积存垃圾')
  })

  // The hand labels of real pages keep the number as written and 万 in the unit ("83.6万", "56.6万户").
  it('keeps 万 in the unit and the number as written', () => {
    const out = run('全年受理群众诉求1.2万件，参与志愿服务3万余人次，平台上线居民2.6万。')
    expect(out.outcomes.map((o) => [o.value, o.unit])).toEqual([[1.2, '万件'], [3, '万人次'], [2.6, '万']])
  })

  it('counts 项 after 完成/办结/解决, and after a list the verb governs', () => {
    const out = run('完成微改造项目9项，办结群众诉求41项，协调解决楼道照明、管道堵塞、飞线充电等难题19项。')
    expect(out.outcomes.map((o) => [o.value, o.unit])).toEqual([[9, '项'], [41, '项'], [19, '项']])
    expect(out.outcomes[1].label).toBe('办结群众诉求')
    expect(out.outcomes[2]).toMatchObject({ label: '难题', quote: '协调解决楼道照明、管道堵塞、飞线充电等难题19项' })
  })

  it('leaves out lists without a verb, idioms, dates, phones, ages and scale', () => {
    const out = run(
      '小区有健身器材、座椅等设施20套。定期举办读书会、百家宴等活动。温暖千家万户。2024年3月，联系电话0931-8861234，90岁的张大爷，全楼住户48户、楼房4栋。',
    )
    expect(out.outcomes).toEqual([])
  })
})

describe('models: quoted names next to carrier, programme and launch words', () => {
  it('takes names used as the vehicle (为抓手/为载体/为依托/为平台)', () => {
    const out = run('社区以“楼门议事会”为依托，以“邻里积分卡”为抓手，以“同心议事厅”为平台，以“院坝茶话会”为载体。')
    expect(out.models).toEqual(expect.arrayContaining(['楼门议事会', '邻里积分卡', '同心议事厅', '院坝茶话会']))
  })

  it('takes programmes started or brought in, and model words inside the quote', () => {
    const out = run('社区发起“每月清洁日”活动，推行“楼栋长制”，引入“紅色業委會”。')
    expect(out.models).toEqual(expect.arrayContaining(['每月清洁日', '楼栋长制', '紅色業委會']))
    const named = run('街道总结出“四步协商法”“议事六步法”，依托“邻里通”平台收集民意。')
    expect(named.models).toEqual(expect.arrayContaining(['四步协商法', '议事六步法', '邻里通']))
  })

  it('does not take every quoted phrase: slogans, teams set up, things built, places in the story', () => {
    const out = run(
      '小区曾是“脏乱差”的代名词，打通服务“最后一公里”，居民提出“金点子”120条。社区组建了“护绿小分队”，打造“口袋花园”，中庭的“邻里亭”里坐满了人。',
    )
    expect(out.models).toEqual([])
  })

  it('takes 制度 right after the quote, not a rule named further on', () => {
    const out = run('街道推行“阳光网格”管理制度，建立“两委”班子成员包联楼栋制度。')
    expect(out.models).toEqual(['阳光网格'])
  })

  it('does not take a bare role (“管家”) or a two-character body after a launch verb', () => {
    expect(titled('物业“管家”上门服务', '让居民在家门口就能找到“管家”。社区建立“两委”联席会。').models).toEqual([])
  })

  it('takes a name-shaped quote the headline carries, or one quoted twice', () => {
    expect(titled('“爱心积分超市”开张了', '社区的积分超市开张，居民用积分换油换米。').models).toEqual(['爱心积分超市'])
    expect(run('“暖心驿站”里热闹非凡。居民常去“暖心驿站”歇脚。').models).toEqual(['暖心驿站'])
  })

  it('ranks the name of the report’s subject above one mentioned in passing', () => {
    const body =
      '近年来，某街道在老旧小区推行“阳光业委会”建设，“阳光业委会”成员半数以上是党员。\n\n“阳光业委会”成立后，建立了业委会、物业和社区的“四方联动”协调机制，每月召开例会。\n\n下一步，街道将推广“阳光业委会”经验。'
    expect(run(body).models).toEqual(['阳光业委会', '四方联动'])
  })

  it('ranks the name the headline and lead carry first', () => {
    const out = titled('“邻里议事厅”议出和谐新风', '近年来，社区以“邻里议事厅”为平台推动居民自治，小区面貌焕然一新，居民交口称赞。\n\n议事中形成了“五步议事”工作法。')
    expect(out.models).toEqual(['邻里议事厅', '五步议事'])
  })
})
