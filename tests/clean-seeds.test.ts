import { describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { loadSeeds, norm } from './clean-helpers.js'

const ARTIFACT = /[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)/g

describe('clean: the five seed reports against expected.json', () => {
  for (const seed of loadSeeds()) {
    describe(seed.id, () => {
      const r = clean(seed.text, { file: `${seed.id}.txt`, format: 'txt' })
      const body = norm(r.body)

      it('removes all labelled boilerplate', () => {
        for (const junk of seed.expected.boilerplate as string[]) expect(body, junk).not.toContain(norm(junk))
      })

      it('keeps all labelled body text', () => {
        for (const keep of seed.expected.bodyMustKeep as string[]) expect(body, keep).toContain(norm(keep))
      })

      it('finds the headline as printed', () => {
        expect(r.title === null ? null : norm(r.title)).toBe(seed.expected.title === null ? null : norm(seed.expected.title))
        if (seed.expected.title === null) expect(r.flags).toContain('no-title')
      })

      it('parses date and source from the byline', () => {
        expect(r.meta.published).toBe(seed.expected.published)
        expect(r.meta.sourceName).toBe(seed.expected.source)
      })

      it('leaves no pinyin readings behind', () => {
        expect(r.body.match(ARTIFACT)).toBeNull()
      })
    })
  }

  it('reports the garbled runs of seed 002 instead of dropping them', () => {
    const seed = loadSeeds().find((s) => s.id.startsWith('002'))!
    const r = clean(seed.text)
    expect(r.flags).toContain('mojibake')
    const warnings = r.messages.filter((m) => m.rule === 'mojibake' && m.severity === 'warning')
    expect(warnings.some((m) => m.message.includes('?;?'))).toBe(true)
    expect(r.body).toContain('經?;?')
    expect(r.body).toContain('轉變?“擰成一股繩”')
  })

  it('repairs the shifted GBK run of seed 004', () => {
    const seed = loadSeeds().find((s) => s.id.startsWith('004'))!
    const r = clean(seed.text)
    expect(r.body).toContain('堵心事”?花園街社區網格員')
    expect(r.flags).toEqual(expect.arrayContaining(['pinyin-repaired', 'mojibake']))
  })
})
