/**
 * Every case's facet keys and card, in memory, per store version: facet counts, filters for
 * listing, tag overlap for "cases like mine", and what a hit shows, without touching the tables.
 * ~1 KB a case, so 100k cases cost ~100 MB once per version.
 */
import type { Card } from '../index/layout.js'
import type { Table } from '../index/lancedb.js'
import { FACET_FIELDS, type FacetCounts, type Filters } from './types.js'
import { FACET_COLUMN, matcher, type FacetRow } from './facets.js'
import { modelKey, placeKey } from './normalize.js'

type Field = (typeof FACET_FIELDS)[number]

export interface CatalogEntry extends FacetRow {
  id: string
  card: Card
  /**
   * Per facet, the entry's values as numbers into its catalog's `facetValues` (one per key and
   * spelling), worked out on first count and kept: every search page counts facets over its
   * candidates (thousands), and normalizing a place or model name (OpenCC) per candidate per
   * request, then counting through maps of strings, was most of a search page's CPU. Indexed by
   * the field's place in FACET_FIELDS, not looked up by name (bench/README "Tenth pass").
   */
  codes?: number[][]
}

/** One facet's values met so far in a catalog: each distinct (key, spelling) pair once. */
interface FacetValues {
  /** Pair → its number. */
  byPair: Map<string, number>
  /** Number → the pair's key (as a number into `keys`) and spelling. */
  keyOf: number[]
  shown: string[]
  keys: Map<string, number>
}

export interface Catalog {
  entries: CatalogEntry[]
  byId: Map<string, CatalogEntry>
  /** How many cases carry each tag id: rarer shared tags say more about likeness. */
  tagCounts: Map<string, number>
  /** Every place key (province, city, district) some case is in. */
  placeKeys: string[]
  /**
   * What `countFacets` has numbered: shared with the later builds that extend this catalog (their
   * kept entries carry these numbers), started anew by a catalog read whole.
   */
  facetValues: Record<Field, FacetValues>
  /** The highest fragment id of the cases table read, for a later build's catalog to extend. */
  lastFragment: number
}

function emptyValues(): Record<Field, FacetValues> {
  return Object.fromEntries(FACET_FIELDS.map((f): [Field, FacetValues] => [f, { byPair: new Map(), keyOf: [], shown: [], keys: new Map() }])) as Record<Field, FacetValues>
}

const list = (v: unknown): string[] => (v ? Array.from(v as Iterable<string>) : [])
/** Rows converted between yields to the event loop. */
const CHUNK = 2000
const COLUMNS = ['id', 'card', 'year', 'province', 'city', 'district', 'models', 'problems', 'mechanisms', 'actors', 'orgTierCount', 'fundingSources']

/**
 * The catalog of a build. With `earlier` (the catalog of an earlier build of the same table: see
 * the store's `open`), only the rows added since are read and parsed; every other live row is a
 * row the earlier build had, so its entry is taken as it is, facet numbering included. An upload
 * adds a case or two to 10k: reading and parsing every card again (~100–150 ms of CPU at 10k
 * cases) held each search after it waiting for its facets.
 */
export async function loadCatalog(cases: Table, earlier?: Catalog): Promise<Catalog> {
  if (!earlier) return assemble(await read(cases, null), emptyValues())
  // Which rows the build has: a row id is its fragment (high 32 bits) and offset, and fragments
  // are never rewritten in place, so a row below `from` holds what it held in the earlier build.
  const from = BigInt(earlier.lastFragment + 1) << 32n
  const live = await cases.query().select(['id']).withRowId().toArrow()
  const ids = live.getChild('id')!.toArray() as string[]
  const rowids = live.getChild('_rowid')!.toArray() as BigUint64Array
  const kept: CatalogEntry[] = []
  for (let i = 0; i < ids.length; i++) {
    if (rowids[i] >= from) continue
    const entry = earlier.byId.get(ids[i])
    // Not the earlier build's row after all (a table written anew): read it whole.
    if (!entry) return assemble(await read(cases, null), emptyValues())
    kept.push(entry)
  }
  const added = await read(cases, from)
  return assemble({ entries: [...kept, ...added.entries], lastFragment: Math.max(earlier.lastFragment, added.lastFragment) }, earlier.facetValues)
}

/**
 * Entries of the rows at or above row id `from` (every row when null), column by column, a chunk
 * at a time with the event loop let through in between: at 100k cases the load takes ~2 s of
 * CPU, and searches arriving meanwhile (they read cards by id until the catalog is in) should not
 * wait for all of it. Row objects from LanceDB took 5 s here.
 */
