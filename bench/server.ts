/**
 * Bench section: the built web app (app/server, as `npm start` runs it) over a store of 10k
 * generated cases, loaded with autocannon on loopback in bounded runs. Requests/s and p50/p95
 * latency for the search page (rotating queries: Chinese, traditional, English, with and without
 * a facet filter) and the comparison page (rotating pairs and triples). Target: search p97.5 ≤ 100 ms
 * at 4 connections. The server opens its store when it starts (warmStore); the bench times the
 * first page right after start, then, once the server's background reads after start are done,
 * the server's CPU per search page (JavaScript and LanceDB's threads of every serving process,
 * from /proc): on a shared machine that figure moves less than latency does. The server runs as
 * `npm run serve` would (CASEBOOK_WORKERS: one serving process unless set).
 *
 * Then the dataset exports of every case (CSV, JSON), one at a time: time, size, and the server's
 * peak RSS growth while it streams them (target < 100 MB; read from /proc, so Linux only).
 *
 * Then the soak (issue 11): 4 connections searching for 60 s alone, then 60 s more with 10
 * uploads saved meanwhile. Targets: search p97.5 with uploads ≤ 2× without; every upload saved
 * and searchable; server RSS after the soak within 20% of before it.
 * Run alone with `npx tsx bench/server.ts` (BENCH_SERVER_CASES, BENCH_SERVER_SECONDS,
 * BENCH_SOAK_SECONDS override; BENCH_SERVER_NODE_OPTIONS gives the server process V8 flags, and only
 * it: the bench's own NODE_OPTIONS would tune autocannon too).
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import { indexCases, lsaProvider } from '../ingest/index/index.js'
import { freePort, SERVER_ARGS } from '../tests/helpers/app-server.js'
import { rssMb } from '../tests/security/helpers.js'
import { benchCases } from './search.js'

const ROOT = resolve(import.meta.dirname, '..')
const CASES = Number(process.env.BENCH_SERVER_CASES ?? 10_000)
const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 10)
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60)
const SOAK_UPLOADS = 10
// One reader alone, then a few people at once on a small intranet server (not a crowd).
const CONNECTIONS = [1, 4]

const QUERIES = ['物业', '五位一体', '停车难', '老旧小区 无物业', '網格化管理', '業委會', 'five-in-one', 'grid management', '加装电梯', '议事协商']
const FILTERS = ['', '&orgTierCount=3', '&fundingSource=government', '&year=2021']

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

interface Figures {
  requests: number
  rps: number
  p50: number
  p95: number
  p975: number
  errors: number
  /** p97.5 of the responses in the first and the second half of the run: a tail made by a server still warming sits in the first. */
  halves: [number, number]
  /** Server CPU (every serving process, every thread) per response during the run, ms. */
  cpu: number
}

function statFields(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
}

/** The server and its serving processes (CASEBOOK_WORKERS: node:cluster forks them). */
function processTree(pid: number): number[] {
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return Number(statFields(Number(name))[1]) === pid
      } catch {
        return false
      }
    })
  return [pid, ...children.flatMap((child) => processTree(Number(child)))]
}

/** CPU seconds (user + system, every thread) the server's processes have used so far. */
function cpuSeconds(pid: number): number {
  return processTree(pid).reduce((sum, p) => {
    const fields = statFields(p)
    return sum + (Number(fields[11]) + Number(fields[12])) / 100
  }, 0)
}

/** Waits until the server uses under 5% of a core for a whole second (at most 60 s); the ms waited. */
async function untilQuiet(pid: number): Promise<number> {
  const start = performance.now()
  let before = cpuSeconds(pid)
  while (performance.now() - start < 60_000) {
    await new Promise((r) => setTimeout(r, 1000))
    const now = cpuSeconds(pid)
    if (now - before < 0.05) break
    before = now
  }
  return Math.round(performance.now() - start)
}

/** Resident memory of the server's processes together, in MB. */
function rssOf(pids: number[]): number {
  return pids.reduce((sum, p) => sum + rssMb(p), 0)
}

/** One bounded autocannon run cycling through `paths`; latencies from every response. */
async function load(url: string, pid: number, paths: string[], connections: number, seconds = SECONDS): Promise<Figures> {
  const latencies: number[] = []
  const halves: [number[], number[]] = [[], []]
  let errors = 0
  let next = 0
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: paths[next++ % paths.length] }) }],
  })
  const start = performance.now()
  const cpu = cpuSeconds(pid)
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms)
    halves[performance.now() - start < (seconds * 1000) / 2 ? 0 : 1].push(ms)
    if (status !== 200) errors++
  })
  const result = await instance
  const used = cpuSeconds(pid) - cpu
  latencies.sort((a, b) => a - b)
  for (const half of halves) half.sort((a, b) => a - b)
  return {
    halves: [percentile(halves[0], 97.5), percentile(halves[1], 97.5)],
    cpu: latencies.length ? (used * 1000) / latencies.length : NaN,
    requests: latencies.length,
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p975: percentile(latencies, 97.5),
    errors: errors + result.errors,
  }
}

