import type { Tag } from '../schema.js'
import { type Doc, quoteSentence } from './document.js'
import type { TagKind, VocabularyTerm } from './types.js'
import { loadVocabulary, TAG_KINDS } from './vocabulary.js'

interface Form {
  text: string
  /** The second character's code (-1 for a one-character form): most forms fail on it, before any string compare. */
  second: number
  kind: TagKind
  term: VocabularyTerm
}

let index: (Form[] | undefined)[] | null = null

/**
 * Every synonym by its first character (an array indexed by UTF-16 code: the scan asks at every
 * character of the body), built once: one pass over the text finds all terms.
 */
function formsByFirstChar(): (Form[] | undefined)[] {
  if (index) return index
  const vocab = loadVocabulary()
  const byCode: (Form[] | undefined)[] = new Array(0x10000).fill(undefined)
  for (const kind of TAG_KINDS) {
    for (const term of vocab[kind]) {
      for (const text of term.synonyms) {
        const key = text.charCodeAt(0)
        const list = byCode[key] ?? []
        list.push({ text, second: text.length > 1 ? text.charCodeAt(1) : -1, kind, term })
        byCode[key] = list
      }
    }
  }
  for (const list of byCode) list?.sort((a, b) => b.text.length - a.text.length)
  index = byCode
  return index
}

/** One tag per vocabulary term, quoted at its first mention; matched on the simplified copy. */
export function extractTags(doc: Doc): Record<TagKind, Tag[]> {
  const forms = formsByFirstChar()
  const out: Record<TagKind, Tag[]> = { problems: [], mechanisms: [], actors: [] }
  const seen = new Set<VocabularyTerm>()
  const simp = doc.simp
  for (let i = 0; i < simp.length; i++) {
    const list = forms[simp.charCodeAt(i)]
    if (!list) continue
    const next = simp.charCodeAt(i + 1)
    for (const f of list) {
      if ((f.second >= 0 && f.second !== next) || seen.has(f.term) || !simp.startsWith(f.text, i)) continue
      seen.add(f.term)
      out[f.kind].push({ id: f.term.id, en: f.term.en, ...quoteSentence(doc, i, i + f.text.length) })
    }
  }
  return out
}
