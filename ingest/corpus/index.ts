export { caseToMarkdown, markdownToCase, CaseFileError, CASE_KEYS, FRONT_MATTER_KEYS } from './format.js'
export { readCase, readCorpus, eachCase, readStoredCase, writeCase, caseFile, type WriteStatus } from './files.js'
export { applyLocked } from './locked.js'
export { runIngest, ingestFile, ingestReports, listReports, problemOf, type IngestOptions, type IngestOutcome, type IngestReport, type IngestResult, type IngestStatus, type StreamOptions } from './ingest.js'
