/**
 * The index step: a stream of cases → the LanceDB store, incrementally by content hash, in memory
 * bounded by the batch size (plus an id and a hash per case), not by the corpus. One path for
 * every writer: `npm run ingest` (a whole corpus), uploads and any other batch of new cases
 * (`upsert`).
 *
 * Readers answer from the newest `pointer` row in `meta` (see layout.ts), which this writer
 * appends last, after every table write and index build of the run; until then readers keep
 * answering from the previous pointer's table versions. One writer at a time (ingest, held to it by
 * a lock file on local disk); any number of readers, on local disk or an object store.
 *
 * Cases are written as they arrive, a batch at a time: the changed and added ones to `cases`, and
 * their passages, embedded, to `passages`. The offline embedder is trained on the corpus, so a
 * changed corpus could mean a different model and every vector re-embedded. Instead the saved
 * model is reused, and only added or changed cases are embedded, until the cases added, changed
 * or removed since it was trained exceed `retrainShare` of the corpus (default 20%); then it is
 * retrained and every passage re-embedded. A model a fifth out of date still places new cases by
 * the terms it knows, and re-embedding 100k passages on every small edit would make ingest slow
 * for no visible gain. Training needs the whole corpus's sample, which is only complete once the
 * stream has ended: a first build (or a retrain) writes `cases` while the corpus streams by, then
 * reads it back a batch at a time to embed every passage (pass two). The corpus is never held:
 * only a first build of at most `keepPassages` passages keeps what pass two needs of each case.
 *
 * A case that cannot be hashed, chunked or written fails alone: it is named on one line, the rest
 * is indexed, and in a `corpus` build a stored earlier version of it is kept when it was not
 * touched yet.
 */
import type { Case } from '../schema.js'
import type { Embedder } from '../embed/types.js'
import type { TrainingSample } from '../embed/lsa.js'
import type { Passage } from '../embed/chunk.js'
import { connect, lancedb, type Connection, type Table } from './lancedb.js'
import { casesSchema, passagesSchema, TABLES, type EmbedderId, type Pointer } from './layout.js'
import { appendPointer, appendState, embedderState, latestPointer, openMeta, openTableIfAny, pruneStates } from './meta.js'
import { hashedCaseRow, normalizedPassages, passageRows, passagesOf, passageText, toArrow } from './rows.js'
import { caseShare, inlineShares, keptRows, type KeptCase, type ShareRows, type ShareThreads } from './passage-share.js'
import type { FacetRow } from '../search/facets.js'
import type { Table as ArrowTable } from 'apache-arrow'
import { describeEmbedder, idOf, sameId, type EmbedderProvider } from './embedders.js'
import { sqlString } from '../search/facets.js'
import { bigramShares } from '../search/bigrams.js'
import { BigramSample } from './bigram-sample.js'
import { hash as cryptoHash } from 'node:crypto'
import { lockStore } from './lock.js'
import { StageTimes } from '../timings.js'
import { LIMITS } from '../read/limits.js'
import { oneLine } from '../text/one-line.js'

/**
 * What the cases handed in are: `corpus`, every case there is (stored cases not among them are
 * removed; `npm run ingest`), or `upsert`, cases to add or replace, every other stored case kept
 * (an upload). An upsert reads only its own cases' stored hashes, never retrains the offline model
 * (it embeds with the saved one and adds its changes to the drift that makes the next `corpus`
 * run retrain), and folds new rows into the indexes only every OPTIMIZE_EVERY builds.
 */
export type IndexMode = 'corpus' | 'upsert'

export interface IndexOptions {
  uri: string
  /** Default `corpus`. */
  mode: IndexMode
  storageOptions?: Record<string, string>
  provider: EmbedderProvider
  /** Share of the corpus that may change before the offline model is retrained. Default 0.2. */
  retrainShare: number
  /**
   * Passages per embedding and write batch (one table fragment each: fewer make searches
   * cheaper, more hold more cases in memory at once). Default 8000.
   */
  batch: number
  /**
   * Build an approximate vector index (IVF_PQ) from this many passages; below it exact search is
   * fast enough. Default 10,000: at 10k cases (32k passages) an exact search took 12 ms on a quiet
   * machine and 58 ms (p95 377) with the two cores shared, against 2 ms (p95 14) through the index;
   * it was the largest part of a search page's time under load.
   */
  vectorIndexFrom: number
  log: (line: string) => void
  /** Where the embed, index (table writes) and compact (compaction, index builds) stages add their time. */
  times: StageTimes
  /** Told how the long phases after the stream go: re-embedding every passage, building indexes. */
  onPhase: (phase: IndexPhase) => void
  /**
   * Threads that embed a first build's (or a retrain's) passages and make their rows: ingest's
   * worker pool, idle once the reports have streamed by. Default none: this thread does it.
   */
  threads?: ShareThreads
  /**
   * A first build of at most this many passages keeps, as they stream by, what pass two needs of
   * each case (Build.kept) instead of reading the cases back. Default 16,000: twice the LSA
   * sample's 8,000 texts, which it holds anyway until it first trims (~5,000 reports).
   */
  keepPassages: number
}

