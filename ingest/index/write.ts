/**
 * The index step: a stream of cases → the LanceDB store, incrementally by content hash, in memory
 * bounded by the batch size (plus an id and a hash per case), not by the corpus.
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
 * reads it back a batch at a time to embed every passage (pass two). The corpus is never held.
 */
import type { Case } from '../schema.js'
import type { Embedder } from '../embed/types.js'
import type { TrainingSample } from '../embed/lsa.js'
import type { Passage } from '../embed/chunk.js'
import { connect, lancedb, type Connection, type Table } from './lancedb.js'
import { casesSchema, passagesSchema, TABLES, type EmbedderId, type Pointer } from './layout.js'
import { appendPointer, appendState, embedderState, latestPointer, openMeta, openTableIfAny, pruneStates } from './meta.js'
import { caseHash, caseRow, passageRows, passagesOf, passageText, toArrow } from './rows.js'
import { describeEmbedder, idOf, sameId, type EmbedderProvider } from './embedders.js'
import { sqlString } from '../search/facets.js'
import { bigramShares } from '../search/bigrams.js'
import { BigramSample } from './bigram-sample.js'
import { createHash } from 'node:crypto'
import { lockStore } from './lock.js'
import { StageTimes } from '../timings.js'

export interface IndexOptions {
  uri: string
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

const DEFAULTS = { retrainShare: 0.2, batch: 8000, vectorIndexFrom: 10_000, onPhase: () => {} }

type Options = Partial<IndexOptions> & Pick<IndexOptions, 'uri' | 'provider'>

/** LanceDB's caches for the writer: it reads back only hashes, the model and (pass two) case JSON. */
const WRITER_CACHE_BYTES = 256 << 20

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
  /** id → hash of the cases in the store's last build. */
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

  constructor(private readonly opts: IndexOptions) {
    this.sample = opts.provider.sample()
  }

  async run(source: AsyncIterable<Case> | Iterable<Case>): Promise<IndexStats> {
    const { opts, prev } = await this.open()
    await this.chooseStartingEmbedder()
    for await (const c of source) await this.take(c)
    await this.flush()

    const removed = [...this.stored.keys()].filter((id) => !this.seen.has(id))
    await opts.times.timeAsync('index', async () => {
      if (this.casesTable) await deleteIds(this.casesTable, 'id', removed)
      if (this.passagesTable && this.reuse) await deleteIds(this.passagesTable, 'caseId', removed)
    })
    const n = this.seen.size
    const changes = this.added + this.changed + removed.length
    const stats: IndexStats = {
      uri: opts.uri, cases: n, added: this.added, changed: this.changed, removed: removed.length,
      unchanged: n - this.added - this.changed, embedded: 0, passages: prev?.passages ?? 0,
      retrained: false, embedder: prev?.embedder ?? { name: 'none', model: 'none', dims: 0 }, generation: prev?.generation ?? 0,
    }

    let state: Uint8Array | null = null
    let drift = prev && prev.embedderGeneration !== null ? prev.driftSinceTraining + changes : 0
    const trained = prev !== null && prev.embedderGeneration !== null
    if (this.sample && (this.embedder === null || (trained && drift > opts.retrainShare * Math.max(n, 1)))) {
      const sample = this.sample
      const fresh = await opts.times.timeAsync('embed', () => opts.provider.create(sample.texts()))
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
    if (prev && this.reuse && changes === 0) return stats
    const casesTable = this.casesTable ?? (await this.db.createTable(TABLES.cases, toArrow([], casesSchema()), { mode: 'overwrite' }))
    const passagesTable = this.passagesTable ?? (await this.db.createTable(TABLES.passages, toArrow([], passagesSchema(embedder.dims)), { mode: 'overwrite' }))

    opts.onPhase({ name: 'indexes' })
    await opts.times.timeAsync('compact', () => buildIndexes(casesTable, passagesTable, !this.reuse, opts.vectorIndexFrom, n > 0))

    const generation = (prev?.generation ?? 0) + 1
    if (state) await appendState(this.meta, generation, state)
    const embedderGeneration = this.reuse ? (prev?.embedderGeneration ?? null) : state ? generation : null
    const pointer: Pointer = {
      generation,
      casesVersion: await casesTable.version(),
      passagesVersion: await passagesTable.version(),
      embedder: idOf(embedder),
      embedderGeneration,
      corpusVersion: this.version.digest(),
      cases: n,
      passages: await passagesTable.countRows(),
      driftSinceTraining: drift,
      bigramShares: bigramShares(this.bigrams.normals()),
      builtAt: new Date().toISOString(),
    }
    await appendPointer(this.meta, pointer)
    await pruneStates(this.meta, [embedderGeneration, prev?.embedderGeneration ?? null])
    stats.passages = pointer.passages
    stats.generation = generation
    return stats
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
      this.stored = await storedHashes(cases)
    }
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
    if (!this.embedder && !this.sample) {
      this.embedder = (await opts.provider.create([])).embedder
      this.reuse = !!prev && !!this.passagesTable && sameId(prev.embedder, idOf(this.embedder))
      if (prev && !this.reuse) opts.log(`index: store was built by ${describeEmbedder(prev.embedder)}; re-embedding every case with ${describeEmbedder(idOf(this.embedder))}`)
    }
    this.passagesFresh = !this.reuse
  }

