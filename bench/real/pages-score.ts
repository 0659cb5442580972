/**
 * Scoring of cleaned and structured text excerpts, with the semantics of
 * ../shared/tools/score_extract.py (normalisation: NFKC, pinyin readings in brackets removed,
 * whitespace removed), plus outcome precision: of the outcomes extracted from documents that
 * have outcome labels, the share that match a labelled outcome.
 */
import type { Case } from '../../ingest/schema.js'

export interface PageLabel {
  id: string
  title: string | null
  boilerplate: string[]
  bodyMustKeep: string[]
  place: Partial<Record<string, string | null>>
  models: string[]
  money: { amountWan: number }[]
  outcomes: { value: number; quote: string }[]
  published: string | null
  /** Pool readers say whether the page reports a case at all (the outcome trainer skips no-case pages). */
  kind?: 'case' | 'not-a-case'
}

/** A labels.jsonl line (pages-a/b) → PageLabel. */
export function pageLabel(raw: Record<string, unknown>): PageLabel {
  const r = raw as {
    id: string
    title: string | null
    boilerplate?: string[]
    body_must_keep?: string[]
    place?: Record<string, string | null>
    model_names?: string[]
    money?: { amount_wan: number }[]
    outcomes?: { value: number; quote: string }[]
    published?: string | null
    kind?: 'case' | 'not-a-case'
  }
  return {
    ...(r.kind ? { kind: r.kind } : {}),
    id: r.id,
    title: r.title,
    boilerplate: r.boilerplate ?? [],
    bodyMustKeep: r.body_must_keep ?? [],
    place: r.place ?? {},
    models: r.model_names ?? [],
    money: (r.money ?? []).map((m) => ({ amountWan: Number(m.amount_wan) })),
    outcomes: r.outcomes ?? [],
    published: r.published ?? null,
  }
}

/** An expected.json entry (the five seeds) → PageLabel. */
export function seedLabel(raw: Record<string, unknown>): PageLabel {
  const r = raw as {
    id: string
    title: string | null
    boilerplate: string[]
    bodyMustKeep: string[]
    place: Record<string, string | null>
    models: string[]
    funding: { amountWan: number }[]
    outcomes: { value: number; quote: string }[]
    published: string | null
  }
  return { id: r.id, title: r.title, boilerplate: r.boilerplate, bodyMustKeep: r.bodyMustKeep, place: r.place, models: r.models, money: r.funding, outcomes: r.outcomes, published: r.published }
}

const PINYIN = /\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+\)/g
const ARTIFACT = /[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)/g
const COLUMN_TAGS = /^(?:【[^】]{1,8}】)+/

export function normalisePage(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').replace(PINYIN, '').replace(/\s+/g, '')
}

/** Some four-character run of `a` occurs in `b`. */
function commonRun(a: string, b: string, n = 4): boolean {
  for (let i = 0; i + n <= a.length; i++) if (b.includes(a.slice(i, i + n))) return true
  return false
}

function sameOutcome(label: { value: number; quote: string }, got: { value: number; quote: string }): boolean {
  if (Math.abs(Number(got.value) - Number(label.value)) >= 1e-6) return false
  const lq = normalisePage(label.quote)
  const gq = normalisePage(got.quote)
  return !!gq && (lq.includes(gq) || gq.includes(lq) || commonRun(lq, gq))
}

export interface Tally {
  hits: number
  total: number
}

export interface PageFigures {
  docs: number
  missing: number
  boiler: Tally
  keep: Tally
  title: Tally
  place: Tally
  money: Tally
  outcome: Tally
  /** Extracted outcomes matching a labelled outcome, on documents with outcome labels. */
  outcomePrecision: Tally
  model: Tally
  date: Tally
  /** Pinyin readings left after characters in the bodies. */
  artifacts: number
}

type Scored = Pick<Case, 'id' | 'title' | 'displayTitle' | 'body' | 'place' | 'models' | 'funding' | 'outcomes' | 'published'>

export function scorePages(labels: PageLabel[], cases: Map<string, Scored>): PageFigures {
  const f: PageFigures = {
    docs: labels.length,
    missing: 0,
    boiler: { hits: 0, total: 0 },
    keep: { hits: 0, total: 0 },
    title: { hits: 0, total: 0 },
    place: { hits: 0, total: 0 },
    money: { hits: 0, total: 0 },
    outcome: { hits: 0, total: 0 },
    outcomePrecision: { hits: 0, total: 0 },
    model: { hits: 0, total: 0 },
    date: { hits: 0, total: 0 },
    artifacts: 0,
  }
  const tally = (t: Tally, ok: boolean) => {
    t.total++
    if (ok) t.hits++
  }
  for (const label of labels) {
    const c = cases.get(label.id)
    if (!c) f.missing++
    const body = normalisePage(c?.body)
    f.artifacts += (c?.body ?? '').match(ARTIFACT)?.length ?? 0
    for (const s of label.boilerplate) tally(f.boiler, !body.includes(normalisePage(s)))
    for (const s of label.bodyMustKeep) tally(f.keep, body.includes(normalisePage(s)))
    if (label.title) {
      const got = normalisePage(c?.title || c?.displayTitle).replace(COLUMN_TAGS, '')
      tally(f.title, got === normalisePage(label.title).replace(COLUMN_TAGS, ''))
    }
    for (const [level, value] of Object.entries(label.place)) {
      if (!value) continue
      const want = normalisePage(value)
      // A county-level city may sit in `city` or in `district`.
      const levels = level === 'city' ? ['city', 'district'] : [level]
      const gots = levels.map((l) => normalisePage((c?.place as Record<string, string | null> | undefined)?.[l]))
      tally(f.place, gots.some((g) => !!g && (want.includes(g) || g.includes(want))))
    }
    for (const m of label.money) tally(f.money, (c?.funding ?? []).some((g) => g.amountWan !== null && Math.abs(g.amountWan - m.amountWan) < 0.01))
    for (const o of label.outcomes) tally(f.outcome, (c?.outcomes ?? []).some((g) => sameOutcome(o, g)))
    if (label.outcomes.length) for (const g of c?.outcomes ?? []) tally(f.outcomePrecision, label.outcomes.some((o) => sameOutcome(o, g)))
    for (const name of label.models) {
      const want = normalisePage(name)
      tally(f.model, (c?.models ?? []).some((x) => normalisePage(x).includes(want) || (!!normalisePage(x) && want.includes(normalisePage(x)))))
    }
    if (label.published) tally(f.date, c?.published === label.published)
  }
  return f
}

export function percent(t: Tally): string {
  return t.total ? `${((100 * t.hits) / t.total).toFixed(1)}` : 'n/a'
}
