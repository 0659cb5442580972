import type { Case } from '../../ingest/schema'
import { fundingSummary, type FundingSummary } from '../../ingest/funding-summary'
import { FACET_FIELDS, type FacetCounts, type Filters, type Hit, type RankedCase, type Ranking, type SimilarHit, type Store, type UnderstoodNeed } from '../../ingest/search/types'
import { fundingRank } from '../../ingest/search/store'
import { needById } from '../../ingest/text/needs'
import { getStore } from './store.server'
import { SORTS, type Sort } from '~/lib/search-url'

/** The needs a user removed, with their English labels, for the "已去掉" line; unknown ids dropped. */
export function removedNeeds(ids: string[]): { id: string; en: string }[] {
  return ids.flatMap((id) => {
    const need = needById(id)
    return need ? [{ id, en: need.en }] : []
  })
}

export const PAGE_SIZE = 20
/** A search ranks at most 200 cases (the store's limit): ten pages. Browsing pages through all. */
const SEARCH_PAGES = 10
export const RANKED = SEARCH_PAGES * PAGE_SIZE


export interface SearchParams {
  q: string
  mode: 'keyword' | 'like'
  filters: Filters
  /** Relevance for a search; browsing without a query knows no relevance and sorts by date. */
  sort: Sort
  /** Needs (ids) the user removed from what the query was understood as (`without=`). */
  without: string[]
  /** 1-based. */
  page: number
}

/** Everything a search is lives in the query string, so every search is a shareable link. */
export function parseSearchParams(url: URL): SearchParams {
  const filters: Filters = {}
  for (const field of FACET_FIELDS) {
    const values = url.searchParams.getAll(field).map((v) => v.trim()).filter(Boolean)
    if (values.length) filters[field] = [...new Set(values)]
  }
  const q = (url.searchParams.get('q') ?? '').trim()
  const page = Math.max(1, Math.floor(Number(url.searchParams.get('page'))) || 1)
  const asked = url.searchParams.get('sort') as Sort | null
  const sort: Sort = asked && SORTS.includes(asked) && (q || asked !== 'relevance') ? asked : q ? 'relevance' : 'date'
  const without = [...new Set(url.searchParams.getAll('without').map((v) => v.trim()).filter(Boolean))]
  return { q, mode: url.searchParams.get('mode') === 'like' ? 'like' : 'keyword', filters, sort, without, page }
}

export interface ResultHit {
  hit: Hit | SimilarHit
  funding: FundingSummary | null
  /** Below the relevance floor: listed under "weaker matches". */
  weak: boolean
}

export interface SearchOutcome {
  hits: ResultHit[]
  facets: FacetCounts | null
  /** Every result: cases matching the filters when browsing, ranked cases when searching. */
  total: number
  /** Results above the relevance floor (searches only). */
  strong: number | null
  expansions: string[]
  /** What a search's query was understood as, and whether cases like it were ranked in. */
  understood: UnderstoodNeed[]
  situation: boolean
  pageCount: number
}

/**
 * The relevance floor. A keyword hit matches when its passage holds a term of the query (as
 * typed, in the other script, or a form the query maps to): the store then found it by its words.
 * Hits found only by vector likeness, or by a stray bigram, are weaker. A "cases like mine" hit
 * needs at least half the best score.
 */
export function isWeak(hit: RankedCase, mode: SearchParams['mode'], best: number): boolean {
  if (mode === 'like') return hit.score < best / 2
  return !hit.matched
}

function browseHit(c: Case): Hit {
  const excerpt = c.body.slice(0, 160)
  return {
    id: c.id,
    title: c.displayTitle,
    score: 0,
    snippet: excerpt,
    passage: { text: excerpt, marks: [], span: [0, excerpt.length] },
    place: c.place,
    published: c.published,
    models: c.models,
  }
}

/** Funding of the hits of a page: from the cards, or, for stores whose cards predate it, from the cases. */
async function fundingOf(store: Store, ids: string[]): Promise<Map<string, FundingSummary>> {
  const cards = await store.cards(ids)
  const out = new Map<string, FundingSummary>()
  for (const [id, card] of cards) if (card.funding) out.set(id, card.funding)
  const missing = ids.filter((id) => !out.has(id))
  if (missing.length) for (const c of await store.read(missing)) out.set(c.id, fundingSummary(c))
  return out
}

/** Ranked cases in the chosen order: matches first, then weaker ones, each group sorted (by the cards, no hit made). */
async function ordered(store: Store, ranked: RankedCase[], mode: SearchParams['mode'], sort: Sort) {
  const best = ranked[0]?.score ?? 0
  const weak = new Set(ranked.filter((h) => isWeak(h, mode, best)).map((h) => h.id))
  let order = ranked
  if (sort !== 'relevance') {
    const cards = await store.cards(ranked.map((h) => h.id))
    const key =
      sort === 'date'
        ? (h: RankedCase) => cards.get(h.id)?.published ?? ''
        : (h: RankedCase) => {
            const card = cards.get(h.id)
            return card ? fundingRank(card) : -3
          }
    order = [...ranked].sort((a, b) => {
      const [x, y] = [key(a), key(b)]
      return x < y ? 1 : x > y ? -1 : b.score - a.score
    })
  }
  return { ids: [...order.filter((h) => !weak.has(h.id)), ...order.filter((h) => weak.has(h.id))].map((h) => h.id), weak }
}

