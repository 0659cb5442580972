/**
 * The shared search module's front door (types in ./types.ts): hybrid search, facets, "cases like
 * mine", similar cases, over a LanceDB store written by ingest/index.
 *
 * Readers answer from the newest complete build (the newest `pointer` row in `meta`), checking for
 * a newer one every `refreshMs`; a build in progress is invisible until its pointer is written.
 * Nothing here writes, so any number of app replicas can open one store, on disk or on s3.
 */
import { existsSync } from 'node:fs'
import type { Case } from '../schema.js'
import type { Embedder } from '../embed/types.js'
import { connect, lancedb, type Connection, type Table } from '../index/lancedb.js'
import { TABLES, type Card, type Pointer } from '../index/layout.js'
import { embedderState, latestPointer, openTableIfAny } from '../index/meta.js'
import { describeEmbedder, idOf, sameId } from '../index/embedders.js'
import { restoreEmbedder } from '../index/providers.js'
import type { BrowseSort, FacetCounts, Filters, Hit, Ranking, SearchOptions, SearchResult, SimilarHit, Store, StoreInfo } from './types.js'
import { checkFilters, matcher, sqlString, whereClause } from './facets.js'
import { countFacets, filterEntries, loadCatalog, type Catalog, type CatalogEntry } from './catalog.js'
import { LAYOUT_MAX_PASSAGES, loadLayout, type PassageLayout } from './passage-layout.js'
import { prepareQuery, type PreparedQuery } from './query.js'
import { KeptTexts } from './kept-text.js'
import { makeSnippet, markedSnippet } from './snippet.js'
import { compare, describe, profileOf, screen, sharingAtLeast, type Profile } from './likeness.js'
import { SearchError } from './errors.js'
import { httpUrl } from '../text/http-url.js'
import { needById } from '../text/needs.js'
import { cjkBigrams, fulltextQuery, POSTINGS_BUDGET, warmBigrams, type BigramStats } from './bigrams.js'
import { COLLOQUIAL_PARAPHRASE_WEIGHT, fuse, PARAPHRASE_WEIGHT, TRANSLATED_VECTOR_WEIGHT, VECTOR_WEIGHT, type CaseEvidence } from './fusion.js'

export interface OpenOptions {
  storageOptions: Record<string, string>
  /** The query embedder; must be the one that built the store. Default: rebuilt from the store. */
  embedder: Embedder
  /** How often to look for a newer complete build, in ms (0: on every call). Default 5000. */
  refreshMs: number
  /**
   * Index postings a full-text query may walk (every term's but the commonest's; see ./bigrams.ts):
   * the latency a large store trades for BM25 weight of common bigrams. Default POSTINGS_BUDGET.
   */
  postingsBudget: number
}

const MAX_LIMIT = 200
/** How much a description's likeness to a case adds to its hybrid score (see blendLikeness). */
const LIKE_WEIGHT = 0.25
const PASSAGE_COLUMNS = ['caseId', 'ord', 'text', 'norm', 'spanStart', 'spanEnd']
/** What ranking needs; text is read afterwards for the few passages shown or checked verbatim. */
const RANK_COLUMNS = ['caseId', 'ord', 'spanStart', 'spanEnd']
/**
 * Cases whose passages are read to look for verbatim matches (the exact-match list): the leading
 * `limit` and EXACT_POOL more (at least 2 × limit for short lists). A 200-case page checked 400
 * before: its norm reads were a quarter of its CPU, and the cases ranked 231–400 by the lists
 * almost never climb into the 200 on the bonus (bench/README: 40 of 40 first pages unchanged).
 */
const EXACT_POOL = 30
/**
 * Passages each list asks for, per case ranked (at least 60). A 200-case page asked 1,200 a list
 * before (6×); at 3× 38 of the 40 bench first pages stay the same (in the other two, one case the
 * lists found only past passage 600 leaves 10th place; bench/README "Search page"). Lists of 10
 * (the CLI, the retrieval sets) still ask 60.
 */
const LIST_FACTOR = 3

/** Which list's passage a case's snippet prefers: the most literal match first. */
const LIST_ORDER = { exact: 0, fulltext: 1, paraphrase: 2, vector: 3 } as const

function exactPool(limit: number): number {
  return Math.max(EXACT_POOL, Math.min(2 * limit, limit + EXACT_POOL))
}

interface PassageRow {
  caseId: string
  ord: number
  text: string
  norm: string
  spanStart: number
  spanEnd: number
  _rowid?: bigint
  _score?: number
  _distance?: number
}

interface Snapshot {
  pointer: Pointer
  /** How common each bigram is, to plan full-text queries; null for stores too small to need it. */
  bigrams: BigramStats | null
  cases: Table
  passages: Table
  embedder: Embedder
  hasVectorIndex: boolean
  catalog: Promise<Catalog>
  /** Set once the catalog has loaded: until then hits read their cards from the table. */
  loaded: Catalog | null
  /**
   * `norm` of passages read so far, by row id: stable within a build (the tables are checked out
   * at its version) and handed on to the next build when that one only added and deleted rows.
   */
  norms: Map<bigint, string>
  /** `text` of the passages shown lately (hits' snippets), by row id; handed on as `norms` is. */
  texts: KeptTexts
  /** Set once the passages' layout has loaded (./passage-layout.ts): until then lists select its columns. */
  layout: PassageLayout | null
  /** The layout being read (null: none for this build), for the next build to extend. */
  layoutLoad: Promise<PassageLayout | null>
}

/**
 * Passages whose `norm` a snapshot keeps (~25 MB at the bench's 240 characters a passage). Every
 * ranking reads the `norm` of ~700 listed passages for its verbatim pass and `matched` flags:
 * LanceDB's take decodes them at ~0.03 ms a row, 20 ms of a search page's CPU, the same strings
 * for every search that lists the same passages. A 10k-case store (~32k passages) fits whole.
 */
