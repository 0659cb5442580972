/** The index step of `casebook ingest` (and of uploads): cases → the LanceDB store. */
import { oneLine } from '../text/one-line.js'
import type { Case } from '../schema.js'
import { defaultUri, storageOptionsFromEnv } from './layout.js'
import { indexStream, type IndexOptions, type IndexStats } from './write.js'
import { providerFor, parseEmbedderKind } from './providers.js'
import type { KernelRunner } from '../embed/lsa-kernels.js'
import type { ShareThreads } from './passage-share.js'

export interface IndexStepOptions {
  /** Directory of case files (corpus/cases). */
  cases: string
  /** Store URI; default LANCEDB_URI or data/lancedb. */
  db?: string
  /** auto (default), transformers or lsa. */
  embedder?: string
  log?: (line: string) => void
  /** Threads the offline model's training may be split over (ingest's worker pool, idle by then). */
  threads?: KernelRunner
  /** Threads that embed a first build's passages once the model is trained (the same pool). */
  shares?: ShareThreads
}

export interface IndexStep {
  /** Indexes the cases `source` yields as the store's next build. */
  run(source: AsyncIterable<Case> | Iterable<Case>, extra?: Partial<Pick<IndexOptions, 'times' | 'onPhase'>>): Promise<IndexStats>
}

/** Chooses the embedder (saying so when `auto` falls back to lsa) and the store, before any case is read. */
export async function openIndexStep(opts: IndexStepOptions): Promise<IndexStep> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const provider = await providerFor(parseEmbedderKind(opts.embedder), log, opts.threads)
  const uri = opts.db ?? defaultUri()
  const storageOptions = storageOptionsFromEnv()
  return { run: (source, extra = {}) => indexStream(source, { uri, storageOptions, provider, log, threads: opts.shares, ...extra }) }
}

/** Every case file of a directory → the store, one file at a time. */
export async function indexCorpus(opts: IndexStepOptions): Promise<IndexStats> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const step = await openIndexStep({ ...opts, log })
  // Not at the top: the case file parser (unified, remark, yaml: ~0.4 s of CPU to load) is for
  // stored case files, which ingest's main thread usually has none of to read (cli/ingest.ts).
  // Nor the corpus barrel (../corpus/index.js): it loads the whole read → clean → extract pipeline.
  const { eachCase } = await import('../corpus/files.js')
  return step.run(eachCase(opts.cases, (err) => log(`casebook: ${oneLine(err.message)}`)))
}

export function indexSummary(s: IndexStats): string {
  return (
    `index: ${s.cases} case(s), ${s.passages} passage(s) in ${s.uri}: ${s.added} added, ${s.changed} changed, ` +
    `${s.removed} removed, ${s.unchanged} unchanged${s.failed.length ? `, ${s.failed.length} failed` : ''}; ` +
    `${s.embedded} embedded with ${s.embedder.name} (${s.embedder.model}, ${s.embedder.dims}-d)`
  )
}
