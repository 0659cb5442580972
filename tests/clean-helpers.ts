import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'

/** The scorer's comparison form: NFKC, no whitespace. */
export function norm(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '')
}

/** The reason clean gave for removing `text` (compared in the scorer's form), if it removed it. */
export function reasonOf(r: { removed: { text: string; reason: string }[] }, text: string): string | undefined {
  return r.removed.find((x) => norm(x.text) === norm(text))?.reason
}

export interface CleanFixture {
  name: string
  input: string
  expected: {
    title: string | null
    published?: string | null
    sourceName?: string | null
    author?: string | null
    editor?: string | null
    junk: string[]
    keep: string[]
    /** Whole paragraphs the body must hold exactly (hard-wrapped input rejoined). */
    paragraphs?: string[]
    /** Read-stage format handed to clean; fixtures are plain text unless they say otherwise. */
    format?: 'txt' | 'md'
    reasons?: Record<string, string>
    flags?: string[]
    noFlags?: string[]
    removedCount?: number
    hints?: { title?: string; url?: string; published?: string }
  }
}

const FIXTURES = new URL('./fixtures/clean/', import.meta.url).pathname

export function loadCleanFixtures(): CleanFixture[] {
  return readdirSync(FIXTURES)
    .filter((d) => existsSync(join(FIXTURES, d, 'input.txt')))
    .sort()
    .map((name) => ({
      name,
      input: readFileSync(join(FIXTURES, name, 'input.txt'), 'utf8'),
      expected: JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')),
    }))
}

export const SEEDS_DIR = new URL('./fixtures/seeds', import.meta.url).pathname

export function loadSeeds(): { id: string; text: string; expected: Record<string, any> }[] {
  const expected = JSON.parse(readFileSync(join(SEEDS_DIR, 'expected.json'), 'utf8')) as Record<string, any>[]
  return expected.map((e) => ({ id: e.id, text: readFileSync(join(SEEDS_DIR, `${e.id}.txt`), 'utf8'), expected: e }))
}