const NORMS_KEPT = 50_000
/**
 * Characters of shown passages' text a snapshot keeps (~2 MB; 2,000–4,000 passages of 250–500
 * characters, a hundred or more result pages), whatever the store's size: at 1M passages their
 * text is ~500 MB, too much to hold whole (wt-page6 kept every passage's: +120–165 MB at 10k cases).
 * With their snippets' normal forms beside them (./kept-text.ts), ~9 MB in all.
 */
const TEXTS_KEPT = 1_000_000

/** A case's best passage among the vector and full-text hits of a likeness query. */
interface Best {
  row: PassageRow
  similarity: number
  textRank: number | null
}

interface Candidate {
  id: string
  score: number
  best: PassageRow
  bestRank: number
}

/** Prepared queries by text, newest last: a query asked again (the next result page, a facet clicked) skips segmenting and glossary mapping. */
const prepared = new Map<string, PreparedQuery>()
const PREPARED_KEPT = 256

function prepare(text: string, without?: string[]): PreparedQuery {
  // Keyed by the text and the needs left out (NUL cannot occur in either).
  const key = without?.length ? `${text}\0${without.join('\0')}` : text
  let q = prepared.get(key)
  if (q) prepared.delete(key)
  else q = prepareQuery(text, { without })
  prepared.set(key, q)
  if (prepared.size > PREPARED_KEPT) prepared.delete(prepared.keys().next().value as string)
  return q
}

function isLocal(uri: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(uri) || uri.startsWith('file://')
}

