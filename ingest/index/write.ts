/**
 * The index step: cases → the LanceDB store, incrementally by content hash.
 *
 * Readers answer from the newest `pointer` row in `meta` (see layout.ts), which this writer
 * appends last, after every table write and index build of the run; until then readers keep
 * answering from the previous pointer's table versions. One writer at a time (ingest, held to it by
 * a lock file on local disk); any number of readers, on local disk or an object store.
 *
 * The offline embedder is trained on the corpus, so a changed corpus could mean a different model
 * and every vector re-embedded. Instead the saved model is reused, and only added or changed cases
 * are embedded, until the cases added, changed or removed since it was trained exceed
 * `retrainShare` of the corpus (default 20%); then it is retrained and every passage re-embedded.
 * A model a fifth out of date still places new cases by the terms it knows, and re-embedding 100k
 * passages on every small edit would make ingest slow for no visible gain.
 */
import type { Case } from '../schema.js'
import type { Embedder } from '../embed/types.js'
import type { Passage } from '../embed/chunk.js'
import { connect, lancedb, type Connection, type Table } from './lancedb.js'
import { casesSchema, passagesSchema, TABLES, type EmbedderId, type Pointer } from './layout.js'
import { appendPointer, appendState, embedderState, latestPointer, openMeta, pruneStates } from './meta.js'
import { caseHash, caseRow, passageRows, passagesOf, passageText, toArrow } from './rows.js'
import { describeEmbedder, idOf, sameId, type EmbedderProvider } from './embedders.js'
import { sqlString } from '../search/facets.js'
import { bigramShares } from '../search/bigrams.js'
import { searchNormal } from '../search/normalize.js'
import { createHash } from 'node:crypto'
import { lockStore } from './lock.js'
import { LIMITS } from '../read/limits.js'
import { oneLine } from '../text/one-line.js'

/**
 * What the cases handed in are: `corpus`, every case there is (stored cases not among them are
 * removed; `npm run ingest`), or `upsert`, cases to add or replace, every other stored case kept
 * (an upload; a stream of batches). An upsert never retrains the offline model: it embeds with the
 * saved one and adds its changes to the drift that makes the next `corpus` run retrain.
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
  /** Passages per embedding and write batch (one table fragment each: fewer make searches cheaper). Default 8000. */
  batch: number
  /** Build an approximate vector index from this many passages; below it exact search is fast. */
  vectorIndexFrom: number
  log: (line: string) => void
}

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
  /** Seconds spent: choosing/training the embedder, embedding + writing passages, building indexes. */
  seconds: { embedder: number; passages: number; indexes: number }
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

const DEFAULTS = { mode: 'corpus' as IndexMode, retrainShare: 0.2, batch: 8000, vectorIndexFrom: 50_000 }

/** Writes `input` as the store's next build, holding the store's write lock (./lock.ts) throughout. */
export async function indexCases(input: Case[], options: Partial<IndexOptions> & Pick<IndexOptions, 'uri' | 'provider'>): Promise<IndexStats> {
  const opts = { ...DEFAULTS, log: (line: string) => process.stderr.write(`${line}\n`), ...options }
  const release = lockStore(opts.uri)
  try {
    return await build(input, opts)
  } finally {
    release()
  }
}

