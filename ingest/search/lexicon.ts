/**
 * What queries and descriptions are matched against beyond the corpus text: the controlled
 * vocabulary (tags with synonyms and an English label) and the glossary (English names of models
 * and terms). English queries are mapped to Chinese terms through both; free-text descriptions
 * are tagged through the vocabulary's synonyms.
 */
import type { GlossaryEntry, TagKind, Vocabulary, VocabularyTerm } from '../extract/types.js'
import { loadGlossary, loadVocabulary } from '../extract/vocabulary.js'
import { searchNormal } from './normalize.js'
import { addTagAlias } from './facets.js'

export interface Lexicon {
  vocabulary: Vocabulary
  glossary: GlossaryEntry[]
  /** Compact English key (letters and digits only) → Chinese terms. */
  english: Map<string, string[]>
  /** Longest English phrase, in words. */
  maxWords: number
  /** English word (stemmed) → the Chinese terms of every phrase containing it. */
  byWord: Map<string, string[][]>
}

// Words too common in the phrases to say anything alone ("party", "management" name a dozen terms).
const MAX_PHRASES_PER_WORD = 4
// A glossary entry's first few Chinese forms: the canonical term and its commonest variants.
const ZH_FORMS = 3
const EN_STOP = new Set(['the', 'and', 'for', 'with', 'of', 'in', 'on', 'to', 'a', 'an', 'no', 'not', 'our', 'my', 'we', 'is', 'are', 'has', 'have', 'there', 'lots', 'many', 'very', 'old', 'problem', 'issue', 'difficulty', 'difficult', 'lack', 'low', 'high', 'poor', 'lot', 'some', 'residential'])

/** "volunteers" → "volunteer", "committees" → "committee", "parking" stays. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

const TAG_KINDS: TagKind[] = ['problems', 'mechanisms', 'actors']

/** English text → the key phrases are compared by: "Red Dong-li" → "reddongli". */
export function englishKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]+/g, '')
}

export function englishWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[a-z0-9]+/g) ?? []
}

let cached: Lexicon | null = null

export function lexicon(): Lexicon {
  if (cached) return cached
  const vocabulary = loadVocabulary()
  const glossary = loadGlossary()
  const english = new Map<string, string[]>()
  const byWord = new Map<string, string[][]>()
  let maxWords = 1
  const add = (en: string, zh: string[]) => {
    const key = englishKey(en)
    if (!key || !zh.length) return
    const list = english.get(key) ?? []
    for (const z of zh) if (!list.includes(z)) list.push(z)
    english.set(key, list)
    const words = englishWords(en)
    maxWords = Math.max(maxWords, words.length)
    for (const w of new Set(words.map(stem))) {
      if (w.length < 3 || EN_STOP.has(w)) continue
      const phrases = byWord.get(w) ?? []
      phrases.push(zh)
      byWord.set(w, phrases)
    }
  }
  for (const kind of TAG_KINDS) {
    for (const t of vocabulary[kind]) {
      add(t.en, [t.id])
      addTagAlias(t.en, t.id)
    }
  }
  for (const g of glossary) {
    const zh = [...new Set((g.zh ?? []).slice(0, ZH_FORMS).map(searchNormal))]
    for (const en of g.en ?? []) add(en, zh)
  }
  cached = { vocabulary, glossary, english, maxWords, byWord }
  return cached
}

/** Tag kinds with their terms, for tagging descriptions. */
export function vocabularyTerms(): { kind: TagKind; term: VocabularyTerm }[] {
  const { vocabulary } = lexicon()
  return TAG_KINDS.flatMap((kind) => vocabulary[kind].map((term) => ({ kind, term })))
}

/**
 * English phrases of `text` mapped to Chinese terms, longest phrase first, words tolerant of
 * case, hyphens and spaces ("Red Dong-li", "red dongli", "RedDongLi" all → 红栋力).
 */
export function mapEnglish(text: string): { terms: string[]; matched: string[] } {
  const { english, maxWords, byWord } = lexicon()
  const words = englishWords(text)
  const terms: string[] = []
  const matched: string[] = []
  for (let i = 0; i < words.length; ) {
    let hit = 0
    for (let j = Math.min(words.length, i + maxWords + 2); j > i && !hit; j--) {
      const key = words.slice(i, j).join('')
      const zh = english.get(key) ?? (key.endsWith('s') ? english.get(key.slice(0, -1)) : undefined)
      if (zh) {
        for (const z of zh) if (!terms.includes(z)) terms.push(z)
        matched.push(words.slice(i, j).join(' '))
        hit = j - i
      }
    }
    if (!hit) {
      // A word of a known phrase ("parking" of "parking shortage") maps to that phrase's terms,
      // unless it belongs to so many phrases that it names none of them.
      const phrases = byWord.get(stem(words[i]))
      if (phrases && phrases.length <= MAX_PHRASES_PER_WORD) {
        for (const zh of phrases) for (const z of zh) if (!terms.includes(z)) terms.push(z)
        matched.push(words[i])
      }
    }
    i += hit || 1
  }
  return { terms, matched }
}