export type IndexPhase = { name: 'embed'; done: number; total: number } | { name: 'indexes' }

export interface IndexStats {
  uri: string
  cases: number
  added: number
  changed: number
  removed: number
  unchanged: number
  /** Cases whose passages were embedded in this run. */
  embedded: number
  passages: number
  retrained: boolean
  embedder: EmbedderId
  /** The build readers now answer from (unchanged when nothing changed). */
  generation: number
  /** Cases left out of this build, each with why; a stored earlier version of one is kept when it can be. */
  failed: { id: string; problem: string }[]
}

/** Full-text index over the search-normal text: character bigrams, which need no dictionary. */
export const FTS_OPTIONS = {
  baseTokenizer: 'ngram' as const,
  ngramMinLength: 2,
  ngramMaxLength: 2,
  withPosition: false,
  lowercase: true,
  stem: false,
  removeStopWords: false,
  asciiFolding: true,
}

const DEFAULTS = { mode: 'corpus' as IndexMode, retrainShare: 0.2, batch: 8000, vectorIndexFrom: 10_000, onPhase: () => {}, keepPassages: 16_000 }

type Options = Partial<IndexOptions> & Pick<IndexOptions, 'uri' | 'provider'>

/** LanceDB's caches for the writer: it reads back only hashes, the model and (pass two) case JSON. */
const WRITER_CACHE_BYTES = 256 << 20

/** Every this many builds an upsert also optimizes (compacts fragments, folds new rows into the indexes). */
const OPTIMIZE_EVERY = 10

/** A case body this long was not made by read (LIMITS.textChars); a case file edited by hand can be. */
const MAX_BODY = 2 * LIMITS.textChars

/** Writes `input` as the store's next build; a case id given twice keeps the later case. */
export async function indexCases(input: Case[], options: Options): Promise<IndexStats> {
  const log = options.log ?? defaultLog
  const byId = new Map<string, Case>()
  for (const c of input) {
    if (byId.has(c.id)) log(`index: case id ${c.id} appears twice; the later one is kept`)
    byId.set(c.id, c)
  }
  return indexStream(byId.values(), options)
}

/**
 * Writes the cases `source` yields as the store's next build, holding the store's write lock
 * (./lock.ts) throughout. A case id yielded twice keeps the first.
 */
