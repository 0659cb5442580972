/** Case → table rows. */
import { hash as cryptoHash } from 'node:crypto'
import { FixedSizeList, Float32, List, makeData, RecordBatch, Schema, Struct, Table as ArrowTable, Utf8, vectorFromArray, type Data, type DataType } from 'apache-arrow'
import type { Case } from '../schema.js'
import { chunk, type Passage } from '../embed/chunk.js'
import { facetRow, type FacetRow } from '../search/facets.js'
import { searchNormal, searchNormalOf } from '../search/normalize.js'
import { normalizeForSearch } from '../text/script.js'
import type { Card } from './layout.js'
import { fundingSummary } from '../funding-summary.js'

/**
 * A case's row in `cases` and its hash, the sha256 of the Case JSON (a case whose hash is unchanged
 * keeps its rows and vectors), serializing the case once for both. The JSON is kept as its UTF-8
 * bytes, encoded once: the hash reads them (as it would encode the string), and the `json` column
 * copies them (toArrow). Held as a string until its batch is written, a first build's ~2,700
 * pending JSONs (~11 KB each) were copied by the scavenger into the old generation, then measured
 * and encoded again.
 */
export function hashedCaseRow(c: Case): { hash: string; row: Record<string, unknown>; facets: FacetRow } {
  const json = Buffer.from(JSON.stringify(c), 'utf8')
  // One call, no Hash object per case (createHash + update + digest).
  const hash = cryptoHash('sha256', json, 'hex')
  const facets = facetRow(c)
  return { hash, row: caseRow(c, hash, json, facets), facets }
}

export function card(c: Case): Card {
  return {
    displayTitle: c.displayTitle,
    published: c.published,
    place: c.place,
    models: c.models,
    scale: c.scale,
    tags: [
      ...c.problems.map((t) => ({ kind: 'problem' as const, id: t.id, en: t.en })),
      ...c.mechanisms.map((t) => ({ kind: 'mechanism' as const, id: t.id, en: t.en })),
      ...c.actors.map((t) => ({ kind: 'actor' as const, id: t.id, en: t.en })),
    ],
    funding: fundingSummary(c),
  }
}

/** `json`, the Case JSON as a string or as its UTF-8 bytes (the same column either way). */
export function caseRow(c: Case, hash: string, json: string | Uint8Array = JSON.stringify(c), facets = facetRow(c)): Record<string, unknown> {
  return {
    id: c.id,
    title: c.title,
    displayTitle: c.displayTitle,
    published: c.published,
    ...facets,
    hash,
    card: JSON.stringify(card(c)),
    json,
  }
}

/**
 * The passages a case is ranked by. The display title leads the first passage's search text when
 * the body does not start with it, so a title-only match still lands on the case.
 */
export function passagesOf(c: Case): Passage[] {
  const parts = chunk(c.body)
  if (parts.length === 0) return [{ text: c.displayTitle, span: [0, 0] }]
  return parts
}

export function passageText(c: Case, p: Passage, ord: number): string {
  return ord === 0 && !c.body.startsWith(c.displayTitle) ? `${c.displayTitle}\n${p.text}` : p.text
}

/**
 * Each passage's search text in normalizeForSearch form, made on first use and kept: the index
 * step needs it to check a case's first passage, the LSA sample and the bigram sample, which
 * otherwise converted the same passage two or three times over (OpenCC, most of their cost).
 */
export function normalizedPassages(c: Case, passages: Passage[]): (ord: number) => string {
  const forms: string[] = []
  return (ord) => (forms[ord] ??= normalizeForSearch(passageText(c, passages[ord], ord)))
}

/**
 * `normalized(ord)`, when given, is passage ord's text in normalizeForSearch form (normalizedPassages);
 * `facets`, the case's facetRow when the caller made it already.
 */
