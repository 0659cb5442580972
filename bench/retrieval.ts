/**
 * Bench section: retrieval quality on judged sets (bench/retrieval/README.md). Each set's reports
 * go through the whole pipeline (read, clean, extract) into a fresh store built with the offline
 * lsa embedder — what `npm run ingest` does on a machine without model weights — and every query
 * is searched in each mode. Prints Recall@5 (|relevant ∩ top 5| / |relevant|) and MRR (1 / rank
 * of the first relevant case in the top 10), per set and language, and whether hybrid beats
 * full-text alone. Bar for the offline default: Recall@5 ≥ 0.8, MRR ≥ 0.7.
 * Run alone with `npx tsx bench/retrieval.ts`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { processBytes } from '../ingest/pipeline.js'
import { indexCases, lsaProvider } from '../ingest/index/index.js'
import { openStore, type SearchOptions } from '../ingest/search/index.js'

const HERE = join(dirname(fileURLToPath(import.meta.url)), 'retrieval')
/** Real pages live beside the repository, never in it (GUIDE: real data); absent on a fresh clone. */
const SHARED = resolve(HERE, '../../../shared')
const SPLIT = join(HERE, '../real/split.json')
/** The search modes, and "like": cases like mine (Store.like), the description ranking alone. */
const MODES = ['hybrid', 'fulltext', 'vector', 'like'] as const
type Mode = (typeof MODES)[number]

interface Judged {
  q: string
  lang: 'zh-Hans' | 'zh-Hant' | 'en'
  relevant: string[]
}

interface Scores {
  recall5: number
  mrr: number
}

export function score(ranked: string[], relevant: string[]): Scores {
  const top5 = new Set(ranked.slice(0, 5))
  const first = ranked.slice(0, 10).findIndex((id) => relevant.includes(id))
  return { recall5: relevant.filter((id) => top5.has(id)).length / relevant.length, mrr: first < 0 ? 0 : 1 / (first + 1) }
}

function mean(xs: Scores[]): Scores {
  const n = Math.max(1, xs.length)
  return { recall5: xs.reduce((a, x) => a + x.recall5, 0) / n, mrr: xs.reduce((a, x) => a + x.mrr, 0) / n }
}

const f3 = (x: number) => x.toFixed(3)

export interface SetResult {
  set: string
  reports: number
  passages: number
  queries: number
  dims: number
  /** Per mode: the mean over queries, and per query language. */
  modes: Record<Mode, { all: Scores; byLang: Map<string, Scores> }>
}

/**
 * Where a set's reports come from: its own `raw/`, or pages of ../shared named in `reports.json`
 * (`{"dirs": [paths under ../shared], "blind": "include" | "exclude"}`; "exclude" leaves out the
 * pages bench/real/split.json holds blind).
 */
interface SharedReports {
  dirs: string[]
  blind: 'include' | 'exclude'
}

/** The judged sets: directories of bench/retrieval holding queries. */
export function judgedSets(): string[] {
  return readdirSync(HERE).filter((d) => existsSync(join(HERE, d, 'queries.jsonl'))).sort()
}

/** The sets that carry their own reports (`raw/`): what the test runs, as a fresh clone can. */
export function ownSets(): string[] {
  return judgedSets().filter((d) => existsSync(join(HERE, d, 'raw')))
}

/** A set's report files, or null when they live in ../shared and it is not there. */
function reportFiles(dir: string): string[] | null {
  if (existsSync(join(dir, 'raw'))) return readdirSync(join(dir, 'raw')).sort().map((f) => join(dir, 'raw', f))
  const spec = JSON.parse(readFileSync(join(dir, 'reports.json'), 'utf8')) as SharedReports
  const roots = spec.dirs.map((d) => join(SHARED, d))
  if (!roots.every((r) => existsSync(r))) return null
  const split = JSON.parse(readFileSync(SPLIT, 'utf8')) as Record<string, { blind?: string[] }>
  const blind = new Set(Object.values(split).flatMap((part) => part.blind ?? []))
  const keep = (f: string) => spec.blind === 'include' || !blind.has(basename(f, extname(f)))
  return roots.flatMap((r) => readdirSync(r).sort().map((f) => join(r, f))).filter(keep)
}

