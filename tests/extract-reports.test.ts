import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'
import { reports } from './fixtures/extract/load.js'

describe.each(reports())('report $name', ({ body, expect: want }) => {
  const out = extract({ body, title: want.title, script: want.script })

  it('reads the place, marking what the gazetteer filled in', () => {
    expect(out.place).toEqual(want.place)
  })

  it('finds the model names', () => {
    for (const name of want.models) expect(out.models.some((m) => m.includes(name) || name.includes(m)), `${name} in ${out.models}`).toBe(true)
    if (want.models.length === 0) expect(out.models).toEqual([])
  })

  it('reads the organisation chain and tier count', () => {
    expect(out.orgTiers).toEqual(want.orgTiers)
    expect(out.orgTierCount).toBe(want.orgTierCount)
  })

  it('finds exactly the funding lines, with amount in 万元, source and quote', () => {
    expect(out.funding.map((f) => [f.amountWan, f.source])).toEqual(want.funding.map((f) => [f.amountWan, f.source]))
    out.funding.forEach((f, i) => expect(f.quote).toContain(want.funding[i].quote))
    expect(out.fundingMix.map((f) => f.sources)).toEqual(want.fundingMix.map((f) => f.sources))
    out.fundingMix.forEach((f, i) => expect(f.quote).toContain(want.fundingMix[i].quote))
  })

  it('finds the quantified outcomes and nothing that is scale, money or a date', () => {
    for (const o of want.outcomes) {
      expect(out.outcomes.find((g) => g.value === o.value && g.unit === o.unit && g.quote.includes(o.quote)), `${o.value}${o.unit}`).toBeDefined()
    }
    // People served and households reached are results on real pages; money, dates and ages never are.
    for (const o of out.outcomes) expect(o.unit).not.toMatch(/^(?:萬|万)?(?:元|年|月|日|岁|歲)$/)
    expect(out.outcomes).toHaveLength(want.outcomes.length)
  })

  it('reads the scale', () => {
    expect(out.scale).toEqual(want.scale)
  })

  it('tags problems, mechanisms and actors from the vocabulary', () => {
    for (const kind of ['problems', 'mechanisms', 'actors'] as const) {
      const ids = out[kind].map((t) => t.id)
      for (const id of want[kind]) expect(ids, `${kind} ${id}`).toContain(id)
      expect(new Set(ids).size).toBe(ids.length)
    }
  })

  it('derives a display title and reports what is missing as messages', () => {
    expect(out.displayTitle).toBe(want.displayTitle ?? want.title)
    const rules = out.messages.map((m) => m.rule)
    for (const rule of want.messages ?? []) expect(rules).toContain(rule)
    for (const m of out.messages) expect(m.stage).toBe('extract')
  })
})
