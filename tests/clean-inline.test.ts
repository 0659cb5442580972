import { describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { classify } from '../ingest/clean/engine.js'
import { cutInline } from '../ingest/clean/inline.js'
import { prepareLines, stripTags } from '../ingest/clean/prepare.js'
import { cleanHeadline, crumbTitle } from '../ingest/clean/title.js'

const lead = (p: string) => cutInline([p], 'lead', 1)

describe('datelines cut from the first paragraph', () => {
  const cases: [string, string, string][] = [
    ['本报讯（记者 林小北 通讯员 许安）近日，社区开了议事会。', '本报讯（记者 林小北 通讯员 许安）', '近日，社区开了议事会。'],
    ['云江网3月8日讯（记者 周向东）3月7日上午，工具屋开门。', '云江网3月8日讯（记者 周向东）', '3月7日上午，工具屋开门。'],
    ['某某社北京5月3日电（记者 王五）近日，某社区推行积分制。', '某某社北京5月3日电（记者 王五）', '近日，某社区推行积分制。'],
    ['某某社云江5月3日电 题：老小区里的议事角', '某某社云江5月3日电 题：', '老小区里的议事角'],
    ['南塘融媒体讯（通讯员 李四）“以前停车难，现在好多了。”', '南塘融媒体讯（通讯员 李四）', '“以前停车难，现在好多了。”'],
    ['云江之声讯 “走，去议事会！”居民们相互招呼。', '云江之声讯', '“走，去议事会！”居民们相互招呼。'],
    ['5月3日电/云江在线讯，清晨的小区格外安静。', '5月3日电/云江在线讯，', '清晨的小区格外安静。'],
    ['某某网2024-05-03报道', '某某网2024-05-03报道', ''],
    ['（记者 张三 通讯员 李四）近日，社区开了议事会。', '（记者 张三 通讯员 李四）', '近日，社区开了议事会。'],
    ['云江融媒报道 5月3日，街道召开了协商会。', '云江融媒报道', '5月3日，街道召开了协商会。'],
    ['2024/5/3- 青松社区把议事会开到楼栋里', '2024/5/3-', '青松社区把议事会开到楼栋里'],
    ['（某某社云江19日电） 青松社区今天开了议事会。', '（某某社云江19日电）', '青松社区今天开了议事会。'],
    ['（某某社記者林小北雲江21日電）街道今天開了協商會。', '（某某社記者林小北雲江21日電）', '街道今天開了協商會。'],
  ]
  for (const [input, cut, rest] of cases) {
    it(`cuts "${cut}"`, () => {
      const r = lead(input)
      expect(r.removed.map((x) => x.text)).toEqual([cut.trim()])
      expect(r.paragraphs).toEqual(rest ? [rest] : [])
    })
  }

  const sentences = [
    '社区通讯员张三说，议事会每月开一次。',
    '居民闻讯赶来，把议事角围得满满的。',
    '合作社于5月3日电话回访了居民。',
    '据报道，5月3日街道召开了协商会。',
    '多家媒体报道，这个社区的做法值得推广。',
    '2024年5月3日，青松社区召开议事会。',
    '成立议事会（居委会、业委会参加）后，小区变了样。',
    '（居委会、业委会19日电话回访）后，小区变了样。',
  ]
  for (const s of sentences) {
    it(`leaves a sentence alone: "${s.slice(0, 12)}…"`, () => {
      expect(lead(s)).toEqual({ paragraphs: [s], removed: [], meta: [] })
    })
  }

  it('cuts only in the paragraphs a dateline opens: the headline and the two under it', () => {
    const late = '某某社北京5月3日电（记者 王五）这句出现在第三段。'
    expect(cutInline(['第一段。', '第二段。', late], 'lead').paragraphs).toEqual(['第一段。', '第二段。', late])
  })

  it('hands the cut to the byline parser: the reporter becomes the author', () => {
    const r = clean(['社区议事角让小事不出楼', '本报讯（记者 林小北）近日，桂香社区在楼道里设了议事角，居民有事就在家门口商量，一年收集意见156条。'].join('\n'))
    expect(r.meta.author).toBe('林小北')
    expect(r.body).not.toContain('本报讯')
  })
})

describe('credits and noise glued to a paragraph', () => {
  it('cuts a bracketed credit after the last sentence, not a bracket inside one', () => {
    expect(cutInline(['全年开展活动3次。（李 涛、郭 瑶）'], 'paragraph').paragraphs).toEqual(['全年开展活动3次。'])
    expect(cutInline(['成立议事会（居委会、业委会）后，小区变了样。'], 'paragraph').removed).toEqual([])
  })

  it('cuts forum anti-copy noise and table borders after the last sentence, and keeps lines in place', () => {
    const r = cutInline(['当场向她道歉并归还秤具。 / y& j2 d3 i8 F\' z!', '今年计划改造15个小区。 |', '| 正文开始', '分为A B C D四类。 A B C D', '|'], 'line')
    expect(r.paragraphs).toEqual(['当场向她道歉并归还秤具。', '今年计划改造15个小区。', '正文开始', '分为A B C D四类。 A B C D', ''])
  })

  it('cuts an ASCII-bracketed column tag opening a line, not a numbered reference', () => {
    expect(cutInline(['[社区生活] 老街坊组建巡河队', '[1] 张三. 社区研究[J].'], 'line').paragraphs).toEqual(['老街坊组建巡河队', '[1] 张三. 社区研究[J].'])
  })
})

describe('HTML left in copied text', () => {
  it('takes tags out of a line, a run of tags as one cut, and leaves angle brackets that are no tags', () => {
    const r = stripTags(['<p style="font-size: 16px;">居民议事会开起来了</p><p>第二句。</p>', '了?/p>', '正文 <span class="x" data-id="3', 'a<b 与 <<书名>>'])
    expect(r.lines).toEqual(['居民议事会开起来了第二句。', '了', '正文', 'a<b 与 <<书名>>'])
    expect(r.removed.map((x) => x.text)).toEqual(['<p style="font-size: 16px;">', '</p><p>', '</p>', '?/p>', '<span class="x" data-id="3'])
  })

  it('keeps line numbers when a line was only tags', () => {
    expect(prepareLines('<cite id="a"></cite>\n正文一句。').lines).toEqual(['', '正文一句。'])
  })
})

describe('headlines', () => {
  it('drops a site suffix glued on with "_", an ASCII column tag and a glued dateline', () => {
    expect(cleanHeadline('湖滨街道试点楼道长轮值制_天天社区快讯')).toMatchObject({ title: '湖滨街道试点楼道长轮值制', removed: [{ text: '_天天社区快讯', reason: 'site-suffix' }] })
    expect(cleanHeadline('[视频]老街坊组建巡河队').title).toBe('老街坊组建巡河队')
    expect(cleanHeadline('某某社云江5月3日电 题：老小区里的议事角').title).toBe('老小区里的议事角')
    expect(cleanHeadline('我们的节日|邻里百家宴').title).toBe('我们的节日|邻里百家宴')
  })

  it('reads a headline printed only as the last step of a breadcrumb', () => {
    const lines = classify(prepareLines(['您的当前位置：首页 > 基层动态 > 桃源里社区办起“邻里共享菜园” 正文', '正文第一段。'].join('\n')).lines)
    expect(crumbTitle(lines)).toBe('桃源里社区办起“邻里共享菜园”')
    const short = classify(prepareLines('首页 > 新闻 > 社区动态 > 正文').lines)
    expect(crumbTitle(short)).toBeNull()
  })

  it('never takes a spam keyword line, an SEO headline or an organisation name for the headline', () => {
    const para = '柳湾社区从党员志愿者中选出18名“红色代办员”，帮行动不便的老人代办社保认证、医保报销等事项。'
    expect(clean(['免费高清在线观看_国产精品无码专区_亚洲日韩精品久久', '柳湾社区“红色代办员”跑出加速度', para].join('\n')).title).toBe('柳湾社区“红色代办员”跑出加速度')
    expect(clean(['积分超市怎么兑换(积分超市怎么兑换划算)', para].join('\n')).title ?? '').not.toMatch(/积分超市/)
    expect(clean(['柳湾社区居民委员会', '2024年1月9日', para].join('\n')).title).toBeNull()
  })
})
