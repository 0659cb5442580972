/**
 * How the full-text and vector lists become one ranking.
 *
 * Score fusion, not rank fusion: score = BM25 / best BM25 of the query (paraphrases of a named concept: half that, from a query
 * of their own) + VECTOR_WEIGHT (TRANSLATED_VECTOR_WEIGHT for English mapped to Chinese) × cosine
 * + EXACT_BONUS × verbatim (1 for the query as typed, half for a paraphrase), scaled to 0..1. Reciprocal-rank fusion gives the vector
 * list's first place as much weight as full-text's, however weak the vector evidence; with a
 * small corpus-trained model the vector list often puts a loosely related case on top with a
 * middling cosine, and RRF pulled full-text's exact #1 down (measured in README). Adding the raw
 * cosine instead makes the vector side count by how similar a passage really is: it re-orders
 * cases full-text finds about equally well, and lifts a case full-text misses only when its
 * cosine is high. A query with no full-text match ranks by cosine alone.
 */

/** What one list says about a case, at its best passage: rank (1 = first) and raw score. */
export interface ListEntry {
  rank: number
  /** BM25 for full-text, cosine similarity for vector. */
  score: number
}

export interface CaseEvidence {
  fulltext: ListEntry | null
  /** Full-text match of the paraphrases of a concept the query names (没有物业 for 无物业). */
  paraphrase: ListEntry | null
  vector: ListEntry | null
  /**
   * 1: a passage holds the query as typed (or, for English, the terms it maps to); 0.5: only in
   * paraphrase (没有物业 for 无物业); 0: neither.
   */
  verbatim: number
}

/**
 * A cosine counts as much as the best full-text match's share. Cosines of the offline model sit
 * well below 1 for all but near-duplicates, so full-text still leads where it matched well; the
 * vector side lifts the cases full-text misses (paraphrase, English mapped loosely). Chosen on two
 * judged sets (67 queries): 0.5 did better on the first, 1.0 on both together (README).
 */
export const VECTOR_WEIGHT = 1
/**
 * For a query not in the reports' words: English mapped to Chinese through the glossary, or a
 * need put in the user's own words (楼里住的是谁都摸不清). Its full-text terms are then the
 * glossary's words or the user's, and a loose mapping ranks by whichever rare bigram it brought
 * in; the vector side, smoothing over every term (a need's report terms are embedded with it), is
 * the steadier of the two there. Own-words queries at 1 / 2 / 3: set 3 (40 need-phrased queries)
 * hybrid R@5 0.814 / 0.838 / 0.843, sets 1 and 2 unchanged (README).
 */
export const TRANSLATED_VECTOR_WEIGHT = 2
/** A verbatim match of the query or a mapped term outweighs small BM25 differences. */
export const EXACT_BONUS = 0.25

/** A case found only in paraphrase is at most half as good a text match as one found as typed. */
export const PARAPHRASE_WEIGHT = 0.5
/**
 * Unless the query put its need in words no report uses (没有钱, 小区没人管): then the typed words
 * are the user's, the paraphrases (资金不足, 社区基金; 无物业, 物业撤离) the reports', and a case
 * found in paraphrase is as good a text match as one that shares the user's words.
 */
export const COLLOQUIAL_PARAPHRASE_WEIGHT = 1

export interface FusionWeights {
  /** Of the cosine: VECTOR_WEIGHT, or TRANSLATED_VECTOR_WEIGHT for English mapped to Chinese. */
  vector: number
  /** Of the paraphrase query's share: PARAPHRASE_WEIGHT, or COLLOQUIAL_PARAPHRASE_WEIGHT. */
  paraphrase: number
}

/** Scores in 0..1 (1 = best in every list), in the order of `cases`. */
export function fuse(cases: CaseEvidence[], weights: Partial<FusionWeights> = {}): number[] {
  const vectorWeight = weights.vector ?? VECTOR_WEIGHT
  const paraphraseWeight = weights.paraphrase ?? PARAPHRASE_WEIGHT
  const bestBm25 = cases.reduce((best, c) => Math.max(best, c.fulltext?.score ?? 0), 0)
  const bestParaphrase = cases.reduce((best, c) => Math.max(best, c.paraphrase?.score ?? 0), 0)
  const anyVector = cases.some((c) => c.vector)
  const anyExact = cases.some((c) => c.verbatim > 0)
  const max = Math.max(bestBm25 > 0 ? 1 : 0, bestParaphrase > 0 ? paraphraseWeight : 0) + (anyVector ? vectorWeight : 0) + (anyExact ? EXACT_BONUS : 0)
  if (!max) return cases.map(() => 0)
  return cases.map((c) => {
    const typed = c.fulltext && bestBm25 > 0 ? c.fulltext.score / bestBm25 : 0
    const paraphrased = c.paraphrase && bestParaphrase > 0 ? (paraphraseWeight * c.paraphrase.score) / bestParaphrase : 0
    const text = Math.max(typed, paraphrased)
    const vector = Math.max(0, c.vector?.score ?? 0)
    return (text + vectorWeight * vector + EXACT_BONUS * c.verbatim) / max
  })
}
