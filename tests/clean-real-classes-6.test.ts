import { describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { matchRule } from '../ingest/clean/engine.js'
import { cutInline } from '../ingest/clean/inline.js'
import { norm, reasonOf } from './clean-helpers.js'

// Furniture left on the second batch of pool pages labelled for fields (issue 8, round 7), in
// invented text: authors over their posts, a home-screen prompt, an essay site's headings, a
// footer menu run into its contact line, photo credits glued to paragraphs, reporters named at the
// start of the first paragraph, an answer engine's source markers, a summary that repeats the lead,
// a headline in black brackets glued to the first paragraph.

const BODY = [
  '去年以来，某市青禾街道在六个老旧小区试行楼道议事会，共收集居民意见420条，办结386条。',
  '',
  '议事会每月开一次，由楼栋长主持，物业和居委会列席，议定的事项在楼道公示栏张贴。',
]

describe("a paper's authors, each a name over a university post", () => {
  const page = [
    '楼道议事会与老旧小区的公共空间',
    '',
    '楼道议事会的研究综述与展望，从居民参与的角度看老旧小区的公共空间如何被重新分配和使用。',
    '',
    '程青',
    '',
    '某某理工大学建筑学院博士研究生',
    '',
    '韩素',
    '',
    '某某师范大学社会学系教授、博士生导师',
    '',
    ...BODY,
  ].join('\n')

  it('drops the names; the text stays', () => {
    const r = clean(page)
    expect(reasonOf(r, '韩素')).toBe('author-name')
    expect(reasonOf(r, '程青')).toBe('author-name')
    expect(norm(r.body)).toContain(norm('共收集居民意见420条'))
  })

  it('drops a name alone under the headline, the byline without its label', () => {
    const r = clean(['楼道议事会让居民商量着办', '', '苏明远', '', ...BODY].join('\n'))
    expect(r.title).toBe('楼道议事会让居民商量着办')
    expect(reasonOf(r, '苏明远')).toBe('author-name')
  })

  it('leaves an outlet name alone on a line to the other rules', () => {
    expect(matchRule('金桥网', null)?.id).not.toBe('author-name')
  })

  it('leaves a name heading a profile between paragraphs, and a word that only opens with a surname', () => {
    const r = clean(['楼道议事会的带头人', '', BODY[0], '', '韩素', '', '韩素在青禾街道做了十二年楼栋长，熟悉每一户人家。', '', BODY[2]].join('\n'))
    expect(reasonOf(r, '韩素')).toBeUndefined()
    expect(r.body).toContain('\n\n韩素\n\n')
    expect(matchRule('高效', '某某大学研究生')?.id).not.toBe('author-name')
  })
})

describe("a mobile site's prompts and an essay site's headings", () => {
  it('drops the "add to home screen" prompt', () => {
    const r = clean(['楼道议事会的故事', '', '点击下方分享按钮，再点“添加到主屏幕”', '', ...BODY].join('\n'))
    expect(reasonOf(r, '点击下方分享按钮，再点“添加到主屏幕”')).toBe('app-prompt')
    expect(matchRule('老人们学会了把常用的小程序添加到主屏幕，看病挂号方便多了。', null)?.id).not.toBe('app-prompt')
  })

  it('drops the count of gathered pieces and the label of each piece', () => {
    const r = clean(['楼道议事会心得', '', '楼道议事会心得（精选6篇）', '', '1.楼道议事会心得 篇一', '', ...BODY, '', '2.楼道议事会心得 篇二', '', BODY[2]].join('\n'))
    expect(r.title).toBe('楼道议事会心得')
    expect(reasonOf(r, '楼道议事会心得（精选6篇）')).toBe('collection-heading')
    expect(reasonOf(r, '1.楼道议事会心得 篇一')).toBe('collection-heading')
    expect(reasonOf(r, '2.楼道议事会心得 篇二')).toBe('collection-heading')
    expect(norm(r.body)).toContain(norm('议定的事项在楼道公示栏张贴'))
  })

  it('leaves chapter headings that only count', () => {
    for (const heading of ['第一篇 总论', '实践篇', '经验篇一']) expect(matchRule(heading, null)?.id).not.toBe('collection-heading')
  })
})

describe('a footer menu run into its contact line with single spaces', () => {
  it('goes wherever it stands', () => {
    const r = clean(['楼道议事会的故事', '', ...BODY, '关于我们 广告服务 手机版 投诉邮箱:12 34 5@example.com', '', BODY[2]].join('\n'))
    expect(reasonOf(r, '关于我们 广告服务 手机版 投诉邮箱:12 34 5@example.com')).toBe('site-menu')
  })

  it('is not a line that names one site link among words', () => {
    expect(matchRule('关于我们 社区 的一些想法', null)?.id).not.toBe('site-menu')
  })
})

describe('photo credits glued to paragraphs', () => {
  it('cuts a photographer credit closing a paragraph, and keeps the sentence', () => {
    const cut = cutInline(['议事会结束后，居民们在公示栏前看议定事项。青禾融媒记者 苏明远 岳婷 摄'], 'paragraph')
    expect(cut.paragraphs).toEqual(['议事会结束后，居民们在公示栏前看议定事项。'])
    expect(cut.removed).toEqual([{ text: '青禾融媒记者 苏明远 岳婷 摄', reason: 'photo-credit' }])
  })

  it('cuts a caption credited to an interviewee from the paragraph it runs into', () => {
    const cut = cutInline(['楼栋长在楼道里贴通知 。 受访者供图 3月2日，青禾街道下了一场大雪，议事会照常召开。'], 'paragraph')
    expect(cut.paragraphs).toEqual(['3月2日，青禾街道下了一场大雪，议事会照常召开。'])
    expect(cut.removed[0]).toEqual({ text: '楼栋长在楼道里贴通知 。 受访者供图', reason: 'image-caption' })
  })

  it('leaves sentences that only mention a photographer', () => {
    const text = ['会后由记者 苏明远 摄下合影。', '苏明远说：“这张照片是记者岳婷摄。”', '受访者提供的照片显示，楼道已经清理干净。']
    expect(cutInline(text, 'paragraph').paragraphs).toEqual(text)
  })
})

describe('reporters named without brackets at the start of the first paragraph', () => {
  const lead = (first: string) => clean(['楼道议事会让居民商量着办', '', first, '', BODY[2]].join('\n'))

  it('go when a gap parts them from the text', () => {
    for (const credit of ['记者 苏明远 通讯员 岳婷', '本报记者苏明远', '通讯员 岳婷、韩素 记者 苏明远']) {
      const r = lead(`${credit} 去年以来，青禾街道在六个老旧小区试行楼道议事会。`)
      expect(reasonOf(r, credit)).toBe('lead-in')
      expect(r.body).toContain('\n\n去年以来，青禾街道在六个老旧小区试行楼道议事会。')
    }
  })

  it('stay when the last name runs into the text, or the line is a sentence about a reporter', () => {
    for (const first of ['通讯员岳婷记者苏明远去年以来，青禾街道试行楼道议事会。', '记者苏明远说，楼道议事会开了三年。', '记者：议事会多久开一次？']) {
      expect(norm(lead(first).body)).toContain(norm(first))
    }
  })
})

describe("an answer engine's source markers", () => {
  it('go after a gap; the claims between them stay', () => {
    const cut = cutInline(['青禾街道请快递员担任楼道信息员 [2][4] - 街道设立积分兑换 [6] 外卖骑手也能换取理发服务 [1]'], 'paragraph')
    expect(cut.paragraphs).toEqual(['青禾街道请快递员担任楼道信息员 - 街道设立积分兑换 外卖骑手也能换取理发服务'])
    expect(cut.removed.map((x) => x.reason)).toEqual(['citation-marker', 'citation-marker', 'citation-marker'])
  })

  it("leave a paper's citations against the word", () => {
    const text = ['老旧小区的公共空间常被忽视[3]，居民参与不足[4][5]。', '见图 [1]，议事会流程分三步。']
    expect(cutInline(text, 'paragraph').paragraphs).toEqual(text)
  })
})

describe('a summary that repeats the lead', () => {
  const lead = '去年以来，某市青禾街道在六个老旧小区试行楼道议事会，居民的事由居民商量着办。'

  it('goes; the dateline under it is cut and the lead stays once', () => {
    const r = clean(['楼道议事会让居民商量着办', '', `摘要：${lead}`, '', `青禾新闻网讯 ${lead}`, '', BODY[2]].join('\n'))
    expect(reasonOf(r, `摘要：${lead}`)).toBe('summary-repeat')
    expect(reasonOf(r, '青禾新闻网讯')).toBe('lead-in')
    expect(norm(r.body).split(norm(lead.slice(0, 20))).length).toBe(2)
  })

  it("keeps a paper's abstract that no later line repeats", () => {
    const r = clean(['楼道议事会研究', '', '摘要：本文考察楼道议事会如何把居民意见转为可落实的事项，发现议事规则比场地更要紧。', '', ...BODY].join('\n'))
    expect(norm(r.body)).toContain(norm('发现议事规则比场地更要紧'))
  })
})

describe('a headline in black brackets opening the first paragraph', () => {
  it('is taken as the headline; the paragraph after it stays whole', () => {
    const r = clean(['【楼道议事会为什么要轮值】楼道议事会轮值，是指各楼栋按月轮流召集议事，让每栋楼的居民都有机会把自家楼道的事摆上桌面商量。', '', BODY[2]].join('\n'))
    expect(r.title).toBe('楼道议事会为什么要轮值')
    expect(r.body).toContain('\n\n楼道议事会轮值，是指各楼栋按月轮流召集议事')
  })

  it('is not a column tag or a label, nor a bracket before a short line', () => {
    for (const first of ['【青禾新闻网】去年以来，青禾街道在六个老旧小区试行楼道议事会，共收集居民意见420条，办结386条，居民满意。', '【楼道议事会为什么要轮值】详见下文。']) {
      expect(clean([first, '', BODY[2]].join('\n')).title).not.toBe(first.slice(1, first.indexOf('】')))
    }
  })
})

