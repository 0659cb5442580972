import { describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { matchRule } from '../ingest/clean/engine.js'
import { cutInline } from '../ingest/clean/inline.js'
import { cleanHeadline } from '../ingest/clean/title.js'
import { norm, reasonOf } from './clean-helpers.js'

// Furniture left on the pool pages p151–p199 once they became dev pages (issue 8, round 9), in
// invented text: a document site's file name over an upload, a byline label on a line of its own,
// question marks left for an indent before a book-title mark, a date glued to the first paragraph
// with the name of the template field that held it.

const BODY = [
  '去年以来，某市青禾街道在六个老旧小区试行楼道议事会，共收集居民意见420条，办结386条。',
  '',
  '议事会每月开一次，由楼栋长主持，物业和居委会列席，议定的事项在楼道公示栏张贴。',
]

describe("a document site's file name over an upload", () => {
  const page = ['青禾街道楼道议事会工作方案.docxVIP', '', '• 约2千字', '• 举报', '', '青禾街道楼道议事会工作方案', '', ...BODY].join('\n')

  it('is the headline without its extension and badge; the repeat under it goes', () => {
    const r = clean(page)
    expect(r.title).toBe('青禾街道楼道议事会工作方案')
    expect(reasonOf(r, '.docxVIP')).toBe('file-extension')
    expect(norm(r.body)).not.toContain('docx')
    expect(norm(r.body).split(norm('楼道议事会工作方案')).length).toBe(2)
    expect(norm(r.body)).toContain(norm('共收集居民意见420条'))
  })

  it('keeps a headline that only ends in a word like an extension, and a name too short to stand alone', () => {
    expect(cleanHeadline('社区议事厅里的PDF').title).toBe('社区议事厅里的PDF')
    expect(cleanHeadline('方案.pdf').title).toBe('方案.pdf')
    expect(cleanHeadline('楼道议事会工作方案.pdf').title).toBe('楼道议事会工作方案')
  })
})

describe('a byline label on a line of its own', () => {
  it('goes, spaced or not; the authors under it go by their own rules and the text stays', () => {
    const page = ['楼道议事会与老旧小区的公共空间', '', '作 者', '', '程青 某某理工大学建筑学院博士研究生', '', ...BODY].join('\n')
    const r = clean(page)
    expect(reasonOf(r, '作 者')).toBe('byline-label')
    expect(norm(r.body)).toContain(norm('共收集居民意见420条'))
    expect(matchRule('来源：', null)?.id).toBeDefined()
    expect(matchRule('【作者信息】', null)?.id).toBe('byline-label')
  })

  it('is not a sentence that opens with the same word', () => {
    expect(matchRule('作者认为楼道议事会值得推广。', null)?.id).not.toBe('byline-label')
    expect(matchRule('编辑部', null)?.id).not.toBe('byline-label')
  })
})

describe('question marks left for an indent', () => {
  it('are cut before a book-title mark as before a character; the paragraph stays', () => {
    const r = clean(['青禾街道出台楼道议事规则', '', '??《规则》共五章二十条，自下月起施行。', '', ...BODY].join('\n'))
    expect(r.body).toContain('\n《规则》共五章二十条，自下月起施行。')
    expect(reasonOf(r, '??')).toBe('lost-characters')
  })
})

describe("a date glued to the first paragraph with its field's name", () => {
  it('is cut and read as the date; the paragraph stays', () => {
    const r = clean(['date 2025-03-14 青禾街道的楼道议事会开了第二十次会，居民们在楼道里搬来凳子议事。', '', ...BODY].join('\n'))
    expect(r.body.startsWith('青禾街道的楼道议事会开了第二十次会')).toBe(true)
    expect(reasonOf(r, 'date 2025-03-14')).toBe('dateline')
    expect(r.meta.published).toBe('2025-03-14')
  })

  it('takes only a field name before the date, not any English word', () => {
    const lead = 'Update 2025-03-14 之后，议事会改在周六开。'
    expect(cutInline([lead], 'lead').paragraphs).toEqual([lead])
  })
})

describe("a betting site's name pasted into the text", () => {
  it('goes with its Latin name and "official site" wherever it stands; the sentence stays', () => {
    const r = clean(['青禾街道增设回收点', '', '街道在回收点金鹿体育·(GOLDBET)官方网站,增设了旧衣回收箱。', '', ...BODY].join('\n'))
    expect(r.body).toContain('街道在回收点,增设了旧衣回收箱。')
    expect(reasonOf(r, '金鹿体育·(GOLDBET)官方网站')).toBe('seo-spam')
  })

  it('goes from before the headline when the text never names it', () => {
    const r = clean(['金鹿体育青禾街道的回收点换了新装', '', ...BODY].join('\n'))
    expect(r.title).toBe('青禾街道的回收点换了新装')
    expect(reasonOf(r, '金鹿体育')).toBe('seo-spam')
  })

  it("stays in a headline whose text names the same games", () => {
    const page = ['全民体育节在青禾街道开幕', '', '全民体育节今年办到了第三届，六个小区的居民组队参加。', '', ...BODY].join('\n')
    expect(clean(page).title).toBe('全民体育节在青禾街道开幕')
  })

  it('stays in a headline whose subject is sport even when the text words it otherwise', () => {
    const page = ['社区体育公园在青禾街道落成', '', '街道把闲置的空地改成了健身场地，六个小区的居民都来锻炼。', '', ...BODY].join('\n')
    expect(clean(page).title).toBe('社区体育公园在青禾街道落成')
  })
})
