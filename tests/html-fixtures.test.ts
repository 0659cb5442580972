/**
 * One invented page per HTML failure class (tests/fixtures/html/<case>/): input.html, optional
 * options.json ({"encoding": "gbk"}), expected.json with the headline, the date, sentences the
 * body keeps, texts that must go with the `dom:` reason that removes them (`drops`), and texts
 * that must be gone for any reason (`gone`, left to line cleaning).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { processBytes } from '../ingest/pipeline.js'

const DIR = join(import.meta.dirname, 'fixtures', 'html')

interface Expected {
  title: string
  published: string | null
  encoding?: string
  keeps: string[]
  drops?: Record<string, string>
  gone?: string[]
  notTitle?: string
}

describe('HTML failure classes, one invented page each', () => {
  for (const name of readdirSync(DIR).sort()) {
    const dir = join(DIR, name)
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected
    const options = existsSync(join(dir, 'options.json')) ? (JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as { encoding?: string }) : {}
    const html = readFileSync(join(dir, 'input.html'), 'utf8')
    const bytes = options.encoding ? iconv.encode(html, options.encoding) : Buffer.from(html)

    it(`${name}: headline, date and article text from the DOM; furniture removed with its reason`, () => {
      const c = processBytes(`${name}.html`, bytes)
      expect(c.title).toBe(expected.title)
      expect(c.body.startsWith(expected.title)).toBe(true)
      expect(c.published).toBe(expected.published)
      if (expected.encoding) expect(c.origin.encoding).toBe(expected.encoding)
      for (const text of expected.keeps) expect(c.body).toContain(text)
      for (const [text, reason] of Object.entries(expected.drops ?? {})) {
        expect(c.body, text).not.toContain(text)
        expect(c.removed.filter((r) => r.text.includes(text)).map((r) => r.reason), text).toContain(reason)
      }
      for (const text of expected.gone ?? []) expect(c.body, text).not.toContain(text)
      if (expected.notTitle) expect(c.title).not.toBe(expected.notTitle)
    })
  }
})
