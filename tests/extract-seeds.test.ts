import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'
import { detectScript } from '../ingest/text/script.js'
import { seeds } from './fixtures/extract/load.js'

// Compared the way /work/shared/tools/score_extract.py compares: NFKC, no blanks, containment.
const norm = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, '')
const contains = (a: string, b: string) => norm(a).includes(norm(b)) || norm(b).includes(norm(a))

describe.each(seeds())('seed $label.id', ({ label, body }) => {
  const out = extract({ body, title: label.title, script: detectScript(body) })

  it('reads every labelled place level', () => {
    for (const [level, want] of Object.entries(label.place)) {
      const got = out.place[level as keyof typeof out.place] as string | null
      if (want) {
        expect(got, level).toBeTruthy()
        expect(contains(got!, want), `${level}: ${got} vs ${want}`).toBe(true)
      }
    }
    // A community or compound the label leaves empty (the report is about the whole street) stays empty.
    for (const level of ['community', 'compound'] as const) if (!label.place[level]) expect(out.place[level]).toBeNull()
  })

  it('finds the model names', () => {
    for (const name of label.models) expect(out.models.some((m) => contains(m, name)), `${name} in ${out.models}`).toBe(true)
  })

  it('reads the organisation chain and its tier count', () => {
    expect(out.orgTiers).toEqual(label.orgTiers)
    expect(out.orgTierCount).toBe(label.orgTierCount)
  })

  it('finds every funding line with its source', () => {
    expect(out.funding).toHaveLength(label.funding.length)
    for (const f of label.funding) {
      const hit = out.funding.find((g) => Math.abs((g.amountWan ?? -1) - f.amountWan) < 0.01)
      expect(hit, `${f.amountWan}万元`).toBeDefined()
      expect(hit!.source).toBe(f.source)
      expect(norm(hit!.quote)).toContain(norm(f.quote))
    }
  })

  it('finds every labelled outcome, quoted around the number', () => {
    for (const o of label.outcomes) {
      const hit = out.outcomes.find((g) => g.value === o.value && g.unit === o.unit && norm(g.quote).includes(norm(o.quote)))
      expect(hit, `${o.value}${o.unit} ${o.quote}`).toBeDefined()
    }
  })

  it('reads the labelled scale figures', () => {
    expect(out.scale).toMatchObject(label.scale)
  })

  it('keeps the headline as display title', () => {
    if (label.title) expect(out.displayTitle).toBe(label.title)
    else expect(out.displayTitle.length).toBeGreaterThan(0)
  })
})
