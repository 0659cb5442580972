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
import englishData from './english.json'

/**
 * English phrasings that search maps to words reports already use (township → 乡镇, voting → 投票).
 * Kept apart from the glossary: the glossary's Chinese forms also teach the segmenter whole words
 * (ingest/text/segment.ts), and teaching it common words (楼栋, 投票, 党组织) re-cuts every passage
 * and moves the offline model (sets 1–3 lost up to 0.02 R@5 that way); these only map queries.
 */
interface EnglishRow {
  id: string
  why: string
  en: string[]
  zh: string[]
}

export interface Lexicon {
  vocabulary: Vocabulary
  glossary: GlossaryEntry[]
  /** Compact English key (letters and digits only) → Chinese terms. */
  english: Map<string, string[]>
  /** Longest English phrase, in words. */
  maxWords: number
  /** English word (stemmed) → the Chinese terms of every phrase containing it. */
  byWord: Map<string, string[][]>
  /** Two consecutive words (stemmed, joined by a space) → the same, for phrases containing the pair. */
  byPair: Map<string, string[][]>
}

/** Ways of saying "no" that the phrases spell "no" ("without property management"). */
const NEGATIONS = /\b(without|lacking|lacks|lack of|no longer any|not any|none)\b/g

// Words too common in the phrases to say anything alone ("party", "management" name a dozen terms).
const MAX_PHRASES_PER_WORD = 4
const MAX_PHRASES_PER_PAIR = 3
// A glossary entry's first few Chinese forms: the canonical term and its commonest variants.
const ZH_FORMS = 3
const EN_STOP = new Set(['the', 'and', 'for', 'with', 'of', 'in', 'on', 'to', 'a', 'an', 'no', 'not', 'our', 'my', 'we', 'is', 'are', 'has', 'have', 'there', 'lots', 'many', 'very', 'old', 'problem', 'issue', 'difficulty', 'difficult', 'lack', 'low', 'high', 'poor', 'lot', 'some', 'residential'])

/**
 * Words that name nothing alone, though some phrase holds them: numbers ("five" of five-in-one,
 * "one" of one heart four links), and words of structure or scale ("system" of points system,
 * "network" of sewer network, "working" of working committee, "station" of charging station, "over"
 * of take over, "app" of mobile app: typed alone it is a word reports contain). They map only as
 * part of a phrase.
 */
const NOT_ALONE = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'system', 'network', 'work', 'working', 'level', 'based', 'down', 'sent', 'near', 'close', 'general', 'free',
  'space', 'area', 'left', 'home', 'public', 'center', 'centre', 'room', 'unit', 'office', 'point', 'rate',
  'method', 'process', 'step', 'model', 'together', 'multiple', 'new', 'core', 'link', 'head', 'lead', 'run',
  'station', 'over', 'take', 'took', 'taking', 'each', 'every', 'app', 'program',
])

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
  const byPair = new Map<string, string[][]>()
  let maxWords = 1
  const add = (en: string, zh: string[]) => {
    const key = englishKey(en)
    if (!key || !zh.length) return
    const known = english.get(key)
    const list = known ?? []
    for (const z of zh) if (!list.includes(z)) list.push(z)
    english.set(key, list)
    // The word and pair indexes hold the phrase's own list, so a phrase in both the vocabulary
    // and the glossary counts once.
    if (known) return
    const words = englishWords(en)
    maxWords = Math.max(maxWords, words.length)
    const stems = words.map(stem)
    // Spellings of one entry ("parking space", "parking spots") share its terms: they count once.
    const index = (map: Map<string, string[][]>, key: string) => {
      const phrases = map.get(key) ?? []
      if (!phrases.some((p) => p === list || p.join('|') === list.join('|'))) phrases.push(list)
      map.set(key, phrases)
    }
    // A pair of function words ("for the" of "care for the elderly") names nothing.
    const pairs = stems.slice(1).flatMap((w, i) => (EN_STOP.has(w) && EN_STOP.has(stems[i]) ? [] : [`${stems[i]} ${w}`]))
    for (const pair of new Set(pairs)) index(byPair, pair)
    for (const w of new Set(stems)) if (w.length >= 3 && !EN_STOP.has(w) && !NOT_ALONE.has(w)) index(byWord, w)
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
  for (const row of englishData as EnglishRow[]) {
    const zh = [...new Set(row.zh.slice(0, ZH_FORMS).map(searchNormal))]
    for (const en of row.en) add(en, zh)
  }
  cached = { vocabulary, glossary, english, maxWords, byWord, byPair }
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
export function mapEnglish(text: string): { terms: string[]; matched: string[]; groups: string[][]; canonical: string[] } {
  const { english, maxWords, byWord, byPair } = lexicon()
  const words = englishWords(text.normalize('NFKC').toLowerCase().replace(NEGATIONS, 'no'))
  const terms: string[] = []
  const matched: string[] = []
  // One group per matched phrase: its Chinese forms, any of which stands for it.
  const groups: string[][] = []
  // Each matched phrase's first term: the name it is usually written by.
  const canonical: string[] = []
  const group = (phrases: string[][]) => {
    groups.push([...new Set(phrases.flat())])
    for (const zh of phrases) if (zh[0] && !canonical.includes(zh[0])) canonical.push(zh[0])
  }
  for (let i = 0; i < words.length; ) {
    let hit = 0
    for (let j = Math.min(words.length, i + maxWords + 2); j > i && !hit; j--) {
      const key = words.slice(i, j).join('')
      const zh = english.get(key) ?? (key.endsWith('s') ? english.get(key.slice(0, -1)) : undefined)
      if (zh) {
        for (const z of zh) if (!terms.includes(z)) terms.push(z)
        group([zh])
        matched.push(words.slice(i, j).join(' '))
        hit = j - i
      }
    }
    const pair = i + 1 < words.length ? byPair.get(`${stem(words[i])} ${stem(words[i + 1])}`) : undefined
    if (!hit && pair && pair.length <= MAX_PHRASES_PER_PAIR) {
      // Two words of a known phrase ("no property" of "no property management").
      for (const zh of pair) for (const z of zh) if (!terms.includes(z)) terms.push(z)
      group(pair)
      matched.push(`${words[i]} ${words[i + 1]}`)
      hit = 2
    }
    if (!hit) {
      // A word of a known phrase ("parking" of "parking shortage") maps to that phrase's terms,
      // unless it belongs to so many phrases that it names none of them.
      const phrases = byWord.get(stem(words[i]))
      if (phrases && phrases.length <= MAX_PHRASES_PER_WORD) {
        for (const zh of phrases) for (const z of zh) if (!terms.includes(z)) terms.push(z)
        group(phrases)
        matched.push(words[i])
      }
    }
    i += hit || 1
  }
  return { terms, matched, groups, canonical }
}
