import { searchNormal } from '../../ingest/search/normalize'
import { TAG_KINDS, loadVocabulary } from '../../ingest/extract/vocabulary'

let english: Map<string, string> | null = null

/** Tag key (as facets hold it) → English label, from the controlled vocabulary. */
export function englishLabels(): Map<string, string> {
  if (!english) {
    english = new Map()
    const vocabulary = loadVocabulary()
    for (const kind of TAG_KINDS) for (const term of vocabulary[kind]) english.set(searchNormal(term.id).replace(/\s+/g, ''), term.en)
  }
  return english
}
