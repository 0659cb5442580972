/**
 * Full-text queries as bigrams, chosen by what they cost. LanceDB ranks a query by block-max WAND:
 * one term, however common, is cut short once the leading passages are found, and so is a common
 * term beside rare ones; but several common terms are walked posting by posting (`queryCost`).
 * At 630k passages 小区 alone takes ~5 ms and 小区 with 老旧 350–1,200 ms; at 3M passages (1M
 * reports) such a query takes seconds. So each build records how common its bigrams are (from a
 * sample), and a query asks its bigrams rarest first — each part's rarest, then the others —
 * while the postings walked fit a budget that does not grow with the store (`plan`).
 * Passages that hold the whole query are still found (they hold its rarest bigrams), and the
 * verbatim pass in the store lifts them; what is lost is BM25's preference among partial matches.
 */
import { eachBigramUnits, pairKey } from '../text/segment.js'

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g
const OTHER = /[\p{L}\p{N}]+/gu
/** Joins query pieces without making bigrams across them: this character is in no passage. */
export const PIECE_SEPARATOR = '\ue000'
/** Bigrams rarer than this in the sample are not recorded; a query treats them as rare. */
export const LISTED_SHARE = 0.002
/** Longest list of recorded bigrams kept with a build (commonest first). */
const MAX_LISTED = 5000
const MAX_QUERY_BIGRAMS = 48
/** Default postings a query may walk (`queryCost`): ~15–90 ms at load average 13–20 on this machine. */
export const POSTINGS_BUDGET = 60_000
/** Postings of the other terms beside which a query's commonest term is cut short, not walked (`queryCost`). */
export const CUT_SHORT_BESIDE = 10_000
/**
 * Longest posting list cut short for free: the first query that asks a bigram still reads its whole
 * list (志愿, 298k postings: 1.4 s cold at load average 18, 9 ms warm), so a bigram joins rare ones
 * for free only up to this (a 20% bigram at 100k reports, 8% at 1M).
 */
export const CUT_SHORT_UP_TO = 240_000
/**
 * A bigram in more than this share of passages is asked only as the query's rarest (alone). Its
 * BM25 weight, ln(1 + (N − n + ½) / (n + ½)), is under 0.29 (a 20% bigram's is 1.6, a 1% bigram's
 * 4.6), so it barely orders the passages that hold the rarer ones; but beside other terms, rare
 * ones too, WAND walks its list nearly whole. On the 10k-case bench store (32k passages, where
 * every query fits the postings budget) 小区, in 95% of passages, cost a list of 600 5–7 ms of CPU
 * beside one or two rare bigrams (无物: 1.5 → 8.4 ms) and 老旧小区 无物业's 4.5 → 9.6; alone, 2 ms
 * (bench/README "Twelfth pass"). At 100k cases and more it was already left out (its postings
 * pass CUT_SHORT_UP_TO).
 */
export const WEAK_SHARE = 0.75
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
 * first, shares to 4 places; empty below MIN_PASSAGES (no query is planned there). Counted a slice
 * of passages at a time with a turn of the event loop between: a build counts them while LanceDB
 * builds its indexes, and counted in one go (~0.15–0.6 s at 3,000 reports) they held up the index
 * builds' next step.
 */
export async function bigramShares(normals: string[]): Promise<[string, number][]> {
  if (normals.length < MIN_PASSAGES) return []
  // Each bigram by its two code units (segment.ts's scan, the LSA tally's too), numbered on first
  // sight: no two-character string and no Set per occurrence (cjkBigrams), ~3× less CPU; the
  // strings are made only for the bigrams listed.
  const ids = new Map<number, number>()
  const units: number[] = []
  const counts: number[] = []
  /** The last passage each bigram was counted in: a passage counts it once. */
  const last: number[] = []
  for (let i = 0; i < normals.length; i++) {
    eachBigramUnits(normals[i], (first, second) => {
      const key = pairKey(first, second)
      let id = ids.get(key)
      if (id === undefined) {
        id = units.length
        ids.set(key, id)
        units.push(first * 0x10000 + second)
        counts.push(0)
        last.push(-1)
      }
      if (last[id] !== i) {
        last[id] = i
        counts[id]++
      }
    })
    if (i % SHARES_SLICE === SHARES_SLICE - 1) await new Promise((resolve) => setImmediate(resolve))
  }
  const min = Math.max(2, normals.length * LISTED_SHARE)
  const listed: [string, number][] = []
  for (let id = 0; id < units.length; id++) {
    if (counts[id] >= min) listed.push([String.fromCharCode(Math.floor(units[id] / 0x10000), units[id] % 0x10000), counts[id]])
  }
  return listed
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_LISTED)
    .map(([b, c]) => [b, Math.round((c / normals.length) * 1e4) / 1e4])
}

