import { describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { norm } from './clean-helpers.js'

// Cleaning classes left open after the second round on real pages (issue 8, round 3), in invented text.

describe('a photo credit between body paragraphs', () => {
  const page = [
    '青松社区长者饭堂开到了家门口',
    '',
    '来源：某某日报 2024-05-10',
    '',
    '在青松社区长者饭堂，一位老人把打好的饭菜装进保温盒带回家（5月9日摄）。',
    '',
    '2021年以来，某市推进社区助餐服务，把饭堂开进老旧小区，全市已建成长者饭堂312个，街道覆盖率达到100%。',
    '',
    '新华社记者 林小舟 摄',
    '',
    '5月9日，在青松社区长者饭堂，志愿者为行动不便的老人端上午餐，饭堂每天供应两荤两素。',
    '',
    '饭堂由社区和一家餐饮企业合办，老人凭卡就餐可享补贴，子女也能在手机上为父母预订次日的菜品。',
    '',
    '新華社記者 林小舟 攝',
    '',
    '居民们说，饭堂开在楼下，吃得放心，也多了和老邻居聊天的去处，不少老人吃完饭还留下来下棋。',
  ].join('\n')
  const r = clean(page)

  it('removes the credit wherever it stands, in either script', () => {
    expect(norm(r.body)).not.toContain('林小舟')
    expect(r.removed.filter((x) => x.text.includes('林小舟')).length).toBe(2)
  })

  it('keeps the paragraphs around it', () => {
    expect(r.body).toContain('志愿者为行动不便的老人端上午餐')
    expect(r.body).toContain('饭堂由社区和一家餐饮企业合办')
  })
})

describe('numbered items between body paragraphs', () => {
  it('keeps "(1)" standing on its own line above the item it numbers', () => {
    const page = [
      '物业费调整怎么走程序',
      '',
      '业主大会决定调整物业服务收费标准的，应当经专有部分面积和人数双过半的业主同意，具体步骤如下。',
      '',
      '(1)',
      '物业服务企业提出调价申请，并提交成本测算和服务方案，由业主委员会在小区公告栏公示十五天。',
      '(2)',
      '业主委员会组织业主表决，表决结果在小区内公示，并报街道办事处和社区居委会备案。',
    ].join('\n')
    const r = clean(page)
    expect(r.body).toContain('(1)')
    expect(r.body).toContain('(2)')
  })
})

describe('a table-cell border left after the headline', () => {
  it('drops the trailing "|" from the title and says why', () => {
    const page = [
      '楼道微心愿 党员来认领 |',
      'http://www.example-news.cn/2024年03月02日 09:15:20 |',
      '“谢谢大家，孩子以后上学不用再走远路了！”家住东岭路的王女士拉着社区干部的手说。近日，溪口社区开展微心愿认领活动，共建单位党员认领了困难家庭的42个心愿。',
    ].join('\n')
    const r = clean(page)
    expect(r.title).toBe('楼道微心愿 党员来认领')
    expect(r.removed).toContainEqual({ text: '|', reason: 'cell-border' })
  })
})

describe('marks of a self-media post above the report', () => {
  const body = '上周六，梧桐社区的垃圾分类督导员挨家挨户上门，教居民把厨余垃圾和其他垃圾分开投放，三天里走访了260户。'

  it('removes the tag of the app the post was laid out with', () => {
    const r = clean(['梧桐社区分类督导员上门记', '', '【秀米】', '', body].join('\n'))
    expect(r.removed).toContainEqual({ text: '【秀米】', reason: 'editor-app-tag' })
    expect(r.body).toContain(body)
  })

  it("removes the account host's introduction and keeps a report that quotes an editor", () => {
    const intro = '今天就由青禾分类小编为大家介绍一下这些督导员是怎样上门指导的，让分类做得更好。'
    const r = clean(['梧桐社区分类督导员上门记', '', intro, '', body].join('\n'))
    expect(r.removed).toContainEqual({ text: intro, reason: 'host-intro' })
    const quoted = '报社编辑部的小编们也来到梧桐社区，跟着督导员走了一上午，记下了居民的意见和建议。'
    expect(clean(['梧桐社区分类督导员上门记', '', body, '', quoted].join('\n')).body).toContain(quoted)
  })
})
