import { toTraditional } from '../text/script.js'
import glossaryData from './glossary.json'
import vocabularyData from './vocabulary.json'
import type { GlossaryEntry, TagKind, Vocabulary, VocabularyTerm } from './types.js'

export const TAG_KINDS: TagKind[] = ['problems', 'mechanisms', 'actors']

type RawTerm = { id: string; en: string; synonyms: string[]; note?: string }

let vocabulary: Vocabulary | null = null

/** The controlled vocabulary (ingest/extract/vocabulary.json) with traditional forms added. */
export function loadVocabulary(): Vocabulary {
  if (vocabulary) return vocabulary
  const raw = vocabularyData as Record<TagKind, RawTerm[]>
  const build = (t: RawTerm): VocabularyTerm => {
    const synonyms = [...new Set(t.synonyms)]
    const traditional = [...new Set(synonyms.map(toTraditional).filter((s) => !synonyms.includes(s)))]
    return { id: t.id, en: t.en, synonyms, traditional, ...(t.note ? { note: t.note } : {}) }
  }
  vocabulary = { problems: raw.problems.map(build), mechanisms: raw.mechanisms.map(build), actors: raw.actors.map(build) }
  return vocabulary
}

/** English names users search with → Chinese terms (ingest/extract/glossary.json). */
export function loadGlossary(): GlossaryEntry[] {
  return glossaryData as GlossaryEntry[]
}