  private async take(c: Case): Promise<void> {
    if (this.seen.has(c.id)) {
      this.opts.log(`index: case id ${c.id} appears twice; the first one is kept`)
      return
    }
    this.seen.add(c.id)
    const hash = caseHash(c)
    this.version.add(c.id, hash)
    const passages = passagesOf(c)
    if (this.sample) passages.forEach((p, ord) => this.sample!.add(passageText(c, p, ord)))
    this.bigrams.offer(c)
    const before = this.stored.get(c.id)
    if (before === undefined) this.added++
    else if (before !== hash) this.changed++
    // An unchanged case is rewritten only when every vector is being replaced by this embedder.
    else if (this.reuse || this.embedder === null) return
    this.pending.push({ c, hash, passages })
    this.pendingPassages += passages.length
    if (this.pendingPassages >= this.opts.batch) await this.flush()
  }

  /** Writes the pending cases that are new or changed, and, with an embedder in hand, the passages of all. */
  private async flush(): Promise<void> {
    const batch = this.pending
    this.pending = []
    this.pendingPassages = 0
    if (!batch.length) return
    const write = batch.filter((p) => this.stored.get(p.c.id) !== p.hash)
    const replaced = write.filter((p) => this.stored.has(p.c.id)).map((p) => p.c.id)
    const rows = toArrow(write.map((p) => caseRow(p.c, p.hash)), casesSchema())
    await this.opts.times.timeAsync('index', async () => {
      if (!this.casesTable) {
        this.casesTable = await this.db.createTable(TABLES.cases, rows, { mode: 'overwrite' })
        return
      }
      await deleteIds(this.casesTable, 'id', replaced)
      if (rows.numRows) await this.casesTable.add(rows)
    })
    if (this.embedder) await this.writePassages(batch, replaced)
  }

  private async writePassages(batch: Pending[], replaced: string[]): Promise<void> {
    const { opts } = this
    const embedder = this.embedder!
    const texts = batch.flatMap(({ c, passages }) => passages.map((p, ord) => passageText(c, p, ord)))
    const vectors = texts.length ? await opts.times.timeAsync('embed', () => embedder.embed(texts, 'passage')) : []
    const rows: Record<string, unknown>[] = []
    let at = 0
    for (const { c, passages } of batch) {
      rows.push(...passageRows(c, passages, vectors.slice(at, at + passages.length)))
      at += passages.length
    }
    const data = toArrow(rows, passagesSchema(embedder.dims))
    await opts.times.timeAsync('index', async () => {
      if (this.passagesFresh || !this.passagesTable) {
        this.passagesTable = await this.db.createTable(TABLES.passages, data, { mode: 'overwrite' })
        this.passagesFresh = false
        return
      }
      if (this.reuse) await deleteIds(this.passagesTable, 'caseId', replaced)
      if (rows.length) await this.passagesTable.add(data)
    })
    this.embedded += batch.length
  }

  /** Pass two: every case read back from `cases` as this build left it, its passages embedded afresh. */
  private async reembedAll(total: number): Promise<void> {
    const { opts } = this
    this.embedded = 0
    this.passagesFresh = true
    if (!this.casesTable) return
    opts.onPhase({ name: 'embed', done: 0, total })
    let batch: Pending[] = []
    let size = 0
    const flush = async () => {
      if (batch.length) await this.writePassages(batch, [])
      batch = []
      size = 0
      opts.onPhase({ name: 'embed', done: this.embedded, total })
    }
    for await (const rows of this.casesTable.query().select(['json'])) {
      const json = rows.getChild('json')!
      for (let i = 0; i < rows.numRows; i++) {
        const c = JSON.parse(json.get(i) as string) as Case
        const passages = passagesOf(c)
        batch.push({ c, hash: '', passages })
        size += passages.length
        if (size >= opts.batch) await flush()
      }
    }
    await flush()
  }
}

interface Pending {
  c: Case
  hash: string
  passages: Passage[]
}

/**
 * The corpus version: the same set of (id, hash) gives the same version in any order, so it can be
 * folded as cases stream by (XOR of each pair's digest).
 */
class CorpusVersion {
  private acc = Buffer.alloc(16)

  add(id: string, hash: string): void {
    const d = createHash('sha256').update(`${id}:${hash}`).digest()
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

async function storedHashes(table: Table): Promise<Map<string, string>> {
  const data = await table.query().select(['id', 'hash']).toArrow()
  const ids = data.getChild('id')!
  const hashes = data.getChild('hash')!
  const out = new Map<string, string>()
  for (let i = 0; i < data.numRows; i++) out.set(ids.get(i) as string, hashes.get(i) as string)
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
async function buildIndexes(cases: Table, passages: Table, fresh: boolean, vectorIndexFrom: number, any: boolean): Promise<void> {
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
  if (!fresh) await passages.optimize()
  const caseIndexes = new Set((await cases.listIndices()).map((i) => i.columns[0]))
  if (!caseIndexes.has('id')) await cases.createIndex('id', { config: lancedb.Index.btree(), replace: true })
  else await cases.optimize()
}