export async function openStore(uri: string, options: Partial<OpenOptions> = {}): Promise<Store> {
  if (isLocal(uri) && !existsSync(uri.replace(/^file:\/\//, ''))) throw noStore(uri)
  const db = await connect(uri, options.storageOptions)
  const meta = await openTableIfAny(db, TABLES.meta)
  if (!meta) throw noStore(uri)
  const store = new LanceStore(uri, db, meta, options)
  await store.snapshot()
  return store
}

function noStore(uri: string): SearchError {
  return new SearchError('no-store', `no store at ${uri} — run npm run ingest first`)
}

class LanceStore implements Store {
  private current: Promise<Snapshot> | null = null
  private checkedAt = 0

  constructor(
    private readonly uri: string,
    private readonly db: Connection,
    private readonly meta: Table,
    private readonly options: Partial<OpenOptions>,
  ) {}

  /** The snapshot to answer from, re-reading the pointer when `refreshMs` has passed. */
  async snapshot(): Promise<Snapshot> {
    const refreshMs = this.options.refreshMs ?? 5000
    if (this.current && Date.now() - this.checkedAt < refreshMs) return this.current
    this.checkedAt = Date.now()
    await this.meta.checkoutLatest()
    const pointer = await latestPointer(this.meta)
    if (!pointer) throw noStore(this.uri)
    const prev = this.current ? await this.current : null
    if (prev && prev.pointer.generation === pointer.generation) return prev
    this.current = this.open(pointer, prev)
    this.current.catch(() => (this.current = null))
    return this.current
  }

  private async open(pointer: Pointer, prev: Snapshot | null): Promise<Snapshot> {
    const cases = await this.db.openTable(TABLES.cases)
    const passages = await this.db.openTable(TABLES.passages)
    await cases.checkout(pointer.casesVersion)
    await passages.checkout(pointer.passagesVersion)
    const embedder = prev && sameId(prev.pointer.embedder, pointer.embedder) ? prev.embedder : await this.embedderFor(pointer)
    const hasVectorIndex = (await passages.listIndices()).some((i) => i.columns[0] === 'vector')
    // A build that reused the last one's embedder added and deleted rows in the same tables, so
    // the last build's row ids still mean the same cases and passages: its catalog, layout and
    // norms are extended, not read again (./catalog.ts, ./passage-layout.ts). Any other build
    // wrote its passages anew.
    const same = prev && sameId(prev.pointer.embedder, pointer.embedder) && prev.pointer.embedderGeneration === pointer.embedderGeneration ? prev : null
    const catalog = (same ? same.catalog.catch(() => undefined) : Promise.resolve(undefined)).then((earlier) => loadCatalog(cases, earlier))
    const bigrams = pointer.bigramShares?.length ? { passages: pointer.passages, shares: new Map(pointer.bigramShares) } : null
    const snap: Snapshot = { pointer, bigrams, cases, passages, embedder, hasVectorIndex, catalog, loaded: null, norms: same?.norms ?? new Map(), texts: same?.texts ?? new KeptTexts(TEXTS_KEPT), layout: null, layoutLoad: Promise.resolve(null) }
    catalog.then((c) => (snap.loaded = c), () => undefined)
    if (pointer.passages <= LAYOUT_MAX_PASSAGES) {
      const earlier = same ? same.layoutLoad.catch(() => null) : Promise.resolve(null)
      snap.layoutLoad = Promise.all([catalog, earlier]).then(([c, layout]) =>
        loadLayout(passages, (id) => c.byId.get(id)?.id ?? id, layout ? { layout, passages: pointer.passages } : undefined),
      )
      snap.layoutLoad.then((layout) => (snap.layout = layout), () => undefined)
    }
    return snap
  }

  private async embedderFor(pointer: Pointer): Promise<Embedder> {
    const given = this.options.embedder
    if (given) {
      if (!sameId(idOf(given), pointer.embedder)) throw mismatch(this.uri, pointer, describeEmbedder(idOf(given)))
      return given
    }
    const restored = await restoreEmbedder(pointer.embedder, await embedderState(this.meta, pointer.embedderGeneration))
    if ('error' in restored) throw mismatch(this.uri, pointer, restored.error)
    return restored.embedder
  }

  /**
   * Reads the posting lists of the build's commonest bigrams, one after another: the first query
   * that asks a bigram reads its whole list (a cold first search page took seconds under load), and
   * these are the lists most queries ask. Commonest first, so what the first readers most likely
   * need is read first; each read is its own small query, so a reader's search interleaves with it.
   * Nothing to do for stores too small to record bigram stats.
   *
   * First, a store whose passages all fit NORMS_KEPT has every `norm` read in one scan: a query's
   * first ask otherwise reads the `norm` of the ~700 passages its verbatim pass checks (LanceDB's
   * take, ~6 ms of a never-seen search's ~15 ms ranking at 10k cases), which the cache holds for the
   * query's later asks only.
   */
  async warm(bigrams?: number): Promise<void> {
    const snap = await this.snapshot()
    if (snap.pointer.passages <= NORMS_KEPT) await readNorms(snap)
    for (const bigram of warmBigrams(snap.bigrams, bigrams)) {
      await snap.passages.query().fullTextSearch(new lancedb.MatchQuery(bigram, 'norm')).select(['caseId']).limit(1).toArrow()
    }
  }

  async search(query: string, options: Partial<SearchOptions> = {}): Promise<SearchResult> {
    const { ranked, hits, facets, query: understood } = await this.ranking(query, options)
    return { hits: await hits(ranked.map((r) => r.id)), facets, query: understood }
  }

  async ranking(query: string, options: Partial<SearchOptions> = {}): Promise<Ranking> {
    const q = prepare(query, options.without)
    const filters = options.filters ?? {}
    const where = whereClause(filters)
    const limit = clampLimit(options.limit)
    const mode = options.mode ?? 'hybrid'
    const snap = await this.snapshot()
    let ranked = await this.rank(snap, q, where, mode, limit)
    const situation = mode === 'hybrid' && q.situation
    if (situation) ranked = await this.blendLikeness(snap, q, ranked, filters, limit)
    const top = ranked.slice(0, limit)
    // A case can reach the top on its vector or full-text rank alone, with a passage the
    // verbatim pass did not read.
    await hydrate(snap, top.map((c) => c.best), ['norm'])
    let facets: FacetCounts | null = null
    if (options.facets) {
      // Over the ranked cases the page counts in its total, not every candidate the lists found
      // (~2,000 at 10k cases beside a total of 200): no count exceeds the total it sits beside.
      const catalog = await snap.catalog
      facets = countFacets(catalog, top.map((c) => catalog.byId.get(c.id)).filter((e): e is CatalogEntry => !!e))
    }
    // What `hits` needs of each case, not the candidate with its lists' evidence: the app keeps a
    // ranking for its next pages, long enough under load for all it holds to be promoted to the
    // old generation (bench/README "Fourteenth pass").
    const byId = new Map(top.map((c) => [c.id, { id: c.id, score: c.score, best: c.best }]))
    const hits = async (ids: string[]): Promise<Hit[]> => {
      const chosen = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
      await hydrate(snap, chosen.map((c) => c.best))
      const cards = await cardsOf(snap, chosen.map((c) => c.id))
      return chosen.map((c) => ({ ...toHit(c, cards.get(c.id), q.marks, snap.texts), needs: needsShown(q, c.best, cards.get(c.id)) }))
    }
    return {
      ranked: top.map((c) => ({ id: c.id, score: roundScore(c.score), matched: holdsMark(c.best.norm, q.marks) })),
      hits,
      facets,
      query: { text: q.text, normalized: q.normalized, expansions: q.expansions, understood: q.needs, situation },
    }
  }

  /**
   * One search box: a query that describes a situation (小区没人管，老人多，约300户) gets the
   * cases-like-mine ranking blended into its hybrid one. Each case's likeness to the description
   * (`alike`'s terms without the text and vector ones hybrid already has: shared tags 0.45, place
   * 0.05, scale 0.05, over 0.55) is added at LIKE_WEIGHT; cases the lists missed but whose tags
   * match (the leading `limit` of them) join the ranking.
   */
  private async blendLikeness(snap: Snapshot, q: PreparedQuery, ranked: Candidate[], filters: Filters, limit: number): Promise<Candidate[]> {
    const catalog = await snap.catalog
    const profile = describe(q.text, catalog, q.tags)
    if (!profile.tags.length && !profile.places.length && !Object.keys(profile.scale).length) return ranked
    const quick = screen(profile, catalog)
    const listed = new Set(ranked.map((c) => c.id))
    // The leading `limit` unlisted cases by tag share (place breaking ties), kept in one pass: a
    // large store has tens of thousands of cases sharing a common tag, too many to sort per query.
    const extra: { e: CatalogEntry; key: number }[] = []
    for (const e of filterEntries(catalog, filters)) {
      if (listed.has(e.id)) continue
      const { tags, place } = quick(e)
      const key = tags + 0.1 * Number(place)
      if (key === 0 || (extra.length === limit && key <= extra[limit - 1].key)) continue
      let at = extra.length
      while (at > 0 && extra[at - 1].key < key) at--
      extra.splice(at, 0, { e, key })
      if (extra.length > limit) extra.pop()
    }
    const first = extra.length ? await this.firstPassages(snap, extra.map((x) => x.e.id)) : new Map<string, PassageRow>()
    const joined: Candidate[] = [
      ...ranked,
      ...extra.flatMap(({ e }) => (first.has(e.id) ? [{ id: e.id, score: 0, best: first.get(e.id)!, bestRank: Infinity }] : [])),
    ]
    for (const c of joined) {
      const entry = catalog.byId.get(c.id)
      const like = entry ? compare(profile, entry, catalog) : null
      const likeness = like ? (0.45 * like.tags + 0.05 * Number(like.place) + 0.05 * (like.scale ?? 0)) / 0.55 : 0
      c.score = (c.score + LIKE_WEIGHT * likeness) / (1 + LIKE_WEIGHT)
    }
    return joined.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
  }

  /** Cases ranked by their passages: each list counts a case at its best passage, then `fuse`. */
  private async rank(snap: Snapshot, q: PreparedQuery, where: string | null, mode: SearchOptions['mode'], limit: number): Promise<Candidate[]> {
    const k = Math.max(60, limit * LIST_FACTOR)
    const [fulltext, paraphrase, vector] = await Promise.all([
      mode === 'vector' ? [] : this.fulltext(snap, fulltextQuery(q.fulltext, snap.bigrams, this.budget), where, k),
      mode === 'vector' || !q.paraphrases ? [] : this.fulltext(snap, this.paraphraseQuery(snap, q), where, k),
      mode === 'fulltext' ? [] : this.vector(snap, q.embed, where, k),
    ])
    // `seenIn`: the last list that counted the case; a list counts a case at its first row only.
    // A candidate is its own evidence for `fuse`: one object a case, not two.
    type Listed = Candidate & CaseEvidence & { seenIn: number }
    const byId = new Map<string, Listed>()
    /** How literally each checked passage holds the query (see verbatim), filled below. */
    const literal = new Map<PassageRow, number>()
    let lists = 0
    const take = (rows: PassageRow[], list: 'fulltext' | 'paraphrase' | 'vector' | 'exact') => {
      const at = ++lists
      const listOrder = LIST_ORDER[list] * 1e6
      let rank = 0
      for (const row of rows) {
        let c = byId.get(row.caseId)
        if (!c) {
          c = { id: row.caseId, score: 0, best: row, bestRank: Infinity, fulltext: null, paraphrase: null, vector: null, verbatim: 0, seenIn: 0 }
          byId.set(row.caseId, c)
        } else if (c.seenIn === at) continue
        c.seenIn = at
        rank++
        // The snippet comes from the passage that matched most literally.
        const order = listOrder + rank
        if (order < c.bestRank) {
          c.best = row
          c.bestRank = order
        }
        if (list === 'vector') c.vector = { rank, score: 1 - (row._distance ?? 1) }
        else if (list === 'fulltext') c.fulltext = { rank, score: row._score ?? 0 }
        else if (list === 'paraphrase') c.paraphrase = { rank, score: row._score ?? 0 }
        else c.verbatim = Math.max(c.verbatim, literal.get(row) ?? 0)
      }
    }
    take(fulltext, 'fulltext')
    take(paraphrase, 'paraphrase')
    take(vector, 'vector')
    const out = [...byId.values()]
    const weights = {
      vector: q.translated || q.colloquial ? TRANSLATED_VECTOR_WEIGHT : VECTOR_WEIGHT,
      paraphrase: q.colloquial ? COLLOQUIAL_PARAPHRASE_WEIGHT : PARAPHRASE_WEIGHT,
    }
    let scores = fuse(out, weights)
    // Verbatim matches are looked for among the leading cases only, whose passages are read.
    const pool = leading(out, scores, exactPool(limit))
    const rows = [...fulltext, ...paraphrase, ...vector].filter((r) => pool.has(r.caseId))
    await hydrate(snap, rows, ['norm'])
    // Each case counts at its most literal passage; the snippet shows that one.
    for (const r of rows) {
      const v = verbatim(r.norm, q)
      if (v > 0) literal.set(r, v)
    }
    take([...literal.keys()].sort((x, y) => literal.get(y)! - literal.get(x)!), 'exact')
    scores = fuse(out, weights)
    out.forEach((c, i) => (c.score = scores[i]))
    return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
  }

  /** Postings a full-text query may walk (./bigrams.ts). */
  private get budget(): number {
    return this.options.postingsBudget ?? POSTINGS_BUDGET
  }

  /**
   * Paraphrases ask only their own bigrams (停车乱 asks 车乱, not the 停车 typed beside it), on half
   * the budget: they count half as much, and the typed query already asks the rest.
   */
  private paraphraseQuery(snap: Snapshot, q: PreparedQuery): string {
    return fulltextQuery(q.paraphrases, snap.bigrams, this.budget / 2, new Set(cjkBigrams(q.fulltext)))
  }

  /** Passages matching `terms` (a planned query), best first. */
  private async fulltext(snap: Snapshot, terms: string, where: string | null, k: number): Promise<PassageRow[]> {
    if (!terms.trim() || snap.pointer.passages === 0) return []
    return listed(snap, '_score', (columns) => {
      let query = snap.passages.query().fullTextSearch(new lancedb.MatchQuery(terms, 'norm'))
      if (where) query = query.where(where)
      return query.select(columns).withRowId().limit(k).toArrow()
    })
  }

  private async vector(snap: Snapshot, text: string, where: string | null, k: number, given?: Float32Array): Promise<PassageRow[]> {
    if (snap.pointer.passages === 0) return []
    const vec = given ?? (await snap.embedder.embed([text], 'query'))[0]
    // A query of words the offline model never saw embeds to zero: no direction to search in.
    if (!vec.some((x) => x !== 0)) return []
    return listed(snap, '_distance', (columns) => {
      let query = snap.passages.vectorSearch(Array.from(vec)).distanceType('cosine')
      if (snap.hasVectorIndex) query = query.nprobes(24)
      if (where) query = query.where(where)
      return query.select(columns).withRowId().limit(k).toArrow()
    })
  }

  async like(description: string, options: Partial<SearchOptions> = {}): Promise<{ hits: SimilarHit[]; facets: FacetCounts | null }> {
    const q = prepare(description)
    const snap = await this.snapshot()
    const catalog = await snap.catalog
    const profile = describe(q.text, catalog, q.tags)
    // Facets count over the leading 50, so at least that many are scored in full.
    const hits = await this.alike(snap, catalog, profile, q, null, options, Math.max(clampLimit(options.limit), 50))
    const facets = options.facets ? countFacets(catalog, hits.map((h) => catalog.byId.get(h.id)!)) : null
    return { hits: hits.slice(0, clampLimit(options.limit)), facets }
  }

  async similar(id: string, options: Partial<Pick<SearchOptions, 'limit' | 'filters'>> = {}): Promise<SimilarHit[]> {
    const snap = await this.snapshot()
    const catalog = await snap.catalog
    const entry = catalog.byId.get(id)
    if (!entry) throw unknownCase(id)
    const rows = (await snap.passages.query().where(`caseId = ${sqlString(id)}`).select(['vector']).toArray()) as { vector: Iterable<number> }[]
    const centroid = mean(rows.map((r) => Float32Array.from(r.vector)))
    const text = [entry.card.displayTitle, ...entry.card.models].join(' ')
    const q = prepareQuery(text)
    return this.alike(snap, catalog, profileOf(entry), q, centroid, options, clampLimit(options.limit), id)
  }

  /**
   * Score = tag overlap (0.45) + vector similarity (0.35) + full-text rank (0.1) + scale (0.05)
   * + place (0.05). Tags lead because they are what "comparable" means to a street official
   * (same problems, same methods); text and vectors catch what the vocabulary does not name.
   */
  private async alike(
    snap: Snapshot,
    catalog: Catalog,
    profile: Profile,
    q: PreparedQuery,
    vector: Float32Array | null,
    options: Partial<SearchOptions>,
    keep: number,
    exclude?: string,
  ): Promise<SimilarHit[]> {
    const filters = options.filters ?? {}
    const where = whereClause(filters)
    const k = Math.max(100, clampLimit(options.limit) * 10)
    const [fulltext, vec] = await Promise.all([
      this.fulltext(snap, fulltextQuery(q.fulltext, snap.bigrams, this.budget), where, k),
      vector && !vector.some((x) => x !== 0) ? [] : this.vector(snap, q.embed, where, k, vector ?? undefined),
    ])
    const best = new Map<string, Best>()
    vec.forEach((row) => {
      const b = best.get(row.caseId)
      const similarity = 1 - (row._distance ?? 1)
      if (!b) best.set(row.caseId, { row, similarity, textRank: null })
      else b.similarity = Math.max(b.similarity, similarity)
    })
    let textRank = 0
    const seen = new Set<string>()
    for (const row of fulltext) {
      if (seen.has(row.caseId)) continue
      seen.add(row.caseId)
      textRank++
      const b = best.get(row.caseId)
      if (!b) best.set(row.caseId, { row, similarity: 0, textRank })
      else {
        b.textRank = textRank
        b.row = row
      }
    }
    // Every case gets a bound (its score with the scale term at its maximum) from a cheap screen;
    // the full comparison runs in bound order and stops once no bound can beat the keep-th score.
    const quick = screen(profile, catalog)
    const bounded: { entry: CatalogEntry; bound: number; partial: number; b: Best | undefined }[] = []
    const add = (entry: CatalogEntry) => {
      if (entry.id === exclude) return
      const b = best.get(entry.id)
      const { tags, place } = quick(entry)
      if (!b && tags === 0 && !place) return
      const text = b?.textRank ? 1 / (1 + (b.textRank - 1) / 5) : 0
      const partial = 0.45 * tags + 0.35 * Math.max(0, b?.similarity ?? 0) + 0.1 * text
      bounded.push({ entry, bound: partial + 0.05 + 0.05 * (place ? 1 : 0), partial, b })
    }
    const listed = [...best.keys()].flatMap((id) => (catalog.byId.has(id) ? [catalog.byId.get(id)!] : []))
    if (profile.tags.length || profile.places.length) {
      const test = matcher(filters)
      for (const entry of listed) if (test(entry)) add(entry)
      // A case the lists missed scores 0.45 × its tag share and at most 0.1 more (scale, place).
      // The keep-th largest partial among the listed is a floor under the keep-th score, so such
      // a case needs a tag share of (floor − 0.1) / 0.45 to be scored at all: a few hundred
      // cases, not the ~half of the catalog that shares some tag with a case (bench/README
      // "Ninth pass"). Screening those was ~5 ms of a case page at 10k cases, and grows with it.
      const added = new Set<CatalogEntry>(listed)
      for (const entry of sharingAtLeast(profile, catalog, (kthLargest(bounded, keep) - 0.1) / 0.45) ?? catalog.entries) {
        if (added.has(entry)) continue
        added.add(entry)
        if (test(entry)) add(entry)
      }
    } else for (const entry of listed) add(entry)
    // The same floor over every case screened: a case bounded below it would never be scored, so
    // only the others are sorted (the same hits; "cases like mine" screens thousands).
    const floor = kthLargest(bounded, keep)
    const contenders = floor === -Infinity ? bounded : bounded.filter((x) => x.bound >= floor)
    contenders.sort((x, y) => y.bound - x.bound || (x.entry.id < y.entry.id ? -1 : 1))
    const scored: { entry: CatalogEntry; score: number; reasons: SimilarHit['reasons']; row: PassageRow | null; textual: boolean }[] = []
    const order = (x: { score: number; entry: CatalogEntry }, y: { score: number; entry: CatalogEntry }) => y.score - x.score || (x.entry.id < y.entry.id ? -1 : 1)
    for (const { entry, bound, partial, b } of contenders) {
      if (scored.length >= keep && bound < scored[keep - 1].score) break
      const like = compare(profile, entry, catalog)
      const score = partial + 0.05 * (like.scale ?? 0) + 0.05 * (like.place ? 1 : 0)
      const textual = !!b && (b.textRank !== null || b.similarity >= 0.5)
      const item = { entry, score, reasons: like.reasons, row: b?.row ?? null, textual }
      let at = scored.length
      while (at > 0 && order(item, scored[at - 1]) < 0) at--
      if (at < keep) scored.splice(at, 0, item)
      if (scored.length > keep) scored.pop()
    }
    const top = scored.slice(0, keep)
    await hydrate(snap, top.flatMap((s) => (s.row ? [s.row] : [])))
    for (const s of top) if (s.textual && s.row) s.reasons = [...s.reasons, { kind: 'text', value: textReason(s.row, q, snap.texts) }]
    const missing = top.filter((s) => !s.row).map((s) => s.entry.id)
    const first = missing.length ? await this.firstPassages(snap, missing) : new Map<string, PassageRow>()
    return top.map((s) => ({ ...toHit({ id: s.entry.id, score: s.score, best: s.row ?? first.get(s.entry.id)! }, s.entry, q.marks, snap.texts), reasons: s.reasons }))
  }

  private async firstPassages(snap: Snapshot, ids: string[]): Promise<Map<string, PassageRow>> {
    const rows = (await snap.passages
      .query()
      .where(`ord = 0 AND caseId IN (${ids.map(sqlString).join(', ')})`)
      .select(PASSAGE_COLUMNS)
      .toArray()) as PassageRow[]
    return new Map(rows.map((r) => [r.caseId, r]))
  }

  async get(id: string): Promise<Case | null> {
    const snap = await this.snapshot()
    const rows = await snap.cases.query().where(`id = ${sqlString(id)}`).select(['json']).limit(1).toArray()
    return rows.length ? parseCase(rows[0].json) : null
  }

  async list(filters: Filters = {}): Promise<Case[]> {
    checkFilters(filters)
    const snap = await this.snapshot()
    return this.readIds(snap, filterEntries(await snap.catalog, filters).map((e) => e.id))
  }

  async newest(filters: Filters, page: { offset: number; limit: number; sort?: BrowseSort }): Promise<{ cases: Case[]; total: number }> {
    const snap = await this.snapshot()
    const entries = await this.sorted(snap, filters, page.sort ?? 'date')
    const ids = entries.slice(page.offset, page.offset + page.limit).map((e) => e.id)
    return { cases: await this.readIds(snap, ids), total: entries.length }
  }

  async ids(filters: Filters, sort: BrowseSort = 'date'): Promise<string[]> {
    return (await this.sorted(await this.snapshot(), filters, sort)).map((e) => e.id)
  }

  private async sorted(snap: Snapshot, filters: Filters, sort: BrowseSort): Promise<CatalogEntry[]> {
    checkFilters(filters)
    const entries = filterEntries(await snap.catalog, filters)
    const date = (e: CatalogEntry) => e.card.published ?? ''
    const byDate = (a: CatalogEntry, b: CatalogEntry) => date(b).localeCompare(date(a)) || (a.id < b.id ? -1 : 1)
    if (sort === 'funding') entries.sort((a, b) => fundingRank(b.card) - fundingRank(a.card) || byDate(a, b))
    else entries.sort(byDate)
    return entries
  }

  async read(ids: string[]): Promise<Case[]> {
    return this.readIds(await this.snapshot(), ids)
  }

  async cards(ids: string[]): Promise<Map<string, Card>> {
    const snap = await this.snapshot()
    await snap.catalog
    return cardsOf(snap, ids)
  }

  /** The Cases of `ids`, in that order. */
  private async readIds(snap: Snapshot, ids: string[]): Promise<Case[]> {
    const catalog = await snap.catalog
    // Most of the store: one scan of its columns beats hundreds of id lookups.
    const scan = ids.length > catalog.entries.length / 4
    const json = new Map<string, string>()
    for (let i = 0; i < (scan ? 1 : ids.length); i += 500) {
      let query = snap.cases.query()
      if (!scan) query = query.where(`id IN (${ids.slice(i, i + 500).map(sqlString).join(', ')})`)
      const table = await query.select(['id', 'json']).toArrow()
      const idCol = table.getChild('id')!.toArray() as string[]
      const jsonCol = table.getChild('json')!.toArray() as string[]
      for (let r = 0; r < idCol.length; r++) json.set(idCol[r], jsonCol[r])
    }
    return ids.flatMap((id) => (json.has(id) ? [parseCase(json.get(id)!)] : []))
  }

  async facets(filters: Filters = {}): Promise<FacetCounts> {
    checkFilters(filters)
    const catalog = await (await this.snapshot()).catalog
    return countFacets(catalog, filterEntries(catalog, filters))
  }

  async info(): Promise<StoreInfo> {
    const { pointer } = await this.snapshot()
    return { embedder: pointer.embedder, cases: pointer.cases, passages: pointer.passages, version: pointer.casesVersion, builtAt: pointer.builtAt }
  }

  async embedder(): Promise<Embedder> {
    return (await this.snapshot()).embedder
  }

  refresh(): void {
    this.checkedAt = 0
  }

  close(): void {
    this.db.close()
  }
}

/** A stored Case. A store built before URLs were checked may hold any text as the source URL. */
function parseCase(json: string): Case {
  const c = JSON.parse(json) as Case
  return { ...c, source: { ...c.source, url: httpUrl(c.source?.url) } }
}

/**
 * Funding order: the stated total (largest first), then payers named without an amount, then
 * "none", then nothing found (and cards of stores built before cards carried funding).
 */
export function fundingRank(card: Card): number {
  const f = card.funding
  if (!f) return -3
  if (f.totalWan !== null) return f.totalWan
  return f.state === 'found' ? -1 : f.state === 'none' ? -2 : -3
}

type ArrowColumns = { numRows: number; getChild(name: string): { toArray(): unknown } | null }

/**
 * A ranked list's rows: with the build's layout loaded, LanceDB returns row ids and the score
 * only and the layout places each row; a row it cannot place (a row id missing, or unknown to the
 * layout) makes the list ask again with the columns.
 */
async function listed(snap: Snapshot, score: '_score' | '_distance', run: (columns: string[]) => Promise<ArrowColumns>): Promise<PassageRow[]> {
  const layout = snap.layout
  if (layout) {
    const table = await run([score])
    const ids = table.getChild('_rowid')?.toArray() as ArrayLike<bigint> | undefined
    const scores = table.getChild(score)?.toArray() as ArrayLike<number> | undefined
    // Read once: Arrow's getter sums its batches' lengths through a fresh array and closure.
    const count = table.numRows
    const rows: PassageRow[] = new Array(count)
    // Each row's id read once, and placed by its two 32-bit words (little-endian, as on every
    // platform Node runs on): a 64-bit element becomes a new BigInt on every read, and so does
    // every BigInt operation.
    const halves = ids instanceof BigUint64Array || ids instanceof BigInt64Array ? new Uint32Array(ids.buffer, ids.byteOffset, ids.length * 2) : undefined
    const distance = score === '_distance'
    let placed = !!halves && !!scores
    for (let i = 0; placed && i < count; i++) {
      const at = layout.slotOf(halves![2 * i + 1], halves![2 * i])
      const caseId = at < 0 ? undefined : layout.caseId[at]
      if (caseId === undefined) placed = false
      else {
        // One shape for every listed row (no computed key): the rows of all lists share one map.
        rows[i] = {
          caseId,
          ord: layout.ord[at],
          spanStart: layout.spanStart[at],
          spanEnd: layout.spanEnd[at],
          _rowid: ids![i],
          _score: distance ? undefined : scores![i],
          _distance: distance ? scores![i] : undefined,
          text: undefined as unknown as string,
          norm: undefined as unknown as string,
        }
      }
    }
    if (placed) return rows
  }
  return plain(await run([...RANK_COLUMNS, score]))
}

/**
 * Ranked rows as plain objects (their text is filled in later), read column by column: Arrow's
 * row views cost a getter call per field, a tenth of a search page's CPU over its ~3,600 rows.
 */
function plain(table: ArrowColumns): PassageRow[] {
  const column = (name: string) => table.getChild(name)?.toArray() as ArrayLike<unknown> | undefined
  const [caseId, ord, spanStart, spanEnd, rowid, score, distance] = ['caseId', 'ord', 'spanStart', 'spanEnd', '_rowid', '_score', '_distance'].map(column)
  const count = table.numRows
  const rows: PassageRow[] = new Array(count)
  for (let i = 0; i < count; i++) {
    rows[i] = {
      caseId: caseId![i] as string,
      ord: Number(ord![i]),
      spanStart: Number(spanStart![i]),
      spanEnd: Number(spanEnd![i]),
      _rowid: rowid?.[i] as bigint | undefined,
      _score: score?.[i] as number | undefined,
      _distance: distance?.[i] as number | undefined,
      text: undefined as unknown as string,
      norm: undefined as unknown as string,
    }
  }
  return rows
}

type Lazy = 'text' | 'norm'

/**
 * Reads the `columns` of ranked passages that lack them (ranking reads only ids and offsets), in
 * place. The verbatim pass needs only `norm`, snippets `text`: reading both for the hundreds of
 * passages the pass checks was a fifth of a 200-hit search's CPU.
 */
async function hydrate(snap: Snapshot, rows: PassageRow[], columns: Lazy[] = ['text', 'norm']): Promise<void> {
  const groups = new Map<string, PassageRow[]>()
  const norm = columns.includes('norm')
  const text = columns.includes('text')
  for (const r of rows) {
    if (r._rowid !== undefined) {
      if (norm && r.norm === undefined) r.norm = snap.norms.get(r._rowid) as string
      if (text && r.text === undefined) r.text = snap.texts.get(r._rowid) as string
    }
    // Nearly every row is found in the caches: no list of what is missing made for those.
    if ((!norm || r.norm !== undefined) && (!text || r.text !== undefined)) continue
    const missing = columns.filter((c) => r[c] === undefined).join(',')
    const group = groups.get(missing)
    if (group) group.push(r)
    else groups.set(missing, [r])
  }
  for (const [missing, group] of groups) await readColumns(snap, group, missing.split(',') as Lazy[])
}

/** Reads `columns` of rows the build's caches do not hold, and keeps what it read. */
async function readColumns(snap: Snapshot, rows: PassageRow[], columns: Lazy[]): Promise<void> {
  const byRowId = rows.filter((r) => r._rowid !== undefined)
  if (byRowId.length) {
    const ids = [...new Set(byRowId.map((r) => r._rowid!))]
    const read = await snap.passages.takeRowIds(ids).select(columns).withRowId().toArrow()
    const rowid = read.getChild('_rowid')!.toArray() as ArrayLike<unknown>
    const values = columns.map((c) => read.getChild(c)!.toArray() as ArrayLike<string>)
    const at = new Map<string, number>()
    for (let i = 0; i < read.numRows; i++) at.set(String(rowid[i]), i)
    for (const r of byRowId) fill(r, columns, values, at.get(String(r._rowid)))
    if (columns.includes('norm')) keepNorms(snap, byRowId)
    if (columns.includes('text')) for (const r of byRowId) if (r.text !== undefined) snap.texts.set(r._rowid!, r.text)
  }
  // Rows an approximate vector index returned without a usable row id are read by case and order.
  const rest = rows.filter((r) => r[columns[0]] === undefined)
  if (!rest.length) return
  const cases = [...new Set(rest.map((r) => r.caseId))]
  const read = await snap.passages.query().where(`caseId IN (${cases.map(sqlString).join(', ')})`).select(['caseId', 'ord', ...columns]).toArrow()
  const [caseId, ord] = ['caseId', 'ord'].map((c) => read.getChild(c)!.toArray() as ArrayLike<unknown>)
  const values = columns.map((c) => read.getChild(c)!.toArray() as ArrayLike<string>)
  const at = new Map<string, number>()
  for (let i = 0; i < read.numRows; i++) at.set(`${caseId[i]}\u0000${ord[i]}`, i)
  for (const r of rest) fill(r, columns, values, at.get(`${r.caseId}\u0000${r.ord}`))
}

/** Every passage's `norm` into the build's cache, keyed as `hydrate` looks them up. */
async function readNorms(snap: Snapshot): Promise<void> {
  const read = await snap.passages.query().select(['norm']).withRowId().toArrow()
  const rowid = read.getChild('_rowid')?.toArray() as ArrayLike<bigint> | undefined
  const norm = read.getChild('norm')?.toArray() as ArrayLike<string> | undefined
  if (!rowid || !norm) return
  for (let i = 0; i < read.numRows; i++) snap.norms.set(rowid[i], norm[i])
}

function keepNorms(snap: Snapshot, rows: PassageRow[]): void {
  for (const r of rows) if (r.norm !== undefined) snap.norms.set(r._rowid!, r.norm)
  // Oldest first out; a map keeps insertion order.
  for (const id of snap.norms.keys()) {
    if (snap.norms.size <= NORMS_KEPT) break
    snap.norms.delete(id)
  }
}

function fill(row: PassageRow, columns: Lazy[], values: ArrayLike<string>[], at: number | undefined): void {
  if (at === undefined) return
  columns.forEach((c, k) => (row[c] = values[k][at]))
}

/**
 * The cards of `ids`: from the catalog once loaded, else read by id, so the first searches after a
 * new build do not wait for every card of a large store to load.
 */
async function cardsOf(snap: Snapshot, ids: string[]): Promise<Map<string, Card>> {
  if (snap.loaded) return new Map(ids.flatMap((id) => (snap.loaded!.byId.has(id) ? [[id, snap.loaded!.byId.get(id)!.card]] : [])))
  if (!ids.length) return new Map()
  const rows = await snap.cases.query().where(`id IN (${ids.map(sqlString).join(', ')})`).select(['id', 'card']).toArray()
  return new Map(rows.map((r) => [r.id as string, JSON.parse(r.card as string) as Card]))
}

function toHit(c: Pick<Candidate, 'id' | 'score' | 'best'>, source: CatalogEntry | Card | undefined, marks: string[], texts: KeptTexts): Hit {
  const passage = makeSnippet(c.best.text, c.best.spanStart, marks, texts.mapped(c.best._rowid, c.best.text))
  const card = source && 'card' in source ? source.card : source
  return {
    id: c.id,
    title: card?.displayTitle ?? c.id,
    score: roundScore(c.score),
    snippet: markedSnippet(passage),
    passage,
    place: card?.place ?? { province: null, city: null, district: null, street: null, community: null, compound: null, inferred: [] },
    published: card?.published ?? null,
    models: card?.models ?? [],
  }
}

function roundScore(score: number): number {
  return Math.round(score * 10000) / 10000
}

/** Whether a passage's search-normal text holds one of the terms a snippet would mark. */
function holdsMark(norm: string | undefined, marks: string[]): boolean {
  return !!norm && marks.some((m) => m && norm.includes(m))
}

/**
 * The needs a query was understood as that a hit shows: its case carries one of the need's tags,
 * or the passage shown says it as the user did or as reports do.
 */
function needsShown(q: PreparedQuery, row: PassageRow, card: Card | undefined): { id: string; en: string }[] {
  const compact = (row.norm ?? '').replace(/\s+/g, '')
  return q.needs.flatMap(({ id, en, said }) => {
    const need = needById(id)
    if (!need) return []
    const tagged = need.tags.some((t) => card?.tags.some((c) => `${c.kind}s` === t.kind && c.id === t.id))
    const spoken = [said, ...need.terms, ...need.remedies].some((f) => f.length >= 2 && compact.includes(f))
    return tagged || spoken ? [{ id, en }] : []
  })
}

/** 1: the passage holds the query, or the first form of each of its parts; 0.5: some form of each. */
function verbatim(norm: string, q: PreparedQuery): number {
  const compact = norm.replace(/\s+/g, '')
  if (q.phrases.some((p) => compact.includes(p))) return 1
  if (!q.groups.length) return 0
  if (q.groups.every((g) => compact.includes(g[0]))) return 1
  return q.groups.every((g) => g.some((f) => compact.includes(f))) ? 0.5 : 0
}

function textReason(row: PassageRow, q: PreparedQuery, texts: KeptTexts): string {
  const s = makeSnippet(row.text, row.spanStart, q.marks, texts.mapped(row._rowid, row.text))
  const terms = [...new Set(s.marks.map(([a, b]) => s.text.slice(a, b)))]
  return terms.length ? terms.slice(0, 5).join('、') : s.text.slice(0, 40)
}

/**
 * The ids of the `n` cases with the highest scores, ties taken in the order of `cases` (what a
 * stable sort by score, then the first `n`, gives), found from the n-th highest score instead of
 * sorting every case.
 */
export function leading(cases: { id: string }[], scores: number[], n: number): Set<string> {
  if (cases.length <= n) return new Set(cases.map((c) => c.id))
  const threshold = n < 1 ? Infinity : Float64Array.from(scores).sort()[cases.length - n]
  let ties = n - scores.reduce((above, score) => above + Number(score > threshold), 0)
  const out = new Set<string>()
  for (let i = 0; i < cases.length; i++) {
    if (scores[i] > threshold || (scores[i] === threshold && ties-- > 0)) out.add(cases[i].id)
  }
  return out
}

/** The `keep`-th largest `partial` (-Infinity when there are no more than `keep`). */
function kthLargest(items: { partial: number }[], keep: number): number {
  if (items.length <= keep || keep < 1) return -Infinity
  const partials = new Float64Array(items.length)
  for (let i = 0; i < items.length; i++) partials[i] = items[i].partial
  return partials.sort()[items.length - keep]
}

function mean(vectors: Float32Array[]): Float32Array {
  const out = new Float32Array(vectors[0]?.length ?? 0)
  for (const v of vectors) for (let i = 0; i < v.length; i++) out[i] += v[i]
  const norm = Math.sqrt(out.reduce((sum, x) => sum + x * x, 0))
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] /= norm
  return out
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 10
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)))
}

function unknownCase(id: string): SearchError {
  return new SearchError('unknown-case', `no case with id "${id}" in the store`)
}

function mismatch(uri: string, pointer: Pointer, other: string): SearchError {
  return new SearchError(
    'embedder',
    `store at ${uri} was built by ${describeEmbedder(pointer.embedder)}, but this search uses ${other}; ` +
      `search with the embedder that built it, or rebuild: npm run ingest -- --db ${uri} --embedder <name>`,
  )
}