async function build(input: Case[], opts: IndexOptions): Promise<IndexStats> {
  const upsert = opts.mode === 'upsert'
  const failures = new Map<string, string>()
  const fail = (id: string, problem: string) => {
    if (failures.has(id)) return
    failures.set(id, problem)
    opts.log(`casebook: ${oneLine(id)}: cannot be indexed (${oneLine(problem)}); the rest of the run goes on`)
  }
  // Everything a case needs before a byte is written: one that cannot be hashed, chunked or made
  // into rows (a hand edit that broke its front matter, a body too large) fails here, alone.
  const prepared = prepare(dedupe(input, opts.log), fail)
  const cases = prepared.map((p) => p.c)
  const chunks = new Map(prepared.map((p) => [p.c.id, p.passages]))
  const passagesFor = (c: Case) => chunks.get(c.id)!

  const db = await connect(opts.uri, opts.storageOptions)
  const meta = (await openMeta(db, true))!
  const prev = await latestPointer(meta)
  const names = await db.tableNames()
  let casesTable = names.includes(TABLES.cases) ? await db.openTable(TABLES.cases) : null
  let passagesTable = names.includes(TABLES.passages) ? await db.openTable(TABLES.passages) : null
  if (prev && casesTable && passagesTable) {
    await rollBack(casesTable, prev.casesVersion)
    await rollBack(passagesTable, prev.passagesVersion)
  } else {
    casesTable = passagesTable = null
  }

  const stored = casesTable ? await storedHashes(casesTable) : new Map<string, string>()
  const fresh = new Map(prepared.map((p) => [p.c.id, p.hash]))
  const added = cases.filter((c) => !stored.has(c.id))
  const changed = cases.filter((c) => stored.has(c.id) && stored.get(c.id) !== fresh.get(c.id))
  // A case that failed keeps its stored version; an upsert removes nothing.
  const removed = upsert ? [] : [...stored.keys()].filter((id) => !fresh.has(id) && !failures.has(id))
  const hashes = new Map(upsert || failures.size ? [...stored].filter(([id]) => !removed.includes(id)) : [])
  for (const [id, hash] of fresh) hashes.set(id, hash)
  const total = hashes.size
  const changes = added.length + changed.length + removed.length

  let clock = performance.now()
  const lap = () => {
    const now = performance.now()
    const s = (now - clock) / 1000
    clock = now
    return Math.round(s * 10) / 10
  }
  const { embedder, state, reuse, retrained, drift } = await chooseEmbedder(opts, meta, prev, cases, total, passagesFor, changes)
  const stats: IndexStats = {
    uri: opts.uri, cases: total, added: added.length, changed: changed.length, removed: removed.length,
    unchanged: total - added.length - changed.length, embedded: 0, passages: prev?.passages ?? 0,
    retrained, embedder: idOf(embedder), generation: prev?.generation ?? 0, seconds: { embedder: lap(), passages: 0, indexes: 0 },
    failed: [],
  }
  const finish = () => {
    stats.failed = [...failures].map(([id, problem]) => ({ id, problem }))
    return stats
  }
  if (prev && reuse && changes === 0) {
    opts.log(`index: ${total} cases unchanged; store ${opts.uri} is up to date`)
    return finish()
  }

  const generation = (prev?.generation ?? 0) + 1
  const rebuild = !(reuse && passagesTable)
  const toEmbed = rebuild ? cases : [...added, ...changed]
  if (!rebuild) await deleteIds(passagesTable!, 'caseId', [...changed.map((c) => c.id), ...removed])
  const beforeWrites = new Set(failures.keys())
  passagesTable = await writePassages(db, rebuild ? null : passagesTable, toEmbed, passagesFor, embedder, opts.batch, fail)
  // Rows go in after their passages, so a case whose passages failed is not half in the store.
  const rows = [...added, ...changed].filter((c) => !failures.has(c.id))
  casesTable = await writeCases(db, casesTable, rows, new Set([...changed.map((c) => c.id), ...removed]), hashes, fail)
  // A case that failed while being written leaves neither its row nor its passages behind.
  const unwritten = [...failures.keys()].filter((id) => !beforeWrites.has(id))
  if (unwritten.length) {
    await deleteIds(passagesTable, 'caseId', unwritten)
    await deleteIds(casesTable, 'id', unwritten)
    for (const id of unwritten) hashes.delete(id)
  }
  stats.embedded = toEmbed.filter((c) => !failures.has(c.id)).length
  stats.seconds.passages = lap()

  // An upsert adds a fragment or two; folding them into the files and indexes (optimize) costs
  // seconds of CPU at 10k cases, so small builds leave them for a later one. Searches read
  // unindexed rows by a flat scan meanwhile.
  const fold = !upsert || generation % OPTIMIZE_EVERY === 0
  await buildIndexes(casesTable, passagesTable, rebuild, opts.vectorIndexFrom, total > 0, fold)
  stats.seconds.indexes = lap()

  if (state && !reuse) await appendState(meta, generation, state)
  const embedderGeneration = reuse ? (prev?.embedderGeneration ?? null) : state ? generation : null
  const pointer: Pointer = {
    generation,
    casesVersion: await casesTable.version(),
    passagesVersion: await passagesTable.version(),
    embedder: idOf(embedder),
    embedderGeneration,
    corpusVersion: corpusVersion(hashes),
    cases: await casesTable.countRows(),
    passages: await passagesTable.countRows(),
    driftSinceTraining: drift,
    // An upsert sees a few cases, not a sample of the corpus: the last full build's shares stand.
    bigramShares: upsert && prev?.bigramShares ? prev.bigramShares : bigramShares(sampleNormals(cases, passagesFor)),
    builtAt: new Date().toISOString(),
  }
  await appendPointer(meta, pointer)
  await pruneStates(meta, [embedderGeneration, prev?.embedderGeneration ?? null])
  stats.cases = pointer.cases
  stats.passages = pointer.passages
  stats.generation = generation
  opts.log(
    `index: ${added.length} added, ${changed.length} changed, ${removed.length} removed, ${stats.unchanged} unchanged` +
      `${failures.size ? `, ${failures.size} failed` : ''}; ` +
      `embedded ${stats.embedded} cases with ${describeEmbedder(stats.embedder)}${retrained ? ' (model retrained on the corpus)' : ''} → ${opts.uri}`,
  )
  return finish()
}

