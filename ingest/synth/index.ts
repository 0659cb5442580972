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

/** Writes `n` reports into `dir`; returns their file names. */
export function writeSynthCorpus(dir: string, n: number, seed = 1): string[] {
  mkdirSync(dir, { recursive: true })
  return synthCorpus(n, seed).map((r) => {
    writeFileSync(join(dir, r.name), r.bytes)
    return r.name
  })
}
