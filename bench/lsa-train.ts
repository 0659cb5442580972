/**
 * LSA training alone, in process, as ingest runs it after the stream: the sample a first build
 * gathers (analysed as it streams by) from a folder of case files, then `trainLsaOn` over a
 * two-worker pool, several rounds. With `--against DIR` (another checkout, e.g. a worktree of
 * main) the two trees' code trains alternately, round by round, each with its own sample and
 * pool, so the machine's load falls on both alike; the model ids printed should agree.
 *
 *   node --interrupt-budget=270000 --import tsx bench/lsa-train.ts --cases DIR [--against DIR] [--rounds 4]
 *
 * Prints per training: wall, CPU of the process (every thread) and CPU of the main thread.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { loadavg } from 'node:os'

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string' },
    against: { type: 'string' },
    rounds: { type: 'string', default: '4' },
  },
})
if (!args.cases) throw new Error('--cases DIR is required')

/** CPU seconds of one thread of this process, from /proc (utime + stime, in clock ticks). */
function threadCpu(tid: number | string): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) / 100
}

interface Tree {
  name: string
  train: () => Promise<{ model: string; wall: number; cpu: number; main: number }>
  close: () => Promise<void>
}

async function tree(name: string, root: string): Promise<Tree> {
  const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(root, path)).href)
  const lsa = await load<typeof import('../ingest/embed/lsa.js')>('ingest/embed/lsa.ts')
  const rows = await load<typeof import('../ingest/index/rows.js')>('ingest/index/rows.ts')
  const files = await load<typeof import('../ingest/corpus/files.js')>('ingest/corpus/files.ts')
  const { WorkerPool } = await load<typeof import('../ingest/corpus/pool.js')>('ingest/corpus/pool.ts')
  const sample = new lsa.TrainingSample(lsa.LSA_DEFAULTS.maxPassages, { bigramWeight: lsa.LSA_DEFAULTS.bigramWeight })
  for await (const c of files.eachCase(args.cases!, (e) => console.error(e.message))) {
    const passages = rows.passagesOf(c)
    const normalized = rows.normalizedPassages(c, passages)
    passages.forEach((p, ord) => sample.add(rows.passageText(c, p, ord), () => normalized(ord)))
  }
  const pool = new WorkerPool(2)
  // One warm-up training: the workers start and compile, as they have by the end of a stream.
  await lsa.trainLsaOn(pool.kernels, sample)
  return {
    name,
    train: async () => {
      const pid = process.pid
      const cpu0 = process.cpuUsage()
      const main0 = threadCpu(pid)
      const t0 = performance.now()
      const model = await lsa.trainLsaOn(pool.kernels, sample)
      const wall = (performance.now() - t0) / 1000
      const cpu = process.cpuUsage(cpu0)
      return { model: model.model, wall, cpu: (cpu.user + cpu.system) / 1e6, main: threadCpu(pid) - main0 }
    },
    close: () => pool.close(),
  }
}

const trees = [await tree('this', resolve(import.meta.dirname, '..'))]
if (args.against) trees.unshift(await tree('against', resolve(args.against)))
console.log(`${readdirSync(args.cases).length} case files; load ${loadavg()[0].toFixed(1)}`)
for (let round = 1; round <= Number(args.rounds); round++) {
  for (const t of trees) {
    const r = await t.train()
    console.log(`round ${round} ${t.name.padEnd(7)} ${r.model}: wall ${r.wall.toFixed(2)} s, CPU ${r.cpu.toFixed(2)} s (main thread ${r.main.toFixed(2)} s); load ${loadavg()[0].toFixed(1)}`)
  }
}
await Promise.all(trees.map((t) => t.close()))
