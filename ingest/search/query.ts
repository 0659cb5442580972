/** A user's query, prepared once for every part of a search. */
import { tokens } from '../text/segment.js'
import { conceptForms, mapEnglish } from './lexicon.js'
import { searchNormal } from './normalize.js'
import { SearchError } from './errors.js'

/** Longer queries are cut here: a pasted page should still answer, not stall the index. */
export const MAX_QUERY_CHARS = 512
/** Beyond this many characters the full-text query uses the query's words, not every bigram. */
const SHORT_QUERY = 24


export interface PreparedQuery {
  text: string
  normalized: string
  /** Terms searched besides the query: what English phrases map to, paraphrases of named concepts. */
  expansions: string[]
  /** What the full-text index is asked (its bigrams are the terms). */
  fulltext: string
  /** Paraphrases of the concepts the query names, asked separately (they count for less); '' if none. */
  paraphrases: string
  /** What is embedded for vector search. */
  embed: string
  /** English mapped through the glossary, with no Chinese typed: full-text asks the glossary's words. */
  translated: boolean
  /** Terms to mark in snippets, longest first. */
  marks: string[]
  /** The query itself, when short: its verbatim presence in a passage counts as an exact match. */
  phrases: string[]
  /**
   * What the query asks for, one group per query part or mapped English phrase, each group the
   * forms that say it: a passage with a form of every group matches exactly.
   */
  groups: string[][]
}

const LATIN_WORD = /^[a-z]+$/
/** English words that carry nothing once the phrases around them are mapped. */
const EN_STOP = /^(a|an|the|of|in|on|at|for|to|and|or|with|by|from|how|what|which|our|my|we|is|are|do|does)$/

export function prepareQuery(raw: string): PreparedQuery {
  if (typeof raw !== 'string' || !raw.trim()) throw new SearchError('bad-query', 'empty query: give some words to search for')
  const text = [...raw.trim()].slice(0, MAX_QUERY_CHARS).join('')
  const normalized = searchNormal(text).replace(/\s+/g, ' ').trim()
  const english = mapEnglish(normalized)
  // English words that were mapped are replaced by their Chinese terms; the rest are kept, as
  // a report may contain them (ICP, APP, 12345), except words that say nothing alone.
  let rest = normalized
  for (const m of english.matched) rest = rest.replace(new RegExp(m.split(' ').map(escapeRe).join('[^a-z0-9]*'), 'i'), ' ')
  rest = rest.split(/\s+/).filter((w) => w && !EN_STOP.test(w)).join(' ')
  const parts = unique(rest.split(' ').filter((p) => p.length >= 2))
  const concepts = parts.map((p) => conceptForms(p))
  const synonyms = unique(concepts.flat(2).filter((f) => !parts.includes(f)))
  const expansions = unique([...english.terms, ...synonyms])
  const words = unique(tokens(rest, { search: true }).filter((w) => w.length >= 2))
  const core = rest.replace(/\s+/g, '')
  // The full-text query holds the query and the canonical term of each mapped English phrase;
  // rarer variants (业主委员会 for 业委会) only mark and match exactly. Paraphrases go in a query of
  // their own: their rare bigrams (撤离 in 物业撤离) would otherwise outscore the words typed.
  const fulltext = [core.length <= SHORT_QUERY ? rest : words.join(' '), ...english.canonical].filter(Boolean).join(' ')
  const phrases = unique(core.length >= 2 && core.length <= SHORT_QUERY ? [core] : [])
  // Unmapped English words are searched for but not required: most are not in any report.
  const groups = [...parts.flatMap((p, i) => (LATIN_WORD.test(p) ? [] : [unique([p, ...concepts[i].flat()])])), ...english.groups]
  const marks = unique([...phrases, ...groups.flat(), ...words, ...(core.length === 1 ? [core] : [])]).sort((a, b) => b.length - a.length)
  return {
    text,
    normalized,
    expansions,
    fulltext: fulltext || core,
    paraphrases: synonyms.join(' '),
    // Paraphrases stay out of the embedding: they pull the query vector toward their own topics.
    embed: [rest, ...english.terms].filter(Boolean).join(' ') || normalized,
    translated: english.matched.length > 0 && !/[\u3400-\u9fff]/.test(normalized),
    marks,
    phrases,
    groups,
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)]
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
