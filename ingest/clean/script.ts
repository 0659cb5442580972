import { openccConfig, type OpenccConfig } from '../text/opencc.js'
import { detectScript, TO_SIMPLIFIED, TO_TRADITIONAL } from '../text/script.js'

/**
 * The script of a report's opening, as `detectScript` (ingest/text/script.ts) judges it, mostly
 * without running OpenCC. detectScript converts the sample both ways and counts the characters
 * each conversion changes; its phrase tries are large maps of maps, and between two reports the
 * rest of the pipeline evicts them from the CPU caches, so two conversions of 160 characters cost
 * ~0.45 ms of CPU in a run (0.1 ms when called in a tight loop): a sixth of clean + extract.
 *
 * Here each character of the sample is looked up in a table, built once from the same dictionaries
 * (opencc-js's configs for the same two directions), of what each conversion can do to it whatever
 * the context: always keep it, always change it, or either (a phrase decides). The counts detectScript would find then lie
 * between a sure lower and upper bound, and when every count in those bounds gives the same answer
 * that answer is detectScript's. Otherwise (and for a sample the tables cannot vouch for) it asks
 * detectScript. tests/clean-script.test.ts holds the two to the same answers.
 */

/** Outcomes of one conversion for one UTF-16 unit, as bits. */
const KEEPS = 1
const CHANGES = 2
/** A mapping that changes the length could shift later positions, which no table can follow. */
const UNSURE = 4
/** Distinct replacements kept per unit and stage; more makes the unit UNSURE (only surrogate halves have more, and they are unsure anyway). */
const MAX_OUTS = 4

/** What one trie of a converter can do to each UTF-16 unit it sees. */
interface Stage {
  /** bit 0: a key of its own (so never left unmatched); bit 1: some key maps it to itself; bit 2: it flags a length-changing key. */
  flags: Uint8Array
  /** Up to MAX_OUTS replacements per unit (other than itself), count in `outCount`. */
  outs: Uint16Array
  outCount: Uint8Array
}

const SINGLE = 1
const SELF = 2
const SHIFTS = 4
const UNITS = 0x10000

function addPair(st: Stage, key: string, ks: number, value: string, vs: number, len: number): void {
  if (len === 1) st.flags[key.charCodeAt(ks)] |= SINGLE
  for (let j = 0; j < len; j++) {
    const a = key.charCodeAt(ks + j)
    const b = value.charCodeAt(vs + j)
    if (a === b) {
      st.flags[a] |= SELF
      continue
    }
    const n = st.outCount[a]
    let seen = false
    for (let m = 0; m < n && !seen; m++) seen = st.outs[a * MAX_OUTS + m] === b
    if (seen) continue
    if (n === MAX_OUTS) st.flags[a] |= SHIFTS
    else {
      st.outs[a * MAX_OUTS + n] = b
      st.outCount[a] = n + 1
    }
  }
}

/**
 * A key whose replacement has another length can only match where all of its units stand, so
 * flagging one of them (the first that changes) is enough to keep every sample it could match
 * away from the tables.
 */
function flagShift(st: Stage, key: string, ks: number, klen: number, value: string, vs: number): void {
  let j = 0
  while (j < klen - 1 && key.charCodeAt(ks + j) === value.charCodeAt(vs + j)) j++
  st.flags[key.charCodeAt(ks + j)] |= SHIFTS
}

/** One trie's dictionaries ("key value|key value…" strings or pairs) scanned in place. */
function stageOf(dicts: string[]): Stage {
  const st: Stage = { flags: new Uint8Array(UNITS), outs: new Uint16Array(UNITS * MAX_OUTS), outCount: new Uint8Array(UNITS) }
  for (const dict of dicts) {
    for (let i = 0; i < dict.length; ) {
      const space = dict.indexOf(' ', i)
      let bar = dict.indexOf('|', space)
      if (bar < 0) bar = dict.length
      const klen = space - i
      const vlen = bar - space - 1
      if (klen === vlen) addPair(st, dict, i, dict, space + 1, klen)
      else flagShift(st, dict, i, klen, dict, space + 1)
      i = bar + 1
    }
  }
  return st
}

/** KEEPS | CHANGES | UNSURE for a unit through every trie of a converter, computed on first use. */
function outcomes(config: OpenccConfig): (unit: number) => number {
  // Segmentation only splits the text between the tries, which the union over contexts covers.
  const stages = [...(config.normalizationChain ?? []), ...config.conversionChain].map(stageOf)
  const memo = new Uint8Array(UNITS)
  return (unit) => {
    if (memo[unit]) return memo[unit] - 1
    let result = 0
    // Surrogates and ideographic description characters change how OpenCC steps through the text.
    if ((unit >= 0xd800 && unit <= 0xdfff) || (unit >= 0x2ff0 && unit <= 0x2fff)) result = UNSURE
    let can = [unit]
    for (let s = 0; s < stages.length && !result; s++) {
      const st = stages[s]
      const next: number[] = []
      for (const x of can) {
        const f = st.flags[x]
        // A surrogate made by a trie before (two units for two) would be stepped over as one.
        if (f & SHIFTS || (x >= 0xd800 && x <= 0xdfff)) {
          result = UNSURE
          break
        }
        for (let m = 0; m < st.outCount[x]; m++) {
          const y = st.outs[x * MAX_OUTS + m]
          if (!next.includes(y)) next.push(y)
        }
        // Left as it is when unmatched (not a key of its own) or when a key maps it to itself.
        if ((!(f & SINGLE) || f & SELF) && !next.includes(x)) next.push(x)
      }
      can = next
    }
    if (!result) result = (can.includes(unit) ? KEEPS : 0) | (can.some((y) => y !== unit) ? CHANGES : 0)
    memo[unit] = result + 1
    return result
  }
}

let tables: { toSimp: (unit: number) => number; toTrad: (unit: number) => number } | null = null

export type Script = ReturnType<typeof detectScript>

/** detectScript(sample), decided from the tables when their bounds allow it. */
export function sampleScript(sample: string): Script {
  tables ??= { toSimp: outcomes(openccConfig(TO_SIMPLIFIED)), toTrad: outcomes(openccConfig(TO_TRADITIONAL)) }
  // detectScript counts a unit as traditional when toSimplified changes it, else as simplified
  // when toTraditional does; each count is bounded by the sure and the possible cases.
  let tradMin = 0
  let tradMax = 0
  let simpMin = 0
  let simpMax = 0
  let eitherMin = 0
  let eitherMax = 0
  for (let i = 0; i < sample.length; i++) {
    const unit = sample.charCodeAt(i)
    const s = tables.toSimp(unit)
    const t = tables.toTrad(unit)
    if ((s | t) & UNSURE) return detectScript(sample)
    const sSure = !(s & KEEPS)
    const sMay = (s & CHANGES) !== 0
    const tSure = !(t & KEEPS)
    const tMay = (t & CHANGES) !== 0
    if (sSure) tradMin++
    if (sMay) tradMax++
    if (!sMay && tSure) simpMin++
    if (!sSure && tMay) simpMax++
    if (sSure || tSure) eitherMin++
    if (sMay || tMay) eitherMax++
  }
  // detectScript's thresholds, applied where the whole range agrees.
  if (eitherMax < 3) return 'unknown'
  if (eitherMin >= 3) {
    if (tradMin > simpMax * 4) return 'traditional'
    if (simpMin > tradMax * 4) return 'simplified'
    if (tradMax <= simpMin * 4 && simpMax <= tradMin * 4) return 'mixed'
  }
  return detectScript(sample)
}
