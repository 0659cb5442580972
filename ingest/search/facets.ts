/**
 * Facet values in key form (what the columns hold and filters compare), the where-clause built
 * from user filters, and the same test in JS for the in-memory catalog.
 *
 * User text reaches a LanceDB filter only through `sqlString`/`sqlInt`, and field names only from
 * the FACET_FIELDS whitelist, so a value like `' OR 1=1 --` is a value that matches nothing.
 */
import { FUNDING_SOURCES, type Case } from '../schema.js'
import { FACET_FIELDS, type FacetField, type Filters } from './types.js'
import { modelKey, placeKey, remembered, searchNormal } from './normalize.js'
import { SearchError } from './errors.js'

/** The facet columns of one case (both tables carry them). */
export interface FacetRow {
  year: number | null
  province: string | null
  city: string | null
  district: string | null
  models: string[]
  problems: string[]
  mechanisms: string[]
  actors: string[]
  orgTierCount: number | null
  fundingSources: string[]
}

export const tagKey = remembered((id: string): string => searchNormal(id).replace(/\s+/g, ''))

export function facetRow(c: Case): FacetRow {
  const year = c.published && /^\d{4}/.test(c.published) ? Number(c.published.slice(0, 4)) : null
  const sources = new Set<string>()
  for (const f of c.funding) sources.add(f.source)
  for (const m of c.fundingMix) for (const s of m.sources) sources.add(s)
  return {
    year,
    province: c.place.province ? placeKey(c.place.province) : null,
    city: c.place.city ? placeKey(c.place.city) : null,
    district: c.place.district ? placeKey(c.place.district) : null,
    models: unique(c.models.map(modelKey).filter(Boolean)),
    problems: unique(c.problems.map((t) => tagKey(t.id))),
    mechanisms: unique(c.mechanisms.map((t) => tagKey(t.id))),
    actors: unique(c.actors.map((t) => tagKey(t.id))),
    orgTierCount: c.orgTierCount,
    fundingSources: [...sources].sort(),
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)]
}

/** Column of each facet field. */
export const FACET_COLUMN: Record<FacetField, keyof FacetRow> = {
  province: 'province', city: 'city', district: 'district', model: 'models', problems: 'problems',
  mechanisms: 'mechanisms', actors: 'actors', orgTierCount: 'orgTierCount', fundingSource: 'fundingSources', year: 'year',
}

const INT_FIELDS = new Set<FacetField>(['year', 'orgTierCount'])

/**
 * English labels a user may filter by (problems=no property management) → tag ids; filled from
 * the vocabulary when it is loaded (see ./english.ts).
 */
const tagAliases = new Map<string, string>()

export function addTagAlias(alias: string, id: string): void {
  tagAliases.set(alias.toLowerCase().replace(/[\s_-]+/g, ' ').trim(), tagKey(id))
}

/** A user's filter value in the key form of its field, or null when it can match nothing. */
export function filterKey(field: FacetField, value: string): string | number | null {
  const v = value.trim()
  if (!v) return null
  switch (field) {
    case 'province':
    case 'city':
    case 'district':
      return placeKey(v)
    case 'model':
      return modelKey(v)
    case 'problems':
    case 'mechanisms':
    case 'actors':
      return tagAliases.get(v.toLowerCase().replace(/[\s_-]+/g, ' ')) ?? tagKey(v)
    case 'fundingSource':
      return (FUNDING_SOURCES as readonly string[]).includes(v.toLowerCase()) ? v.toLowerCase() : null
    case 'year':
    case 'orgTierCount':
      return /^\d{1,4}$/.test(v) ? Number(v) : null
  }
}

/** Rejects unknown fields with the list of known ones (a typo should not silently match all). */
export function checkFilters(filters: Filters): void {
  for (const field of Object.keys(filters)) {
    if (!(FACET_FIELDS as readonly string[]).includes(field)) {
      throw new SearchError('bad-filter', `unknown filter field "${field}" (known: ${FACET_FIELDS.join(', ')})`)
    }
  }
}


/** A SQL string literal: quotes doubled, control characters dropped (no column holds them). */
export function sqlString(value: string): string {
  return `'${value.replace(/[\u0000-\u001f\u007f]/g, '').replace(/'/g, "''")}'`
}

export function sqlInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new SearchError('bad-filter', `not an integer: ${value}`)
  return String(value)
}

/** The where-clause for `filters` over the facet columns, or null when there is none. */
export function whereClause(filters: Filters): string | null {
  checkFilters(filters)
  const parts: string[] = []
  for (const field of FACET_FIELDS) {
    const values = filters[field]
    if (!values || values.length === 0) continue
    const keys = values.map((v) => filterKey(field, v)).filter((k): k is string | number => k !== null)
    const column = FACET_COLUMN[field]
    if (keys.length === 0) {
      parts.push('FALSE')
    } else if (INT_FIELDS.has(field)) {
      parts.push(`${column} IN (${keys.map((k) => sqlInt(k as number)).join(', ')})`)
    } else if (field === 'province' || field === 'city' || field === 'district') {
      parts.push(`${column} IN (${keys.map((k) => sqlString(String(k))).join(', ')})`)
    } else {
      parts.push(`array_has_any(${column}, [${keys.map((k) => sqlString(String(k))).join(', ')}])`)
    }
  }
  return parts.length ? parts.map((p) => `(${p})`).join(' AND ') : null
}

/**
 * The same test as `whereClause`, on rows in memory; the filter values are put in key form once,
 * not once per row.
 */
export function matcher(filters: Filters): (row: FacetRow) => boolean {
  const tests = FACET_FIELDS.flatMap((field) => {
    const values = filters[field]
    if (!values || values.length === 0) return []
    return [{ column: FACET_COLUMN[field], keys: new Set(values.map((v) => filterKey(field, v)).filter((k) => k !== null)) }]
  })
  return (row) =>
    tests.every(({ column, keys }) => {
      const cell = row[column]
      return Array.isArray(cell) ? cell.some((x) => keys.has(x)) : cell !== null && keys.has(cell)
    })
}
