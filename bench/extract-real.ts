/**
 * Bench section: place, money and outcome figures of the extractor on the real case pages of
 * ../shared/realdev (pages-a, pages-b), scored the way ../shared/tools/score_extract.py scores them,
 * plus what that scorer does not print: outcome precision (extracted outcomes matching a labelled
 * one ÷ extracted outcomes, on pages that have outcome labels).
 * Development pages only; `--blind` adds the blind part of bench/real/split.json, reported apart —
 * for the one final scoring run of a round, never for tuning.
 * Run alone with `npx tsx bench/extract-real.ts [--blind]`. Skips, saying so, without ../shared.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { processReport } from '../ingest/pipeline.js'
import type { Case } from '../ingest/schema.js'

const REALDEV = new URL('../../shared/realdev/', import.meta.url).pathname
const SPLIT = new URL('./real/split.json', import.meta.url).pathname
const SETS = ['pages-a', 'pages-b']
const LEVELS = ['province', 'city', 'district', 'street', 'community', 'compound'] as const

interface Label {
  id: string
  place?: Partial<Record<(typeof LEVELS)[number], string | null>>
  money?: { amount_wan: number }[]
  outcomes?: { value: number; quote: string }[]
}

interface Tally {
  place: [number, number]
  money: [number, number]
  outcome: [number, number]
  /** Extracted outcomes matching a label / extracted, on pages with outcome labels. */
  precision: [number, number]
}

// As score_extract.py: NFKC, pinyin readings and blanks removed.
const norm = (s: string | null | undefined) =>
  (s ?? '').normalize('NFKC').replace(/\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+\)/g, '').replace(/\s+/g, '')
const commonSub = (a: string, b: string) => {
  for (let i = 0; i + 4 <= a.length; i++) if (b.includes(a.slice(i, i + 4))) return true
  return false
}
const sameOutcome = (o: { value: number; quote: string }, g: { value: number; quote: string }) => {
  const lq = norm(o.quote)
  const gq = norm(g.quote)
  return Math.abs(g.value - o.value) < 1e-6 && gq.length > 0 && (lq.includes(gq) || gq.includes(lq) || commonSub(lq, gq))
}

function score(labels: Label[], cases: Map<string, Case>): Tally {
  const t: Tally = { place: [0, 0], money: [0, 0], outcome: [0, 0], precision: [0, 0] }
  const add = (k: keyof Tally, ok: boolean, n = 1) => {
    t[k][0] += ok ? n : 0
    t[k][1] += n
  }
  for (const l of labels) {
    const c = cases.get(l.id)
    for (const level of LEVELS) {
      const want = norm(l.place?.[level])
      if (!want) continue
      // A county-level city may sit in city or in district, as the scorer allows.
      const got = (level === 'city' ? [level, 'district'] : [level]).map((k) => norm(c?.place[k as (typeof LEVELS)[number]]))
      add('place', got.some((g) => g && (g.includes(want) || want.includes(g))))
    }
    for (const m of l.money ?? []) add('money', (c?.funding ?? []).some((f) => f.amountWan !== null && Math.abs(f.amountWan - m.amount_wan) < 0.01))
    const outcomes = l.outcomes ?? []
    for (const o of outcomes) add('outcome', (c?.outcomes ?? []).some((g) => sameOutcome(o, g)))
    if (outcomes.length) for (const g of c?.outcomes ?? []) add('precision', outcomes.some((o) => sameOutcome(o, g)))
  }
  return t
}

const pct = ([a, b]: [number, number]) => (b ? `${((100 * a) / b).toFixed(1)}% (${a}/${b})` : 'n/a')

export async function run(blind = process.argv.includes('--blind')): Promise<void> {
  console.log(`## Extraction on real case pages (../shared/realdev pages-a, pages-b${blind ? '; blind part included, first contact' : '; development ids'})`)
  if (!existsSync(REALDEV)) {
    console.log('no ../shared/realdev here: skipped')
    return
  }
  const split = JSON.parse(readFileSync(SPLIT, 'utf8')) as Record<string, { blind: string[] }>
  for (const set of SETS) {
    const hidden = new Set(split[set].blind)
    const labels = readFileSync(join(REALDEV, set, 'labels.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Label)
    for (const part of blind ? ['dev', 'blind'] : ['dev']) {
      const chosen = labels.filter((l) => hidden.has(l.id) === (part === 'blind'))
      const cases = new Map<string, Case>()
      for (const l of chosen) cases.set(l.id, await processReport(join(REALDEV, set, 'docs', `${l.id}.txt`)))
      const t = score(chosen, cases)
      console.log(
        `${set} ${part} (${chosen.length} pages): place ${pct(t.place)}, money ${pct(t.money)}, outcomes found ${pct(t.outcome)}, outcome precision ${pct(t.precision)}`,
      )
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
