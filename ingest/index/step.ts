/** The index step of `casebook ingest`: the case files → the LanceDB store. */
import { readCorpus } from '../corpus/index.js'
import { oneLine } from '../text/one-line.js'
import { defaultUri, storageOptionsFromEnv } from './layout.js'
import { indexCases, type IndexStats } from './write.js'
import { providerFor, parseEmbedderKind } from './providers.js'

export interface IndexStepOptions {
  /** Directory of case files (corpus/cases). */
  cases: string
  /** Store URI; default LANCEDB_URI or data/lancedb. */
  db?: string
  /** auto (default), transformers or lsa. */
  embedder?: string
  log?: (line: string) => void
}

export async function indexCorpus(opts: IndexStepOptions): Promise<IndexStats> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const kind = parseEmbedderKind(opts.embedder)
  const cases = readCorpus(opts.cases, (err) => log(`casebook: ${oneLine(err.message)}`))
  const provider = await providerFor(kind, log)
  return indexCases(cases, { uri: opts.db ?? defaultUri(), storageOptions: storageOptionsFromEnv(), provider, log })
}

export function indexSummary(s: IndexStats): string {
  return (
    `index: ${s.cases} case(s), ${s.passages} passage(s) in ${s.uri}: ${s.added} added, ${s.changed} changed, ` +
    `${s.removed} removed, ${s.unchanged} unchanged${s.failed.length ? `, ${s.failed.length} failed` : ''}; ` +
    `${s.embedded} embedded with ${s.embedder.name} (${s.embedder.model}, ${s.embedder.dims}-d)`
  )
}
