import { describe, expect, it } from 'vitest'
import { checkCase, sweepCases, TEMPLATES } from '../bench/places/sweep.js'

// A fixed seeded sample of the gazetteer sweep (`npm run -s bench -- places` runs it over every
// county-level division): each template, written about divisions from all over the country, must
// give back the places it names.
describe('place: the gazetteer sweep on a seeded sample', () => {
  const cases = sweepCases({ sample: 80, seed: 2026 })

  it('writes every template at least once', () => {
    for (const t of TEMPLATES) expect(cases.some((c) => c.template === t.id), t.id).toBe(true)
  })

  for (const t of TEMPLATES) {
    it(`reads every sentence of "${t.id}"`, () => {
      const failures = cases.filter((c) => c.template === t.id).flatMap((c) => checkCase(c).map((m) => `${c.body.split('\n').pop()} — ${m.level}: want ${m.want}, got ${m.got}`))
      expect(failures).toEqual([])
    })
  }
})
