/**
 * Bench section: index and search at 10k and 100k generated cases (BENCH_SIZES=10000 for the
 * small one only). Ingest rate with the offline lsa embedder (chunk, train, embed, write, build
 * the full-text and vector indexes), then search latency p50/p95 for full-text, vector and hybrid,
 * side by side with SQLite FTS5 (trigram tokenizer) over the same passages and queries, and peak
 * memory. Targets (2-core machine): hybrid p95 ≤ 50 ms at 100k cases; indexing ≥ 200 cases/s.
 * Run alone with `npx tsx bench/search.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import type { Case, FundingSource, Tag } from '../ingest/schema.js'
import { composeCase } from '../ingest/synth/content.js'
import { makeRng, type Rng } from '../ingest/synth/rng.js'
import { loadVocabulary } from '../ingest/extract/vocabulary.js'
import { indexCases, lsaProvider } from '../ingest/index/index.js'
import { passagesOf, passageText } from '../ingest/index/rows.js'
import { openStore, type SearchOptions } from '../ingest/search/index.js'
import { searchNormal } from '../ingest/search/normalize.js'
import { toTraditional } from '../ingest/text/script.js'
import { StageTimes } from '../ingest/timings.js'

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0)
export const REPEATS = 5

/** What users type: short terms, model names, phrases, traditional script, English. */
export const QUERIES = [
  '物业', '网格', '停车难', '五位一体', '紅‘樓’管家', '红邻驿站', '议事协商', '加装电梯',
  '老旧小区 无物业', '垃圾分类 志愿服务', '楼道堆物', '網格化管理', '業委會', '积分评比', '1+3+N',
  'five-in-one', 'grid management', 'parking', '党员中心户', '飞线充电 安全隐患', '居民议事会 协商', '双报到',
]

// Practice sentences so bodies are as varied as real reports: every vocabulary term can occur,
// with Zipf-like frequencies (a few terms in many reports, most in few), as in real corpora —
// uniform picks from a short list would put every query term in half the corpus.
const SUBJECTS = ['社区党委', '小区党支部', '物管会', '自管会', '业委会', '网格员', '楼栋长', '在职党员', '共建单位', '志愿服务队', '居民议事会', '下沉干部', '物业公司']
const ACTIONS = ['牵头组织', '定期召开', '逐户走访', '建立台账', '协调解决', '公开公示', '推动落实', '广泛征求意见', '结对帮扶', '集中整治']
const RESULTS = ['群众满意度明显提升', '问题得到有效解决', '形成长效机制', '居民参与热情高涨', '小区面貌焕然一新', '实现小事不出小区']
const FUNDING: FundingSource[] = ['government', 'resident', 'enterprise', 'social', 'mixed']

function zipfPicker(rng: Rng, items: string[]): () => string {
  const order = rng.sample(items, items.length)
  const cumulative: number[] = []
  let total = 0
  order.forEach((_, r) => cumulative.push((total += 1 / (r + 1))))
  return () => {
    const x = rng.next() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] < x) lo = mid + 1
      else hi = mid
    }
    return order[lo]
  }
}

function practice(rng: Rng, term: () => string): string {
  return Array.from({ length: rng.int(2, 4) }, () => `${rng.pick(SUBJECTS)}${rng.pick(ACTIONS)}，围绕${term()}和${term()}等问题，${rng.pick(RESULTS)}。`).join('')
}

/** Case objects straight from the synth generator's truth (no read/clean/extract: this benches the index). */
export function benchCases(n: number, seed = 11): Case[] {
  const rng = makeRng(seed)
  const vocab = loadVocabulary()
  const terms = [...vocab.problems, ...vocab.mechanisms, ...vocab.actors].flatMap((t) => t.synonyms)
  const term = zipfPicker(rng, [...new Set(terms)])
  const tagOf = (list: { id: string; en: string }[]): Tag[] =>
    [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(list)))].map((t) => ({ id: t.id, en: t.en, quote: '', span: [0, 0] }))
  const out: Case[] = []
  for (let i = 0; i < n; i++) {
    const t = composeCase(rng)
    const traditional = rng.chance(0.3)
    const raw = [t.title, ...t.paragraphs, practice(rng, term)].join('\n\n')
    const body = traditional ? toTraditional(raw) : raw
    out.push({
      id: `bench-${String(i).padStart(6, '0')}`,
      title: t.title,
      displayTitle: t.title,
      published: t.date,
      source: { name: t.source, url: null },
      author: null,
      editor: null,
      place: { ...t.place, inferred: [] } as Case['place'],
      models: [t.model],
      orgTiers: t.orgTiers,
      orgTierCount: t.orgTiers.length,
      funding: [{ source: rng.pick(FUNDING), amountWan: t.fundingWan[0] ?? null, payer: null, quote: '', span: [0, 0] }],
      fundingMix: [],
      outcomes: [],
      scale: t.scale,
      problems: tagOf(vocab.problems),
      mechanisms: tagOf(vocab.mechanisms),
      actors: tagOf(vocab.actors),
      evidence: {},
      script: traditional ? 'traditional' : 'simplified',
      body,
      removed: [],
      flags: [],
      messages: [],
      origin: { file: `bench-${i}.txt`, format: 'txt', encoding: 'utf-8', sha256: '' },
      locked: [],
    })
  }
  return out
}

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}

