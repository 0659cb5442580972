/**
 * Bench section `worker-start`: what an ingest worker spends before its first report. Each round
 * is a fresh process that starts one worker of the CLI's bundle (ingest/cli.mjs builds it) and
 * hands it two generated reports, one after the other; it prints the CPU of the whole process
 * (the worker, V8's threads) and of the worker thread alone, and the wall time, at each reply.
 * Module loading, the tables built on first use and GC are all in the first figure; the second
 * report shows what a report costs once they are built.
 *
 * `npm run bench -- worker-start`; BENCH_START_RUNS rounds (default 5); BENCH_START_ROOTS, a
 * comma-separated list of worktrees, alternates their bundles round by round (default this one).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = resolve(import.meta.dirname, '..')
const RUNS = Number(process.env.BENCH_START_RUNS ?? 5)
const ROOTS = (process.env.BENCH_START_ROOTS ?? ROOT).split(',').map((r) => resolve(r))

/** Runs in the child: one worker, the reports in turn, figures at each reply on stdout as JSON. */
const CHILD = `
import { Worker } from 'node:worker_threads'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
const [root, cases, ...files] = process.argv.slice(1)
const { dir } = JSON.parse(readFileSync(join(root, '.cache/cli/current.json'), 'utf8'))
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6 }
const threadCpu = (tid) => { const s = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) / 100 }
const start = performance.now()
// Not --input-type: V8 flags such as --interrupt-budget are the process's, so the worker runs with them.
const worker = new Worker(join(root, '.cache/cli', dir, 'ingest-worker.js'), { execArgv: [] })
const out = []
let seq = 0
worker.on('message', (reply) => {
  // A worker says when its first report is made (a staggered pool starts the others then).
  if (reply.made) return
  if (reply.outcome?.status === 'failed') throw new Error(reply.outcome.error)
  // The worker is the busiest thread but this one.
  const others = readdirSync('/proc/self/task').filter((t) => t !== String(process.pid)).map(threadCpu)
  out.push({ process: cpu(), worker: Math.max(...others), wall: (performance.now() - start) / 1000 })
  if (seq < files.length) worker.postMessage({ seq, file: files[seq++], cases })
  else { console.log(JSON.stringify(out)); void worker.terminate() }
})
worker.postMessage({ seq, file: files[seq++], cases })
`

export async function run(): Promise<void> {
  console.log(`## Ingest worker start: one worker of the CLI bundle, two reports, ${RUNS} fresh processes per build`)
  const dir = mkdtempSync(join(tmpdir(), 'casebook-worker-start-'))
  try {
    const raw = join(dir, 'raw')
    execFileSync(process.execPath, [join(ROOT, 'ingest/cli.mjs'), 'synth', '--n', '2', '--out', raw], { stdio: 'pipe' })
    for (const root of ROOTS) execFileSync(process.execPath, [join(root, 'ingest/cli.mjs'), 'help'], { cwd: root, stdio: 'pipe' })
    const files = ['synth-00000.html', 'synth-00001.txt'].map((f) => join(raw, f))
    console.log('build | round | process CPU at report 1 / 2 (s) | worker thread CPU 1 / 2 | wall 1 / 2 | load')
    for (let i = 1; i <= RUNS; i++) {
      for (const root of ROOTS) {
        const cases = join(dir, `cases-${i}`)
        const r = spawnSync(process.execPath, ['--interrupt-budget=270000', '--input-type=module', '-e', CHILD, root, cases, ...files], { encoding: 'utf8' })
        if (r.status !== 0) throw new Error(`worker-start: ${r.stderr}`)
        const [a, b] = JSON.parse(r.stdout) as { process: number; worker: number; wall: number }[]
        const f = (x: number) => x.toFixed(2)
        console.log(`${root} | ${i} | ${f(a.process)} / ${f(b.process)} | ${f(a.worker)} / ${f(b.worker)} | ${f(a.wall)} / ${f(b.wall)} | ${loadavg()[0].toFixed(1)}`)
        rmSync(cases, { recursive: true, force: true })
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