export async function indexStream(source: AsyncIterable<Case> | Iterable<Case>, options: Options): Promise<IndexStats> {
  const opts: IndexOptions = { ...DEFAULTS, log: defaultLog, times: new StageTimes(), ...options }
  const release = lockStore(opts.uri)
  try {
    return await new Build(opts).run(source)
  } finally {
    release()
  }
}

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`)
}

class Build {
  private db!: Connection
  private meta!: Table
  private prev: Pointer | null = null
  private casesTable: Table | null = null
  private passagesTable: Table | null = null
  private readonly upsert: boolean
  /**
   * id → hash of the cases in the store's last build: all of them for a `corpus` build, read at
   * the start; for an upsert only those of its own cases, read a batch at a time.
   */
  private stored = new Map<string, string>()
  private embedder: Embedder | null = null
  /** Whether the vectors already in the store stay (same embedder): only changed cases are embedded. */
  private reuse = false
  /** The next passages write starts the table afresh (every vector is being replaced). */
  private passagesFresh = true
  private sample: TrainingSample | null
  private bigrams = new BigramSample()
  private seen = new Set<string>()
  private version = new CorpusVersion()
  private added = 0
  private changed = 0
  private embedded = 0
  private pending: Pending[] = []
  private pendingPassages = 0
  /**
   * What pass two needs of each case written, while the build is a first one (every row it writes
   * is then re-embedded) and they are few: pass two then makes its rows from these, with no read
   * back from `cases`. Null once past `keepPassages` passages, or when not kept at all.
   */
  private kept: KeptCase[] | null = null
  private keptPassages = 0
  private failures = new Map<string, string>()
  /** Whether a case that failed while being written took its stored row with it. */
  private rowsLost = false

  constructor(private readonly opts: IndexOptions) {
    this.upsert = opts.mode === 'upsert'
    this.sample = opts.provider.sample()
  }

  async run(source: AsyncIterable<Case> | Iterable<Case>): Promise<IndexStats> {
    const { opts, prev } = await this.open()
    await this.chooseStartingEmbedder()
    // No stored embedder to keep: training is certain, so the sample is analysed as it streams by.
    if (this.sample && this.embedder === null) this.sample = opts.provider.sample(true)
    // No stored table either: `cases` will hold exactly the cases this build writes, in that order.
    if (this.sample && this.embedder === null && this.casesTable === null) this.kept = []
    // Once the source has asked for its first cases (ingest's workers then take a second or more
    // to start and answer), this thread waits: it builds the sample's segmenter then, rather than
    // when the first case arrives while the workers run dry.
    const sample = this.sample
    if (sample) setImmediate(() => sample.prepare())
    for await (const c of source) await this.take(c)
    const flushing = this.flush()
    // With no embedder to keep, training is certain and its sample complete: it starts beside the
    // last batch's write (LanceDB's threads) instead of after it.
    const training = sample && this.embedder === null ? opts.times.timeAsync('embed', () => opts.provider.create(sample)) : null
    // Awaited below; when the write fails first, the error that goes up is the write's.
    training?.catch(() => {})
    await flushing

    // A case that failed keeps its stored version; an upsert removes nothing.
    const removed = this.upsert ? [] : [...this.stored.keys()].filter((id) => !this.seen.has(id))
    await opts.times.timeAsync('index', async () => {
      if (this.casesTable) await deleteIds(this.casesTable, 'id', removed)
      if (this.passagesTable && this.reuse) await deleteIds(this.passagesTable, 'caseId', removed)
    })
    const changes = this.added + this.changed + removed.length
    const stats: IndexStats = {
      uri: opts.uri, cases: prev?.cases ?? 0, added: this.added, changed: this.changed, removed: removed.length,
      unchanged: 0, embedded: 0, passages: prev?.passages ?? 0,
      retrained: false, embedder: prev?.embedder ?? { name: 'none', model: 'none', dims: 0 }, generation: prev?.generation ?? 0,
      failed: [],
    }
    const finish = () => {
      stats.unchanged = Math.max(0, stats.cases - stats.added - stats.changed)
      stats.failed = [...this.failures].map(([id, problem]) => ({ id, problem }))
      return stats
    }

    const n = (prev?.cases ?? 0) + this.added - removed.length
    let state: Uint8Array | null = null
    let drift = prev && prev.embedderGeneration !== null ? prev.driftSinceTraining + changes : 0
    const trained = prev !== null && prev.embedderGeneration !== null
    const retrain = !this.upsert && trained && drift > opts.retrainShare * Math.max(n, 1)
    if (this.sample && (this.embedder === null || retrain)) {
      const sample = this.sample
      const fresh = await (training ?? opts.times.timeAsync('embed', () => opts.provider.create(sample)))
      if (!(this.embedder && sameId(idOf(this.embedder), idOf(fresh.embedder)))) {
        if (prev && !sameId(prev.embedder, idOf(fresh.embedder))) {
          opts.log(`index: store was built by ${describeEmbedder(prev.embedder)}; re-embedding every case with ${describeEmbedder(idOf(fresh.embedder))}`)
        }
        stats.retrained = prev !== null && fresh.state !== null
        this.embedder = fresh.embedder
        state = fresh.state
        this.reuse = false
        await this.reembedAll(n)
      }
      drift = 0
    }
    const embedder = this.embedder!
    stats.embedder = idOf(embedder)
    stats.embedded = this.embedded
    if (prev && this.reuse && changes === 0 && !this.rowsLost) {
      opts.log(`index: ${prev.cases} cases unchanged; store ${opts.uri} is up to date`)
      return finish()
    }
    const casesTable = this.casesTable ?? (await this.db.createTable(TABLES.cases, toArrow([], casesSchema()), { mode: 'overwrite' }))
    const passagesTable = this.passagesTable ?? (await this.db.createTable(TABLES.passages, toArrow([], passagesSchema(embedder.dims)), { mode: 'overwrite' }))
    const cases = await casesTable.countRows()

    const generation = (prev?.generation ?? 0) + 1
    // An upsert adds a fragment or two; folding them into the files and indexes (optimize) costs
    // seconds of CPU at 10k cases, so small builds leave them for a later one. Searches read
    // unindexed rows by a flat scan meanwhile.
    const fold = !this.upsert || generation % OPTIMIZE_EVERY === 0
    opts.onPhase({ name: 'indexes' })
    const indexing = opts.times.timeAsync('compact', () => buildIndexes(casesTable, passagesTable, !this.reuse, opts.vectorIndexFrom, cases > 0, fold))
    // LanceDB builds the indexes on its own threads; this one counts the bigrams meanwhile.
    // An upsert sees a few cases, not a sample of the corpus: the last full build's shares stand.
    const shares = this.upsert && prev?.bigramShares ? prev.bigramShares : await bigramShares(this.bigrams.normals())
    await indexing

    if (state) await appendState(this.meta, generation, state)
    const embedderGeneration = this.reuse ? (prev?.embedderGeneration ?? null) : state ? generation : null
    const pointer: Pointer = {
      generation,
      casesVersion: await casesTable.version(),
      passagesVersion: await passagesTable.version(),
      embedder: idOf(embedder),
      embedderGeneration,
      corpusVersion: this.version.digest(),
      cases,
      passages: await passagesTable.countRows(),
      driftSinceTraining: drift,
      bigramShares: shares,
      builtAt: new Date().toISOString(),
    }
    await appendPointer(this.meta, pointer)
    await pruneStates(this.meta, [embedderGeneration, prev?.embedderGeneration ?? null])
    stats.cases = pointer.cases
    stats.passages = pointer.passages
    stats.generation = generation
    return finish()
  }

  /** Opens the store, rolled back to its last complete build, and reads the stored hashes. */
  private async open(): Promise<{ opts: IndexOptions; prev: Pointer | null }> {
    this.db = await connect(this.opts.uri, this.opts.storageOptions, WRITER_CACHE_BYTES)
    this.meta = (await openMeta(this.db, true))!
    this.prev = await latestPointer(this.meta)
    const cases = await openTableIfAny(this.db, TABLES.cases)
    const passages = await openTableIfAny(this.db, TABLES.passages)
    // Tables without a pointer are a first build that died half way: start again.
    if (this.prev && cases && passages) {
      await rollBack(cases, this.prev.casesVersion)
      await rollBack(passages, this.prev.passagesVersion)
      this.casesTable = cases
      this.passagesTable = passages
      if (!this.upsert) this.stored = await storedHashes(cases)
    }
    if (this.upsert && this.prev) this.version = CorpusVersion.from(this.prev.corpusVersion)
    return { opts: this.opts, prev: this.prev }
  }

  /**
   * The embedder cases are embedded with as they stream by: the store's own (its vectors stay),
   * or a fresh one that needs no training. A trainable embedder that cannot be restored is made
   * once the stream has ended (`run`), and every passage embedded then.
   */
  private async chooseStartingEmbedder(): Promise<void> {
    const { prev, opts } = this
    if (prev && this.passagesTable && opts.provider.sameKind(prev.embedder)) {
      this.embedder = await opts.provider.restore(prev.embedder, await embedderState(this.meta, prev.embedderGeneration))
      this.reuse = this.embedder !== null
    }
    // Training needs the whole corpus; an upsert holds a few cases.
    if (!this.reuse && this.upsert && prev) {
      throw new Error(`the store's embedder ${describeEmbedder(prev.embedder)} cannot be restored here; run npm run ingest to rebuild the store`)
    }
    if (!this.embedder && !this.sample) {
      this.embedder = (await opts.provider.create(null)).embedder
      this.reuse = !!prev && !!this.passagesTable && sameId(prev.embedder, idOf(this.embedder))
      if (prev && !this.reuse) opts.log(`index: store was built by ${describeEmbedder(prev.embedder)}; re-embedding every case with ${describeEmbedder(idOf(this.embedder))}`)
    }
    this.passagesFresh = !this.reuse
  }

  private fail(id: string, problem: string): void {
    if (this.failures.has(id)) return
    this.failures.set(id, problem)
    this.opts.log(`casebook: ${oneLine(id)}: cannot be indexed (${oneLine(problem)}); the rest of the run goes on`)
  }

  private async take(c: Case): Promise<void> {
    if (this.seen.has(c.id)) {
      this.opts.log(`index: case id ${c.id} appears twice; the first one is kept`)
      return
    }
    this.seen.add(c.id)
    const prepared = this.prepare(c)
    if (!prepared) {
      // Its stored version, if any, stays in this build.
      const before = this.stored.get(c.id)
      if (before !== undefined) this.version.add(c.id, before)
      return
    }
    const { hash, row, passages, normalized, facets } = prepared
    if (this.sample) passages.forEach((p, ord) => this.sample!.add(passageText(c, p, ord), () => normalized(ord)))
    if (!this.upsert) this.bigrams.offer(c, passages, normalized)
    // An unchanged case is rewritten only when every vector is being replaced by this embedder.
    if (!this.upsert && this.stored.get(c.id) === hash && (this.reuse || this.embedder === null)) {
      this.version.add(c.id, hash)
      return
    }
    // Neither the normal forms (a second copy of the text) nor, unless this build embeds as it
    // writes, the case itself are kept with its row: a first build's batch (~2,700 cases at 3,000
    // reports) held every case whole until its write, and the main thread's scavenges copied
    // them all into the old generation (most of the case is evidence and tags the row has as JSON).
    this.pending.push({ id: c.id, hash, passages: passages.length, row, embed: this.embedder ? { c, passages } : null })
    this.pendingPassages += passages.length
    if (this.kept) this.keep(c, passages, normalized, facets)
    if (this.pendingPassages >= this.opts.batch) await this.flush()
  }

  /**
   * Hash, row, passages and facets of a case, or null when one of them throws (it fails alone);
   * with its passages' normal forms, the first made here.
   */
  private prepare(c: Case): { hash: string; row: Record<string, unknown>; passages: Passage[]; normalized: (ord: number) => string; facets: FacetRow } | null {
    try {
      if (typeof c.body !== 'string') throw new Error('no body text')
      if (c.body.length > MAX_BODY) throw new Error(`body of ${c.body.length.toLocaleString('en-US')} characters; the limit is ${MAX_BODY.toLocaleString('en-US')}`)
      // The row is kept for the write: made once, it also proves the case fits the table.
      const { hash, row, facets } = hashedCaseRow(c)
      const passages = passagesOf(c)
      const normalized = normalizedPassages(c, passages)
      // Of a passage row, only its text's normal form could throw on this case's values (the rest
      // is the facets, made above, spans and ord): made for the first passage, so such a case
      // fails alone. The whole trial row it was made for before was thrown away (~0.1 s of CPU at 3,000 reports).
      normalized(0)
      return { hash, row, passages, normalized, facets }
    } catch (error) {
      this.fail(String(c.id), (error as Error).message)
      return null
    }
  }

  /**
   * Keeps what pass two needs of a case (see `kept`). The texts and normal forms are the strings
   * the LSA sample holds until it first trims, which it does at about as many passages.
   */
  private keep(c: Case, passages: Passage[], normalized: (ord: number) => string, facets: FacetRow): void {
    this.keptPassages += passages.length
    if (this.keptPassages > this.opts.keepPassages) {
      this.kept = null
      return
    }
    this.kept!.push({ id: c.id, passages, texts: passages.map((p, ord) => passageText(c, p, ord)), normals: passages.map((_, ord) => normalized(ord)), facets })
  }

  /** Writes the pending cases that are new or changed, and, with an embedder in hand, the passages of all. */
  private async flush(): Promise<void> {
    let batch = this.pending
    this.pending = []
    this.pendingPassages = 0
    if (!batch.length) return
    if (this.upsert && this.casesTable) {
      for (const [id, hash] of await storedHashes(this.casesTable, batch.map((p) => p.id))) this.stored.set(id, hash)
      // Unchanged cases of an upsert keep their rows and vectors.
      batch = batch.filter((p) => this.stored.get(p.id) !== p.hash || !this.reuse)
    }
    const write = batch.filter((p) => this.stored.get(p.id) !== p.hash)
    const replaced = write.filter((p) => this.stored.has(p.id)).map((p) => p.id)
    const failedRows = new Set<string>()
    await this.opts.times.timeAsync('index', async () => {
      if (!this.casesTable) this.casesTable = await this.db.createTable(TABLES.cases, toArrow([], casesSchema()), { mode: 'overwrite' })
      await deleteIds(this.casesTable, 'id', replaced)
      const table = this.casesTable
      await isolating(
        write,
        async (part) => {
          await table.add(toArrow(part.map((p) => p.row), casesSchema()))
        },
        (p, error) => {
          failedRows.add(p.id)
          this.fail(p.id, (error as Error).message)
        },
      )
    })
    const written = batch.filter((p) => !failedRows.has(p.id))
    const lostPassages = this.embedder ? await this.writePassages(written, replaced) : []
    if (lostPassages.length) await this.opts.times.timeAsync('index', () => deleteIds(this.casesTable!, 'id', lostPassages))
    const lost = new Set([...failedRows, ...lostPassages])
    // A case that failed while being written leaves neither its row nor its passages behind, and a
    // stored one loses its stored version with them.
    if ([...lost].some((id) => this.stored.has(id))) this.rowsLost = true
    const rewritten = new Set(write)
    for (const p of write) {
      const before = this.stored.get(p.id)
      if (this.upsert && before !== undefined) this.version.add(p.id, before)
      if (lost.has(p.id)) continue
      this.version.add(p.id, p.hash)
      if (before === undefined) this.added++
      else this.changed++
    }
    for (const p of batch) if (!lost.has(p.id) && !rewritten.has(p)) this.version.add(p.id, p.hash)
    // Cases gone from the build (their write failed) count as removed by the next one, not this.
    for (const id of lost) this.stored.delete(id)
  }

  /**
   * Embeds and writes the passages of `batch`; returns the ids of cases whose passages could not
   * be written (each failed alone, the rest written).
   */
  private async writePassages(batch: Pending[], replaced: string[]): Promise<string[]> {
    const { opts } = this
    const embedder = this.embedder!
    // Embedding is not isolated: an embedder that fails fails for every case (the run stops, the
    // store stays at its last build). Rows and writes are: a case whose values do not fit the
    // table's columns fails alone.
    const texts = batch.flatMap(({ embed }) => embed!.passages.map((p, ord) => passageText(embed!.c, p, ord)))
    const vectors = texts.length ? await opts.times.timeAsync('embed', () => embedder.embed(texts, 'passage')) : []
    const at = new Map<Pending, number>()
    let offset = 0
    for (const p of batch) {
      at.set(p, offset)
      offset += p.passages
    }
    const schema = passagesSchema(embedder.dims)
    const lost: string[] = []
    await opts.times.timeAsync('index', async () => {
      if (this.passagesFresh || !this.passagesTable) {
        this.passagesTable = await this.db.createTable(TABLES.passages, toArrow([], schema), { mode: 'overwrite' })
        this.passagesFresh = false
      } else if (this.reuse) {
        await deleteIds(this.passagesTable, 'caseId', replaced)
      }
      const table = this.passagesTable
      await isolating(
        batch,
        async (some) => {
          const rows: Record<string, unknown>[] = []
          for (const p of some) {
            const from = at.get(p)!
            const { c, passages } = p.embed!
            for (const row of passageRows(c, passages, vectors.slice(from, from + p.passages))) rows.push(row)
          }
          if (rows.length) await table.add(toArrow(rows, schema))
        },
        (p, error) => {
          lost.push(p.id)
          this.fail(p.id, (error as Error).message)
        },
      )
    })
    this.embedded += batch.length - lost.length
    return lost
  }

  /**
   * Pass two: every case read back from `cases` as this build left it, its passages embedded
   * afresh, in shares of SHARE_CASES cases on `opts.threads` (ingest's workers) when they can take
   * the embedder, else on this thread; or, when the build kept them (`kept`), made on this thread
   * from the cases as they streamed by. Batch k is written while the shares of batch k + 1 are
   * embedded; batches end where they would if this thread made every row, so the writes are the same.
   */
  private async reembedAll(total: number): Promise<void> {
    const { opts } = this
    this.embedded = 0
    this.passagesFresh = true
    // A case whose row could not be written is not in `cases`.
    const kept = this.kept?.filter((c) => !this.failures.has(c.id)) ?? null
    this.kept = null
    if (!this.casesTable) return
    opts.onPhase({ name: 'embed', done: 0, total })
    const embedder = this.embedder!
    // Kept cases need no other thread: the model has their vectors from training, and reading
    // back, parsing and handing over their JSON cost more than making their rows here.
    const threads = kept ? inlineShares(embedder) : opts.threads && (await opts.threads.load(embedder)) ? opts.threads : inlineShares(embedder)
    const inFlight: Promise<ShareRows>[] = []
    let batch: Segment[] = []
    let size = 0
    let writing: Promise<void> = Promise.resolve()
    const lost: string[] = []
    const write = (segments: Segment[]) => async () => {
      lost.push(...(await this.writeSegments(segments)))
      opts.onPhase({ name: 'embed', done: this.embedded, total })
    }
    const take = async () => {
      const share = await inFlight.shift()!
      opts.times.add(share.ms)
      for (const { id, problem } of share.failed) {
        this.fail(id, problem)
        lost.push(id)
      }
      let segment: Segment = { table: share.table, cases: [] }
      let from = 0
      for (const c of share.cases) {
        segment.cases.push({ id: c.id, from, to: from + c.rows })
        from += c.rows
        size += c.rows
        if (size < opts.batch) continue
        const full = [...batch, segment]
        batch = []
        size = 0
        segment = { table: share.table, cases: [] }
        await writing
        writing = write(full)()
        writing.catch(() => {})
      }
      if (segment.cases.length) batch.push(segment)
    }
    const send = async (share: Promise<ShareRows>) => {
      // Awaited in order by take; a failure is observed there, not as an unhandled rejection.
      share.catch(() => {})
      inFlight.push(share)
      if (inFlight.length >= SHARES_IN_FLIGHT * threads.parts) await take()
    }
    try {
      if (kept) {
        for (let i = 0; i < kept.length; i += SHARE_CASES) await send(keptRows(embedder, kept.slice(i, i + SHARE_CASES)))
      } else {
        for await (const rows of this.casesTable.query().select(['json'])) {
          for (const data of rows.getChild('json')!.data) {
            for (let i = 0; i < data.length; i += SHARE_CASES) await send(threads.rows(caseShare(data.values, data.valueOffsets, i, Math.min(data.length, i + SHARE_CASES))))
          }
        }
      }
      while (inFlight.length) await take()
      await writing
      if (batch.length) await write(batch)()
    } catch (error) {
      // Settled before the error goes up: a write still running must not fail unobserved.
      await Promise.allSettled([writing, ...inFlight])
      throw error
    }
    // Read back while the scan ran; their rows go once it is done.
    if (lost.length) {
      await opts.times.timeAsync('index', () => deleteIds(this.casesTable!, 'id', lost))
      this.rowsLost = true
    }
  }

  /** Writes pass two's rows (a batch's worth of share parts); returns the cases whose rows could not be written. */
  private async writeSegments(segments: Segment[]): Promise<string[]> {
    const schema = passagesSchema(this.embedder!.dims)
    const parts = segments.filter((s) => s.cases.length)
    // One table, and each case's rows in it.
    const table = parts.map((s) => s.table.slice(s.cases[0].from, s.cases.at(-1)!.to)).reduce((a, b) => a.concat(b))
    const cases: { id: string; from: number; to: number }[] = []
    let offset = 0
    for (const s of parts) {
      const base = s.cases[0].from
      for (const c of s.cases) cases.push({ id: c.id, from: offset + c.from - base, to: offset + c.to - base })
      offset += s.cases.at(-1)!.to - base
    }
    const lost: string[] = []
    await this.opts.times.timeAsync('index', async () => {
      if (this.passagesFresh || !this.passagesTable) {
        this.passagesTable = await this.db.createTable(TABLES.passages, toArrow([], schema), { mode: 'overwrite' })
        this.passagesFresh = false
      }
      const passages = this.passagesTable
      await isolating(
        cases,
        async (some) => {
          if (some.at(-1)!.to > some[0].from) await passages.add(table.slice(some[0].from, some.at(-1)!.to))
        },
        (c, error) => {
          lost.push(c.id)
          this.fail(c.id, (error as Error).message)
        },
      )
    })
    this.embedded += cases.length - lost.length
    return lost
  }
}

