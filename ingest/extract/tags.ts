import type { Tag } from '../schema.js'
import { type Doc, quoteSentence } from './document.js'
import type { TagKind } from './types.js'
import { loadVocabulary, TAG_KINDS } from './vocabulary.js'

/** One tag per vocabulary term, quoted at its first mention; matched on the simplified copy. */
export function extractTags(doc: Doc): Record<TagKind, Tag[]> {
  const vocab = loadVocabulary()
  const out = {} as Record<TagKind, Tag[]>
  for (const kind of TAG_KINDS) {
    const tags: Tag[] = []
    for (const term of vocab[kind]) {
      let at = -1
      let len = 0
      for (const s of term.synonyms) {
        const i = doc.simp.indexOf(s)
        if (i >= 0 && (at < 0 || i < at)) {
          at = i
          len = s.length
        }
      }
      if (at >= 0) tags.push({ id: term.id, en: term.en, ...quoteSentence(doc, at, at + len) })
    }
    out[kind] = tags.sort((a, b) => a.span[0] - b.span[0])
  }
  return out
}
