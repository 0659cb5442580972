import { describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { loadCleanFixtures, norm } from './clean-helpers.js'

const ARTIFACT = /[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)/

describe('clean: fixture reports from other sites', () => {
  const fixtures = loadCleanFixtures()

  it('has at least ten fixture reports', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10)
  })

  for (const { name, input, expected } of fixtures) {
    describe(name, () => {
      const r = clean(input, { file: `${name}.txt`, format: expected.format ?? 'txt', hints: expected.hints ?? {} })
      const body = norm(r.body)

      it('removes every junk string', () => {
        for (const junk of expected.junk) expect(body, `junk left: ${junk}`).not.toContain(norm(junk))
      })

      it('keeps every body sentence', () => {
        for (const keep of expected.keep) expect(body, `body lost: ${keep}`).toContain(norm(keep))
        const paragraphs = r.body.split('\n\n')
        for (const p of expected.paragraphs ?? []) expect(paragraphs, `paragraph not whole: ${p.slice(0, 20)}`).toContain(p)
      })

      it('finds the headline and starts the body with it', () => {
        expect(r.title).toBe(expected.title)
        if (expected.title) expect(r.body.split('\n\n')[0]).toBe(expected.title)
        else expect(r.flags).toContain('no-title')
      })

      it('parses the byline metadata', () => {
        if ('published' in expected) expect(r.meta.published).toBe(expected.published)
        for (const key of ['sourceName', 'author', 'editor'] as const) {
          if (key in expected) expect(r.meta[key], key).toBe(expected[key])
        }
      })

      it('records why each line went', () => {
        for (const [text, reason] of Object.entries(expected.reasons ?? {})) {
          expect(r.removed.find((x) => x.text === text)?.reason, text).toBe(reason)
        }
        if (expected.removedCount !== undefined) expect(r.removed).toHaveLength(expected.removedCount)
        // A rule id, or the line classifier's verdict with its probability ("model:nav 0.93").
        for (const x of r.removed) expect(x.reason).toMatch(/^(?:[a-z-]+|model:[a-z]+ [01]\.\d\d)$/)
      })

      it('raises the expected flags and leaves no pinyin artifacts', () => {
        for (const f of expected.flags ?? []) expect(r.flags).toContain(f)
        for (const f of expected.noFlags ?? []) expect(r.flags).not.toContain(f)
        expect(r.body).not.toMatch(ARTIFACT)
        expect(r.body).not.toMatch(/\n{3,}/)
        expect(r.messages.every((m) => m.stage === 'clean')).toBe(true)
      })
    })
  }
})
