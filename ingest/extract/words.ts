import { pairKey } from './gazetteer.js'
import verbData from './verbs.json'

/**
 * jieba's word lists (verbs.json, made by make-verbs.ts) as the extractors ask them: two-character
 * verbs and function words as pair keys (scans ask at every position and allocate no strings), and
 * common words as strings. Each set is built on first use.
 */
function pairSet(all: string): Set<number> {
  const set = new Set<number>()
  for (let i = 2; i <= all.length; i += 2) set.add(pairKey(all, i))
  return set
}
let verbs: Set<number> | null = null
/** Two-character verbs as pair keys. */
export const verbSet = (): Set<number> => (verbs ??= pairSet(verbData.verbs))
let functionWords: Set<number> | null = null
/** Two-character function words (随着, 虽然, 这些, 所有…) as pair keys. */
export const functionWordSet = (): Set<number> => (functionWords ??= pairSet(verbData.functionWords))
let commonWords: Set<string> | null = null
/** Common dictionary words (党员, 中心, 行政, 贫困…). */
export const commonWordSet = (): Set<string> => (commonWords ??= new Set(verbData.commonWords.split(' ')))