/** Scores a set; null when its reports live in ../shared and that is absent. */
export async function evaluate(set: string, detail: (line: string) => void = () => {}): Promise<SetResult | null> {
  const dir = join(HERE, set)
  const queries = readFileSync(join(dir, 'queries.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Judged)
  const files = reportFiles(dir)
  if (!files) return null
  const cases = files.map((f) => processBytes(basename(f), readFileSync(f), { id: basename(f, extname(f)) }))
  const uri = mkdtempSync(join(tmpdir(), `casebook-bench-retrieval-${set}-`))
  try {
    const stats = await indexCases(cases, { uri, provider: lsaProvider(), log: () => {} })
    const store = await openStore(uri)
    const modes = {} as SetResult['modes']
    for (const mode of MODES) {
      const per: { lang: string; s: Scores }[] = []
      for (const j of queries) {
        const hits = mode === 'like' ? (await store.like(j.q, { limit: 10 })).hits : (await store.search(j.q, { mode, limit: 10 })).hits
        const ids = hits.map((h) => h.id)
        const s = score(ids, j.relevant)
        per.push({ lang: j.lang, s })
        detail(`${mode} | ${j.q} | R@5 ${f3(s.recall5)} MRR ${f3(s.mrr)} | top 5 ${ids.slice(0, 5).map((id) => (j.relevant.includes(id) ? `${id}*` : id)).join(' ')} | missed ${j.relevant.filter((id) => !ids.slice(0, 5).includes(id)).join(' ') || '-'}`)
      }
      const langs = [...new Set(per.map((p) => p.lang))]
      modes[mode] = { all: mean(per.map((p) => p.s)), byLang: new Map(langs.map((l) => [l, mean(per.filter((p) => p.lang === l).map((p) => p.s))])) }
    }
    store.close()
    return { set, reports: cases.length, passages: stats.passages, queries: queries.length, dims: stats.embedder.dims, modes }
  } finally {
    rmSync(uri, { recursive: true, force: true })
  }
}

export async function run(): Promise<void> {
  console.log('## Retrieval quality on judged sets (offline lsa embedder)')
  // RETRIEVAL_DETAIL=1 prints each query's top 5 (ids only: no page text) and the relevant ones missed.
  const detail = process.env.RETRIEVAL_DETAIL ? (line: string) => console.log(`  ${line}`) : undefined
  const only = (process.env.RETRIEVAL_SETS ?? '').split(',').filter(Boolean)
  for (const set of judgedSets().filter((s) => !only.length || only.includes(s))) {
    const r = await evaluate(set, detail)
    if (!r) {
      console.log(`\n### ${set}: skipped — its reports are in ../shared, which is not here`)
      continue
    }
    console.log(`\n### ${set}: ${r.reports} reports, ${r.passages} passages, ${r.queries} queries (lsa ${r.dims}-d)`)
    console.log('mode | R@5 | MRR | ' + [...r.modes.hybrid.byLang.keys()].map((l) => `${l} R@5 / MRR`).join(' | '))
    for (const mode of MODES) {
      const m = r.modes[mode]
      console.log(`${mode} | ${f3(m.all.recall5)} | ${f3(m.all.mrr)} | ${[...m.byLang.values()].map((s) => `${f3(s.recall5)} / ${f3(s.mrr)}`).join(' | ')}`)
    }
    const h = r.modes.hybrid.all
    const t = r.modes.fulltext.all
    console.log(
      `hybrid vs full-text: R@5 ${f3(h.recall5)} vs ${f3(t.recall5)}, MRR ${f3(h.mrr)} vs ${f3(t.mrr)} → ` +
        `${h.recall5 > t.recall5 && h.mrr >= t.mrr ? 'hybrid better' : 'hybrid NOT better'}; ` +
        `bar (R@5 ≥ 0.8, MRR ≥ 0.7): ${h.recall5 >= 0.8 && h.mrr >= 0.7 ? 'met' : 'MISSED'}`,
    )
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
