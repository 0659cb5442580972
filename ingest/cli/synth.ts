import { writeSynthCorpus } from '../synth/index.js'
import { parse, usageError, UsageError } from './args.js'

const USAGE = 'usage: casebook synth --n N --out DIR [--seed S]'

function positiveInt(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} needs a whole number, got "${value ?? ''}"`)
  return n
}

/** Generated reports (mixed junk, scripts, encodings, .txt/.html) into a directory. */
export async function run(argv: string[]): Promise<number> {
  try {
    const { values } = parse(argv, { n: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } }, false)
    if (!values.out) throw new UsageError('--out DIR is required')
    const n = positiveInt(values.n, 'n')
    const seed = positiveInt(values.seed, 'seed', 1)
    const names = writeSynthCorpus(values.out, n, seed)
    process.stdout.write(`synth: ${names.length} report(s) written to ${values.out} (seed ${seed})\n`)
    return 0
  } catch (e) {
    if (e instanceof UsageError) return usageError(`${e.message}\n${USAGE}`)
    throw e
  }
}
