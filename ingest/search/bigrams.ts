/**
 * Full-text queries as bigrams, without the ones nearly every passage has. The index's postings
 * for 小区 or 治理 cover most of a governance corpus; scoring them costs the most and ranks the
 * least (their idf is near zero), so when a query has rarer bigrams the common ones are left out.
 */
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g
const OTHER = /[\p{L}\p{N}]+/gu
/** Joins query pieces without making bigrams across them: this character is in no passage. */
export const PIECE_SEPARATOR = '\ue000'
/** A bigram in at least this share of passages is common. */
export const COMMON_SHARE = 0.2
/** Longest list of common bigrams kept with a build. */
const MAX_COMMON = 500
const MAX_QUERY_BIGRAMS = 48
/**
 * Below this many passages queries are fast anyway and every bigram's weight is worth keeping,
 * so small corpora rank exactly by BM25 over all the query's bigrams.
 */
const MIN_PASSAGES = 1000

export function cjkBigrams(normal: string): string[] {
  const out: string[] = []
  for (const m of normal.matchAll(CJK_RUN)) {
    const run = m[0]
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2))
  }
  return out
}

/** Bigrams in ≥ COMMON_SHARE of `normals` (search-normal passage texts), commonest first. */
export function commonBigrams(normals: string[]): string[] {
  if (normals.length < MIN_PASSAGES) return []
  const df = new Map<string, number>()
  for (const n of normals) for (const b of new Set(cjkBigrams(n))) df.set(b, (df.get(b) ?? 0) + 1)
  const min = Math.max(2, normals.length * COMMON_SHARE)
  return [...df.entries()]
    .filter(([, c]) => c >= min)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_COMMON)
    .map(([b]) => b)
}

/** The full-text query for `text` (search-normal): its bigrams, common ones dropped when others remain. */
export function fulltextQuery(text: string, common: ReadonlySet<string>): string {
  const bigrams = [...new Set(cjkBigrams(text))]
  const rare = bigrams.filter((b) => !common.has(b))
  const chosen = (rare.length ? rare : bigrams).slice(0, MAX_QUERY_BIGRAMS)
  const others = [...text.replace(CJK_RUN, ' ').matchAll(OTHER)].map((m) => m[0])
  // A lone CJK character has no bigram; it stays as itself (it matches nothing, like in the index).
  return [...chosen, ...others].join(PIECE_SEPARATOR) || text
}
