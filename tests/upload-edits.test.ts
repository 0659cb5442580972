import { describe, expect, it } from 'vitest'
import { applyLocked, caseToMarkdown, markdownToCase } from '../ingest/corpus/index.js'
import { fundingSummary } from '../ingest/funding-summary.js'
import { processBytes } from '../ingest/pipeline.js'
import { applyEdits, pastedReport } from '~/models/upload.server'

// Written for this test: an invented compound, told the way a WeChat post tells it.
const TEXT = [
  '柳岸小区居民自管会成立记',
  '湖北省宜昌市西陵区云集街道柳岸社区的柳岸小区建于1992年，共有住户180户。',
  '小区没有物业，居民推选7名代表成立自管会，实行“一户一票”议事，垃圾清运和楼道照明由居民轮流负责。',
].join('\n\n')

function pasted() {
  const { name, bytes } = pastedReport(TEXT)
  return { name, bytes, c: processBytes(name, bytes, { id: name.replace(/\.txt$/, '') }) }
}

describe('given a pasted report corrected in the preview', () => {
  it('names the pasted text by its hash, so the same text is the same case', () => {
    expect(pastedReport(TEXT).name).toMatch(/^paste_[0-9a-f]{16}\.txt$/)
    expect(pastedReport(TEXT.replace(/\n/g, '\r\n')).name).toBe(pastedReport(TEXT).name)
  })

  it('locks each corrected field, drops its quote, and leaves the rest as extracted', () => {
    const { c } = pasted()
    const edited = applyEdits(c, { 'place.compound': '柳岸小区（东片）', title: c.title ?? '', models: '一户一票、自管会' })
    expect(edited.place.compound).toBe('柳岸小区（东片）')
    expect(edited.models).toEqual(['一户一票', '自管会'])
    expect(edited.locked).toEqual(['place.compound', 'models'])
    expect(Object.keys(edited.evidence).filter((k) => k.startsWith('models') || k === 'place.compound')).toEqual([])
    expect(edited.place.province).toBe(c.place.province)
  })

  it('refuses a source link that is not a web address', () => {
    const { c } = pasted()
    expect(applyEdits(c, { 'source.url': 'javascript:alert(1)' }).source.url).toBeNull()
    expect(applyEdits(c, { 'source.url': 'https://example.org/a' }).source.url).toBe('https://example.org/a')
  })

  it('keeps a hand-set "none" for funding apart from "not found", through the case file and a re-ingest', () => {
    const { name, bytes, c } = pasted()
    expect(fundingSummary(c).state).toBe('not-found')
    const edited = applyEdits(c, { noFunding: true, 'place.compound': '柳岸东片' })
    expect(edited.none).toEqual({ funding: null })
    expect(fundingSummary(edited).state).toBe('none')
    const stored = markdownToCase(caseToMarkdown(edited), 'x.md')
    expect(stored.none).toEqual({ funding: null })
    const again = applyLocked(stored, processBytes(name, bytes, { id: c.id }))
    expect(again.none).toEqual({ funding: null })
    expect(again.place.compound).toBe('柳岸东片')
    // A case that never says "none" keeps exactly the old shape: no `none` key at all.
    expect('none' in markdownToCase(caseToMarkdown(c), 'y.md')).toBe(false)
  })
})