/** Part of a share's table: rows [from, to) of each of these cases. */
interface Segment {
  table: ArrowTable
  cases: { id: string; from: number; to: number }[]
}

/**
 * Cases per share of pass two: ~300 passages, a few tens of milliseconds of a worker's time, so
 * the threads stay evenly loaded and a batch (8000 passages) spans many shares.
 */
const SHARE_CASES = 100

/** Shares in flight per thread: enough to keep each busy while a batch is written. */
const SHARES_IN_FLIGHT = 4

interface Pending {
  id: string
  hash: string
  /** How many passages the case has. */
  passages: number
  /** The case's row in `cases` (made once, by prepare). */
  row: Record<string, unknown>
  /** The case and its passages, when this build embeds them as it writes them (an embedder in hand). */
  embed: { c: Case; passages: Passage[] } | null
}

/**
 * Runs `write` on all items; when it throws, on each half, down to the single items that make it
 * throw, which `fail` reports. One bad case costs a few extra writes, not the build. When every
 * item of several fails, the fault is not in the cases (a full disk, a broken store): that throws.
 */
async function isolating<T>(items: T[], write: (items: T[]) => Promise<void>, fail: (item: T, error: unknown) => void): Promise<void> {
  const failed: [T, unknown][] = []
  const split = async (part: T[]): Promise<void> => {
    if (!part.length) return
    try {
      await write(part)
    } catch (error) {
      if (part.length === 1) return void failed.push([part[0], error])
      const half = Math.ceil(part.length / 2)
      await split(part.slice(0, half))
      await split(part.slice(half))
    }
  }
  await split(items)
  if (items.length > 1 && failed.length === items.length) throw failed[0][1]
  for (const [item, error] of failed) fail(item, error)
}

