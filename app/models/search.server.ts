import type { Case } from '../../ingest/schema'
import { FACET_FIELDS, type FacetCounts, type Filters, type Hit, type SimilarHit } from '../../ingest/search/types'
import { getStore } from './store.server'

export const PAGE_SIZE = 20

export interface SearchParams {
  q: string
  mode: 'keyword' | 'like'
  filters: Filters
}

/** Everything a search is lives in the query string, so every search is a shareable link. */
export function parseSearchParams(url: URL): SearchParams {
  const filters: Filters = {}
  for (const field of FACET_FIELDS) {
    const values = url.searchParams.getAll(field).map((v) => v.trim()).filter(Boolean)
    if (values.length) filters[field] = [...new Set(values)]
  }
  return {
    q: (url.searchParams.get('q') ?? '').trim(),
    mode: url.searchParams.get('mode') === 'like' ? 'like' : 'keyword',
    filters,
  }
}

export interface SearchOutcome {
  hits: (Hit | SimilarHit)[]
  facets: FacetCounts | null
  total: number | null
  expansions: string[]
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
export async function runSearch({ q, mode, filters }: SearchParams): Promise<SearchOutcome> {
  const store = await getStore()
  if (q && mode === 'like') {
    const result = await store.like(q, { filters, facets: true, limit: PAGE_SIZE })
    return { hits: result.hits, facets: result.facets, total: null, expansions: [] }
  }
  if (q) {
    const result = await store.search(q, { filters, facets: true, limit: PAGE_SIZE })
    return { hits: result.hits, facets: result.facets, total: null, expansions: result.query.expansions }
  }
  // Browsing lists every matching case to find the newest; the answer only changes with a new
  // build of the store, so it is kept per store version.
  const { version } = await store.info()
  const key = `${version}:${JSON.stringify(filters)}`
  let browse = browsing.get(key)
  if (!browse) {
    browse = Promise.all([store.list(filters), store.facets(filters)]).then(([cases, facets]) => {
      const newest = [...cases].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''))
      return { hits: newest.slice(0, PAGE_SIZE).map(browseHit), facets, total: cases.length, expansions: [] }
    })
    browse.catch(() => browsing.delete(key))
    browsing.set(key, browse)
    if (browsing.size > BROWSE_CACHE) browsing.delete(browsing.keys().next().value as string)
  }
  return browse
}

const BROWSE_CACHE = 64
const browsing = new Map<string, Promise<SearchOutcome>>()
