/**
 * Bench section: the built web app (remix-serve) over a store of 10k generated cases, loaded with
 * autocannon on loopback in bounded runs. Requests/s and p50/p95 latency for the search page
 * (rotating queries: Chinese, traditional, English, with and without a facet filter) and the
 * comparison page (rotating pairs and triples). Target: search p95 ≤ 150 ms.
 * Run alone with `npx tsx bench/server.ts` (BENCH_SERVER_CASES, BENCH_SERVER_SECONDS override).
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import { indexCases, lsaProvider } from '../ingest/index/index.js'
import { freePort } from '../tests/helpers/app-server.js'
import { benchCases } from './search.js'

const ROOT = resolve(import.meta.dirname, '..')
const CASES = Number(process.env.BENCH_SERVER_CASES ?? 10_000)
const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 10)
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
  errors: number
}

/** One bounded autocannon run cycling through `paths`; latencies from every response. */
async function load(url: string, paths: string[], connections: number): Promise<Figures> {
  const latencies: number[] = []
  let errors = 0
  let next = 0
  const instance = autocannon({
    url,
    connections,
    duration: SECONDS,
    requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: paths[next++ % paths.length] }) }],
  })
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms)
    if (status !== 200) errors++
  })
  const result = await instance
  latencies.sort((a, b) => a - b)
  return { requests: latencies.length, rps: result.requests.average, p50: percentile(latencies, 50), p95: percentile(latencies, 95), errors: errors + result.errors }
}

async function waitUntilUp(url: string, child: ReturnType<typeof spawn>, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`remix-serve exited: ${output()}`)
    try {
      if ((await fetch(`${url}/packs`)).status === 200) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`remix-serve did not start: ${output()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

export async function run(): Promise<void> {
  console.log(`## Web app under load (remix-serve, ${CASES} cases, autocannon on loopback, ${SECONDS} s per page and connection count)`)
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

    const port = await freePort()
    let output = ''
    child = spawn(process.execPath, [join(ROOT, 'node_modules/@remix-run/serve/dist/cli.js'), 'build/index.js'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', LANCEDB_URI: uri, CASEBOOK_CASES: join(dir, 'cases') },
      // remix-serve logs every request; the bench reads only errors.
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child.stderr!.on('data', (chunk) => (output += chunk))
    const url = `http://127.0.0.1:${port}`
    await waitUntilUp(url, child, () => output)

    const ids = cases.map((c) => c.id)
    const searchPaths = QUERIES.flatMap((q) => FILTERS.map((f) => `/?q=${encodeURIComponent(q)}${f}`))
    const comparePaths = Array.from({ length: 40 }, (_, i) => {
      const pick = (k: number) => ids[(i * 997 + k * 7919) % ids.length]
      return `/compare?ids=${(i % 2 ? [pick(1), pick(2)] : [pick(1), pick(2), pick(3)]).join(',')}`
    })
    const casePaths = Array.from({ length: 40 }, (_, i) => `/cases/${ids[(i * 1231) % ids.length]}`)
    // Warm-up: the first request opens the store and loads the embedder and facet catalog.
    const warm = performance.now()
    await (await fetch(`${url}${searchPaths[0]}`)).text()
    console.log(`first search page (opens the store): ${(performance.now() - warm).toFixed(0)} ms`)

    console.log('page | connections | requests | req/s | p50 ms | p95 ms | non-200')
    const rows: [string, string[]][] = [
      ['search', searchPaths],
      ['compare', comparePaths],
      ['case', casePaths],
    ]
    let searchP95 = NaN
    for (const [name, paths] of rows) {
      for (const connections of CONNECTIONS) {
        const f = await load(url, paths, connections)
        if (name === 'search' && connections === 1) searchP95 = f.p95
        console.log(`${name} | ${connections} | ${f.requests} | ${f.rps.toFixed(1)} | ${f.p50.toFixed(0)} | ${f.p95.toFixed(0)} | ${f.errors}`)
      }
    }
    const load1 = loadavg()[0]
    console.log(`search p95, one reader: ${searchP95.toFixed(0)} ms (target ≤ 150); machine load average ${load1.toFixed(1)} during the run`)
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
}