/**
 * The corpus version: the same set of (id, hash) gives the same version in any order, so it can be
 * folded as cases stream by (XOR of each pair's digest), and an upsert can fold its changes into
 * the last build's version (XOR a replaced pair out, the new one in).
 */
class CorpusVersion {
  private acc = Buffer.alloc(16)

  static from(hex: string): CorpusVersion {
    const v = new CorpusVersion()
    Buffer.from(hex, 'hex').copy(v.acc, 0, 0, 16)
    return v
  }

  add(id: string, hash: string): void {
    const d = cryptoHash('sha256', `${id}:${hash}`, 'buffer')
    for (let i = 0; i < 16; i++) this.acc[i] ^= d[i]
  }

  digest(): string {
    return this.acc.toString('hex')
  }
}

/** A writer that died half way left versions past the pointer; start again from the pointer. */
async function rollBack(table: Table, version: number): Promise<void> {
  if ((await table.version()) === version) return
  await table.checkout(version)
  await table.restore()
}

/** id → hash of every stored case, or of those among `ids`. */
async function storedHashes(table: Table, ids?: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const read = async (where?: string) => {
    const query = table.query().select(['id', 'hash'])
    const data = await (where ? query.where(where) : query).toArrow()
    const idCol = data.getChild('id')!
    const hashes = data.getChild('hash')!
    for (let i = 0; i < data.numRows; i++) out.set(idCol.get(i) as string, hashes.get(i) as string)
  }
  if (!ids) await read()
  else for (let i = 0; i < ids.length; i += 500) await read(`id IN (${ids.slice(i, i + 500).map(sqlString).join(', ')})`)
  return out
}