const ms = (x: number) => x.toFixed(1)
const mb = (bytes: number) => (bytes / 1e6).toFixed(0)

export async function time(fn: () => unknown): Promise<number> {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

/**
 * An empty FTS5 table of passages (case id, search-normalised text) with the trigram tokenizer, in
 * `file`, and the statement that fills it. No journal, no syncs: a bench copy, rebuilt every run.
 */
export function fts5Passages(file: string): { db: Database.Database; insert: Database.Statement<[string, string]> } {
  const db = new Database(file)
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.exec("CREATE VIRTUAL TABLE p USING fts5(caseId UNINDEXED, norm, tokenize='trigram')")
  return { db, insert: db.prepare('INSERT INTO p (caseId, norm) VALUES (?, ?)') }
}

/** Latencies of QUERIES × REPEATS through `sqliteSearch`, after one warm-up round; closes the database. */
export async function sqliteLatencies(db: Database.Database): Promise<number[]> {
  const sq = sqliteSearch(db)
  for (const q of QUERIES) sq(q)
  const lat: number[] = []
  for (let r = 0; r < REPEATS; r++) for (const q of QUERIES) lat.push(await time(() => sq(q)))
  db.close()
  return lat
}

/** FTS5 with the trigram tokenizer: MATCH for terms of 3+ characters, LIKE (a scan) below that. */
export function sqliteSearch(db: Database.Database): (q: string) => unknown[] {
  const match = db.prepare('SELECT caseId, bm25(p) AS s FROM p WHERE p MATCH ? ORDER BY s LIMIT 60')
  const like = db.prepare('SELECT caseId FROM p WHERE norm LIKE ? LIMIT 60')
  return (q: string) => {
    const terms = searchNormal(q).split(/\s+/).filter(Boolean)
    if (terms.every((t) => [...t].length >= 3)) return match.all(terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR '))
    return like.all(`%${terms[0].replace(/[%_]/g, '')}%`)
  }
}

export async function run(): Promise<void> {
  console.log('## Index and search (LanceDB, offline lsa embedder) vs SQLite FTS5 trigram')
  for (const n of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-search-'))
    try {
      let t = performance.now()
      const cases = benchCases(n)
      const genS = (performance.now() - t) / 1000
      t = performance.now()
      const cpu = process.cpuUsage()
      const times = new StageTimes()
      const stats = await indexCases(cases, { uri: join(dir, 'lancedb'), provider: lsaProvider(), log: () => {}, times })
      const ingestS = (performance.now() - t) / 1000
      // CPU seconds beside wall time: on a shared machine wall time measures the neighbours too.
      const ingestCpu = process.cpuUsage(cpu).user / 1e6
      console.log(`\n### ${n} cases (${stats.passages} passages, generated in ${genS.toFixed(1)} s)`)
      console.log(
        `ingest: ${ingestS.toFixed(1)} s → ${(n / ingestS).toFixed(0)} cases/s (target ≥ 200); ` +
          `main-thread cpu ${ingestCpu.toFixed(1)} s → ${(n / ingestCpu).toFixed(0)} cases per cpu-s; lsa ${stats.embedder.dims}-d; load average ${loadavg()[0].toFixed(1)}`,
      )
      const s = times.seconds()
      console.log(`  train lsa + embed ${s.embed} s, table writes ${s.index} s, compaction + fts/vector/btree indexes ${s.compact} s`)

      const store = await openStore(join(dir, 'lancedb'), { refreshMs: 60_000 })
      const lat: Record<SearchOptions['mode'], number[]> = { fulltext: [], vector: [], hybrid: [] }
      t = performance.now()
      await store.search('小区')
      console.log(`first search (opens the store, loads the catalog): ${ms(performance.now() - t)} ms`)
      for (const mode of ['fulltext', 'vector', 'hybrid'] as const) {
        for (const q of QUERIES) await store.search(q, { mode })
        for (let r = 0; r < REPEATS; r++) for (const q of QUERIES) lat[mode].push(await time(() => store.search(q, { mode })))
      }
      store.close()

      t = performance.now()
      const { db: sqlite, insert } = fts5Passages(join(dir, 'fts5.db'))
      sqlite.transaction(() => {
        for (const c of cases) passagesOf(c).forEach((p, ord) => insert.run(c.id, searchNormal(passageText(c, p, ord))))
      })()
      const sqliteBuildS = (performance.now() - t) / 1000
      const sqLat = await sqliteLatencies(sqlite)

      console.log(`sqlite fts5 trigram build (text only, no vectors): ${sqliteBuildS.toFixed(1)} s`)
      console.log('engine | p50 ms | p95 ms | p95 vs sqlite')
      const s95 = pct(sqLat, 95)
      for (const mode of ['fulltext', 'vector', 'hybrid'] as const) {
        console.log(`lancedb ${mode} | ${ms(pct(lat[mode], 50))} | ${ms(pct(lat[mode], 95))} | ${(pct(lat[mode], 95) / s95).toFixed(2)}×`)
      }
      console.log(`sqlite fts5 trigram | ${ms(pct(sqLat, 50))} | ${ms(s95)} | 1.00×`)
      console.log(`hybrid p95 ${ms(pct(lat.hybrid, 95))} ms (target ≤ 50 at 100k); peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
