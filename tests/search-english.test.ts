/**
 * English phrasings that search alone knows (ingest/search/english.json): they map queries to
 * words reports use and teach the segmenter nothing. Queries are invented for the tests.
 */
import { describe, expect, it } from 'vitest'
import englishData from '../ingest/search/english.json'
import { mapEnglish } from '../ingest/search/lexicon.js'
import { prepareQuery } from '../ingest/search/query.js'
import { userDictionary } from '../ingest/text/segment.js'

describe('search-only English phrasings', () => {
  it('has one row per id, each with a reason, lower-case English and Chinese forms', () => {
    const rows = englishData as { id: string; why: string; en: string[]; zh: string[] }[]
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
    for (const r of rows) {
      expect(r.why.length, r.id).toBeGreaterThan(20)
      expect(r.zh.length, r.id).toBeGreaterThan(0)
      for (const en of r.en) expect(en, r.id).toBe(en.toLowerCase())
    }
  })

  it('maps words the glossary lacked to the words reports use', () => {
    expect(mapEnglish('social work stations in every township').terms).toEqual(expect.arrayContaining(['社工站', '乡镇']))
    expect(mapEnglish('a temporary property company took over').terms).toEqual(expect.arrayContaining(['临时物业', '接管']))
    expect(mapEnglish('party organisations in residential buildings').terms).toEqual(expect.arrayContaining(['党组织', '楼栋']))
    expect(mapEnglish('voter turnout at the election').terms).toEqual(expect.arrayContaining(['投票', '换届选举']))
    // One word alone, which the glossary's many property phrases left unmapped; longer phrases keep theirs.
    expect(mapEnglish('property').terms).toContain('物业')
    expect(mapEnglish('property fee').terms).toEqual(['物业费'])
  })

  it('does not map a word of a phrase that says nothing alone', () => {
    expect(mapEnglish('social work stations').terms).not.toContain('充电桩')
    expect(mapEnglish('two families arguing over a wall').terms).not.toContain('接管')
  })

  it('removes a mapped word only where it stands whole, not inside a longer word', () => {
    // "lift" maps; the "lift" inside "uplifting" is another word and stays.
    const q = prepareQuery('uplifting stories of a new lift')
    expect(q.fulltext.split(' ')).toContain('uplifting')
    expect(q.expansions).toContain('电梯')
  })

  it('teaches the segmenter none of its words', () => {
    const dict = new Set(userDictionary())
    expect(dict.has('投票率')).toBe(false)
    expect(dict.has('社会工作服务站')).toBe(false)
  })
})
