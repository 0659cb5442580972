import { lazyConverter, type Direction } from './opencc.js'

// OpenCC's Taiwan tables cover the traditional forms mainland-reprinted pages use (黨, 區, 裡, 於).
// Each converter is made on first use, and builds its tries as texts need them (./opencc.ts):
// opencc-js's own simplified → traditional converter costs ~0.7 s of CPU to build, in every
// thread, before it converts a character.
/** The two directions, named once: ingest/clean/script.ts reads the same configs' dictionaries. */
export const TO_SIMPLIFIED: Direction = { from: 'tw', to: 'cn' }
export const TO_TRADITIONAL: Direction = { from: 'cn', to: 'tw' }

let simp: ((text: string) => string) | null = null
let trad: ((text: string) => string) | null = null

/** Traditional → simplified. Length-preserving for CJK (one char in, one char out). */
export function toSimplified(text: string): string {
  return (simp ??= lazyConverter(TO_SIMPLIFIED))(text)
}

export function toTraditional(text: string): string {
  return (trad ??= lazyConverter(TO_TRADITIONAL))(text)
}

/**
 * Search-normal form: simplified script, NFKC (full-width ASCII → ASCII), lower case, and the
 * quotation marks that wrap model names unified, so “紅‘棟’力” and 红栋力 meet.
 */
export function normalizeForSearch(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase()
}

/** Which script a text is written in, judged by characters that differ between the two. */
export function detectScript(text: string): 'simplified' | 'traditional' | 'mixed' | 'unknown' {
  let trad = 0
  let simp = 0
  const sample = text.length > 20000 ? text.slice(0, 20000) : text
  const simplified = toSimplified(sample)
  const traditional = toTraditional(sample)
  for (let i = 0; i < sample.length; i++) {
    const ch = sample[i]
    if (simplified[i] !== ch) trad++
    else if (traditional[i] !== ch) simp++
  }
  if (trad + simp < 3) return 'unknown'
  if (trad > simp * 4) return 'traditional'
  if (simp > trad * 4) return 'simplified'
  return 'mixed'
}