/**
 * Every ranked case of a search in the page's order (matches, then weaker ones), with its facets;
 * `hits` makes the hits (passages read, snippets, cards) of the ones a page shows.
 */
export async function rankedSearch(store: Store, params: SearchParams) {
  const ranking = await cachedRanking(store, params)
  const { mode, sort } = params
  const query = ranking.query ?? { expansions: [], understood: [], situation: false }
  return {
    ...(await ordered(store, ranking.ranked, mode, sort)),
    hits: ranking.hits,
    facets: ranking.facets,
    expansions: query.expansions,
    understood: query.understood,
    situation: query.situation,
  }
}

/** One call into the store per page view: a search, a "cases like mine" query, or browsing by filters. */
export async function runSearch(params: SearchParams): Promise<SearchOutcome> {
  const { q, filters, sort, page } = params
  const store = await getStore()
  const start = (page - 1) * PAGE_SIZE
  if (q) {
    const { ids, weak, hits, facets, expansions, understood, situation } = await rankedSearch(store, params)
    const shown = ids.slice(start, start + PAGE_SIZE)
    const [pageHits, funding] = await Promise.all([hits(shown), fundingOf(store, shown)])
    return {
      hits: pageHits.map((hit) => ({ hit, funding: funding.get(hit.id) ?? null, weak: weak.has(hit.id) })),
      facets,
      total: ids.length,
      strong: ids.length - weak.size,
      expansions,
      understood,
      situation,
      pageCount: Math.ceil(ids.length / PAGE_SIZE),
    }
  }
  const [newest, counts] = await Promise.all([
    store.newest(filters, { offset: start, limit: PAGE_SIZE, sort: sort === 'funding' ? 'funding' : 'date' }),
    browseFacets(store, filters),
  ])
  return {
    hits: newest.cases.map((c) => ({ hit: browseHit(c), funding: fundingSummary(c), weak: false })),
    facets: counts,
    total: newest.total,
    strong: null,
    expansions: [],
    understood: [],
    situation: false,
    pageCount: Math.ceil(newest.total / PAGE_SIZE),
  }
}

/** Facets over the whole (filtered) corpus only change with a new build: kept per store version. */
export async function browseFacets(store: Store, filters: Filters): Promise<FacetCounts> {
  const { version } = await store.info()
  const key = `${version}:${JSON.stringify(filters)}`
  let facets = browsing.get(key)
  if (!facets) {
    facets = store.facets(filters)
    facets.catch(() => browsing.delete(key))
    browsing.set(key, facets)
    if (browsing.size > BROWSE_CACHE) browsing.delete(browsing.keys().next().value as string)
  }
  return facets
}

const BROWSE_CACHE = 64
const browsing = new Map<string, Promise<FacetCounts>>()

type PageRanking = Omit<Ranking, 'query'> & { query: Ranking['query'] | null }

/**
 * The rankings of the last few searches per store, keyed by its build and everything that ranks
 * (not the sort or the page): the next page of a search, another sort, or its export reuse the
 * ranking instead of asking the store again (~40 ms of server CPU a 200-case ranking). Always with
 * facets, so an export finds the ranking of the page it was asked from.
 */
const RANKINGS_KEPT = 8
const rankings = new WeakMap<Store, Map<string, Promise<PageRanking>>>()

async function cachedRanking(store: Store, { q, mode, filters, without }: SearchParams): Promise<PageRanking> {
  const { version } = await store.info()
  const key = JSON.stringify([version, mode, q, without, filters])
  let kept = rankings.get(store)
  if (!kept) rankings.set(store, (kept = new Map()))
  let ranking = kept.get(key)
  if (ranking) kept.delete(key)
  else {
    ranking = rank(store, { q, mode, filters, without })
    ranking.catch(() => kept.delete(key))
  }
  kept.set(key, ranking)
  if (kept.size > RANKINGS_KEPT) kept.delete(kept.keys().next().value as string)
  return ranking
}

async function rank(store: Store, { q, mode, filters, without }: Pick<SearchParams, 'q' | 'mode' | 'filters' | 'without'>): Promise<PageRanking> {
  if (mode === 'like') {
    const liked = await store.like(q, { filters, facets: true, limit: RANKED })
    const byId = new Map<string, Hit | SimilarHit>(liked.hits.map((h) => [h.id, h]))
    return {
      ranked: liked.hits.map((h) => ({ id: h.id, score: h.score, matched: true })),
      hits: async (ids) => ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
      facets: liked.facets,
      query: null,
    }
  }
  return store.ranking(q, { filters, facets: true, limit: RANKED, without })
}
