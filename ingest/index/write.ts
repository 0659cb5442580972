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

export interface IndexOptions {
  uri: string
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

const DEFAULTS = { retrainShare: 0.2, batch: 8000, vectorIndexFrom: 50_000 }

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
  const cases = dedupe(input, opts.log)
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
  const hashes = new Map(cases.map((c) => [c.id, caseHash(c)]))
  const added = cases.filter((c) => !stored.has(c.id))
  const changed = cases.filter((c) => stored.has(c.id) && stored.get(c.id) !== hashes.get(c.id))
  const removed = [...stored.keys()].filter((id) => !hashes.has(id))
  const changes = added.length + changed.length + removed.length

  const chunks = new Map<string, Passage[]>()
  const passagesFor = (c: Case) => {
    let p = chunks.get(c.id)
    if (!p) chunks.set(c.id, (p = passagesOf(c)))
    return p
  }

  let clock = performance.now()
  const lap = () => {
    const now = performance.now()
    const s = (now - clock) / 1000
    clock = now
    return Math.round(s * 10) / 10
  }
  const { embedder, state, reuse, retrained, drift } = await chooseEmbedder(opts, meta, prev, cases, passagesFor, changes)
  const stats: IndexStats = {
    uri: opts.uri, cases: cases.length, added: added.length, changed: changed.length, removed: removed.length,
    unchanged: cases.length - added.length - changed.length, embedded: 0, passages: prev?.passages ?? 0,
    retrained, embedder: idOf(embedder), generation: prev?.generation ?? 0, seconds: { embedder: lap(), passages: 0, indexes: 0 },
  }
  if (prev && reuse && changes === 0) {
    opts.log(`index: ${cases.length} cases unchanged; store ${opts.uri} is up to date`)
    return stats
  }

  const generation = (prev?.generation ?? 0) + 1
  const rewrite = new Set([...changed.map((c) => c.id), ...removed])
  casesTable = await writeCases(db, casesTable, [...added, ...changed], rewrite, hashes)

  const toEmbed = reuse && passagesTable ? [...added, ...changed] : cases
  const fresh = !(reuse && passagesTable)
  if (!fresh) await deleteIds(passagesTable!, 'caseId', [...rewrite])
  passagesTable = await writePassages(db, fresh ? null : passagesTable, toEmbed, passagesFor, embedder, opts.batch)
  stats.embedded = toEmbed.length
  stats.seconds.passages = lap()

  await buildIndexes(casesTable, passagesTable, fresh, opts.vectorIndexFrom, cases.length > 0)
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
    cases: cases.length,
    passages: await passagesTable.countRows(),
    driftSinceTraining: drift,
    bigramShares: bigramShares(sampleNormals(cases, passagesFor)),
    builtAt: new Date().toISOString(),
  }
  await appendPointer(meta, pointer)
  await pruneStates(meta, [embedderGeneration, prev?.embedderGeneration ?? null])
  stats.passages = pointer.passages
  stats.generation = generation
  opts.log(
    `index: ${added.length} added, ${changed.length} changed, ${removed.length} removed, ${stats.unchanged} unchanged; ` +
      `embedded ${toEmbed.length} cases with ${describeEmbedder(stats.embedder)}${retrained ? ' (model retrained on the corpus)' : ''} → ${opts.uri}`,
  )
  return stats
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
  passagesFor: (c: Case) => Passage[],
  changes: number,
): Promise<{ embedder: Embedder; state: Uint8Array | null; reuse: boolean; retrained: boolean; drift: number }> {
  if (prev && opts.provider.sameKind(prev.embedder)) {
    const drift = prev.driftSinceTraining + changes
    const trained = prev.embedderGeneration !== null
    if (!trained || drift <= opts.retrainShare * Math.max(cases.length, 1)) {
      const restored = await opts.provider.restore(prev.embedder, await embedderState(meta, prev.embedderGeneration))
      if (restored) return { embedder: restored, state: null, reuse: true, retrained: false, drift: trained ? drift : 0 }
    }
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
): Promise<Table> {
  const data = rows.map((c) => caseRow(c, hashes.get(c.id)!))
  if (!table) return db.createTable(TABLES.cases, data, { mode: 'overwrite', schema: casesSchema() })
  await deleteIds(table, 'id', [...rewrite])
  if (data.length) await table.add(data)
  return table
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
): Promise<Table> {
  let pending: { c: Case; passages: Passage[] }[] = []
  let size = 0
  let out = table
  const flush = async () => {
    if (!pending.length && out) return
    const texts = pending.flatMap(({ c, passages }) => passages.map((p, ord) => passageText(c, p, ord)))
    const vectors = texts.length ? await embedder.embed(texts, 'passage') : []
    const rows: Record<string, unknown>[] = []
    let at = 0
    for (const { c, passages } of pending) {
      rows.push(...passageRows(c, passages, vectors.slice(at, at + passages.length)))
      at += passages.length
    }
    const data = toArrow(rows, passagesSchema(embedder.dims))
    if (!out) out = await db.createTable(TABLES.passages, data, { mode: 'overwrite' })
    else if (rows.length) await out.add(data)
    pending = []
    size = 0
  }
  for (const c of cases) {
    const passages = passagesFor(c)
    pending.push({ c, passages })
    size += passages.length
    if (size >= batch) await flush()
  }
  await flush()
  return out!
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
