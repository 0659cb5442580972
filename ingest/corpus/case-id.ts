import { basename, extname } from 'node:path'
import { withoutBreaks } from '../text/one-line.js'

/**
 * The file name without extension; control characters (a newline in a name) become "_". A module
 * of its own so the ingest main thread can name files without loading the pipeline that reads them.
 */
export function caseId(file: string): string {
  return withoutBreaks(basename(file, extname(file)))
}
