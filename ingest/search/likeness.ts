/**
 * "Cases like mine": what a free-text description says about a compound (its problems, methods,
 * actors, size and place), and how alike two such profiles are.
 */
import type { Scale } from '../schema.js'
import type { TagKind } from '../extract/types.js'
import type { SimilarHit } from './types.js'
import type { Catalog, CatalogEntry } from './catalog.js'
import { mapEnglish, vocabularyTerms } from './lexicon.js'
import { modelKey, placeKey, searchNormal } from './normalize.js'
import { tagKey } from './facets.js'

export interface Profile {
  /** `key` is the id in search-key form, as the catalog's tag columns hold it. */
  tags: { kind: TagKind; id: string; key: string }[]
  scale: Scale
  /** Place keys (province/city/district) the profile is in. */
  places: string[]
  models: string[]
}

const KIND_OF: Record<TagKind, SimilarHit['reasons'][number]['kind']> = { problems: 'problem', mechanisms: 'mechanism', actors: 'actor' }

/** Size hints: "约300户", "600余人", "3栋楼", "about 300 households". */
const SCALE_RULES: { field: keyof Scale; pattern: RegExp }[] = [
  // households: 户 (户数, 住户), or English households/homes/families
  { field: 'households', pattern: /(\d+(?:\.\d+)?)\s*(万)?\s*(?:余|多)?\s*(?:户|households?|homes|families|flats|apartments)/g },
  // population: 人 / 名居民 / 口, or residents/people
  { field: 'population', pattern: /(\d+(?:\.\d+)?)\s*(万)?\s*(?:余|多)?\s*(?:人|名居民|位居民|口|residents|people|inhabitants)/g },
  // buildings: 栋 / 幢 / 座楼, or buildings/blocks
  { field: 'buildings', pattern: /(\d+(?:\.\d+)?)\s*(?:余|多)?\s*(?:栋|幢|座楼|buildings?|blocks?)/g },
]

/** The two characters before a term that negate it. */
const NEGATED = /(没有|没|无|缺少|缺乏|缺|不)$/

function occurrences(text: string, term: string): number[] {
  const out: number[] = []
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) out.push(at)
  return out
}

/**
 * What a description says about a compound. `named` are tags the caller already understood it
 * to name (the vocabulary tags of the needs a query names: 没人管 → 无物业).
 */
export function describe(description: string, catalog: Catalog, named: { kind: TagKind; id: string }[] = []): Profile {
  const norm = searchNormal(description)
  const compact = norm.replace(/\s+/g, '')
  const english = new Set(mapEnglish(norm).terms)
  const tags: Profile['tags'] = []
  for (const { kind, term } of vocabularyTerms()) {
    const forms = [term.id, ...term.synonyms].map((f) => searchNormal(f).replace(/\s+/g, '')).filter((f) => f.length >= 2)
    // "没有物业公司" names a problem (无物业), not an actor the compound has.
    const present = (f: string) => kind === 'problems' ? compact.includes(f) : occurrences(compact, f).some((at) => !NEGATED.test(compact.slice(Math.max(0, at - 2), at)))
    const said = named.some((t) => t.kind === kind && t.id === term.id)
    if (said || english.has(term.id) || forms.some(present)) tags.push({ kind, id: term.id, key: tagKey(term.id) })
  }
  const scale: Scale = {}
  for (const rule of SCALE_RULES) {
    for (const m of norm.matchAll(rule.pattern)) {
      const n = Number(m[1]) * (m[2] ? 10000 : 1)
      if (n > 0 && scale[rule.field] === undefined) scale[rule.field] = n
    }
  }
  const places = catalog.placeKeys.filter((key) => compact.includes(key))
  return { tags, scale, places, models: [] }
}

export function profileOf(e: CatalogEntry): Profile {
  return {
    tags: e.card.tags.map((t) => ({ kind: (t.kind + 's') as TagKind, id: t.id, key: tagKey(t.id) })),
    scale: e.card.scale,
    places: [e.province, e.city, e.district].filter((x): x is string => !!x),
    models: e.models,
  }
}

export interface Likeness {
  /** 0..1: share of the profile's tag weight the case shares (rarer tags weigh more). */
  tags: number
  scale: number | null
  place: boolean
  reasons: SimilarHit['reasons']
}

/**
 * The tag share and place match `compare` would give, without its reasons or scale: a few
 * array lookups per case, so a whole catalog can be screened before `compare` runs on the few
 * cases that can still make the list.
 */
export function screen(profile: Profile, catalog: Catalog): (e: CatalogEntry) => { tags: number; place: boolean } {
  const weights = profile.tags.map((t) => ({ kind: t.kind, key: t.key, w: tagWeight(t.id, catalog) }))
  const total = weights.reduce((sum, t) => sum + t.w, 0)
  return (e) => {
    let shared = 0
    for (const t of weights) if ((e[t.kind] as string[]).includes(t.key)) shared += t.w
    const place = profile.places.some((p) => p === e.district || p === e.city || p === e.province)
    return { tags: total ? shared / total : 0, place }
  }
}

/**
 * The entries of a catalog holding each tag (by kind and key), as positions in `entries`: made on
 * first use per catalog, ~4 bytes a tag a case. A new build's catalog (an upload's too) makes
 * its own on its first "cases like this" query: 10–30 ms of CPU at 10k cases, in proportion above.
 */
