/**
 * CPU a page, in process: a built app's request handler (build/index.js of `--root`, default this
 * tree) over a 10k-case store, no HTTP and no load generator sharing the cores. The server bench's
 * "CPU per search page" swings by ±5 ms between runs on this shared machine; alternating two builds
 * here, each in a fresh process, compares them in one session (bench/README "Ninth pass").
 *
 *   npx tsx bench/page-cpu.ts --store DIR [--root DIR] [--http [--load SECONDS] [--node-flags=FLAGS]] [--out DIR] [--profile FILE] [--heap FILE] [--per-page]
 *
 * The store is built into DIR (the server bench's 10k generated cases) when DIR does not exist, so
 * both builds read the same one. Per run: the server's warm-up, the 40 bench search pages twice,
 * a wait until the process is quiet, three measured passes, then 40 searches the process has never
 * seen (the bench's 4 filters × 10 other queries), ten "cases like mine" pages, then the bench's
 * 40 case pages (one warm pass, two measured). ms of CPU a page: the whole process (every thread:
 * LanceDB's too) and the main thread alone. `--out` writes each page's markup (the last measured
 * passes, the unseen and "like" searches) for diffing builds; `--profile FILE` writes a CPU
 * profile of the measured search passes, and FILE.case of the case pages'; `--heap FILE` a sampling
 * heap profile of the same passes (Chrome's .heapprofile: what the pages allocate, by function,
 * garbage included, since allocation is what the young generation's collections cost).
 * `--per-page` lists each of the 40 search paths' CPU and wall time over the measured passes,
 * costliest first: which queries make a load run's tail.
 * `--http` runs the server instead (`npm run serve`'s entry, one process) and fetches the pages
 * over loopback one at a time, counting the server process's CPU: what the server bench's "CPU per
 * search page" counts, express and node's HTTP included (`--profile` is then a directory for the
 * server's `--cpu-prof`, written when it exits: every page, warm-up included). With it, `--load
 * SECONDS` ends the run with the server bench's 4-connection search load instead of the "like" and
 * case pages (see underLoad), and `--node-flags="…"` starts the server with those V8 flags instead of `npm run serve`'s.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Session } from 'node:inspector/promises'
import { parseArgs } from 'node:util'
import { indexCases, lsaProvider } from '../ingest/index/index.js'
import { benchCases } from './search.js'
import { SERVER_NODE_FLAGS } from '../tests/helpers/app-server.js'

const { values: args } = parseArgs({
  options: {
    store: { type: 'string' },
    root: { type: 'string', default: resolve(import.meta.dirname, '..') },
    out: { type: 'string' },
    profile: { type: 'string' },
    heap: { type: 'string' },
    cases: { type: 'string', default: '10000' },
    http: { type: 'boolean', default: false },
    'per-page': { type: 'boolean', default: false },
    load: { type: 'string' },
    'node-flags': { type: 'string', default: '' },
  },
})
if (!args.store) throw new Error('--store DIR is required')
if ((args.load || args['node-flags']) && !args.http) throw new Error('--load and --node-flags need --http')
const CASES = Number(args.cases)

// The server bench's rotation, and 10 queries it never asks (a need said colloquially among them).
const QUERIES = ['物业', '五位一体', '停车难', '老旧小区 无物业', '網格化管理', '業委會', 'five-in-one', 'grid management', '加装电梯', '议事协商']
const UNSEEN = ['垃圾分类', '红色物业', '楼道 党小组', '社区基金', '物管会', '老年人', '停車位', 'elevator installation', '小区没人管', '业主 矛盾']
// "Cases like mine" descriptions (mode=like), for the markup check of alike()'s ranking.
const LIKE = ['小区没人管，老人多，约300户', '老旧小区加装电梯，居民意见不一', '停车难，楼道堆物，约120户', '业委会和物业矛盾多', '无物业，垃圾乱堆']
const FILTERS = ['', '&orgTierCount=3', '&fundingSource=government', '&year=2021']
const paths = (queries: string[]) => queries.flatMap((q) => FILTERS.map((f) => `/?q=${encodeURIComponent(q)}${f}`))

const store = resolve(args.store)
const uri = join(store, 'lancedb')
const cases = benchCases(CASES)
if (!existsSync(uri)) {
  mkdirSync(store, { recursive: true })
  const t = performance.now()
  await indexCases(cases, { uri, provider: lsaProvider(), log: () => {} })
  console.log(`store: ${CASES} cases indexed in ${((performance.now() - t) / 1000).toFixed(1)} s`)
}
const scratch = mkdtempSync(join(tmpdir(), 'casebook-page-cpu-'))
Object.assign(process.env, {
  NODE_ENV: 'production',
  LANCEDB_URI: uri,
  CASEBOOK_CASES: join(scratch, 'cases'),
  CASEBOOK_RAW: join(scratch, 'raw'),
  // One form-token key for every run, so two builds' pages can be compared byte for byte.
  CASEBOOK_SECRET: '0'.repeat(64),
})

const root = resolve(args.root)
process.chdir(root)

/** CPU ms a process has used so far: every thread, and its main thread alone (Linux /proc). */
function cpuOf(pid: number): { all: number; main: number } {
  const ticks = (stat: string) => {
    const f = stat.split(') ')[1].split(' ')
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100
  }
  return { all: ticks(readFileSync(`/proc/${pid}/stat`, 'utf8')), main: ticks(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')) }
}

let page: (path: string) => Promise<string>
/** `--load`: the server's --trace-gc-nvp lines, and when it was spawned (the trace counts from its start). */
const gcTrace: string[] = []
let spawnedAt = 0
let cpu: () => { all: number; main: number }
let stop = async () => {}
if (args.http) {
  const port = 3900 + Math.floor(Math.random() * 1000)
  const child = spawn(process.execPath, [...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args.profile)}`] : []), ...(args.load ? ['--trace-gc-nvp'] : []), ...(args['node-flags'] ? args['node-flags'].split(' ').filter(Boolean) : SERVER_NODE_FLAGS), '--import', 'tsx', join(root, 'app/server/main.server.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', args.load ? 'pipe' : 'ignore', 'inherit'],
  })
  spawnedAt = performance.now()
  child.stdout?.on('data', (chunk: Buffer) => gcTrace.push(...chunk.toString().split('\n').filter((line) => line.includes(' ms: '))))
  const url = `http://127.0.0.1:${port}`
  page = async (path) => {
    const response = await fetch(`${url}${path}`, { headers: { Cookie: `casebook_csrf=${'0'.repeat(32)}` } })
    const body = await response.text()
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`)
    return body
  }
  cpu = () => cpuOf(child.pid!)
  stop = async () => {
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/packs`)).status === 200) break
    } catch {
      if (i > 300) throw new Error('the server did not start')
      await new Promise((r) => setTimeout(r, 200))
    }
  }
} else {
  const { createRequestHandler } = await import('@remix-run/node')
  const build = await import(pathToFileURL(join(root, 'build/index.js')).href)
  const handle = createRequestHandler(build, 'production')
  const context = { nonce: 'bench', csrf: '0'.repeat(32) }
  page = async (path) => {
    const response = await handle(new Request(`http://127.0.0.1:3000${path}`), context)
    const body = await response.text()
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`)
    return body
  }
  // process.cpuUsage: microseconds, where /proc counts 10 ms ticks.
  cpu = () => {
    const usage = process.cpuUsage()
    return { all: (usage.user + usage.system) / 1000, main: cpuOf(process.pid).main }
  }
  await build.entry.module.warmStore?.()
}

/** Per search path over the measured passes: CPU (all threads, main thread) and wall ms, summed. */
const perPage = new Map<string, { all: number; main: number; wall: number; n: number }>()
async function measure(label: string, list: string[], keep?: (path: string, html: string) => void, each?: typeof perPage): Promise<void> {
  const before = cpu()
  for (const path of list) {
    const start = each && { cpu: cpu(), wall: performance.now() }
    const html = await page(path)
    if (start) {
      const end = cpu()
      const sum = each!.get(path) ?? { all: 0, main: 0, wall: 0, n: 0 }
      each!.set(path, { all: sum.all + end.all - start.cpu.all, main: sum.main + end.main - start.cpu.main, wall: sum.wall + performance.now() - start.wall, n: sum.n + 1 })
    }
    keep?.(path, html)
  }
  const after = cpu()
  const per = (k: 'all' | 'main') => ((after[k] - before[k]) / list.length).toFixed(1)
  console.log(`${label} | ${list.length} | ${per('all')} | ${per('main')} | ${loadavg()[0].toFixed(1)}`)
}

/**
 * `--load SECONDS` (with --http): the server bench's 4-connection search run (one rotation shared by
 * the connections, so the 4 filters of one query are in flight together), each response's latency
 * kept with its path, and the server's GC pauses (--trace-gc-nvp) in the same window: which queries
 * make the tail, and whether collections line up with the slow responses.
 */
async function underLoad(seconds: number): Promise<void> {
  const rotation = paths(QUERIES)
  const done: { path: string; start: number; ms: number }[] = []
  let next = 0
  const until = performance.now() + seconds * 1000
  const before = cpu()
  const from = performance.now()
  gcTrace.length = 0
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (performance.now() < until) {
        const path = rotation[next++ % rotation.length]
        const start = performance.now()
        await page(path)
        done.push({ path, start, ms: performance.now() - start })
      }
    }),
  )
  const wall = performance.now() - from
  const sorted = done.map((d) => d.ms).sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
  const p975 = at(97.5)
  const used = cpu()
  // One JavaScript thread serves every page: near 100% of the run it is the limit, well under it the cores are.
  console.log(`load: ${done.length} pages in ${(wall / 1000).toFixed(1)} s (${((done.length / wall) * 1000).toFixed(1)}/s), p50 ${at(50).toFixed(0)} ms, p97.5 ${p975.toFixed(0)} ms, server CPU ${((used.all - before.all) / done.length).toFixed(1)} ms a page (main thread ${((used.main - before.main) / done.length).toFixed(1)}, busy ${(((used.main - before.main) / wall) * 100).toFixed(0)}% of the run)`)
  const byQuery = new Map<string, number[]>()
  for (const d of done) {
    const q = decodeURIComponent(d.path.replace(/&.*/, '').slice(4))
    byQuery.set(q, [...(byQuery.get(q) ?? []), d.ms])
  }
  console.log('query (4 filters) | pages | p50 ms | max ms | of the slowest 2.5%')
  for (const [q, ms] of [...byQuery].sort((a, b) => b[1].reduce((x, y) => x + y, 0) / b[1].length - a[1].reduce((x, y) => x + y, 0) / a[1].length)) {
    ms.sort((a, b) => a - b)
    console.log(`${q} | ${ms.length} | ${ms[Math.floor(ms.length / 2)].toFixed(0)} | ${ms[ms.length - 1].toFixed(0)} | ${ms.filter((m) => m >= p975).length}`)
  }
  // Trace lines: "[pid:0x…]   12345 ms: pause=6.1 mutator=5.3 gc=s … promoted=123456 …" (one per
  // collection; gc=s a scavenge, mc a mark-compact, ms a minor mark-sweep). What survives two
  // scavenges is promoted: data a page keeps past the next pages (caches, timers) ends up in the
  // old generation, which the mark-compacts then collect.
  const KINDS: Record<string, string> = { s: 'Scavenge', mc: 'Mark-Compact', ms: 'Minor Mark-Sweep', mmc: 'Minor Mark-Compact' }
  const pauses = gcTrace.flatMap((line) => {
    const at = line.match(/\s([\d.]+) ms: pause=([\d.]+)/)
    const kind = line.match(/ gc=(\w+)/)?.[1]
    if (!at || !kind) return []
    return [{ at: Number(at[1]) + spawnedAt, kind: KINDS[kind] ?? kind, ms: Number(at[2]), promoted: Number(line.match(/ promoted=(\d+)/)?.[1] ?? 0) }]
  }).filter((p) => p.at >= from && p.at <= from + wall)
  const slow = done.filter((d) => d.ms >= p975)
  const inside = (d: { start: number; ms: number }) => pauses.filter((p) => p.at >= d.start && p.at <= d.start + d.ms)
  const sum = (list: { ms: number }[]) => list.reduce((t, p) => t + p.ms, 0)
  for (const kind of new Set(pauses.map((p) => p.kind))) {
    const of = pauses.filter((p) => p.kind === kind)
    console.log(`gc: ${of.length} ${kind}, ${sum(of).toFixed(0)} ms of pauses in the window (${((sum(of) / wall) * 100).toFixed(1)}% of it), longest ${Math.max(...of.map((p) => p.ms)).toFixed(1)} ms`)
  }
  console.log(`gc: ${(pauses.reduce((t, p) => t + p.promoted, 0) / 1024 / done.length).toFixed(0)} KB promoted a page`)
  const gcIn = (list: typeof done) => (list.length ? sum(list.flatMap(inside)) / list.length : 0)
  console.log(`gc pause ms inside a response (start-up offset ±50 ms): slowest 2.5% ${gcIn(slow).toFixed(1)}, all ${gcIn(done).toFixed(1)}`)
}

async function quiet(): Promise<void> {
  let before = cpu().all
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 1000))
    const now = cpu().all
    if (now - before < 50) return
    before = now
  }
}

const pages = new Map<string, string>()
const keep = (path: string, html: string) => pages.set(path, html)
const ids = cases.map((c) => c.id)
const casePaths = Array.from({ length: 40 }, (_, i) => `/cases/${ids[(i * 1231) % ids.length]}`)

for (let i = 0; i < 2; i++) for (const path of paths(QUERIES)) await page(path)
await quiet()
console.log(`build ${root}`)
console.log('pages | n | ms CPU a page (all threads) | main thread | load')
/** A CPU profile of `run` written to `file` (in process only: the server profiles itself). */
async function profiled(file: string | undefined, run: () => Promise<void>): Promise<void> {
  if (!file || args.http) return run()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  await run()
  const { profile } = await session.post('Profiler.stop')
  writeFileSync(file, JSON.stringify(profile))
  session.disconnect()
}
/** A sampling heap profile of `run` written to `file`: what a page allocates, by function (in process only). */
async function allocations(file: string | undefined, run: () => Promise<void>): Promise<void> {
  if (!file || args.http) return run()
  const session = new Session()
  session.connect()
  await session.post('HeapProfiler.enable')
  // Every 4 KB allocated, and objects a GC already freed kept: a page's garbage is what GC costs.
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
  await run()
  const { profile } = await session.post('HeapProfiler.stopSampling')
  writeFileSync(file, JSON.stringify(profile))
  session.disconnect()
}
await allocations(args.heap, () =>
  profiled(args.profile, async () => {
    for (let pass = 1; pass <= 3; pass++) await measure(`search, pass ${pass}`, paths(QUERIES), pass === 3 ? keep : undefined, args['per-page'] ? perPage : undefined)
  }),
)
if (args['per-page']) {
  // The main thread's figure is /proc's 10 ms ticks: read it over the three passes, not one page.
  console.log('path | ms CPU (all threads) | main thread | wall ms, means of 3 passes')
  for (const [path, s] of [...perPage].sort((a, b) => b[1].all - a[1].all)) {
    console.log(`${decodeURIComponent(path)} | ${(s.all / s.n).toFixed(1)} | ${(s.main / s.n).toFixed(1)} | ${(s.wall / s.n).toFixed(1)}`)
  }
}
await measure('search, never seen', paths(UNSEEN), keep)
if (args.load && args.http) {
  await underLoad(Number(args.load))
  await stop()
  process.exit(0)
}
await measure('like, never seen', LIKE.flatMap((q) => [`/?mode=like&q=${encodeURIComponent(q)}`, `/?mode=like&q=${encodeURIComponent(q)}&year=2021`]), keep)
await measure('case, warm', casePaths)
await profiled(args.profile && `${args.profile}.case`, async () => {
  for (let pass = 1; pass <= 2; pass++) await measure(`case, pass ${pass}`, casePaths, pass === 2 ? keep : undefined)
})
if (args.out) {
  mkdirSync(args.out, { recursive: true })
  for (const [i, [path, html]] of [...pages].entries()) writeFileSync(join(args.out, `${String(i).padStart(2, '0')}.html`), `${path}\n${html}`)
}
await stop()
process.exit(0)