/** Passages bigramShares counts between turns of the event loop: a few milliseconds of work. */
const SHARES_SLICE = 200

/**
 * The full-text query for `text` (search-normal). Without stats (a small or older store) every
 * bigram counts; `budget` is the postings the query may walk (`queryCost`);
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
 * Rarest first, within the budget: the query's rarest bigram (always: one term costs little at any
 * frequency), then each part's rarest bigram, then every other bigram. What a query costs is the
 * postings it walks (`queryCost`): a common bigram can join rare ones, not common ones, and one in
 * nearly every passage (WEAK_SHARE) joins none. A store small enough to record no stats asks every
 * bigram and ranks exactly by BM25.
 */
function plan(runs: string[][], all: string[], stats: BigramStats, budget: number): Set<string> {
  // Unrecorded bigrams are rarer than LISTED_SHARE; half of it is their expected share.
  const share = (b: string) => stats.shares.get(b) ?? LISTED_SHARE / 2
  const rarest = (a: string, b: string) => share(a) - share(b) || (a < b ? -1 : 1)
  const firsts = [...new Set(runs.map((r) => [...r].sort(rarest)[0]))].sort(rarest)
  const chosen = new Set<string>()
  const postings: number[] = []
  const fill = (tier: string[]) => {
    for (const b of tier) {
      if (chosen.size >= MAX_QUERY_BIGRAMS) return
      if (chosen.has(b)) continue
      const more = share(b) * stats.passages
      // Sorted rarest first, and the cost never falls as `more` grows: once one does not fit, none after it does.
      if (chosen.size && queryCost([...postings, more]) > budget) return
      // Sorted rarest first: every bigram after a weak one is weak too.
      if (chosen.size && share(b) > WEAK_SHARE) return
      chosen.add(b)
      postings.push(more)
    }
  }
  fill(firsts)
  fill([...all].sort(rarest))
  return chosen
}

/**
 * What a query of several terms with these posting counts costs, in postings walked or read.
 * LanceDB ranks by block-max WAND, so a term is cut short once the leading `k` passages are
 * found: one term alone costs little at any frequency (小区 ~5 ms at 630k passages; `plan`
 * always asks the rarest), and so does a common term beside rare ones (旧小 125k
 * with 无物 1k: 3–7 ms; 住宅 210k beside eight rare bigrams: 8 ms). Beside terms that are
 * themselves common, every term is walked in full (志愿 298k with 垃圾 53k: 178 ms; 小区 with
 * 老旧: 350–1,200 ms). Measured on the table bench/fulltext-scale.ts builds, load average 13–20.
 * A list longer than CUT_SHORT_UP_TO counts in full all the same, for what reading it costs cold.
 */
export function queryCost(postings: number[]): number {
  const sum = postings.reduce((total, p) => total + p, 0)
  const commonest = Math.max(0, ...postings)
  return sum - commonest <= CUT_SHORT_BESIDE && commonest <= CUT_SHORT_UP_TO ? sum - commonest : sum
}

/** Posting lists a store reads ahead at server start (`Store.warm`): the commonest bigrams of a build. */
export const WARM_BIGRAMS = 200
/**
 * And at most this many postings in all, so a large store's warm-up stays a bounded background job
 * (298k postings read cold in 1.4 s at load 18, see CUT_SHORT_UP_TO: this is ~25 s of it).
 */
export const WARM_POSTINGS = 5_000_000

/** The bigrams whose posting lists to read ahead, commonest first, within `bigrams` and `postings`. */
export function warmBigrams(stats: BigramStats | null, bigrams = WARM_BIGRAMS, postings = WARM_POSTINGS): string[] {
  const out: string[] = []
  let read = 0
  for (const [bigram, share] of stats?.shares ?? []) {
    read += share * stats!.passages
    if (out.length >= bigrams || read > postings) break
    out.push(bigram)
  }
  return out
}
