import type { Case, Message, Script } from '../schema.js'

export interface ExtractInput {
  /** Cleaned text; paragraphs separated by "\n\n"; starts with the headline when there is one. */
  body: string
  title: string | null
  script: Script
}

export type Extracted = Pick<
  Case,
  | 'place'
  | 'models'
  | 'orgTiers'
  | 'orgTierCount'
  | 'funding'
  | 'fundingMix'
  | 'outcomes'
  | 'scale'
  | 'problems'
  | 'mechanisms'
  | 'actors'
  | 'evidence'
> & { displayTitle: string; messages: Message[] }

export interface ExtractOptions {
  /** Fill missing upper place levels from the gazetteer (marked in `place.inferred`). */
  inferPlace: boolean
  /** At most this many model names, most salient first. */
  maxModels: number
  /** Longest derived display title, in characters. */
  displayTitleMax: number
  /** Quotes longer than this fall back from the whole sentence to the clause(s) around the match. */
  maxSentenceQuote: number
  /** Names the file in messages. */
  file?: string
}

export const DEFAULT_OPTIONS: ExtractOptions = {
  inferPlace: true,
  maxModels: 5,
  displayTitleMax: 30,
  maxSentenceQuote: 90,
}

export type TagKind = 'problems' | 'mechanisms' | 'actors'

export interface VocabularyTerm {
  /** Canonical term, simplified script. */
  id: string
  en: string
  /** Simplified forms matched in the text; the id is among them unless it is ambiguous on its own (物业). */
  synonyms: string[]
  /** Traditional-script forms of id and synonyms, for search over traditional text. */
  traditional: string[]
  /** Why the term is matched the way it is, where that is not obvious. */
  note?: string
}

export type Vocabulary = Record<TagKind, VocabularyTerm[]>

export interface GlossaryEntry {
  /** English names users search with, lower case. */
  en: string[]
  /** Chinese terms (simplified), the first is canonical. */
  zh: string[]
}