export function passageRows(c: Case, passages: Passage[], vectors: Float32Array[], normalized?: (ord: number) => string, facets = facetRow(c)): Record<string, unknown>[] {
  const norm = (ord: number) => (normalized ? searchNormalOf(normalized(ord)) : searchNormal(passageText(c, passages[ord], ord)))
  return rowsOfPassages(c.id, passages, vectors, norm, facets)
}

/** passageRows from what the rows hold of a case: its id, its passages, each one's search-normal text and its facets. */
export function rowsOfPassages(id: string, passages: Passage[], vectors: Float32Array[], norm: (ord: number) => string, facets: FacetRow): Record<string, unknown>[] {
  return passages.map((p, ord) => ({
    caseId: id,
    ord,
    text: p.text,
    norm: norm(ord),
    spanStart: p.span[0],
    spanEnd: p.span[1],
    vector: vectors[ord],
    ...facets,
  }))
}

/**
 * Rows → one Arrow table in `schema`, vectors copied straight from their Float32Arrays: several
 * times less work than LanceDB's row-by-row conversion of plain objects at 100k passages.
 */
export function toArrow(rows: Record<string, unknown>[], schema: Schema): ArrowTable {
  const n = rows.length
  const columns = schema.fields.map((f) => {
    if (f.type instanceof FixedSizeList) {
      const dims = f.type.listSize
      const flat = new Float32Array(n * dims)
      rows.forEach((r, i) => flat.set(r[f.name] as Float32Array, i * dims))
      return makeData({ type: f.type, length: n, nullCount: 0, child: makeData({ type: new Float32(), length: n * dims, data: flat }) })
    }
    const values = rows.map((r) => r[f.name])
    return textColumn(values, f.type) ?? vectorFromArray(values, f.type).data[0]
  })
  return new ArrowTable(schema, [new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children: columns }))])
}

const encoder = new TextEncoder()

/**
 * A Utf8 or List<Utf8> column (the facet lists) made straight from strings, measured then encoded
 * into one buffer: arrow's builders (vectorFromArray) append value by value into buffers they grow
 * as they go, and the facet lists were most of the time spent making a batch's rows. A Utf8 value
 * may also be given already encoded, as UTF-8 bytes (a case's JSON, hashedCaseRow): copied as they
 * are. Null when the column is of another type, or holds anything but strings (and, for Utf8,
 * nulls and bytes; for lists, arrays of strings): vectorFromArray then turns those values into
 * Arrow its own way, as before.
 */
function textColumn(values: unknown[], type: DataType): Data | null {
  if (type instanceof Utf8) return utf8Column(values, type)
  if (!(type instanceof List) || !(type.valueType instanceof Utf8)) return null
  const items: unknown[] = []
  const valueOffsets = new Int32Array(values.length + 1)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return null
    for (const x of v) items.push(x)
    valueOffsets[i + 1] = items.length
  }
  const child = utf8Column(items, type.valueType)!
  return makeData({ type, length: values.length, nullCount: 0, valueOffsets, child })
}

function utf8Column(values: unknown[], type: Utf8): Data<Utf8> | null {
  let bytes = 0
  let nulls = 0
  for (const v of values) {
    if (typeof v === 'string') bytes += Buffer.byteLength(v, 'utf8')
    else if (v instanceof Uint8Array) bytes += v.byteLength
    else if (v === null) nulls++
    else return null
  }
  const data = new Uint8Array(bytes)
  const valueOffsets = new Int32Array(values.length + 1)
  const nullBitmap = nulls ? new Uint8Array((values.length + 7) >> 3) : undefined
  let at = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (typeof v === 'string') at += encoder.encodeInto(v, data.subarray(at)).written
    else if (v instanceof Uint8Array) {
      data.set(v, at)
      at += v.byteLength
    }
    if (nullBitmap && v !== null) nullBitmap[i >> 3] |= 1 << (i & 7)
    valueOffsets[i + 1] = at
  }
  return makeData({ type, length: values.length, nullCount: nulls, nullBitmap, valueOffsets, data })
}
