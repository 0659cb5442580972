import type { Case } from '../../ingest/schema'
import { FACET_FIELDS, type FacetCounts, type Filters, type Hit, type SimilarHit, type UnderstoodNeed } from '../../ingest/search/types'
import { getStore } from './store.server'
import { needById } from '../../ingest/text/needs'

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

export interface SearchParams {
  q: string
  mode: 'keyword' | 'like'
  filters: Filters
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
  return {
    q,
    mode: url.searchParams.get('mode') === 'like' ? 'like' : 'keyword',
    filters,
    without: [...new Set(url.searchParams.getAll('without').map((v) => v.trim()).filter(Boolean))],
    page: q ? Math.min(page, SEARCH_PAGES) : page,
  }
}

export interface SearchOutcome {
  hits: (Hit | SimilarHit)[]
  facets: FacetCounts | null
  total: number | null
  expansions: string[]
  /** What a search's query was understood as, and whether cases like it were ranked in. */
  understood: UnderstoodNeed[]
  situation: boolean
  /** Whether a next page has hits. */
  more: boolean
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

/** One call into the store per page view: a search, a "cases like mine" query, or browsing by filters. */
export async function runSearch({ q, mode, filters, without, page }: SearchParams): Promise<SearchOutcome> {
  const store = await getStore()
  const start = (page - 1) * PAGE_SIZE
  // A search ranks from the top each time; a page is a slice of the first page × PAGE_SIZE (+1 to
  // know whether another page follows).
  const limit = Math.min(SEARCH_PAGES * PAGE_SIZE, page * PAGE_SIZE + 1)
  const slice = <T>(hits: T[]) => ({ hits: hits.slice(start, start + PAGE_SIZE), more: hits.length > start + PAGE_SIZE })
  if (q && mode === 'like') {
    const result = await store.like(q, { filters, facets: true, limit })
    return { ...slice(result.hits), facets: result.facets, total: null, expansions: [], understood: [], situation: false }
  }
  if (q) {
    const result = await store.search(q, { filters, facets: true, limit, without })
    const { expansions, understood, situation } = result.query
    return { ...slice(result.hits), facets: result.facets, total: null, expansions, understood, situation }
  }
  // Facets over the whole (filtered) corpus only change with a new build: kept per store version.
  const { version } = await store.info()
  const key = `${version}:${JSON.stringify(filters)}`
  let facets = browsing.get(key)
  if (!facets) {
    facets = store.facets(filters)
    facets.catch(() => browsing.delete(key))
    browsing.set(key, facets)
    if (browsing.size > BROWSE_CACHE) browsing.delete(browsing.keys().next().value as string)
  }
  const [newest, counts] = await Promise.all([store.newest(filters, { offset: start, limit: PAGE_SIZE }), facets])
  return { hits: newest.cases.map(browseHit), facets: counts, total: newest.total, expansions: [], understood: [], situation: false, more: newest.total > start + PAGE_SIZE }
}

const BROWSE_CACHE = 64
const browsing = new Map<string, Promise<FacetCounts>>()
