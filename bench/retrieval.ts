/**
 * Bench section: retrieval quality on judged sets (bench/retrieval/README.md). Each set's reports
 * go through the whole pipeline (read, clean, extract) into a fresh store built with the offline
 * lsa embedder — what `npm run ingest` does on a machine without model weights — and every query
 * is searched in each mode. Prints Recall@5 (|relevant ∩ top 5| / |relevant|) and MRR (1 / rank
 * of the first relevant case in the top 10), per set and language, and whether hybrid beats
 * full-text alone. Bar for the offline default: Recall@5 ≥ 0.8, MRR ≥ 0.7.
 * Run alone with `npx tsx bench/retrieval.ts`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, extname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { processBytes } from '../ingest/pipeline.js'
import { indexCases, lsaProvider } from '../ingest/index/index.js'
import { openStore, type SearchOptions } from '../ingest/search/index.js'

const HERE = join(dirname(fileURLToPath(import.meta.url)), 'retrieval')
const MODES: SearchOptions['mode'][] = ['hybrid', 'fulltext', 'vector']

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
  modes: Record<SearchOptions['mode'], { all: Scores; byLang: Map<string, Scores> }>
}

/** The judged sets: directories of bench/retrieval named set*. */
export function judgedSets(): string[] {
  return readdirSync(HERE).filter((d) => d.startsWith('set')).sort()
}

export async function evaluate(set: string): Promise<SetResult> {
  const dir = join(HERE, set)
  const queries = readFileSync(join(dir, 'queries.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Judged)
  const files = readdirSync(join(dir, 'raw')).sort()
  const cases = files.map((f) => processBytes(f, readFileSync(join(dir, 'raw', f)), { id: basename(f, extname(f)) }))
  const uri = mkdtempSync(join(tmpdir(), `casebook-bench-retrieval-${set}-`))
  try {
    const stats = await indexCases(cases, { uri, provider: lsaProvider(), log: () => {} })
    const store = await openStore(uri)
    const modes = {} as SetResult['modes']
    for (const mode of MODES) {
      const per: { lang: string; s: Scores }[] = []
      for (const j of queries) {
        const ids = (await store.search(j.q, { mode, limit: 10 })).hits.map((h) => h.id)
        per.push({ lang: j.lang, s: score(ids, j.relevant) })
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
  for (const set of judgedSets()) {
    const r = await evaluate(set)
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
