import { parseArgs, type ParseArgsConfig } from 'node:util'
import { oneLine } from '../text/one-line.js'

/** Exit code for a command line that could not be understood (as opposed to input that failed). */
export const USAGE_EXIT = 2

export class UsageError extends Error {}

export function usageError(message: string): number {
  process.stderr.write(`casebook: ${message}\n`)
  return USAGE_EXIT
}

/** node:util parseArgs, with its errors turned into UsageError. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

/** One line per failed file, as the CLI contract says: "casebook: FILE: problem", even when FILE holds a newline. */
export function reportFailure(line: string): void {
  process.stderr.write(`casebook: ${oneLine(line)}\n`)
}
