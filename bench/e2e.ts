/**
 * Bench section `e2e`: BENCH_E2E_N generated reports (default 3,000) through the real CLI, the
 * way a user runs it — `npm run -s casebook -- ingest` in a child process, process start
 * included. Prints wall seconds, reports/s (target ≥ 200 on the 2-core machine), CPU seconds of
 * the child's whole tree (user + sys, worker threads included), the load average before and
 * after (the machine is shared: compare rates measured back to back), and the stage summary.
 *
 * `npm run bench -- e2e`; BENCH_E2E_RUNS=3 repeats the ingest (a fresh store each time).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { IngestSummary } from '../ingest/cli/ingest.js'
import { STAGES } from '../ingest/timings.js'

const ROOT = resolve(import.meta.dirname, '..')
const N = Number(process.env.BENCH_E2E_N ?? 3000)
const RUNS = Number(process.env.BENCH_E2E_RUNS ?? 1)

/**
 * `npm run -s casebook -- ARGS` under bash's `time`, which counts the CPU of every process it
 * waited for (npm, tsx, node and its threads). The child's stderr passes through.
 */
function casebook(args: string[]): { wall: number; cpu: number; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-e2e-out-'))
  const out = join(dir, 'stdout')
  const times = join(dir, 'times')
  const script = `TIMEFORMAT='%R %U %S'; { time npm run -s casebook -- "$@" > "$OUT" 2>&3 ; } 3>&2 2> "$TIMES"`
  try {
    const r = spawnSync('bash', ['-c', script, 'casebook', ...args], { cwd: ROOT, env: { ...process.env, OUT: out, TIMES: times }, stdio: 'inherit' })
    if (r.status !== 0) throw new Error(`casebook ${args[0]} exited with ${r.status}`)
    const [wall, user, sys] = readFileSync(times, 'utf8').trim().split(/\s+/).map(Number)
    return { wall, cpu: user + sys, stdout: readFileSync(out, 'utf8') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<void> {
  console.log(`## End to end: synth ${N} reports, then ingest them in a child process (process start included)`)
  const dir = mkdtempSync(join(tmpdir(), 'casebook-e2e-'))
  try {
    const raw = join(dir, 'raw')
    const synth = casebook(['synth', '--n', String(N), '--out', raw])
    console.log(`synth: ${synth.wall.toFixed(1)} s`)
    for (let i = 1; i <= RUNS; i++) {
      const out = join(dir, `run-${i}`)
      const before = loadavg()[0]
      const r = casebook(['ingest', '--corpus', raw, '--cases', join(out, 'cases'), '--db', join(out, 'db'), '--json'])
      const after = loadavg()[0]
      const s = JSON.parse(r.stdout) as IngestSummary
      const stages = STAGES.map((stage) => `${stage} ${s.seconds[stage].toFixed(1)}`).join(', ')
      console.log(
        `ingest ${i}: ${N} reports in ${r.wall.toFixed(1)} s wall = ${(N / r.wall).toFixed(0)} reports/s (target ≥ 200); ` +
          `CPU ${r.cpu.toFixed(1)} s (user + sys, ${(r.cpu / r.wall).toFixed(2)} cores); load average ${before.toFixed(1)} → ${after.toFixed(1)}`,
      )
      console.log(`  stages (s; read … write summed over ${s.workers} workers): ${stages}; ${s.index.passages} passages, ${s.index.embedder.model}`)
      const t = s.timeline
      const at = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)} s`)
      console.log(`  timeline (since the ingest process started): store open ${at(t.storeOpen)}, first report ${at(t.firstReport)}, streamed ${at(t.streamed)}, trained ${at(t.trained)}, embedded ${at(t.embedded)}, indexed ${at(t.indexed)}, exit ${r.wall.toFixed(1)} s`)
      // Each run's output stays until the end: on ext4, creating thousands of files right after
      // deleting thousands cost ~20× the kernel time a file (round 13), which a user ingesting into
      // a fresh folder does not pay and which grew the write stage run by run.
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
