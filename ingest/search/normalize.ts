/**
 * The search-normal form shared by the index (the `norm` column) and queries: simplified script,
 * NFKC, lower case, every quotation mark dropped. Quotes are dropped outright (not only the ones
 * inside a word) because model names are quoted in every possible way — “紅‘棟’力”, "红栋力",
 * 「紅棟力」 — and a reader types none of them.
 */
import { normalizeForSearch, toSimplified } from '../text/script.js'

const QUOTES = /[“”‘’「」『』〝〞〟＂＇"'‛‟‚„‹›«»]/g

export function searchNormal(text: string): string {
  return searchNormalOf(normalizeForSearch(text))
}

/** searchNormal of a text already in normalizeForSearch form (OpenCC's conversion is most of the cost). */
export function searchNormalOf(normalized: string): string {
  return normalized.replace(QUOTES, '')
}

/** Search-normal form of `text` with, for each of its code units, the offset it came from. */
export interface MappedNormal {
  norm: string
  /** `from[i]` = offset in the original text of `norm[i]`; `from[norm.length]` = text.length. */
  from: ArrayLike<number>
}

/**
 * Like `searchNormal`, but character by character so matches in the normal form can be marked
 * in the original text. Per-character simplification ignores OpenCC's phrase tables, which is
 * fine for finding where a term sits.
 */
export function mappedNormal(text: string): MappedNormal {
  const simplified = toSimplified(text)
  const sameLength = simplified.length === text.length
  let norm = ''
  const from: number[] = []
  for (let i = 0; i < text.length; i++) {
    const ch = sameLength ? simplified[i] : toSimplified(text[i])
    let out = normalChar.get(ch)
    if (out === undefined) normalChar.set(ch, (out = ch.normalize('NFKC').toLowerCase().replace(QUOTES, '')))
    for (let k = 0; k < out.length; k++) from.push(i)
    norm += out
  }
  from.push(text.length)
  return { norm, from }
}

/**
 * Each character's normal form, once: a search page snippets up to 200 passages, and three
 * string operations per character were a tenth of its CPU. Bounded by the characters there are.
 */
const normalChar = new Map<string, string>()

/** Distinct names a key function remembers before it starts afresh: far more than a corpus's places, models or tags. */
const REMEMBERED = 20_000

/**
 * `key`, each name's key made once: facet keys are made per case (its row in `cases`, then each
 * passage row, in pass two on every worker) from a few hundred distinct names, and OpenCC's
 * conversion of the same place or tag thousands of times over was most of a facet row's cost.
 * Bounded: when full it is cleared, so a stream of odd names costs what it did before.
 */
export function remembered(key: (name: string) => string): (name: string) => string {
  const known = new Map<string, string>()
  return (name) => {
    let out = known.get(name)
    if (out === undefined) {
      if (known.size >= REMEMBERED) known.clear()
      known.set(name, (out = key(name)))
    }
    return out
  }
}

/** A place name without its administrative suffix, so 福州 and 福州市, 倉山區 and 仓山区 meet. */
const PLACE_SUFFIX = /(特别行政区|自治区|自治州|自治县|地区|新区|省|市|区|县|旗|盟|州)$/

export const placeKey = remembered((name: string): string => {
  const n = searchNormal(name).replace(/\s+/g, '')
  const stripped = n.replace(PLACE_SUFFIX, '')
  return stripped.length >= 2 ? stripped : n
})

/** Model names compare without quotes, spaces or script: “紅‘棟’力” = 红栋力. */
export const modelKey = remembered((name: string): string => searchNormal(name).replace(/\s+/g, ''))
