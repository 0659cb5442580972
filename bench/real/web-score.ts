/**
 * Scoring of article extraction on whole web pages, with the semantics of
 * ../shared/realdev/gne/score.py: title exact (normalised), date by its first ten characters
 * (null = null counts), must-keep strings kept, boilerplate strings gone (all, and hard ones:
 * not captions/credits/in-body prompts), first and last paragraph both kept, clean F the harmonic
 * mean of kept and removed. Labels are hashed (hashed.ts), so one path scores plain and hashed
 * label files. Author (informational) counts an output equal to the label or containing it.
 */
import { BodyIndex, hashText, sameText, type Hashed } from './hashed.js'

export interface WebLabel {
  id: string
  title: Hashed | null
  published: string | null
  author: Hashed | null
  bodyFirst: Hashed
  bodyLast: Hashed
  mustKeep: Hashed[]
  /** Page furniture samples; `soft` marks captions, credits and in-body prompts. */
  boilerplate: (Hashed & { soft?: boolean })[]
}

/** What a system made of a page. */
export interface WebOutput {
  id: string
  title: string | null
  published: string | null
  body: string
  author?: string | null
}

export interface WebFigures {
  pages: number
  missing: number
  title: number
  date: number
  keep: number
  removed: number
  removedHard: number
  first: number
  last: number
  boundary: number
  cleanF: number
  author: number
  authorN: number
}

/** A label file line of the gne schema (plain text) → hashed label. */
export function hashWebLabel(raw: {
  id: string
  title: string | null
  published: string | null
  author?: string | null
  body_first: string
  body_last: string
  body_must_keep: string[]
  boilerplate: string[]
  boilerplate_soft?: string[]
}): WebLabel {
  const soft = new Set(raw.boilerplate_soft ?? [])
  return {
    id: raw.id,
    title: raw.title ? hashText(raw.title) : null,
    published: raw.published,
    author: raw.author ? hashText(raw.author) : null,
    bodyFirst: hashText(raw.body_first),
    bodyLast: hashText(raw.body_last),
    mustKeep: raw.body_must_keep.map(hashText),
    boilerplate: raw.boilerplate.map((s) => ({ ...hashText(s), ...(soft.has(s) ? { soft: true } : {}) })),
  }
}

const pct = (a: number, b: number) => (b ? (100 * a) / b : 0)

function date10(v: string | null | undefined): string | null {
  if (!v) return null
  return /^\d{4}-\d{2}-\d{2}/.exec(v)?.[0] ?? v
}

export function scoreWeb(labels: WebLabel[], outputs: Map<string, WebOutput>): WebFigures {
  const t = { missing: 0, title: 0, date: 0, keep: 0, keepN: 0, rem: 0, remN: 0, remH: 0, remHN: 0, first: 0, last: 0, boundary: 0, author: 0, authorN: 0 }
  for (const label of labels) {
    const out = outputs.get(label.id)
    if (!out) t.missing++
    const body = new BodyIndex(out?.body ?? '')
    if (sameText(label.title, out?.title)) t.title++
    if (date10(out?.published) === label.published) t.date++
    if (label.author) {
      t.authorN++
      const got = out?.author ?? ''
      if (got && (sameText(label.author, got) || new BodyIndex(got).has(label.author))) t.author++
    }
    t.keepN += label.mustKeep.length
    t.keep += label.mustKeep.filter((s) => body.has(s)).length
    for (const b of label.boilerplate) {
      const gone = !body.has(b)
      t.remN++
      if (gone) t.rem++
      if (!b.soft) {
        t.remHN++
        if (gone) t.remH++
      }
    }
    const first = body.has(label.bodyFirst)
    const last = body.has(label.bodyLast)
    if (first) t.first++
    if (last) t.last++
    if (first && last) t.boundary++
  }
  const n = labels.length
  const keep = pct(t.keep, t.keepN)
  const removed = pct(t.rem, t.remN)
  return {
    pages: n,
    missing: t.missing,
    title: pct(t.title, n),
    date: pct(t.date, n),
    keep,
    removed,
    removedHard: pct(t.remH, t.remHN),
    first: pct(t.first, n),
    last: pct(t.last, n),
    boundary: pct(t.boundary, n),
    cleanF: keep + removed ? (2 * keep * removed) / (keep + removed) : 0,
    author: pct(t.author, t.authorN),
    authorN: t.authorN,
  }
}
