export { readReport, readReportBytes, decodeReport, readDocument, MAX_BYTES } from './read.js'
export { PDF_LIMITS } from './pdf.js'
export { InputError } from './errors.js'
export type { ReadResult, Hints, Format } from './types.js'