const holdersOf = new WeakMap<Catalog, Record<TagKind, Map<string, Int32Array>>>()

function holders(catalog: Catalog): Record<TagKind, Map<string, Int32Array>> {
  const made = holdersOf.get(catalog)
  if (made) return made
  const lists = { problems: new Map<string, number[]>(), mechanisms: new Map<string, number[]>(), actors: new Map<string, number[]>() }
  const { entries } = catalog
  for (let i = 0; i < entries.length; i++) {
    for (const kind of TAG_KINDS) {
      const byKey = lists[kind]
      // An entry holds each key of a field once (the catalog drops repeats).
      for (const key of entries[i][kind]) {
        const list = byKey.get(key)
        if (list) list.push(i)
        else byKey.set(key, [i])
      }
    }
  }
  const packed = (byKey: Map<string, number[]>) => new Map([...byKey].map(([key, list]): [string, Int32Array] => [key, Int32Array.from(list)]))
  const out = { problems: packed(lists.problems), mechanisms: packed(lists.mechanisms), actors: packed(lists.actors) }
  holdersOf.set(catalog, out)
  return out
}

const TAG_KINDS: TagKind[] = ['problems', 'mechanisms', 'actors']

/**
 * The entries `screen` gives a tag share of at least `share` (a few more, never fewer: the share
 * is lowered by a hair so that rounding never leaves out an entry right at it), or null when that
 * is every entry (a share of 0 or less). Each tag's holders add its weight, so the cost is the
 * holders of the profile's tags, not a screen of every entry.
 */
export function sharingAtLeast(profile: Profile, catalog: Catalog, share: number): CatalogEntry[] | null {
  if (!(share > 1e-9) || !profile.tags.length) return null
  const lists = holders(catalog)
  const weights = profile.tags.map((t) => ({ list: lists[t.kind].get(t.key), w: tagWeight(t.id, catalog) }))
  const need = (share - 1e-9) * weights.reduce((sum, x) => sum + x.w, 0)
  const shared = new Float64Array(catalog.entries.length)
  const touched: number[] = []
  for (const { list, w } of weights) {
    for (const i of list ?? []) {
      if (shared[i] === 0) touched.push(i)
      shared[i] += w
    }
  }
  return touched.filter((i) => shared[i] >= need).map((i) => catalog.entries[i])
}

/** Rarer tags weigh more: sharing one says more about likeness. */
function tagWeight(id: string, catalog: Catalog): number {
  return Math.log(1 + catalog.entries.length / (1 + (catalog.tagCounts.get(id) ?? 0)))
}

export function compare(profile: Profile, e: CatalogEntry, catalog: Catalog): Likeness {
  const reasons: SimilarHit['reasons'] = []
  const idf = (id: string) => tagWeight(id, catalog)
  let total = 0
  let shared = 0
  const tagReasons: { w: number; reason: SimilarHit['reasons'][number] }[] = []
  for (const t of profile.tags) {
    const w = idf(t.id)
    total += w
    if ((e[t.kind] as string[]).includes(t.key)) {
      shared += w
      tagReasons.push({ w, reason: { kind: KIND_OF[t.kind], value: t.id } })
    }
  }
  // Rarest shared tags first: they say most about why the two are alike.
  reasons.push(...tagReasons.sort((a, b) => b.w - a.w).map((r) => r.reason))
  for (const m of profile.models) if (e.models.includes(m)) reasons.push({ kind: 'model', value: e.card.models.find((x) => modelKey(x) === m) ?? m })
  const scale = scaleLikeness(profile.scale, e.card.scale)
  if (scale !== null && scale.value >= 0.5) reasons.push({ kind: 'scale', value: scale.reason })
  const placeHit = profile.places.find((p) => p === e.district || p === e.city || p === e.province)
  if (placeHit) reasons.push({ kind: 'place', value: shownPlace(e, placeHit) })
  return { tags: total ? shared / total : 0, scale: scale?.value ?? null, place: !!placeHit, reasons }
}

function shownPlace(e: CatalogEntry, key: string): string {
  const { province, city, district } = e.card.place
  return [district, city, province].find((p) => p && placeKey(p) === key) ?? key
}

const SCALE_LABEL: Record<keyof Scale, [zh: string, unit: string]> = {
  households: ['户数', '户'], population: ['人口', '人'], buildings: ['楼栋', '栋'], areaM2: ['面积', '平方米'],
}

/** 1 when equal, 0 at a factor of 4 apart or more, on a log scale; averaged over shared fields. */
function scaleLikeness(a: Scale, b: Scale): { value: number; reason: string } | null {
  let sum = 0
  let n = 0
  const parts: string[] = []
  for (const field of Object.keys(SCALE_LABEL) as (keyof Scale)[]) {
    const x = a[field]
    const y = b[field]
    if (!x || !y) continue
    const v = Math.max(0, 1 - Math.abs(Math.log(x / y)) / Math.log(4))
    sum += v
    n++
    const [zh, unit] = SCALE_LABEL[field]
    parts.push(`${zh} ${y}${unit} ≈ ${x}${unit}`)
  }
  return n ? { value: sum / n, reason: parts.join('，') } : null
}
