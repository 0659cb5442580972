/** A user's query, prepared once for every part of a search. */
import { tokens } from '../text/segment.js'
import { mapEnglish } from './lexicon.js'
import { searchNormal } from './normalize.js'
import { SearchError } from './errors.js'

/** Longer queries are cut here: a pasted page should still answer, not stall the index. */
export const MAX_QUERY_CHARS = 512
/** Beyond this many characters the full-text query uses the query's words, not every bigram. */
const SHORT_QUERY = 24


export interface PreparedQuery {
  text: string
  normalized: string
  /** Chinese terms English phrases were mapped to. */
  expansions: string[]
  /** What the full-text index is asked (its bigrams are the terms). */
  fulltext: string
  /** What is embedded for vector search. */
  embed: string
  /** Terms to mark in snippets, longest first. */
  marks: string[]
  /** Phrases whose verbatim presence in a passage counts as an exact match. */
  phrases: string[]
  /** The query's space-separated parts: a passage with every one of them also matches exactly. */
  parts: string[]
}

export function prepareQuery(raw: string): PreparedQuery {
  if (typeof raw !== 'string' || !raw.trim()) throw new SearchError('bad-query', 'empty query: give some words to search for')
  const text = [...raw.trim()].slice(0, MAX_QUERY_CHARS).join('')
  const normalized = searchNormal(text).replace(/\s+/g, ' ').trim()
  const { terms: expansions, matched } = mapEnglish(normalized)
  // English words that were mapped are replaced by their Chinese terms; the rest are kept, as
  // a report may contain them (ICP, APP, 12345).
  let rest = normalized
  for (const m of matched) rest = rest.replace(new RegExp(m.split(' ').map(escapeRe).join('[^a-z0-9]*'), 'i'), ' ')
  rest = rest.replace(/\s+/g, ' ').trim()
  const words = unique(tokens(rest, { search: true }).filter((w) => w.length >= 2))
  const core = rest.replace(/\s+/g, '')
  const fulltext = [core.length <= SHORT_QUERY ? rest : words.join(' '), ...expansions].filter(Boolean).join(' ')
  const phrases = unique([...(core.length >= 2 && core.length <= SHORT_QUERY ? [core] : []), ...expansions])
  const marks = unique([...phrases, ...words, ...(core.length === 1 ? [core] : [])]).sort((a, b) => b.length - a.length)
  return {
    text,
    normalized,
    expansions,
    fulltext: fulltext || core,
    embed: [rest, ...expansions].filter(Boolean).join(' ') || normalized,
    marks,
    phrases,
    parts: unique(rest.split(' ').filter((p) => p.length >= 2)),
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)]
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
