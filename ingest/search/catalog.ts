/**
 * Every case's facet keys and card, in memory, per store version: facet counts, filters for
 * listing, tag overlap for "cases like mine", and what a hit shows, without touching the tables.
 * ~1 KB a case, so 100k cases cost ~100 MB once per version.
 */
import type { Card } from '../index/layout.js'
import type { Table } from '../index/lancedb.js'
import { FACET_FIELDS, type FacetCounts, type Filters } from './types.js'
import { FACET_COLUMN, matches, type FacetRow } from './facets.js'
import { modelKey, placeKey } from './normalize.js'

export interface CatalogEntry extends FacetRow {
  id: string
  card: Card
  /**
   * [key, shown] pairs per facet, worked out on first count and kept: every search page counts
   * facets over its candidates, and normalizing a place or model name (OpenCC) per candidate per
   * request was a third of a search's time on the JavaScript thread.
   */
  shown?: Partial<Record<(typeof FACET_FIELDS)[number], [string, string][]>>
}

export interface Catalog {
  entries: CatalogEntry[]
  byId: Map<string, CatalogEntry>
  /** How many cases carry each tag id: rarer shared tags say more about likeness. */
  tagCounts: Map<string, number>
  /** Every place key (province, city, district) some case is in. */
  placeKeys: string[]
}

const list = (v: unknown): string[] => (v ? Array.from(v as Iterable<string>) : [])
/** Rows converted between yields to the event loop. */
const CHUNK = 2000

/**
 * Column by column, a chunk at a time with the event loop let through in between: at 100k cases
 * the load takes ~2 s of CPU, and searches arriving meanwhile (they read cards by id until the
 * catalog is in) should not wait for all of it. Row objects from LanceDB took 5 s here.
 */
export async function loadCatalog(cases: Table): Promise<Catalog> {
  const names = ['id', 'card', 'year', 'province', 'city', 'district', 'models', 'problems', 'mechanisms', 'actors', 'orgTierCount', 'fundingSources']
  const table = await cases.query().select(names).toArrow()
  const column = (name: string) => {
    const c = table.getChild(name)
    if (!c) throw new Error(`cases table has no ${name} column`)
    return c
  }
  const [id, card, year, province, city, district, models, problems, mechanisms, actors, orgTierCount, fundingSources] = names.map(column)
  const entries: CatalogEntry[] = []
  for (let start = 0; start < table.numRows; start += CHUNK) {
    if (start) await new Promise((resolve) => setImmediate(resolve))
    for (let i = start; i < Math.min(table.numRows, start + CHUNK); i++) {
      entries.push({
        id: id.get(i),
        card: JSON.parse(card.get(i)) as Card,
        year: year.get(i) ?? null,
        province: province.get(i) ?? null,
        city: city.get(i) ?? null,
        district: district.get(i) ?? null,
        models: list(models.get(i)),
        problems: list(problems.get(i)),
        mechanisms: list(mechanisms.get(i)),
        actors: list(actors.get(i)),
        orgTierCount: orgTierCount.get(i) ?? null,
        fundingSources: list(fundingSources.get(i)),
      })
    }
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const tagCounts = new Map<string, number>()
  for (const e of entries) for (const t of [...e.problems, ...e.mechanisms, ...e.actors]) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1)
  const placeKeys = new Set<string>()
  for (const e of entries) for (const k of [e.province, e.city, e.district]) if (k) placeKeys.add(k)
  return { entries, byId: new Map(entries.map((e) => [e.id, e])), tagCounts, placeKeys: [...placeKeys] }
}

export function filterEntries(catalog: Catalog, filters: Filters): CatalogEntry[] {
  return catalog.entries.filter((e) => matches(e, filters))
}

/**
 * Counts per facet value over `entries`. Values are shown as the cases write them (福州市, 紅‘棟’力),
 * the commonest spelling of each key; filtering by a shown value gives back the same key.
 */
export function countFacets(entries: CatalogEntry[]): FacetCounts {
  const out = {} as FacetCounts
  for (const field of FACET_FIELDS) {
    const counts = new Map<string, { count: number; shown: Map<string, number> }>()
    for (const e of entries) {
      const pairs = ((e.shown ??= {})[field] ??= displayed(e, field))
      for (const [key, shown] of pairs) {
        const c = counts.get(key) ?? { count: 0, shown: new Map() }
        c.count++
        c.shown.set(shown, (c.shown.get(shown) ?? 0) + 1)
        counts.set(key, c)
      }
    }
    out[field] = [...counts.values()]
      .map((c) => ({ value: [...c.shown.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0], count: c.count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
  }
  return out
}

/** [key, shown] pairs of one entry's values for a facet. */
function displayed(e: CatalogEntry, field: (typeof FACET_FIELDS)[number]): [string, string][] {
  switch (field) {
    case 'province':
    case 'city':
    case 'district': {
      const shown = e.card.place[field]
      return shown ? [[placeKey(shown), shown]] : []
    }
    case 'model': {
      const seen = new Set<string>()
      return e.card.models.flatMap((m): [string, string][] => {
        const k = modelKey(m)
        if (!k || seen.has(k)) return []
        seen.add(k)
        return [[k, m]]
      })
    }
    case 'year':
    case 'orgTierCount': {
      const v = e[FACET_COLUMN[field]] as number | null
      return v === null ? [] : [[String(v), String(v)]]
    }
    default:
      return (e[FACET_COLUMN[field]] as string[]).map((v): [string, string] => [v, v])
  }
}
