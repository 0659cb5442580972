import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeRng } from './rng.js'
import { synthReport, type SynthReport } from './report.js'

export { makeRng, type Rng } from './rng.js'
export { synthReport, type SynthReport } from './report.js'
export { chineseNumber } from './numerals.js'
export type { SynthTruth } from './content.js'

/** `n` reports from one seed, in memory. */
export function synthCorpus(n: number, seed = 1): SynthReport[] {
  const rng = makeRng(seed)
  return Array.from({ length: n }, (_, i) => synthReport(rng, i))
}

/** Writes `n` reports into `dir`, one at a time (a million fit on disk, not in memory); returns their file names. */
export function writeSynthCorpus(dir: string, n: number, seed = 1): string[] {
  mkdirSync(dir, { recursive: true })
  const rng = makeRng(seed)
  const names: string[] = []
  for (let i = 0; i < n; i++) {
    const r = synthReport(rng, i)
    writeFileSync(join(dir, r.name), r.bytes)
    names.push(r.name)
  }
  return names
}