async function read(cases: Table, from: bigint | null): Promise<{ entries: CatalogEntry[]; lastFragment: number }> {
  let query = cases.query()
  if (from !== null) query = query.where(`_rowid >= ${from}`)
  const table = await query.select(COLUMNS).withRowId().toArrow()
  const column = (name: string) => {
    const c = table.getChild(name)
    if (!c) throw new Error(`cases table has no ${name} column`)
    return c
  }
  const [id, card, year, province, city, district, models, problems, mechanisms, actors, orgTierCount, fundingSources] = COLUMNS.map(column)
  const rowids = column('_rowid').toArray() as BigUint64Array
  let lastFragment = -1
  for (const rowid of rowids) lastFragment = Math.max(lastFragment, Number(rowid >> 32n))
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
  return { entries, lastFragment }
}

function assemble({ entries, lastFragment }: { entries: CatalogEntry[]; lastFragment: number }, facetValues: Record<Field, FacetValues>): Catalog {
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const tagCounts = new Map<string, number>()
  for (const e of entries) for (const t of [...e.problems, ...e.mechanisms, ...e.actors]) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1)
  const placeKeys = new Set<string>()
  for (const e of entries) for (const k of [e.province, e.city, e.district]) if (k) placeKeys.add(k)
  return { entries, byId: new Map(entries.map((e) => [e.id, e])), tagCounts, placeKeys: [...placeKeys], facetValues, lastFragment }
}

export function filterEntries(catalog: Catalog, filters: Filters): CatalogEntry[] {
  const test = matcher(filters)
  return catalog.entries.filter(test)
}

/**
 * Counts per facet value over `entries` (entries of `catalog`). Values are shown as the cases
 * write them (福州市, 紅‘棟’力), the commonest spelling of each key; filtering by a shown value
 * gives back the same key.
 */
export function countFacets(catalog: Catalog, entries: CatalogEntry[]): FacetCounts {
  const out = {} as FacetCounts
  FACET_FIELDS.forEach((field, at) => {
    const values = catalog.facetValues[field]
    // Codes first: an entry counted for the first time may add values, which sizes the counters.
    for (const e of entries) codesOf(e, field, at, values)
    const { perPair, perKey, best, spelling } = counters(values.shown.length, values.keys.size)
    const pairs: number[] = []
    for (const e of entries) for (const code of e.codes![at]) if (perPair[code]++ === 0) pairs.push(code)
    // An entry has each key of a field at most once (displayed() drops repeats), so a key's count
    // is the sum of its spellings' counts; it is shown in its commonest spelling.
    const keys: number[] = []
    for (const code of pairs) {
      const n = perPair[code]
      perPair[code] = 0
      const shown = values.shown[code]
      const key = values.keyOf[code]
      if (perKey[key] === 0) {
        keys.push(key)
        spelling[key] = shown
        best[key] = n
      } else if (n > best[key] || (n === best[key] && shown < spelling[key])) {
        spelling[key] = shown
        best[key] = n
      }
      perKey[key] += n
    }
    const counts = keys.map((key) => ({ value: spelling[key], count: perKey[key] }))
    for (const key of keys) perKey[key] = 0
    out[field] = counts.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
  })
  return out
}

/**
 * Counters for `countFacets`, kept between calls and left at zero: a page counts ten facets over
 * its 200 ranked cases, each a fresh array as long as every value the field has (thousands of
 * places at 10k cases) and a map of keys before.
 */
interface Counters {
  perPair: Uint32Array
  perKey: Uint32Array
  best: Uint32Array
  spelling: string[]
}

let kept: Counters = { perPair: new Uint32Array(0), perKey: new Uint32Array(0), best: new Uint32Array(0), spelling: [] }

function counters(pairs: number, keys: number): Counters {
  if (kept.perPair.length < pairs) kept = { ...kept, perPair: new Uint32Array(Math.max(pairs, 2 * kept.perPair.length)) }
  if (kept.perKey.length < keys) {
    const size = Math.max(keys, 2 * kept.perKey.length)
    kept = { ...kept, perKey: new Uint32Array(size), best: new Uint32Array(size) }
  }
  return kept
}

function codesOf(e: CatalogEntry, field: Field, at: number, values: FacetValues): number[] {
  const known = (e.codes ??= [])[at]
  if (known) return known
  const codes = displayed(e, field).map(([key, shown]) => {
    const pair = `${key}\u0000${shown}`
    let code = values.byPair.get(pair)
    if (code === undefined) {
      code = values.shown.length
      let k = values.keys.get(key)
      if (k === undefined) values.keys.set(key, (k = values.keys.size))
      values.byPair.set(pair, code)
      values.keyOf.push(k)
      values.shown.push(shown)
    }
    return code
  })
  e.codes[at] = codes
  return codes
}

/** [key, shown] pairs of one entry's values for a facet. */
function displayed(e: CatalogEntry, field: Field): [string, string][] {
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
