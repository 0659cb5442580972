import type { Embedder } from '../embed/types.js'
import type { Case } from '../schema.js'
import type { Card } from '../index/layout.js'

/** Structured fields that can be filtered and counted. */
export const FACET_FIELDS = [
  'province', 'city', 'district', 'model', 'problems', 'mechanisms', 'actors', 'orgTierCount', 'fundingSource', 'year',
] as const
export type FacetField = (typeof FACET_FIELDS)[number]

/** field → accepted values (OR within a field, AND across fields). */
export type Filters = Partial<Record<FacetField, string[]>>

export interface SearchOptions {
  /** Default 10. */
  limit: number
  filters: Filters
  /** "hybrid" (default), "fulltext" or "vector". */
  mode: 'hybrid' | 'fulltext' | 'vector'
  /** Whether to compute facet counts over the filtered result set. Default false. */
  facets: boolean
  /** Needs (ids) the user removed from what the query was understood as. Default none. */
  without: string[]
}

/** Offsets into `snippet.text` of the matched terms, for marking. */
export interface Snippet {
  text: string
  marks: [start: number, end: number][]
  /** Offsets of the passage in the case body, so the UI can scroll to it. */
  span: [start: number, end: number]
}

export interface Hit {
  id: string
  title: string
  score: number
  snippet: string
  /** Same snippet with mark offsets. */
  passage: Snippet
  place: Case['place']
  published: string | null
  models: string[]
  /** Of the needs the query was understood as, those this case shows (search hits only). */
  needs?: { id: string; en: string }[]
}

export type FacetCounts = Record<FacetField, { value: string; count: number }[]>

/** A need the query was understood to name (ingest/text/needs.json), and the words that said it. */
export interface UnderstoodNeed {
  id: string
  en: string
  said: string
}

export interface SearchResult {
  hits: Hit[]
  facets: FacetCounts | null
  /**
   * Query as searched (truncated, normalized); the terms searched besides it (English mapped,
   * paraphrases of its needs); the needs it was understood as; and whether it read as a
   * description of a situation, so the cases-like-mine ranking was blended in.
   */
  query: { text: string; normalized: string; expansions: string[]; understood: UnderstoodNeed[]; situation: boolean }
}

/** A case of a ranking, before anything is read to show it. */
export interface RankedCase {
  id: string
  score: number
  /** Its best passage holds a term of the query (as typed, in the other script, or a mapped form). */
  matched: boolean
}

/**
 * A search's ranking without its hits' text: what a results page needs to count, split and order
 * its results, then `hits` for the few it shows (passages read, snippets and cards made only for those).
 */
export interface Ranking extends Omit<SearchResult, 'hits'> {
  ranked: RankedCase[]
  /** The hits of these ranked ids, in the order given (ids not in the ranking left out). */
  hits(ids: string[]): Promise<Hit[]>
}

/** A comparable case, with the reasons it was judged comparable. */
export interface SimilarHit extends Hit {
  reasons: { kind: 'problem' | 'mechanism' | 'actor' | 'scale' | 'place' | 'model' | 'text'; value: string }[]
}

export type BrowseSort = 'date' | 'funding'

export interface StoreInfo {
  embedder: { name: string; model: string; dims: number }
  cases: number
  passages: number
  /** LanceDB version of the cases table the store answers from. */
  version: number
  /** When the build the store answers from was written (ISO 8601). */
  builtAt: string
}

/**
 * The shared search module's front door, used by the CLI and the UI alike
 * (implemented in ingest/search/store.ts; opened with `openStore(uri)`).
 */
export interface Store {
  search(query: string, options?: Partial<SearchOptions>): Promise<SearchResult>
  /** The same search as a ranking, its hits made on demand (the web UI's results pages). */
  ranking(query: string, options?: Partial<SearchOptions>): Promise<Ranking>
  /** Reads ahead what the first searches of a build would read cold (every passage's norm when they fit the cache, the common bigrams' postings). */
  warm(bigrams?: number): Promise<void>
  /** "Cases like mine": a free-text description of one's own compound → comparable cases with reasons. */
  like(description: string, options?: Partial<SearchOptions>): Promise<{ hits: SimilarHit[]; facets: FacetCounts | null }>
  /** Cases comparable to an existing case. */
  similar(id: string, options?: Partial<Pick<SearchOptions, 'limit' | 'filters'>>): Promise<SimilarHit[]>
  get(id: string): Promise<Case | null>
  /** Every case (or those matching the filters), for the overview and dataset export. */
  list(filters?: Filters): Promise<Case[]>
  /**
   * A page of the cases matching the filters, newest published first (undated last), or by
   * funding (largest stated total first), and how many match.
   */
  newest(filters: Filters, page: { offset: number; limit: number; sort?: BrowseSort }): Promise<{ cases: Case[]; total: number }>
  /** The ids of every case matching the filters, in `newest` order: what an export walks through. */
  ids(filters: Filters, sort?: BrowseSort): Promise<string[]>
  /** The Cases of `ids`, in that order (unknown ids left out). */
  read(ids: string[]): Promise<Case[]>
  /** What a result list shows of each case (unknown ids left out). */
  cards(ids: string[]): Promise<Map<string, Card>>
  facets(filters?: Filters): Promise<FacetCounts>
  info(): Promise<StoreInfo>
  /**
   * The embedder the newest build's queries use, restored from the store: an upload's build embeds
   * with it rather than decoding the same model a second time (app/models/upload-index.server.ts).
   */
  embedder(): Promise<Embedder>
  /** Look for a newer build on the next call, whatever `refreshMs` says (this process just wrote one). */
  refresh(): void
  close(): void
}
