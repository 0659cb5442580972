import { describe, expect, it } from 'vitest'
import { findCounts } from '../ingest/extract/counts.js'
import { makeDoc } from '../ingest/extract/document.js'
import { extract } from '../ingest/extract/index.js'
import { featuresOf } from '../ingest/extract/outcome-model.js'

// Sentence and page shapes the outcome classifier reads (issue 8, pool pages labelled by readers),
// in wording written for these tests, each checked from both sides.
const run = (body: string) => extract({ body, title: null, script: 'simplified' })
const values = (body: string) => run(body).outcomes.map((o) => o.value)
const features = (body: string) => {
  const doc = makeDoc(body, null, 'simplified', 200)
  return findCounts(doc).map((k) => featuresOf(doc, k))
}

describe('outcomes: a page that says what should be done', () => {
  it('keeps no figure of a policy text or plan', () => {
    const plan = '各街道应当配备2名以上专职调解员，鼓励有条件的社区配备1名以上，建议每年开展培训4次以上，可以结合实际需要进一步细化，必须落实。'
    expect(values(plan)).toEqual([])
    expect(features(plan).every((f) => f === null)).toBe(true)
  })

  it('keeps the figures of a report of work done', () => {
    const report = '去年，各街道已配备专职调解员86名，全年开展培训12次，可以说打下了基础。'
    expect(values(report)).toEqual([86, 12])
    expect(features(report).every((f) => f !== null)).toBe(true)
  })
})

describe('outcomes: a total reached, and a shortfall', () => {
  it('keeps a total the work has reached ("已达86个")', () => {
    expect(values('截至目前，全街道的志愿服务站已达86个。')).toEqual([86])
  })

  it('does not read a size that 达 reaches as a total reached ("人口达600余人")', () => {
    expect(values('桂园小区人口达600余人。')).toEqual([])
    expect(features('桂园小区人口达600余人。')[0]).not.toContain('reached')
  })

  it('marks what falls short ("不到30%") as a cue towards a baseline', () => {
    expect(features('调查显示，知道议事会的居民不到30%。')[0]).toContain('shortfall')
    expect(features('调查显示，知道议事会的居民有30%。')[0]).not.toContain('shortfall')
  })

})
