export { caseToMarkdown, markdownToCase, CaseFileError, CASE_KEYS, FRONT_MATTER_KEYS } from './format.js'
export { readCase, readCorpus, readStoredCase, writeCase, caseFile, type WriteStatus } from './files.js'
export { applyLocked } from './locked.js'
export { runIngest, ingestFile, listReports, problemOf, type IngestOptions, type IngestReport, type IngestResult, type IngestStatus } from './ingest.js'