interface Prepared {
  c: Case
  hash: string
  passages: Passage[]
}

/** A case body this long was not made by read (LIMITS.textChars); a case file edited by hand can be. */
const MAX_BODY = 2 * LIMITS.textChars

/** Hash, passages and a trial row of each case; one that throws fails alone. */
function prepare(cases: Case[], fail: (id: string, problem: string) => void): Prepared[] {
  const out: Prepared[] = []
  for (const c of cases) {
    try {
      if (typeof c.body !== 'string') throw new Error('no body text')
      if (c.body.length > MAX_BODY) throw new Error(`body of ${c.body.length.toLocaleString('en-US')} characters; the limit is ${MAX_BODY.toLocaleString('en-US')}`)
      const hash = caseHash(c)
      caseRow(c, hash)
      const passages = passagesOf(c)
      passageRows(c, passages.slice(0, 1), [])
      out.push({ c, hash, passages })
    } catch (error) {
      fail(String(c.id), (error as Error).message)
    }
  }
  return out
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

function dedupe(cases: Case[], log: (line: string) => void): Case[] {
  const byId = new Map<string, Case>()
  for (const c of cases) {
    if (byId.has(c.id)) log(`index: case id ${c.id} appears twice; the later one is kept`)
    byId.set(c.id, c)
  }
  return [...byId.values()]
}

/** A writer that died half way left versions past the pointer; start again from the pointer. */
async function rollBack(table: Table, version: number): Promise<void> {
  if ((await table.version()) === version) return
  await table.checkout(version)
  await table.restore()
}

async function storedHashes(table: Table): Promise<Map<string, string>> {
  const rows = (await table.query().select(['id', 'hash']).toArray()) as { id: string; hash: string }[]
  return new Map(rows.map((r) => [r.id, r.hash]))
}

async function chooseEmbedder(
  opts: IndexOptions,
  meta: Table,
  prev: Pointer | null,
  cases: Case[],
  total: number,
  passagesFor: (c: Case) => Passage[],
  changes: number,
): Promise<{ embedder: Embedder; state: Uint8Array | null; reuse: boolean; retrained: boolean; drift: number }> {
  if (prev && opts.provider.sameKind(prev.embedder)) {
    const drift = prev.driftSinceTraining + changes
    const trained = prev.embedderGeneration !== null
    if (!trained || opts.mode === 'upsert' || drift <= opts.retrainShare * Math.max(total, 1)) {
      const restored = await opts.provider.restore(prev.embedder, await embedderState(meta, prev.embedderGeneration))
      if (restored) return { embedder: restored, state: null, reuse: true, retrained: false, drift: trained ? drift : 0 }
    }
  }
  // Training needs the whole corpus; an upsert holds a few cases.
  if (prev && opts.mode === 'upsert') {
    throw new Error(`the store's embedder ${describeEmbedder(prev.embedder)} cannot be restored here; run npm run ingest to rebuild the store`)
  }
  const texts: string[] = []
  for (const c of cases) passagesFor(c).forEach((p, ord) => texts.push(passageText(c, p, ord)))
  const { embedder, state } = await opts.provider.create(texts)
  if (prev && sameId(prev.embedder, idOf(embedder))) {
    return { embedder, state, reuse: true, retrained: false, drift: 0 }
  }
  if (prev) {
    opts.log(`index: store was built by ${describeEmbedder(prev.embedder)}; re-embedding every case with ${describeEmbedder(idOf(embedder))}`)
  }
  return { embedder, state, reuse: false, retrained: state !== null && prev !== null, drift: 0 }
}

async function writeCases(
  db: Connection,
  table: Table | null,
  rows: Case[],
  rewrite: Set<string>,
  hashes: Map<string, string>,
  fail: (id: string, problem: string) => void,
): Promise<Table> {
  let out = table ?? (await db.createEmptyTable(TABLES.cases, casesSchema(), { mode: 'overwrite' }))
  if (table) await deleteIds(table, 'id', [...rewrite])
  await isolating(
    rows,
    async (part) => {
      await out.add(toArrow(part.map((c) => caseRow(c, hashes.get(c.id)!)), casesSchema()))
    },
    (c, error) => fail(c.id, (error as Error).message),
  )
  return out
}

async function deleteIds(table: Table, column: 'id' | 'caseId', ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await table.delete(`${column} IN (${ids.slice(i, i + 500).map(sqlString).join(', ')})`)
  }
}

