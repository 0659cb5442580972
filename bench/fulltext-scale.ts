/**
 * Full-text cost at a size the machine cannot ingest in an hour: the passages of a store built by
 * the CLI (their text and bigram shares: the scale corpus), copied BENCH_FTS_COPIES times into a
 * passages-only table with the store's full-text index (`casebook synth --n 30000` + `ingest`
 * gives 90k passages; 35 copies ≈ the 3M passages of 1M reports). Each bench query asks what
 * the store would ask at that size — its planned bigrams and its paraphrases' — both at once, as
 * `search` does: one cold round, then BENCH_FTS_ROUNDS warm ones, round robin.
 *
 *   BENCH_FTS_STORE=DIR/lancedb BENCH_FTS_DIR=DIR/fts BENCH_FTS_COPIES=35 npx tsx bench/fulltext-scale.ts
 *
 * The table is kept in BENCH_FTS_DIR and reused. BENCH_FTS_PLANNER names another planner module
 * (e.g. an older bigrams.ts from `git show`) to compare against in the same session.
 */
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { connect, lancedb, type Table } from '../ingest/index/lancedb.js'
import { TABLES } from '../ingest/index/layout.js'
import { latestPointer, openTableIfAny } from '../ingest/index/meta.js'
import { FTS_OPTIONS } from '../ingest/index/write.js'
import { cjkBigrams, PIECE_SEPARATOR, POSTINGS_BUDGET, type BigramStats } from '../ingest/search/bigrams.js'
import { prepareQuery } from '../ingest/search/query.js'
import { pct, QUERIES } from './search.js'

type Planner = (text: string, stats: BigramStats | null, budget?: number, skip?: ReadonlySet<string>) => string

const STORE = process.env.BENCH_FTS_STORE
const DIR = process.env.BENCH_FTS_DIR
const COPIES = Number(process.env.BENCH_FTS_COPIES ?? 35)
const ROUNDS = Number(process.env.BENCH_FTS_ROUNDS ?? 5)
const K = 60

async function copies(store: string, dir: string): Promise<{ table: Table; shares: Map<string, number> }> {
  const db = await connect(store)
  const pointer = (await latestPointer((await openTableIfAny(db, TABLES.meta))!))!
  if (!pointer.bigramShares?.length) throw new Error(`${store} records no bigram shares (under 1,000 passages?)`)
  const shares = new Map(pointer.bigramShares)
  const out = await connect(dir)
  if (existsSync(resolve(dir, 'passages.lance'))) return { table: await out.openTable('passages'), shares }
  const passages = await db.openTable(TABLES.passages)
  await passages.checkout(pointer.passagesVersion)
  const rows = (await passages.query().select(['caseId', 'ord', 'norm']).toArray()).map((r) => ({ caseId: String(r.caseId), ord: Number(r.ord), norm: String(r.norm) }))
  let table: Table | null = null
  for (let c = 0; c < COPIES; c++) {
    const batch = rows.map((r) => ({ ...r, caseId: `${r.caseId}~${c}` }))
    if (!table) table = await out.createTable('passages', batch)
    else await table.add(batch)
  }
  await table!.optimize()
  await table!.createIndex('norm', { config: lancedb.Index.fts(FTS_OPTIONS), replace: true })
  return { table: table!, shares }
}

export async function run(): Promise<void> {
  if (!STORE || !DIR) {
    console.log('## Full-text at scale: not run (set BENCH_FTS_STORE to a CLI-built store and BENCH_FTS_DIR)')
    return
  }
  const planner = process.env.BENCH_FTS_PLANNER
  const fulltextQuery = ((await import(planner ? pathToFileURL(resolve(planner)).href : '../ingest/search/bigrams.js')) as { fulltextQuery: Planner }).fulltextQuery
  let t = performance.now()
  const { table, shares } = await copies(STORE, DIR)
  const passages = await table.countRows()
  const stats = { passages, shares }
  console.log(`## Full-text at scale: ${passages} passages (${((performance.now() - t) / 1000).toFixed(0)} s to open or build), planner ${planner ?? 'ingest/search/bigrams.ts'}, load average ${loadavg()[0].toFixed(1)}`)
  const ask = (terms: string) =>
    terms ? table.query().fullTextSearch(new lancedb.MatchQuery(terms, 'norm')).select(['caseId', '_score']).withRowId().limit(K).toArray() : Promise.resolve([])
  const planned = QUERIES.map((text) => {
    const q = prepareQuery(text)
    const typed = fulltextQuery(q.fulltext, stats)
    const paraphrase = q.paraphrases ? fulltextQuery(q.paraphrases, stats, POSTINGS_BUDGET / 2, new Set(cjkBigrams(q.fulltext))) : ''
    return { text, typed, paraphrase }
  })
  const ms = new Map<string, number[]>(QUERIES.map((q) => [q, []]))
  for (let r = 0; r <= ROUNDS; r++) {
    for (const p of planned) {
      t = performance.now()
      await Promise.all([ask(p.typed), ask(p.paraphrase)])
      ms.get(p.text)!.push(performance.now() - t)
    }
  }
  const postings = (terms: string) => terms.split(PIECE_SEPARATOR).filter(Boolean).map((b) => Math.round((shares.get(b) ?? 0.001) * passages))
  console.log('query | typed bigrams | paraphrase bigrams | cold ms | warm p50 ms')
  for (const p of planned) {
    const [cold, ...warm] = ms.get(p.text)!
    const show = (terms: string) => terms.split(PIECE_SEPARATOR).filter(Boolean).map((b, i) => `${b} ${(postings(terms)[i] / 1000).toFixed(0)}k`).join(', ')
    console.log(`${p.text} | ${show(p.typed)} | ${show(p.paraphrase) || '—'} | ${cold.toFixed(0)} | ${pct(warm, 50).toFixed(0)}`)
  }
  const warm = [...ms.values()].flatMap(([, ...w]) => w)
  const cold = [...ms.values()].map(([c]) => c)
  console.log(`all queries: cold p50/p95 ${pct(cold, 50).toFixed(0)} / ${pct(cold, 95).toFixed(0)} ms; warm p50/p95 ${pct(warm, 50).toFixed(1)} / ${pct(warm, 95).toFixed(1)} ms; load average ${loadavg()[0].toFixed(1)}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
