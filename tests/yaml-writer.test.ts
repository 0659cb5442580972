/**
 * The direct front-matter writer against the yaml library it stands in for: the same bytes, or
 * null (the library writes) — never different bytes. Case files must not change when a corpus is
 * re-ingested by a newer version.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { caseToMarkdown, FRONT_MATTER_KEYS, libraryYaml, markdownToCase } from '../ingest/corpus/format.js'
import { writeYaml } from '../ingest/corpus/yaml-writer.js'
import { processBytes } from '../ingest/pipeline.js'
import { synthCorpus } from '../ingest/synth/index.js'
import type { Case } from '../ingest/schema.js'

const ROOT = path.resolve(import.meta.dirname, '..')

function frontMatter(c: Case): Record<string, unknown> {
  const ordered: Record<string, unknown> = {}
  for (const key of FRONT_MATTER_KEYS) ordered[key] = c[key]
  return ordered
}

describe('given the stored seed case files', () => {
  const dir = path.join(ROOT, 'corpus/cases')
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    it(`writes ${name} byte for byte as stored, without the library`, () => {
      const text = readFileSync(path.join(dir, name), 'utf8')
      const c = markdownToCase(text, name)
      expect(writeYaml(frontMatter(c))).toBe(libraryYaml(frontMatter(c)))
      expect(caseToMarkdown(c)).toBe(text)
    })
  }
})

describe('given generated reports processed into cases', () => {
  it('writes what the library writes for every one, and writes most of them itself', () => {
    let direct = 0
    const reports = synthCorpus(60, 7)
    for (const r of reports) {
      // Processed, not read back: the evidence shares objects with the fields, which yaml anchors.
      const record = frontMatter(processBytes(r.name, r.bytes))
      const written = writeYaml(record)
      if (written !== null) {
        direct++
        expect(written).toBe(libraryYaml(record))
      }
    }
    expect(direct).toBeGreaterThan(reports.length * 0.9)
  })
})

describe('given strings the library quotes, met again and again', () => {
  it('writes them as the library does at every meeting, at any depth and in flow lists', () => {
    // A unit sign, a count that reads as a number, a reason with ": " in it, one too long to keep.
    const quoted = ['%', '135', 'kept by rule: outline', `${'stairwell meeting '.repeat(12)}: end`]
    const records = [
      { unit: quoted[0], scale: { count: quoted[1], note: quoted[2] }, list: [quoted[0], quoted[1]] },
      { why: quoted[2], deep: { deeper: { unit: quoted[0], long: quoted[3] } }, list: [quoted[1], '楼栋'] },
      { long: quoted[3], unit: quoted[0], items: [{ note: quoted[2] }, { note: quoted[1] }] },
    ]
    for (let round = 0; round < 2; round++) {
      for (const record of records) expect(writeYaml(record)).toBe(libraryYaml(record))
    }
  })
})

describe('given arbitrary values', () => {
  // Characters that change how YAML must write a string: indicators, separators, digits, quotes,
  // escapes, line breaks, full-width punctuation, and CJK text; and what makes a string that starts
  // with a digit read as a number (exponents, hex and octal prefixes, .inf) or as a plain string.
  const char = fc.constantFrom(
    ...'ab街道小区：:# -?,[]{}&*!|>\'"%@`.+~019\\\n\t \u00a0\u3000“”、'.split(''),
    'true', 'null', '---', '1e3', '0x1f', '0o17', 'e', 'E', 'x', '.inf', '.nan', '2018-07-18', '5万',
  )
  const text = fc.array(char, { maxLength: 8 }).map((parts) => parts.join(''))
  const key = fc.oneof(fc.constantFrom('id', 'quote', 'span', 'place.city', 'models.0'), text)
  const leaf = fc.oneof(text, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constant(undefined))
  const tree = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 5 }),
    map: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  }))

  it('writes the same bytes as the library or leaves it to the library', () => {
    let direct = 0
    fc.assert(
      fc.property(fc.dictionary(key, tree.value, { maxKeys: 6 }), fc.nat(3), (record, share) => {
        // Share one nested object between two keys sometimes: yaml writes an anchor and an alias.
        const nested = Object.values(record).find((v) => v !== null && typeof v === 'object')
        if (nested && share > 0) record[`shared${share}`] = nested
        const written = writeYaml(record)
        if (written !== null) {
          direct++
          expect(written).toBe(libraryYaml(record))
        }
      }),
      { numRuns: 2000, seed: 9 },
    )
    // Random keys and line breaks send many to the library; enough stay (anchors, quoting and flow
    // lists among them) that the comparison means something.
    expect(direct).toBeGreaterThan(300)
  })
})
