/** A user's query, prepared once for every part of a search. */
import { tokens } from '../text/segment.js'
import { understand, type Need, type Understood } from '../text/needs.js'
import { mapEnglish } from './lexicon.js'
import { searchNormal } from './normalize.js'
import { SearchError } from './errors.js'

/** Longer queries are cut here: a pasted page should still answer, not stall the index. */
export const MAX_QUERY_CHARS = 512
/** Beyond this many characters the full-text query uses the query's words, not every bigram. */
const SHORT_QUERY = 24
/** A need adds its commonest few report terms to a query: paraphrases, sparingly. */
const MAX_NEED_TERMS = 6
/** And the commonest few words of the reports that solved it. */
const MAX_REMEDIES = 4

/** A need as the query was understood: shown to the user ("理解为：无物业"), each removable. */
export interface QueryNeed {
  id: string
  en: string
  /** The words of the query that said it. */
  said: string
}

export interface QueryOptions {
  /** Ids of needs the user removed from what the query was understood as. */
  without: string[]
}


export interface PreparedQuery {
  text: string
  normalized: string
  /** Terms searched besides the query: what English phrases map to, paraphrases of named concepts. */
  expansions: string[]
  /** The needs the query names (../text/needs.ts), in the order it names them, minus those removed. */
  needs: QueryNeed[]
  /** The vocabulary tags of those needs, for the cases-like-mine blend. */
  tags: Need['tags']
  /** What the full-text index is asked (its bigrams are the terms). */
  fulltext: string
  /** Paraphrases of the concepts the query names, asked separately (they count for less); '' if none. */
  paraphrases: string
  /** What is embedded for vector search. */
  embed: string
  /** English mapped through the glossary, with no Chinese typed: full-text asks the glossary's words. */
  translated: boolean
  /** A need was put in words no report uses for it (没有钱): its paraphrases are what it means. */
  colloquial: boolean
  /**
   * The query describes a situation (a need in the user's own words, or a size such as 约300户)
   * rather than naming topics: search blends in the cases-like-mine ranking.
   */
  situation: boolean
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
const CJK = /[\u3400-\u9fff]/
/** A size in a description: 约300户, 600余人, 3栋楼, 300 households. */
const SIZE = /(?:\d+|[一二两三四五六七八九十百千万]+)\s*(?:余|多|来)?\s*(?:户|人|栋|幢|households?|residents|buildings?)/
/** English words that carry nothing once the phrases around them are mapped. */
const EN_STOP = /^(a|an|the|of|in|on|at|for|to|and|or|with|by|from|how|what|which|our|my|we|is|are|do|does)$/

export function prepareQuery(raw: string, options: Partial<QueryOptions> = {}): PreparedQuery {
  if (typeof raw !== 'string' || !raw.trim()) throw new SearchError('bad-query', 'empty query: give some words to search for')
  const text = [...raw.trim()].slice(0, MAX_QUERY_CHARS).join('')
  const normalized = searchNormal(text).replace(/\s+/g, ' ').trim()
  const without = new Set(options.without ?? [])
  const understood = understand(normalized).filter((u) => !without.has(u.need.id))
  const english = mapEnglish(normalized)
  // Needs said in English add their terms only where the glossary did not map the same words.
  const mappedWords = new Set(english.matched.flatMap((m) => m.split(/[^a-z0-9]+/)))
  const saidInEnglish = understood.filter((u) => !CJK.test(u.said) && !u.said.split(/[^a-z0-9]+/).some((w) => mappedWords.has(w)))
  // English words that were mapped are replaced by their Chinese terms; the rest are kept, as
  // a report may contain them (ICP, APP, 12345), except words that say nothing alone. Only whole
  // words go: "each" mapped is not the "each" inside "teaching".
  let rest = normalized
  for (const m of [...english.matched, ...saidInEnglish.map((u) => u.said)]) rest = rest.replace(new RegExp(`(?<![a-z0-9])${m.split(/[^a-z0-9]+/).filter(Boolean).map(escapeRe).join('[^a-z0-9]*')}(?![a-z0-9])`, 'i'), ' ')
  rest = rest.split(/\s+/).filter((w) => w && !EN_STOP.test(w)).join(' ')
  const parts = unique(rest.split(' ').filter((p) => p.length >= 2))
  const core = rest.replace(/\s+/g, '')
  // In the user's words: every Chinese part names a need, and some need in words no report uses
  // for it. Then the needs are what the query means: their paraphrases count in full, include
  // what reports that solved them talk about, and are embedded with it. A query that also names
  // things in report words (单位宿舍 … 没人管, 无物业小区 引入物业) is searched by those, its needs
  // by the names reports give them.
  const chinese = parts.filter((p) => !LATIN_WORD.test(p))
  const inPart = partNeeds(normalized, chinese, understood.filter((u) => CJK.test(u.said)))
  const names = (u: Understood) => u.need.terms.slice(0, MAX_NEED_TERMS)
  const plain = inPart.flat().filter((u) => ![...names(u), ...u.need.remedies].some((f) => f.includes(u.said)))
  const colloquial = chinese.length > 0 && inPart.every((found) => found.length > 0) && plain.length > 0
  const searched = (u: Understood) => (colloquial ? [...names(u), ...u.need.remedies.slice(0, MAX_REMEDIES)] : names(u))
  // Each need searches its report terms; those typed already are the query itself.
  const synonyms = unique(understood.flatMap(searched).filter((f) => !parts.includes(f) && !core.includes(f)))
  const embedTerms = colloquial ? unique(plain.flatMap(searched)) : []
  // An English query that the glossary maps nothing of has no words of its own to ask full-text
  // for: a need it names is asked by its commonest term, as a glossary phrase is. Beside
  // glossary phrases, needs are paraphrases (their terms would outweigh the phrases' own).
  const canonical = unique([...english.canonical, ...(english.matched.length ? [] : saidInEnglish.map((u) => u.need.terms[0]))])
  const englishTerms = unique([...english.terms, ...saidInEnglish.flatMap((u) => u.need.terms.slice(0, 3))])
  const expansions = unique([...englishTerms, ...synonyms])
  const words = unique(tokens(rest, { search: true }).filter((w) => w.length >= 2))
  // The full-text query holds the query and the canonical term of each mapped English phrase;
  // rarer variants (业主委员会 for 业委会) only mark and match exactly. Paraphrases go in a query of
  // their own: their rare bigrams (撤离 in 物业撤离) would otherwise outscore the words typed.
  const fulltext = [core.length <= SHORT_QUERY ? rest : words.join(' '), ...canonical].filter(Boolean).join(' ')
  const phrases = unique(core.length >= 2 && core.length <= SHORT_QUERY ? [core] : [])
  // What a passage must hold to match exactly: each Chinese part, or in its place each need it
  // names (said as typed, or in a report's words); each mapped English phrase or need.
  // Unmapped English words are searched for but not required: most are not in any report.
  const groups = [
    ...chinese.flatMap((p, i) => {
      // A part naming one need holds exactly as typed, or in paraphrase; a part naming several
      // (a sentence about one's compound) is rarely in a report as typed: each need stands alone.
      if (inPart[i].length === 1) return [unique([p, inPart[i][0].said, ...names(inPart[i][0])])]
      return inPart[i].length ? inPart[i].map((u) => unique([u.said, ...names(u)])) : [[p]]
    }),
    ...english.groups,
    ...saidInEnglish.map(names),
  ]
  const marks = unique([...phrases, ...groups.flat(), ...words, ...(core.length === 1 ? [core] : [])]).sort((a, b) => b.length - a.length)
  return {
    text,
    normalized,
    expansions,
    needs: understood.map((u) => ({ id: u.need.id, en: u.need.en, said: u.said })),
    tags: understood.flatMap((u) => u.need.tags),
    fulltext: fulltext || core,
    paraphrases: synonyms.join(' '),
    // Paraphrases stay out of the embedding (they pull the query vector toward their own
    // topics) unless the query is in the user's words, which the embedder may never have seen.
    embed: [rest, ...englishTerms, ...embedTerms].filter(Boolean).join(' ') || normalized,
    translated: (english.matched.length > 0 || saidInEnglish.length > 0) && !CJK.test(normalized),
    colloquial,
    // Report words typed side by side (停车难 充电桩) are a search for topics, not a description.
    situation: colloquial || SIZE.test(normalized),
    marks,
    phrases,
    groups,
  }
}

/** The needs (said in Chinese: offsets in the compact query) inside each query part. */
function partNeeds(normalized: string, parts: string[], understood: Understood[]): Understood[][] {
  const compact = normalized.replace(/\s+/g, '')
  let at = 0
  return parts.map((p) => {
    const start = compact.indexOf(p, at)
    if (start < 0) return []
    at = start + p.length
    return understood.filter((u) => u.at[0] >= start && u.at[1] <= start + p.length)
  })
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)]
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
