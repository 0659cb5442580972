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
  let maxWords = 1
  const add = (en: string, zh: string) => {
    const key = englishKey(en)
    if (!key || !zh) return
    const list = english.get(key) ?? []
    if (!list.includes(zh)) list.push(zh)
    english.set(key, list)
    maxWords = Math.max(maxWords, englishWords(en).length)
  }
  for (const kind of TAG_KINDS) {
    for (const t of vocabulary[kind]) {
      add(t.en, t.id)
      addTagAlias(t.en, t.id)
    }
  }
  for (const g of glossary) {
    const zh = g.zh?.[0]
    if (!zh) continue
    for (const en of g.en ?? []) add(en, searchNormal(zh))
  }
  cached = { vocabulary, glossary, english, maxWords }
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
  const { english, maxWords } = lexicon()
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
    i += hit || 1
  }
  return { terms, matched }
}
