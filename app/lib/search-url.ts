import { FACET_FIELDS, type Filters } from '../../ingest/search/types'

/** How results can be ordered (the page and the exports share the list). */
export const SORTS = ['relevance', 'date', 'funding'] as const
export type Sort = (typeof SORTS)[number]

/**
 * The query string of a search (query, mode, needs removed from it, filters, sort): what result
 * pages, exports and a facet's own page carry, so each shows or downloads exactly what the search
 * page shows.
 */
export function searchQuery(s: { q: string; mode: string; without: string[]; filters: Filters; sort: string }): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  if (s.q) out.q = [s.q]
  if (s.mode === 'like') out.mode = ['like']
  // Needs are what a keyword search was understood as; "cases like mine" reads none.
  else if (s.q && s.without.length) out.without = s.without
  for (const field of FACET_FIELDS) if (s.filters[field]?.length) out[field] = s.filters[field]!
  if (s.sort !== (s.q ? 'relevance' : 'date')) out.sort = [s.sort]
  return out
}
