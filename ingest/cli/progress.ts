/**
 * What `casebook ingest` shows while it runs, on a terminal only (stderr is a TTY): reports done
 * of the total with rate and ETA, then the long phases after the stream (re-embedding every
 * passage, building indexes). cli-progress redraws one line in place; per-file errors are
 * printed above it. Without a terminal nothing is drawn and errors go out as plain lines.
 */
import cliProgress from 'cli-progress'
import type { IndexPhase } from '../index/write.js'

export interface Progress {
  /** One more report done. */
  tick(): void
  phase(p: IndexPhase): void
  /** A line (a per-file error) printed above the bar. */
  log(line: string): void
  stop(): void
}

const FORMAT = '{stage} [{bar}] {value}/{total} {unit} · {rate}/s · ETA {eta_formatted}'

export function startProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { tick() {}, phase() {}, log: (line) => stream.write(`${line}\n`), stop() {} }
  const bars = new cliProgress.MultiBar(
    { format: FORMAT, stream, hideCursor: true, clearOnComplete: false, barsize: 24, etaBuffer: 200, fps: 5 },
    cliProgress.Presets.shades_classic,
  )
  let started = performance.now()
  let bar = bars.create(total, 0, { stage: 'ingest', unit: 'reports', rate: '0' })
  let done = 0
  const rate = (n: number) => (n / Math.max(0.001, (performance.now() - started) / 1000)).toFixed(0)
  return {
    tick() {
      done++
      bar.update(done, { rate: rate(done) })
    },
    phase(p) {
      if (p.name === 'embed') {
        if (p.done === 0) {
          bar.stop()
          started = performance.now()
          bar = bars.create(p.total, 0, { stage: 'embed ', unit: 'cases  ', rate: '0' })
        }
        bar.update(p.done, { rate: rate(p.done) })
      } else {
        bar.stop()
        bars.log('building the full-text and vector indexes…\n')
      }
    },
    log(line) {
      bars.log(`${line}\n`)
    },
    stop() {
      bars.stop()
    },
  }
}
