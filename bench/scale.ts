/**
 * Bench section `scale` (not in `npm run bench` without its name: it needs hours and tens of GB):
 * BENCH_SCALE_N generated reports (default 1,000,000) through the real CLI, end to end.
 *
 * 1. `casebook synth` writes the reports to disk one at a time (never all in memory).
 * 2. `casebook ingest --json` in a child process, started as `npm run -s casebook` starts it (its
 *    bundle, V8 flag and malloc tunables), so the figures are the ones a user gets: read, clean,
 *    extract, case files, embed, index.
 *    The whole process tree's resident memory is sampled every 0.5 s (worker threads are inside
 *    the process; the sum covers any child it starts): peak RSS, target ≤ 4 GB.
 * 3. A second child opens the store and times hybrid, full-text and vector searches (22 queries ×
 *    5 repeats each, after one warm-up round), beside SQLite FTS5 (trigram) built from the same
 *    passages. Target: hybrid p95 ≤ 100 ms.
 *
 * `npm run bench -- scale`; BENCH_SCALE_N=100000 for a shorter run; BENCH_SCALE_DIR to keep the
 * data somewhere other than the system temp dir (it is deleted at the end unless BENCH_SCALE_KEEP=1).
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { openStore, type SearchOptions } from '../ingest/search/index.js'
import { connect } from '../ingest/index/lancedb.js'
import { TABLES } from '../ingest/index/layout.js'
import type { IngestSummary } from '../ingest/cli/ingest.js'
import { fts5Passages, pct, QUERIES, REPEATS, sqliteLatencies, time } from './search.js'

const ROOT = resolve(import.meta.dirname, '..')
const N = Number(process.env.BENCH_SCALE_N ?? 1_000_000)
/** Disk a report needs on the way: raw file, case file, store rows and indexes, SQLite copy (measured at 10k: ~25 KB). */
const BYTES_PER_REPORT = 40_000

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
function treeRss(root: number): number {
  const children = new Map<number, number[]>()
  let total = 0
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const list = children.get(ppid) ?? []
      list.push(Number(name))
      children.set(ppid, list)
    } catch {
      // gone meanwhile
    }
  }
  const walk = (pid: number) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      total += kb * 1024
    } catch {
      return
    }
    for (const c of children.get(pid) ?? []) walk(c)
  }
  walk(root)
  return total
}

/** Runs a command in a child, sampling its tree's memory; stdout returned, stderr passed through. */
async function child(command: string, args: string[], label: string): Promise<{ stdout: string; seconds: number; peakRss: number }> {
  const started = performance.now()
  const proc = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let stdout = ''
  proc.stdout.on('data', (d) => (stdout += d))
  let peakRss = 0
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(proc.pid!))), 500)
  const code = await new Promise<number | null>((r) => proc.on('exit', r))
  clearInterval(sampler)
  if (code !== 0) throw new Error(`${label} exited with ${code}: ${stdout.slice(-2000)}`)
  return { stdout, seconds: (performance.now() - started) / 1000, peakRss }
}

interface Latencies {
  firstSearchMs: number
  modes: Record<SearchOptions['mode'], number[]>
  /** Each mode's slowest queries: [query, median ms over the repeats], slowest first. */
  slowest: Record<SearchOptions['mode'], [string, number][]>
  sqlite: number[]
  sqliteBuildS: number
  passages: number
}

/** The search child: latencies over the store at `dir`, then SQLite FTS5 over the same passages. */
async function searchChild(dir: string): Promise<void> {
  const uri = join(dir, 'lancedb')
  const store = await openStore(uri, { refreshMs: 3_600_000 })
  let t = performance.now()
  await store.search('小区')
  const firstSearchMs = performance.now() - t
  const modes: Latencies['modes'] = { fulltext: [], vector: [], hybrid: [] }
  const slowest: Latencies['slowest'] = { fulltext: [], vector: [], hybrid: [] }
  for (const mode of ['fulltext', 'vector', 'hybrid'] as const) {
    for (const q of QUERIES) await store.search(q, { mode })
    const byQuery = new Map<string, number[]>(QUERIES.map((q) => [q, []]))
    for (let r = 0; r < REPEATS; r++) {
      for (const q of QUERIES) {
        const ms = await time(() => store.search(q, { mode }))
        modes[mode].push(ms)
        byQuery.get(q)!.push(ms)
      }
    }
    slowest[mode] = [...byQuery].map(([q, ms]) => [q, pct(ms, 50)] as [string, number]).sort((a, b) => b[1] - a[1]).slice(0, 4)
  }
  const passages = (await store.info()).passages
  store.close()

  t = performance.now()
  const { db: sqlite, insert } = fts5Passages(join(dir, 'fts5.db'))
  // The same passages as the store, streamed out of it a batch at a time.
  const db = await connect(uri)
  const table = await db.openTable(TABLES.passages)
  for await (const batch of table.query().select(['caseId', 'norm'])) {
    const ids = batch.getChild('caseId')!
    const norms = batch.getChild('norm')!
    sqlite.transaction(() => {
      for (let i = 0; i < batch.numRows; i++) insert.run(ids.get(i), norms.get(i))
    })()
  }
  db.close()
  const sqliteBuildS = (performance.now() - t) / 1000
  const lat = await sqliteLatencies(sqlite)
  const out: Latencies = { firstSearchMs, modes, slowest, sqlite: lat, sqliteBuildS, passages }
  process.stdout.write(JSON.stringify(out))
}

