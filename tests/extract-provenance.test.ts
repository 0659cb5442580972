import { describe, expect, it } from 'vitest'
import { simplifyAligned } from '../ingest/extract/document.js'
import { extract } from '../ingest/extract/index.js'
import type { Evidence } from '../ingest/schema.js'
import { detectScript } from '../ingest/text/script.js'
import { reports, seeds } from './fixtures/extract/load.js'

const all = [
  ...seeds().map(({ label, body }) => ({ name: label.id, body, title: label.title })),
  ...reports().map(({ name, body, expect }) => ({ name, body, title: expect.title })),
]

describe.each(all)('provenance in $name', ({ body, title }) => {
  const out = extract({ body, title, script: detectScript(body) })
  const sourced: [string, Evidence][] = [
    ...out.funding.map((f, i) => [`funding.${i}`, f] as [string, Evidence]),
    ...out.fundingMix.map((f, i) => [`fundingMix.${i}`, f] as [string, Evidence]),
    ...out.outcomes.map((o, i) => [`outcomes.${i}`, o] as [string, Evidence]),
    ...[...out.problems, ...out.mechanisms, ...out.actors].map((t) => [`tag.${t.id}`, t] as [string, Evidence]),
    ...Object.entries(out.evidence),
  ]

  it('quotes every value verbatim: body.slice(span) === quote', () => {
    expect(sourced.length).toBeGreaterThan(0)
    for (const [key, e] of sourced) {
      expect(e.quote.length, key).toBeGreaterThan(0)
      expect(body.slice(e.span[0], e.span[1]), key).toBe(e.quote)
      expect(e.quote, key).not.toMatch(/^\s|\s$/)
    }
  })

  it('has evidence for every plain field it fills', () => {
    for (const level of ['province', 'city', 'district', 'street', 'community', 'compound'] as const) {
      if (out.place[level]) expect(out.evidence[`place.${level}`], level).toBeDefined()
    }
    out.models.forEach((m, i) => expect(out.evidence[`models.${i}`].quote).toContain(m))
    if (out.orgTiers) for (const tier of out.orgTiers) expect(out.evidence.orgTiers.quote).toContain(tier)
    if (out.orgTierCount !== null) expect(out.evidence.orgTierCount).toBeDefined()
    for (const key of Object.keys(out.scale)) expect(out.evidence[`scale.${key}`], key).toBeDefined()
  })

  it('quotes place names that were read (not inferred) where they are written', () => {
    for (const level of ['province', 'city', 'district', 'street', 'community', 'compound'] as const) {
      const value = out.place[level]
      if (value && !out.place.inferred.includes(level)) expect(out.evidence[`place.${level}`].quote).toContain(value)
    }
  })
})

describe('simplified copy', () => {
  it('has the same length as the body, so offsets found in it index the body', () => {
    for (const { body } of all) {
      const simp = simplifyAligned(body)
      expect(simp.length).toBe(body.length)
      // Characters outside CJK (digits, quotes, punctuation, latin) are left where they are.
      for (let i = 0; i < body.length; i++) if (!/[\u3400-\u9fff]/.test(body[i])) expect(simp[i]).toBe(body[i])
    }
  })

  it('folds traditional script and variants onto the gazetteer spelling', () => {
    expect(simplifyAligned('滁州市瑯琊街道鄰裡黨建')).toBe('滁州市琅琊街道邻里党建')
  })

  it('is the same copy whether a text changes a few characters or many', () => {
    const few = '这么多的居民都来了，柳岸社区还有什么没做？😀'
    const many = '鄰裡黨建在東湖區錦繡社區開展，業主參與議事。'.repeat(12) + '\ud800' + few
    for (const text of [few, many, '']) {
      const byChar = text.split('').map((ch) => simplifyAligned(ch)).join('')
      expect(simplifyAligned(text)).toBe(byChar)
    }
    expect(simplifyAligned(many)).toMatch(/^邻里党建在东湖区锦绣社区开展/)
  })
})
