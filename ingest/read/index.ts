export { readReport, readReportBytes, decodeReport, MAX_BYTES } from './read.js'
export { InputError } from './errors.js'
export type { ReadResult, Hints, Format } from './types.js'
