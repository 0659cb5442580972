/**
 * What `casebook ingest` shows while it runs, on a terminal only (stderr is a TTY): reports done
 * of the total with rate and ETA, then the long phases after the stream (re-embedding every
 * passage, building indexes). cli-progress redraws one line in place; per-file errors and each
 * finished phase are printed above it. Without a terminal nothing is drawn and errors go out as
 * plain lines.
 */
import { createRequire } from 'node:module'
import type cliProgressType from 'cli-progress'
import type { IndexPhase } from '../index/write.js'

// Required only for a terminal: an ingest run by a script or a bench draws nothing, and loading
// cli-progress cost its main thread ~0.03 s of CPU before the store opened.
const loadCliProgress = () => createRequire(import.meta.url)('cli-progress') as typeof cliProgressType

export interface Progress {
  /** One more report done. */
  tick(): void
  phase(p: IndexPhase): void
  /** A line (a per-file error) printed above the bar. */
  log(line: string): void
  stop(): void
}

const FORMAT = '{stage} [{bar}] {value}/{total} {unit} · {rate}/s · ETA {left}'

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '…'
  const s = Math.round(seconds)
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`
}

export function startProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { tick() {}, phase() {}, log: (line) => stream.write(`${line}\n`), stop() {} }
  const cliProgress = loadCliProgress()
  const bars = new cliProgress.MultiBar({ format: FORMAT, stream, hideCursor: true, barsize: 24, fps: 5 }, cliProgress.Presets.shades_classic)
  let stage = { name: 'ingest', unit: 'reports', total, done: 0, started: performance.now() }
  const payload = () => {
    const seconds = (performance.now() - stage.started) / 1000
    const rate = stage.done / Math.max(seconds, 0.001)
    return { stage: stage.name, unit: stage.unit, rate: rate.toFixed(0), left: clock(stage.done ? (stage.total - stage.done) / rate : Infinity) }
  }
  let bar: cliProgressType.SingleBar | null = bars.create(total, 0, payload())
  // A finished phase leaves one plain line behind, above whatever comes next.
  const finish = () => {
    if (!bar) return
    bars.remove(bar)
    bar = null
    const seconds = (performance.now() - stage.started) / 1000
    bars.log(`${stage.name}: ${stage.done}/${stage.total} ${stage.unit} in ${clock(seconds)} (${(stage.done / Math.max(seconds, 0.001)).toFixed(0)}/s)\n`)
  }
  return {
    tick() {
      stage.done++
      bar?.update(stage.done, payload())
    },
    phase(p) {
      if (p.name === 'embed') {
        if (stage.name !== 'embed') {
          finish()
          stage = { name: 'embed', unit: 'cases', total: p.total, done: 0, started: performance.now() }
          bar = bars.create(p.total, 0, payload())
        }
        stage.done = p.done
        bar?.update(p.done, payload())
      } else {
        finish()
        bars.log('building the full-text and vector indexes…\n')
      }
    },
    log(line) {
      bars.log(`${line}\n`)
    },
    stop() {
      finish()
      bars.stop()
    },
  }
}
