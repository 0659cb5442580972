import { existsSync, readdirSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { withoutBreaks } from '../text/one-line.js'

/**
 * The file name without extension; control characters (a newline in a name) become "_". A module
 * of its own so the ingest main thread can name files without loading the pipeline that reads them.
 */
export function caseId(file: string): string {
  return withoutBreaks(basename(file, extname(file)))
}

/**
 * The case files of a directory (`ID.md`; dotfiles are temporary files and editor litter), sorted.
 * Here too, not beside the parser that reads them: ingest's main thread asks whether any are left
 * that its stream did not make, and usually there are none to parse.
 */
export function caseFileNames(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.md') && !n.startsWith('.')).sort() : []
}
