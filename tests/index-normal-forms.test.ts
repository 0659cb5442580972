/**
 * The index step converts each passage to its normalizeForSearch form once (rows.ts,
 * normalizedPassages) and hands that form to the LSA sample, the bigram sample and the passage rows,
 * which each converted the passage themselves before. What they make from it must be what they
 * made from the text.
 */
import { describe, expect, it } from 'vitest'
import { normalizedPassages, passageRows, passagesOf, passageText } from '../ingest/index/rows.js'
import { BigramSample } from '../ingest/index/bigram-sample.js'
import { LSA_DEFAULTS, TrainingSample, trainLsa } from '../ingest/embed/lsa.js'
import { analyze, analyzeNormalized } from '../ingest/text/segment.js'
import { searchNormal, searchNormalOf } from '../ingest/search/normalize.js'
import { makeCase } from './helpers/cases.js'
import type { Case } from '../ingest/schema.js'

/** Traditional and simplified bodies, full-width letters, quotes inside and around model names. */
function cases(): Case[] {
  const bodies = [
    '東湖社區推行“紅‘棟’力”做法，樓道黨小組每月召集議事會。\n\n居民用ＡＰＰ預約維修，加裝電梯的意見在兩週內收齊。',
    '西岭小区成立自管会，“五位一体”协商停车难问题。\n\n物业费收缴率从六成升到九成，楼栋长挨户上门说明。',
    '南門街道的「一事一議」把屋面修繕交給業委會牽頭。\n\n志願服務隊清理樓道堆物，網格員記錄每一處隱患。',
  ]
  return Array.from({ length: 12 }, (_, i) =>
    makeCase({ id: `nf-${String(i).padStart(2, '0')}`, title: `第${i}號經驗`, body: `${bodies[i % 3]}\n\n第${i}次回訪記錄在案，${i + 4}戶簽字。` }),
  )
}

describe('normalizedPassages', () => {
  it('given a case, gives each passage the form the search-normal, token and bigram paths derive from the text, made once', () => {
    for (const c of cases()) {
      const passages = passagesOf(c)
      const normalized = normalizedPassages(c, passages)
      passages.forEach((p, ord) => {
        const text = passageText(c, p, ord)
        expect(searchNormalOf(normalized(ord))).toBe(searchNormal(text))
        expect(analyzeNormalized(normalized(ord))).toEqual(analyze(text))
        // Kept, not converted again.
        expect(normalized(ord)).toBe(normalized(ord))
      })
      expect(passageRows(c, passages, [], normalized)).toEqual(passageRows(c, passages, []))
    }
  })

  it('given the forms, the bigram sample holds the passages it held from the text', () => {
    const own = new BigramSample(5)
    const handed = new BigramSample(5)
    for (const c of cases()) {
      own.offer(c)
      const passages = passagesOf(c)
      handed.offer(c, passages, normalizedPassages(c, passages))
    }
    expect(handed.normals()).toEqual(own.normals())
    expect(own.normals().length).toBeGreaterThanOrEqual(5)
  })

  it('given the forms, the LSA sample trains the model it trained from the text, bit for bit', () => {
    const params = { maxPassages: 16 }
    const own = new TrainingSample(16, { bigramWeight: LSA_DEFAULTS.bigramWeight })
    const handed = new TrainingSample(16, { bigramWeight: LSA_DEFAULTS.bigramWeight })
    for (const c of cases()) {
      const passages = passagesOf(c)
      const normalized = normalizedPassages(c, passages)
      passages.forEach((p, ord) => {
        own.add(passageText(c, p, ord))
        handed.add(passageText(c, p, ord), () => normalized(ord))
      })
    }
    const a = trainLsa(own, params)
    const b = trainLsa(handed, params)
    expect(b.model).toBe(a.model)
    expect(Buffer.from(b.components.buffer).equals(Buffer.from(a.components.buffer))).toBe(true)
  })
})