async function deleteIds(table: Table, column: 'id' | 'caseId', ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await table.delete(`${column} IN (${ids.slice(i, i + 500).map(sqlString).join(', ')})`)
  }
}

/**
 * IVF partitions: ~2000 passages each, at most 256 — k-means training time grows with the count,
 * and 24 probed partitions of 256 still read under a tenth of the vectors.
 */
async function buildIndexes(cases: Table, passages: Table, fresh: boolean, vectorIndexFrom: number, any: boolean, fold: boolean): Promise<void> {
  if (!any) return
  // Passages arrive in batches, one file each; a search reads the rows it returns file by file,
  // so one compacted file halves that read (~4 → ~2 ms a query at 100k cases, bench/search.ts).
  if (fresh) await passages.optimize()
  const existing = new Set((await passages.listIndices()).map((i) => i.columns[0]))
  if (fresh || !existing.has('norm')) {
    await passages.createIndex('norm', { config: lancedb.Index.fts(FTS_OPTIONS), replace: true })
  }
  if (!existing.has('caseId') || fresh) await passages.createIndex('caseId', { config: lancedb.Index.btree(), replace: true })
  const rows = await passages.countRows()
  if (rows >= vectorIndexFrom && (fresh || !existing.has('vector'))) {
    await passages.createIndex('vector', {
      config: lancedb.Index.ivfPq({ distanceType: 'cosine', numPartitions: Math.min(256, Math.max(16, Math.round(rows / 2000))) }),
      replace: true,
    })
  }
  if (!fresh && fold) await passages.optimize()
  const caseIndexes = new Set((await cases.listIndices()).map((i) => i.columns[0]))
  if (!caseIndexes.has('id')) await cases.createIndex('id', { config: lancedb.Index.btree(), replace: true })
  else if (fold) await cases.optimize()
}
