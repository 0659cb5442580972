/**
 * The store's tables, shared by the writer (ingest/index) and the readers (ingest/search).
 *
 * - `cases`: one row per case, the facet columns in search-key form, the full Case as JSON and a
 *   small `card` (what a result list shows) so readers never parse bodies to list hits.
 * - `passages`: one row per chunk of a case body, with its vector, its search-normal text for the
 *   full-text index and the case's facet columns duplicated so filters apply before ranking.
 * - `meta`: append-only rows. A `pointer` row names the table versions of one complete build;
 *   readers answer from the newest pointer, so a build in progress (or one that died half way)
 *   is never seen. `embedder` rows carry the trained offline model the pointer's vectors came from.
 */
import { Binary, Field, FixedSizeList, Float32, Int32, List, Schema, Utf8 } from 'apache-arrow'
import type { Case } from '../schema.js'
import type { FundingSummary } from '../funding-summary.js'

export const TABLES = { cases: 'cases', passages: 'passages', meta: 'meta' } as const

/** Default store location; `LANCEDB_URI` overrides it, `--db` overrides both. */
export function defaultUri(): string {
  return process.env.LANCEDB_URI || 'data/lancedb'
}

/**
 * Object-store credentials and settings for `s3://`, `gs://`, `az://` URIs, as the JSON object
 * LanceDB's `storageOptions` takes (e.g. {"aws_region":"cn-north-1","aws_endpoint":"http://minio:9000"}).
 */
export function storageOptionsFromEnv(): Record<string, string> | undefined {
  const raw = process.env.LANCEDB_STORAGE_OPTIONS
  if (!raw) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new Error('LANCEDB_STORAGE_OPTIONS is not valid JSON')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('LANCEDB_STORAGE_OPTIONS must be a JSON object')
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]))
}

const str = (name: string, nullable = false) => new Field(name, new Utf8(), nullable)
const int = (name: string) => new Field(name, new Int32(), true)
const list = (name: string) => new Field(name, new List(new Field('item', new Utf8(), true)), false)

/** Facet columns, in search-key form (see ingest/search/facets.ts), on both data tables. */
const facetFields = () => [
  int('year'), str('province', true), str('city', true), str('district', true), list('models'),
  list('problems'), list('mechanisms'), list('actors'), int('orgTierCount'), list('fundingSources'),
]

export function casesSchema(): Schema {
  return new Schema([
    str('id'), str('title', true), str('displayTitle'), str('published', true), ...facetFields(),
    str('hash'), str('card'), str('json'),
  ])
}

export function passagesSchema(dims: number): Schema {
  return new Schema([
    str('caseId'), int('ord'), str('text'), str('norm'), int('spanStart'), int('spanEnd'),
    new Field('vector', new FixedSizeList(dims, new Field('item', new Float32(), true)), false),
    ...facetFields(),
  ])
}

/** kind: "pointer" (data = Pointer JSON) or "embedder" (blob = one chunk of a serialized model). */
export function metaSchema(): Schema {
  return new Schema([str('kind'), int('generation'), int('ord'), str('data', true), new Field('blob', new Binary(), true)])
}

export interface EmbedderId {
  name: string
  model: string
  dims: number
}

/** One complete build: what readers answer from. */
export interface Pointer {
  generation: number
  casesVersion: number
  passagesVersion: number
  embedder: EmbedderId
  /** Generation whose `embedder` rows hold the model state (offline model), or null. */
  embedderGeneration: number | null
  /** Folded from every case's id and hash (write.ts): the same corpus gives the same version. */
  corpusVersion: string
  cases: number
  passages: number
  /** Cases added, changed or removed since the offline model was trained on the corpus. */
  driftSinceTraining: number
  /** [bigram, share of passages] for the commoner bigrams (ingest/search/bigrams.ts plans queries by them). */
  bigramShares?: [string, number][]
  builtAt: string
}

/** What readers show in a result list, kept small so a 100k-case catalog loads fast. */
export interface Card {
  displayTitle: string
  published: string | null
  place: Case['place']
  models: string[]
  scale: Case['scale']
  /** Tag ids with English labels. */
  tags: { kind: 'problem' | 'mechanism' | 'actor'; id: string; en: string }[]
  /** Absent in stores built before cards carried it; the app then reads the case itself. */
  funding?: FundingSummary
}