async function writePassages(
  db: Connection,
  table: Table | null,
  cases: Case[],
  passagesFor: (c: Case) => Passage[],
  embedder: Embedder,
  batch: number,
  fail: (id: string, problem: string) => void,
): Promise<Table> {
  const out = table ?? (await db.createEmptyTable(TABLES.passages, passagesSchema(embedder.dims), { mode: 'overwrite' }))
  // Embedding is not isolated: an embedder that fails fails for every case (the run stops, the
  // store stays at its last build). Rows and writes are: a case whose values do not fit the
  // table's columns fails alone.
  const flush = async (part: Case[]) => {
    const texts: string[] = []
    for (const c of part) passagesFor(c).forEach((p, ord) => texts.push(passageText(c, p, ord)))
    const vectors = texts.length ? await embedder.embed(texts, 'passage') : []
    const at = new Map<Case, number>()
    let offset = 0
    for (const c of part) {
      at.set(c, offset)
      offset += passagesFor(c).length
    }
    await isolating(
      part,
      async (some) => {
        const rows: Record<string, unknown>[] = []
        for (const c of some) {
          const passages = passagesFor(c)
          for (const row of passageRows(c, passages, vectors.slice(at.get(c)!, at.get(c)! + passages.length))) rows.push(row)
        }
        if (rows.length) await out.add(toArrow(rows, passagesSchema(embedder.dims)))
      },
      (bad, error) => fail(bad.id, (error as Error).message),
    )
  }
  let pending: Case[] = []
  let size = 0
  for (const c of cases) {
    pending.push(c)
    size += passagesFor(c).length
    if (size >= batch) {
      await flush(pending)
      pending = []
      size = 0
    }
  }
  await flush(pending)
  return out
}

/**
 * IVF partitions: ~2000 passages each, at most 256 — k-means training time grows with the count,
 * and 24 probed partitions of 256 still read under a tenth of the vectors.
 */
/** Every this many builds an upsert also optimizes (compacts fragments, folds new rows into the indexes). */
const OPTIMIZE_EVERY = 10

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

/** Search-normal passages of an evenly spread sample of at most ~2000 cases. */
function sampleNormals(cases: Case[], passagesFor: (c: Case) => Passage[]): string[] {
  const step = Math.max(1, Math.floor(cases.length / 2000))
  const out: string[] = []
  for (let i = 0; i < cases.length; i += step) passagesFor(cases[i]).forEach((p, ord) => out.push(searchNormal(passageText(cases[i], p, ord))))
  return out
}

function corpusVersion(hashes: Map<string, string>): string {
  const h = createHash('sha256')
  for (const k of [...hashes.keys()].sort()) h.update(`${k}:${hashes.get(k)}\n`)
  return h.digest('hex').slice(0, 16)
}
