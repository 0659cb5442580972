import { describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { matchRule } from '../ingest/clean/engine.js'
import { norm, reasonOf } from './clean-helpers.js'

// Cleaning and title classes left after round 3 on real pool pages (issue 8, round 4), in invented text.

const BODY = [
  '近年来，某市柳塘街道以老旧小区为重点，推动居民自治，全街道已组建楼栋议事会46个，化解邻里纠纷210件。',
  '',
  '街道还把停车、加装电梯等难题交给议事会讨论，议定事项由居委会跟踪落实，居民满意度明显上升。',
]

describe('the author line of a paper', () => {
  for (const authors of ['霍俊澜++庞思远++殷若溪', '覃一苇，聂晓岚，柯文舟', '冼嘉1,2，阮明澈2', '樊宇航 詹清漪']) {
    it(`goes above the text: ${authors}`, () => {
      const r = clean(['柳塘街道楼栋议事会的实践与思考', '', authors, '', ...BODY].join('\n'))
      expect(r.title).toBe('柳塘街道楼栋议事会的实践与思考')
      expect(reasonOf(r, authors)).toBe('author-list')
      expect(norm(r.body)).toContain(norm('全街道已组建楼栋议事会46个'))
    })
  }

  it('leaves a line of ordinary words that open with a surname character', () => {
    expect(matchRule('文明，和谐，安全', null)?.id).not.toBe('author-list')
    expect(matchRule('高效 便民', null)?.id).not.toBe('author-list')
  })
})

describe('a journal name with the year and issue', () => {
  it('goes above the text', () => {
    for (const line of ['城乡治理评论 2019年4期', '《社区发展研究》2021年第3期', '基层政务学报 2020(6)']) {
      expect(matchRule(line, null)?.id).toBe('journal-meta')
    }
    expect(matchRule('2023年第一季度工作', null)?.id).not.toBe('journal-meta')
  })
})

describe('a site list of trending searches', () => {
  it('goes, and is not taken for the headline', () => {
    const r = clean(['热搜关键词: 加装电梯补贴 老旧小区改造流程 物业费标准', '', '柳塘街道楼栋议事会让难题有人管', '', ...BODY].join('\n'))
    expect(r.title).toBe('柳塘街道楼栋议事会让难题有人管')
    expect(reasonOf(r, '热搜关键词: 加装电梯补贴 老旧小区改造流程 物业费标准')).toBe('hot-searches')
  })
})

describe("a chat assistant's reply above the text it wrote", () => {
  it('goes; the text stays', () => {
    const reply = '好的，作为一名社区工作写作助手，我很乐意为您撰写一篇关于楼栋议事会的经验文章。'
    const r = clean(['楼栋议事会：让居民自己拿主意', '', reply, '', ...BODY].join('\n'))
    expect(reasonOf(r, reply)).toBe('chatbot-preamble')
    expect(norm(r.body)).toContain(norm('化解邻里纠纷210件'))
  })
})

describe('a caption closed by a picture credit after a slash', () => {
  it('goes even above the text, and is not the headline', () => {
    const caption = '▲议事会开会那天，居民代表在小区广场上举手表决停车方案。图/街道供图'
    const r = clean([caption, '', ...BODY].join('\n'))
    expect(reasonOf(r, caption)).toBe('image-credit')
    expect(r.title).toBeNull()
  })
})

describe('reporter lead-ins of other shapes', () => {
  it('cuts an outlet, its reporters by role and the date', () => {
    const r = clean(['柳塘街道楼栋议事会让难题有人管', '', `云江网记者郜文宇 、通讯员闵若楠5月3日报道：${BODY[0]}`, '', BODY[2]].join('\n'))
    expect(reasonOf(r, '云江网记者郜文宇 、通讯员闵若楠5月3日报道：')).toBe('lead-in')
    expect(r.body).toContain(`\n\n${BODY[0]}`)
  })

  it('cuts an outlet tag followed by names in brackets', () => {
    const r = clean(['柳塘街道楼栋议事会让难题有人管', '', `【云江网】（郜文宇 闵若楠） ${BODY[0]}`, '', BODY[2]].join('\n'))
    expect(reasonOf(r, '【云江网】（郜文宇 闵若楠）')).toBe('lead-in')
  })

  it('splits a headline printed on one line with a credit in tortoise-shell brackets and the first paragraph', () => {
    const r = clean([`柳塘街道楼栋议事会成立 居民共商停车难题 〔記者郜文宇綜合報導〕${BODY[0]}`, '', BODY[2]].join('\n'))
    expect(r.title).toBe('柳塘街道楼栋议事会成立 居民共商停车难题')
    expect(reasonOf(r, '〔記者郜文宇綜合報導〕')).toBe('lead-in')
    expect(r.body).toContain(BODY[0])
  })

  it('does not split a paragraph that quotes a reporter after a clause', () => {
    const line = '议事会开会那天，居民代表发言踊跃 （记者郜文宇）此后每月一次。'
    const r = clean(['柳塘街道楼栋议事会让难题有人管', '', BODY[0], '', line].join('\n'))
    expect(r.title).toBe('柳塘街道楼栋议事会让难题有人管')
    expect(norm(r.body)).toContain(norm('议事会开会那天，居民代表发言踊跃'))
  })
})

describe('labelled credits closing the last paragraph', () => {
  it('cuts the bracket, keeps the sentence', () => {
    const r = clean(['柳塘街道楼栋议事会让难题有人管', '', BODY[0], '', `${BODY[2]}（原文编辑：闵若楠 作者：郜文宇）`].join('\n'))
    expect(reasonOf(r, '（原文编辑：闵若楠 作者：郜文宇）')).toBe('reporter-credit')
    expect(r.body).toContain(BODY[2])
  })
})

describe('a counter printed after the headline', () => {
  it('leaves the headline when it ends in a question or exclamation mark', () => {
    const r = clean(['楼道堆物屡禁不止？议事会有办法!275', '', ...BODY].join('\n'))
    expect(r.title).toBe('楼道堆物屡禁不止？议事会有办法!')
    expect(reasonOf(r, '275')).toBe('headline-counter')
  })

  it('leaves a number that is part of the headline', () => {
    expect(clean(['柳塘街道建成楼栋议事会46个', '', ...BODY].join('\n')).title).toBe('柳塘街道建成楼栋议事会46个')
  })
})

describe("a writing template's slot names", () => {
  it('are cut from the paragraphs they open', () => {
    const r = clean(['楼栋议事会为何管用', '', `主题句：${BODY[0]}`, '', `支持细节：${BODY[2]}`].join('\n'))
    expect(r.removed.filter((x) => x.reason === 'template-label').map((x) => x.text)).toEqual(['主题句：', '支持细节：'])
    expect(r.body).toContain(BODY[0])
    expect(r.body).toContain(BODY[2])
  })
})