export async function run(): Promise<void> {
  const base = process.env.BENCH_SCALE_DIR ?? tmpdir()
  mkdirSync(base, { recursive: true })
  const fs = statfsSync(base)
  const free = fs.bavail * fs.bsize
  console.log(`## Scale: ${N} generated reports end to end (synth → ingest CLI → search), ${mb(free)} free in ${base}`)
  if (free < N * BYTES_PER_REPORT) {
    console.log(`not run: needs ~${mb(N * BYTES_PER_REPORT)} of disk (set BENCH_SCALE_N lower or BENCH_SCALE_DIR elsewhere)`)
    return
  }
  const dir = mkdtempSync(join(base, 'casebook-scale-'))
  const casebook = (...args: string[]) => ['run', '-s', 'casebook', '--', ...args]
  try {
    const synth = await child('npm', casebook('synth', '--n', String(N), '--out', join(dir, 'raw')), 'synth')
    console.log(`synth: ${N} reports written in ${synth.seconds.toFixed(0)} s (peak RSS ${mb(synth.peakRss)})`)

    const load = loadavg()[0]
    const ingest = await child('npm', casebook('ingest', '--corpus', join(dir, 'raw'), '--cases', join(dir, 'cases'), '--db', join(dir, 'lancedb'), '--embedder', 'lsa', '--json'), 'ingest')
    const s = JSON.parse(ingest.stdout) as IngestSummary
    console.log(
      `ingest: ${(N / ingest.seconds).toFixed(0)} reports/s end to end (${ingest.seconds.toFixed(0)} s with process start; ` +
        `load average ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}); ${s.index.cases} cases, ${s.index.passages} passages; ${s.counts.failed} failed`,
    )
    console.log(`  stages (s): ${Object.entries(s.seconds).map(([k, v]) => `${k} ${v}`).join(', ')} (read … write summed over ${s.workers} workers)`)
    console.log(`  peak RSS of the ingest process tree: ${mb(ingest.peakRss)} (target ≤ 4000 MB)`)

    const search = await child(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/scale.ts'), 'search-child', dir], 'search')
    const l = JSON.parse(search.stdout) as Latencies
    console.log(`search: first search after opening ${l.firstSearchMs.toFixed(0)} ms; sqlite fts5 build ${l.sqliteBuildS.toFixed(0)} s; peak RSS of the search process ${mb(search.peakRss)}`)
    console.log(`engine at ${N} reports (${l.passages} passages) | p50 ms | p95 ms`)
    for (const mode of ['hybrid', 'fulltext', 'vector'] as const) console.log(`lancedb ${mode} | ${pct(l.modes[mode], 50).toFixed(1)} | ${pct(l.modes[mode], 95).toFixed(1)}`)
    for (const mode of ['hybrid', 'fulltext', 'vector'] as const) console.log(`slowest ${mode} (median ms): ${l.slowest[mode].map(([q, ms]) => `${q} ${ms.toFixed(0)}`).join(', ')}`)
    console.log(`sqlite fts5 trigram | ${pct(l.sqlite, 50).toFixed(1)} | ${pct(l.sqlite, 95).toFixed(1)}`)
    console.log(`hybrid p95 ${pct(l.modes.hybrid, 95).toFixed(1)} ms (target ≤ 100)`)
  } finally {
    if (process.env.BENCH_SCALE_KEEP !== '1') rmSync(dir, { recursive: true, force: true })
    else console.log(`kept: ${dir}`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === 'search-child') await searchChild(process.argv[3])
  else await run()
}
