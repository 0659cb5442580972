import { describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { matchRule } from '../ingest/clean/engine.js'
import { norm, reasonOf } from './clean-helpers.js'

// Cleaning and title classes left on the pool pages labelled by fields annotators (issue 8,
// round 4), in invented text.

const BODY = [
  '近年来，某市桂溪街道以老旧小区为重点推动居民自治，全街道已组建院落议事会38个，化解邻里纠纷190件。',
  '',
  '街道还把停车、晾晒等难题交给议事会讨论，议定事项由居委会跟踪落实，居民满意度明显上升。',
]

describe('blog and sidebar furniture', () => {
  it('drops a reading-time estimate, a tag with its post count and a "更多细节" link', () => {
    const r = clean(
      ['桂溪街道院落议事会让难题有人管', '', '本篇文章612字，读完约2分钟', '', BODY[0], '', '青羊区(17)', '', '更多细节：某某平台的三个办法是什么?', '', BODY[2]].join('\n'),
    )
    expect(reasonOf(r, '本篇文章612字，读完约2分钟')).toBe('reading-time')
    expect(reasonOf(r, '青羊区(17)')).toBe('tag-count')
    expect(reasonOf(r, '更多细节：某某平台的三个办法是什么?')).toBe('related-block')
    expect(norm(r.body)).toContain(norm('议定事项由居委会跟踪落实'))
  })

  it('leaves a heading with a number that is no count of posts', () => {
    expect(matchRule('第一部分（3）', null)?.id).not.toBe('tag-count')
    expect(matchRule('本文共分三个部分阅读', null)?.id).not.toBe('reading-time')
  })
})

describe('a keyword wedged into a sentence', () => {
  it('goes; both halves of the sentence stay', () => {
    const r = clean(['桂溪街道开办长者食堂', '', '街道在社区服务中心开办长者食堂，', '护肤面膜', '，每周五天供应午餐。', '', ...BODY].join('\n'))
    expect(reasonOf(r, '护肤面膜')).toBe('wedged-keyword')
    expect(norm(r.body)).toContain(norm('每周五天供应午餐'))
  })

  it('leaves a short heading followed by an ordinary paragraph', () => {
    expect(matchRule('工作成效', '一年来，议事会共议定事项40件。')?.id).not.toBe('wedged-keyword')
  })
})

describe("a paper's title, author notes and filing", () => {
  const paper = [
    '经验篇：院落议事会参与老旧小区治理的探索——以某市桂溪街道为例',
    '钟岚：某某社会工作学院研究员、中级社工师，主要研究方向为社区治理；',
    '骆晴川，某某大学公共管理学院博士研究生',
    '摘要：本文以桂溪街道为例，分析院落议事会在老旧小区治理中的作用，发现议事会能把居民意见转为可落实的事项。',
    ...BODY,
  ].join('\n')

  it('takes the long title with a colon as the headline, and drops the name-first author notes', () => {
    const r = clean(paper)
    expect(r.title).toBe('经验篇：院落议事会参与老旧小区治理的探索——以某市桂溪街道为例')
    expect(reasonOf(r, '钟岚：某某社会工作学院研究员、中级社工师，主要研究方向为社区治理；')).toBe('author-bio')
    expect(reasonOf(r, '骆晴川，某某大学公共管理学院博士研究生')).toBe('author-bio')
    expect(norm(r.body)).toContain(norm('摘要：本文以桂溪街道为例'))
  })

  it('cuts a mirror site\'s keyword blurb from the headline and filing codes run into the text', () => {
    const r = clean(
      [
        '老旧小区院落议事的空间逻辑，本文主要内容关键词为：议事论文，小区论文，此文献不代表本站观点，内容供学术参考。',
        '中图分类号：D669 文献标识码：A 文章编号：1000-0000(2020)03-0011-08 一、问题的提出 近年来，老旧小区改造让院落议事重新受到关注，居民在议事中表达诉求。',
        ...BODY,
      ].join('\n'),
    )
    expect(r.title).toBe('老旧小区院落议事的空间逻辑')
    expect(r.removed.map((x) => x.reason)).toEqual(expect.arrayContaining(['keyword-blurb', 'journal-meta']))
    expect(norm(r.body)).not.toContain(norm('中图分类号'))
    expect(norm(r.body)).toContain(norm('一、问题的提出 近年来，老旧小区改造让院落议事重新受到关注'))
  })

  it('joins a headline broken over two lines', () => {
    const r = clean(['社区社会组织参与院落议事的', '运行机制研究', '钟 岚', '（某某大学 公共管理学院，某市 610000）', ...BODY].join('\n'))
    expect(r.title).toBe('社区社会组织参与院落议事的运行机制研究')
    expect(norm(r.body)).not.toContain(norm('社区社会组织参与院落议事的社区'))
  })
})

describe('a document-sharing page', () => {
  it('is named by its page-image captions; its upload disclaimer goes', () => {
    const r = clean(
      [
        '院落议事会工作方案_第1页',
        '院落议事会工作方案_第2页',
        '已阅读2页，还剩9页未读，继续免费阅读',
        '版权说明：本文档由用户提供并上传，收益归属内容提供方，若内容存在侵权，请进行举报或认领',
        '院落议事会工作方案范本一、工作背景',
        ...BODY,
      ].join('\n'),
    )
    expect(r.title).toBe('院落议事会工作方案')
    expect(norm(r.body)).not.toContain(norm('本文档由用户提供并上传'))
    expect(norm(r.body)).toContain(norm('全街道已组建院落议事会38个'))
  })
})

describe("a listing's teaser above the page", () => {
  it('goes, and the headline under it is taken', () => {
    const r = clean(
      [
        '桂溪街道院落议事会材料汇编（方案+制度+流程） 目 录 1.关于推进院落议事会建设的实施。',
        '桂溪街道院落议事会材料汇编（方案+制度+流程）',
        '目 录',
        ...BODY,
      ].join('\n'),
    )
    expect(r.title).toBe('桂溪街道院落议事会材料汇编（方案+制度+流程）')
    expect(reasonOf(r, '桂溪街道院落议事会材料汇编（方案+制度+流程） 目 录 1.关于推进院落议事会建设的实施。')).toBe('teaser-repeat')
  })

  it('is not a headline whose next line is the first piece of the same headline broken over lines', () => {
    expect(matchRule('某市人民政府关于在桂溪片区暂停新增建设项目的通告', '某市人民政府关于在')?.id).not.toBe('teaser-repeat')
  })
})

describe('titles on listing and menu pages', () => {
  it('skips the bulleted details of a reading site', () => {
    const r = clean(['- 基层治理案例选编', '- 某某研究会编著', '- 6字', '- 2024-03-02 10:11:12', '第一篇 综述', '院落议事会的由来与演变', ...BODY].join('\n'))
    expect(r.title).toBe('院落议事会的由来与演变')
    expect(norm(r.body)).not.toContain(norm('某某研究会编著'))
  })

  it('drops a menu left before a bar in front of the headline', () => {
    const r = clean(['首页>新闻动态', '', '某某 服务 |“邻里守望”院落议事开放日活动', '', ...BODY].join('\n'))
    expect(r.title).toBe('“邻里守望”院落议事开放日活动')
    expect(reasonOf(r, '某某 服务 |')).toBe('menu-prefix')
  })

  it('keeps a column name before a bar', () => {
    const r = clean(['某某报关注|院落议事会让难题有人管', '', ...BODY].join('\n'))
    expect(r.title).toBe('某某报关注|院落议事会让难题有人管')
  })
})

describe('debris at the ends of a paragraph', () => {
  it('cuts a lone cell border and lost characters closing a line; a table row stays', () => {
    const r = clean(
      ['桂溪街道院落议事会让难题有人管', '', BODY[0], '', '议事会每月开会一次，邀请物业列席、 |', '', '| 事项 | 件数 |', '', '居民反映的问题大多当场答复??'].join('\n'),
    )
    expect(r.body).toContain('议事会每月开会一次，邀请物业列席、')
    expect(r.body).not.toContain('列席、 |')
    expect(r.body).toContain('| 事项 | 件数 |')
    expect(r.body).toContain('居民反映的问题大多当场答复')
    expect(r.body).not.toContain('??')
  })
})

describe('a credit in brackets opening the first paragraph', () => {
  for (const credit of ['正文 （通讯员：钟岚）', '（桂溪街道办事处 骆晴川）']) {
    it(`goes: ${credit}`, () => {
      const r = clean(['桂溪街道成立院落议事会', '', `${credit}3月5日，桂溪街道首批院落议事会挂牌成立，居民代表当场选出议事长。`, '', BODY[2]].join('\n'))
      expect(r.body).not.toContain(credit.replace(/^正文 /, ''))
      expect(r.body).toContain('3月5日，桂溪街道首批院落议事会挂牌成立')
    })
  }

  it('leaves a bracketed aside that names no writer', () => {
    const r = clean(['桂溪街道成立院落议事会', '', '（一）议事会的组成。每个院落选出议事代表5至7名，任期两年。', '', BODY[2]].join('\n'))
    expect(r.body).toContain('（一）议事会的组成。')
  })
})

describe('rule rows on their own', () => {
  it('takes a name-first author note, the upload disclaimer and a teaser that repeats the next line', () => {
    expect(matchRule('骆晴川，某某大学公共管理学院博士研究生', null)?.id).toBe('author-bio')
    expect(matchRule('版权说明：本文档由用户提供并上传，收益归属内容提供方', null)?.id).toBe('doc-site-prompt')
    expect(matchRule('院落议事会材料汇编 目 录 1.关于推进院落议事会建设的实施。', '院落议事会材料汇编')?.id).toBe('teaser-repeat')
  })

  it('leaves a sentence about a university and a line that only starts like the next', () => {
    expect(matchRule('街道与某某大学公共管理学院合作，请研究生驻点调研。', null)?.id).not.toBe('author-bio')
    expect(matchRule('院落议事会材料汇编续篇', '院落议事会材料汇编')?.id).not.toBe('teaser-repeat')
  })
})