async function waitUntilUp(url: string, child: ReturnType<typeof spawn>, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output()}`)
    try {
      if ((await fetch(`${url}/packs`)).status === 200) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start: ${output()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Each export of every case, downloaded whole while the server's RSS is sampled every 20 ms. */
async function exports(url: string, pid: number): Promise<void> {
  console.log('export | cases | MB | seconds | server RSS before MB | peak MB | growth MB')
  for (const format of ['csv', 'json']) {
    const pids = processTree(pid)
    const before = rssOf(pids)
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pids))), 20)
    const t = performance.now()
    const body = await (await fetch(`${url}/export.${format}`)).text()
    const seconds = (performance.now() - t) / 1000
    clearInterval(sampler)
    peak = Math.max(peak, rssOf(pids))
    const rows = format === 'csv' ? body.trim().split('\r\n').length - 1 : (JSON.parse(body) as unknown[]).length
    console.log(`${format} | ${rows} | ${(Buffer.byteLength(body) / 1e6).toFixed(1)} | ${seconds.toFixed(1)} | ${before.toFixed(0)} | ${peak.toFixed(0)} | ${(peak - before).toFixed(0)}`)
  }
  console.log('target: RSS growth < 100 MB for each export')
}

export async function run(): Promise<void> {
  console.log(`## Web app under load (app/server, ${CASES} cases, autocannon on loopback, ${SECONDS} s per page and connection count)`)
  execFileSync(join(ROOT, 'node_modules/.bin/remix'), ['build'], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } })
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-server-'))
  const uri = join(dir, 'lancedb')
  let child: ReturnType<typeof spawn> | null = null
  try {
    const cases = benchCases(CASES)
    const t = performance.now()
    await indexCases(cases, { uri, provider: lsaProvider(), log: () => {} })
    console.log(`store: ${CASES} cases indexed in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    mkdirSync(join(dir, 'cases'))
    mkdirSync(join(dir, 'raw'))

    const port = await freePort()
    let output = ''
    child = spawn(process.execPath, SERVER_ARGS, {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? '', PORT: String(port), HOST: '127.0.0.1', LANCEDB_URI: uri, CASEBOOK_CASES: join(dir, 'cases'), CASEBOOK_RAW: join(dir, 'raw') },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child.stderr!.on('data', (chunk) => (output += chunk))
    // A server that dies mid-run would only show as refused requests: say why it died.
    child.once('exit', (code, signal) => code !== 0 && console.error(`server exited (code ${code}, signal ${signal}):\n${output.slice(-4000)}`))
    const url = `http://127.0.0.1:${port}`
    await waitUntilUp(url, child, () => output)

    const ids = cases.map((c) => c.id)
    const searchPaths = QUERIES.flatMap((q) => FILTERS.map((f) => `/?q=${encodeURIComponent(q)}${f}`))
    const comparePaths = Array.from({ length: 40 }, (_, i) => {
      const pick = (k: number) => ids[(i * 997 + k * 7919) % ids.length]
      return `/compare?ids=${(i % 2 ? [pick(1), pick(2)] : [pick(1), pick(2), pick(3)]).join(',')}`
    })
    const casePaths = Array.from({ length: 40 }, (_, i) => `/cases/${ids[(i * 1231) % ids.length]}`)
    // The server warms its store as it starts; the first page shows what is left for a reader.
    const first = performance.now()
    await (await fetch(`${url}${searchPaths[0]}`)).text()
    console.log(`first search page after start: ${(performance.now() - first).toFixed(0)} ms`)
    for (const path of searchPaths) await (await fetch(`${url}${path}`)).text()
    // The store's background reads after start (catalog, passage layout and text) would otherwise
    // fall into the measured pages: their CPU is the server's start, not a page's.
    console.log(`server quiet after ${await untilQuiet(child.pid!)} ms more`)
    const cpu = cpuSeconds(child.pid!)
    for (const path of searchPaths) await (await fetch(`${url}${path}`)).text()
    console.log(`server cpu per search page: ${(((cpuSeconds(child.pid!) - cpu) / searchPaths.length) * 1000).toFixed(1)} ms (JavaScript and LanceDB threads)`)
    // The loader's esbuild service runs beside them; the serving ones run the server's entry.
    const serving = processTree(child.pid!).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('main.server.ts')).length
    console.log(`serving processes: ${serving === 1 ? 1 : serving - 1} (CASEBOOK_WORKERS=${process.env.CASEBOOK_WORKERS ?? 'unset: one'})`)

    console.log('page | connections | requests | req/s | p50 ms | p95 ms | p97.5 ms (first / second half of the run) | non-200 | server CPU per response ms')
    const rows: [string, string[]][] = [
      ['search', searchPaths],
      ['compare', comparePaths],
      ['case', casePaths],
    ]
    let searchP975 = NaN
    for (const [name, paths] of rows) {
      for (const connections of CONNECTIONS) {
        const f = await load(url, child.pid!, paths, connections)
        if (name === 'search' && connections === 4) searchP975 = f.p975
        console.log(`${name} | ${connections} | ${f.requests} | ${f.rps.toFixed(1)} | ${f.p50.toFixed(0)} | ${f.p95.toFixed(0)} | ${f.p975.toFixed(0)} (${f.halves.map((h) => h.toFixed(0)).join(' / ')}) | ${f.errors} | ${f.cpu.toFixed(1)}`)
      }
    }
    const load1 = loadavg()[0]
    console.log(`search p97.5 at 4 connections: ${searchP975.toFixed(0)} ms (target ≤ 100); machine load average ${load1.toFixed(1)} during the run`)
    await exports(url, child.pid!)
    await soak(url, child.pid!, searchPaths)
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A report nobody has uploaded yet: its compound name is the word the soak searches for afterwards. */
function soakReport(i: number): { name: string; text: string; word: string } {
  const word = `试验${'甲乙丙丁戊己庚辛壬癸'[i]}苑`
  const text = `${word}小区议事协商加装电梯\n\n${word}小区共有${120 + i}户居民，${i + 2}号楼居民通过议事会协商加装电梯，业委会牵头，财政补助${10 + i}万元，居民按楼层分摊其余费用。`
  return { name: `soak_${i}.txt`, text, word }
}

/** The form token of a fresh browser session: its cookie and the hidden field of the upload form. */
async function session(url: string): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${url}/upload`)
  return { cookie: (page.headers.get('Set-Cookie') ?? '').split(';')[0], csrf: /name="_csrf" value="([0-9a-f]*)"/.exec(await page.text())?.[1] ?? '' }
}

async function upload(url: string, i: number): Promise<{ ok: boolean; ms: number }> {
  const { cookie, csrf } = await session(url)
  const report = soakReport(i)
  const form = new FormData()
  form.set('_csrf', csrf)
  form.set('intent', 'save')
  form.set('file', new File([report.text], report.name))
  const started = performance.now()
  const response = await fetch(`${url}/upload`, { method: 'POST', body: form, redirect: 'manual', headers: { Cookie: cookie, Origin: url } })
  return { ok: response.status === 302, ms: performance.now() - started }
}

/** Search load alone, then with uploads: p97.5 of both, uploads kept, server memory before and after. */
async function soak(url: string, pid: number, searchPaths: string[]): Promise<void> {
  console.log(`\n### Soak: ${SOAK_UPLOADS} uploads during ${SOAK_SECONDS} s of 4-connection search load`)
  const alone = await load(url, pid, searchPaths, 4, SOAK_SECONDS)
  const pids = processTree(pid)
  const before = rssOf(pids)
  const uploads: Promise<{ ok: boolean; ms: number }>[] = []
  const timer = setInterval(() => {
    if (uploads.length < SOAK_UPLOADS) uploads.push(upload(url, uploads.length))
  }, (SOAK_SECONDS * 1000 * 0.8) / SOAK_UPLOADS)
  const during = await load(url, pid, searchPaths, 4, SOAK_SECONDS)
  clearInterval(timer)
  const results = await Promise.all(uploads)
  // Uploads are searchable once their build is in (the app looks for a newer build every 5 s).
  await new Promise((r) => setTimeout(r, 6000))
  let found = 0
  for (let i = 0; i < results.length; i++) {
    const page = await (await fetch(`${url}/?q=${encodeURIComponent(soakReport(i).word)}`)).text()
    if (page.includes(`/cases/soak_${i}`)) found++
  }
  const after = rssOf(pids)
  const slowest = results.reduce((m, r) => Math.max(m, r.ms), 0)
  console.log('search, 4 connections | requests | req/s | p50 ms | p97.5 ms (first / second half) | non-200')
  for (const [name, f] of [['alone', alone], ['with uploads', during]] as const) {
    console.log(`${name} | ${f.requests} | ${f.rps.toFixed(1)} | ${f.p50.toFixed(0)} | ${f.p975.toFixed(0)} (${f.halves.map((h) => h.toFixed(0)).join(' / ')}) | ${f.errors}`)
  }
  const ratio = during.p975 / alone.p975
  console.log(`search p97.5 with uploads / alone: ${ratio.toFixed(2)} (target ≤ 2)`)
  console.log(`uploads: ${results.filter((r) => r.ok).length}/${SOAK_UPLOADS} saved, ${found}/${SOAK_UPLOADS} searchable after; slowest ${slowest.toFixed(0)} ms`)
  console.log(`server RSS: ${before.toFixed(0)} MB before the uploads, ${after.toFixed(0)} MB after (${(((after - before) / before) * 100).toFixed(1)}%; target within 20%)`)
  console.log(`machine load average ${loadavg()[0].toFixed(1)} at the end`)
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
}
