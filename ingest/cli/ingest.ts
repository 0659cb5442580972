import { existsSync, statSync } from 'node:fs'
import { runIngest, type IngestReport } from '../corpus/index.js'
import { parse, reportFailure, usageError, UsageError } from './args.js'
import { indexCorpus, indexSummary } from '../index/step.js'
import { parseEmbedderKind } from '../index/providers.js'

const USAGE = 'usage: casebook ingest [--corpus DIR] [--cases DIR] [--db DIR] [--embedder NAME]'

export const INGEST_OPTIONS = {
  corpus: { type: 'string', default: 'corpus/raw' },
  cases: { type: 'string', default: 'corpus/cases' },
  db: { type: 'string' },
  embedder: { type: 'string' },
} as const

export function summaryLine(report: IngestReport, corpus: string, cases: string): string {
  const c = report.counts
  return `ingest: ${report.results.length} report(s) from ${corpus} → ${cases}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} failed`
}

/** Raw reports → case files, then a summary on stdout; failures one line each on stderr. */
export async function run(argv: string[]): Promise<number> {
  let args
  try {
    args = parse(argv, INGEST_OPTIONS, false)
    parseEmbedderKind(args.values.embedder)
  } catch (e) {
    if (e instanceof UsageError) return usageError(`${e.message}\n${USAGE}`)
    throw e
  }
  const { corpus, cases } = args.values
  if (!existsSync(corpus) || !statSync(corpus).isDirectory()) {
    reportFailure(`${corpus}: no such directory (the raw reports to ingest)`)
    return 1
  }
  const report = await runIngest({ corpus, cases }, (r) => {
    if (r.error) reportFailure(r.error)
  })
  process.stdout.write(`${summaryLine(report, corpus, cases)}\n`)
  const indexed = await indexCorpus({ cases, db: args.values.db, embedder: args.values.embedder })
  process.stdout.write(`${indexSummary(indexed)}\n`)
  return report.counts.failed > 0 || indexed.failed.length > 0 ? 1 : 0
}
