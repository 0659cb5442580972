/**
 * Full-text queries as bigrams, chosen by what they cost. LanceDB scores a query of several terms
 * by walking every posting of every term: about 0.2 µs a posting on this machine, plus a few
 * hundred µs a term (measured on the 100k-case bench store, 322k passages). A bigram in a fifth
 * of the passages (老旧, 中心) costs ~12 ms there, and 小区 in nearly all of them ~60 ms, while its
 * BM25 weight is near zero. So each build records how common its bigrams are (from a sample), and
 * a query keeps the rarest bigram of each of its parts unless even that one is common (see
 * `plan`), then adds more, rarest first, while the postings they would walk fit a budget.
 * Passages that hold the whole query are still found (they hold its rarest bigrams), and the
 * verbatim pass in the store lifts them; what is lost is BM25's preference among partial matches.
 */
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g
const OTHER = /[\p{L}\p{N}]+/gu
/** Joins query pieces without making bigrams across them: this character is in no passage. */
export const PIECE_SEPARATOR = '\ue000'
/** A bigram in at least this share of passages is common: a query keeps it only if the budget allows. */
export const COMMON_SHARE = 0.2
/** Bigrams rarer than this in the sample are not recorded; a query treats them as rare. */
export const LISTED_SHARE = 0.002
/** Longest list of recorded bigrams kept with a build (commonest first). */
const MAX_LISTED = 5000
const MAX_QUERY_BIGRAMS = 48
/** Default postings a query may walk beyond each part's rarest bigram: ~12 ms at 0.2 µs a posting. */
export const POSTINGS_BUDGET = 60_000
/**
 * Below this many passages queries are fast anyway and every bigram's weight is worth keeping,
 * so small corpora rank exactly by BM25 over all the query's bigrams.
 */
export const MIN_PASSAGES = 1000

/** How common bigrams are in a build: the share of passages holding each recorded bigram. */
export interface BigramStats {
  passages: number
  shares: ReadonlyMap<string, number>
}

export function cjkBigrams(normal: string): string[] {
  const out: string[] = []
  for (const m of normal.matchAll(CJK_RUN)) for (const bigram of runBigrams(m[0])) out.push(bigram)
  return out
}

function runBigrams(run: string): string[] {
  const out: string[] = []
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2))
  return out
}

/**
 * [bigram, share of `normals` holding it] for bigrams in at least LISTED_SHARE of them, commonest
 * first, shares to 4 places; empty below MIN_PASSAGES (no query is planned there).
 */
export function bigramShares(normals: string[]): [string, number][] {
  if (normals.length < MIN_PASSAGES) return []
  const df = new Map<string, number>()
  for (const n of normals) for (const b of new Set(cjkBigrams(n))) df.set(b, (df.get(b) ?? 0) + 1)
  const min = Math.max(2, normals.length * LISTED_SHARE)
  return [...df.entries()]
    .filter(([, c]) => c >= min)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_LISTED)
    .map(([b, c]) => [b, Math.round((c / normals.length) * 1e4) / 1e4])
}

/**
 * The full-text query for `text` (search-normal). Without stats (a small or older store) every
 * bigram counts; `budget` is the postings the query may walk beyond each part's rarest bigram;
 * bigrams in `skip` are left out (another query asks them). '' when nothing is left to ask.
 */
export function fulltextQuery(text: string, stats: BigramStats | null, budget = POSTINGS_BUDGET, skip: ReadonlySet<string> = new Set()): string {
  const bigrams = [...text.matchAll(CJK_RUN)].map((m) => [...new Set(runBigrams(m[0]))])
  const runs = bigrams.map((r) => r.filter((b) => !skip.has(b))).filter((r) => r.length)
  const all = [...new Set(runs.flat())]
  const others = [...text.replace(CJK_RUN, ' ').matchAll(OTHER)].map((m) => m[0])
  const chosen = stats && stats.passages >= MIN_PASSAGES ? plan(runs, all, stats, budget) : new Set(all.slice(0, MAX_QUERY_BIGRAMS))
  const terms = [...all.filter((b) => chosen.has(b)), ...others]
  // A lone CJK character has no bigram; it stays as itself (it matches nothing, like in the index).
  if (!terms.length && !bigrams.flat().length) return text.trim()
  return terms.join(PIECE_SEPARATOR)
}

/**
 * Rarest first, in three tiers: each part's rarest bigram when it is telling (always — it is what
 * was asked for); each part's rarest bigram when common, within the budget; then every other
 * bigram, within the budget. A store small enough fits every bigram and ranks exactly by BM25.
 */
function plan(runs: string[][], all: string[], stats: BigramStats, budget: number): Set<string> {
  // Unrecorded bigrams are rarer than LISTED_SHARE; half of it is their expected share.
  const share = (b: string) => stats.shares.get(b) ?? LISTED_SHARE / 2
  const rarest = (a: string, b: string) => share(a) - share(b) || (a < b ? -1 : 1)
  const firsts = [...new Set(runs.map((r) => [...r].sort(rarest)[0]))].sort(rarest)
  const chosen = new Set(firsts.filter((b) => share(b) < COMMON_SHARE).slice(0, MAX_QUERY_BIGRAMS))
  let cost = 0
  for (const b of chosen) cost += share(b) * stats.passages
  const fill = (tier: string[]) => {
    for (const b of tier) {
      if (chosen.size >= MAX_QUERY_BIGRAMS) return
      if (chosen.has(b)) continue
      const more = share(b) * stats.passages
      // Sorted rarest first: once one does not fit, none after it does.
      if (cost + more > budget) return
      chosen.add(b)
      cost += more
    }
  }
  fill(firsts)
  fill([...all].sort(rarest))
  // Nothing affordable (小区 物业 in a store about compounds): the rarest alone, one term is scored fast.
  if (!chosen.size && all.length) chosen.add([...all].sort(rarest)[0])
  return chosen
}
