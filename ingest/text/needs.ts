/**
 * Needs: what a user's words say about their situation, in the words reports use for it.
 *
 * Officials type their problem ("电梯三天两头坏", "小区没人管"), reports name it ("设施老化",
 * "物业撤离", "弃管") and then tell how it was solved. Each need (`needs.json`, one row each, with
 * an English label and why it is there) lists how a user says it (`says`, `saysEn`), how reports
 * name it (`terms`) and what reports that solved it talk about (`remedies`), commonest first, and
 * the vocabulary tags a case with that need carries. Every
 * problem of the controlled vocabulary (ingest/extract/vocabulary.json) is a need too, its
 * synonyms both said and searched; a row with the same id adds to it.
 *
 * Shared by search (query understanding) and the offline embedder (background it learns from),
 * so it lives beside the segmenter rather than in either.
 */
import needsData from './needs.json'
import vocabularyData from '../extract/vocabulary.json'
import { normalizeForSearch } from './script.js'

export interface Need {
  /** What the need is shown as ("理解为：无物业"); a vocabulary problem's id when it is one. */
  id: string
  en: string
  /** Chinese phrasings, search-normal; "A…B" is A followed by B within GAP characters. */
  says: string[]
  /** English phrasings, lower case, matched as whole words (a trailing s tolerated). */
  saysEn: string[]
  /** How reports name it, commonest first. */
  terms: string[]
  /** What reports that solved it talk about (社区基金 for 没有钱), commonest first. */
  remedies: string[]
  /** Vocabulary tags a case showing this need carries ("problems:无物业"). */
  tags: { kind: 'problems' | 'mechanisms' | 'actors'; id: string }[]
  /** Whether needs.json describes it (else it is a vocabulary problem alone). */
  described: boolean
}

/** One need found in a query: which words said it, and where. */
export interface Understood {
  need: Need
  /** The query's words that say it, as typed after normalization. */
  said: string
  /** Offsets in the compact (no whitespace) normal form for Chinese; in the normal form for English. */
  at: [number, number]
}

interface RawNeed {
  id: string
  en: string
  why: string
  says: string[]
  saysEn?: string[]
  terms: string[]
  remedies: string[]
  tags?: string[]
}

interface RawTerm {
  id: string
  en: string
  synonyms: string[]
}

/** How far apart the two halves of an "A…B" phrasing may be: within a clause, a few words. */
const GAP = 8
const CLAUSE_END = '，,、。！？!?；;：:'
/**
 * Two-character synonyms of the vocabulary (漏水, 纠纷, 违建) are words of many sentences; from
 * the vocabulary alone they say a need only when they are a whole query part. Rows of needs.json
 * list the short phrasings that are safe anywhere.
 */
const MIN_CONTAINED = 3

let cached: Need[] | null = null
let exactForms: Map<string, Need> | null = null

/** Search-normal and without spaces; the "…" of a gapped phrasing survives (NFKC would make it "..."). */
function norm(s: string): string {
  return s.split('…').map((half) => normalizeForSearch(half).replace(/\s+/g, '')).join('…')
}

/** Every need: the vocabulary's problems, extended and joined by the rows of needs.json. */
export function needs(): Need[] {
  if (cached) return cached
  const byId = new Map<string, Need>()
  exactForms = new Map()
  for (const t of (vocabularyData as { problems: RawTerm[] }).problems) {
    const forms = [...new Set([t.id, ...t.synonyms].map(norm))].filter((f) => f.length >= 2)
    const need: Need = { id: t.id, en: t.en, says: forms.filter((f) => f.length >= MIN_CONTAINED), saysEn: [], terms: forms, remedies: [], tags: [{ kind: 'problems', id: t.id }], described: false }
    for (const f of forms) if (f.length < MIN_CONTAINED) exactForms.set(f, need)
    byId.set(t.id, need)
  }
  for (const row of needsData as RawNeed[]) {
    const known = byId.get(row.id)
    const says = row.says.map((s) => norm(s))
    const tags = (row.tags ?? []).map((t) => {
      const [kind, id] = t.split(':') as [Need['tags'][number]['kind'], string]
      return { kind, id }
    })
    const need: Need = {
      id: row.id,
      en: row.en,
      says: [...new Set([...says, ...(known?.says ?? [])])],
      saysEn: (row.saysEn ?? []).map((s) => s.toLowerCase()),
      // The vocabulary's forms lead where there are some: they are what extraction tags by.
      terms: [...new Set([...(known?.terms ?? []), ...row.terms.map(norm)])],
      remedies: row.remedies.map(norm),
      tags: known ? [...known.tags, ...tags.filter((t) => !known.tags.some((k) => k.kind === t.kind && k.id === t.id))] : tags,
      described: true,
    }
    if (known) for (const [f, n] of exactForms) if (n === known) exactForms.set(f, need)
    byId.set(row.id, need)
  }
  cached = [...byId.values()]
  return cached
}

interface Match {
  need: Need
  start: number
  end: number
}

const patterns = new Map<string, RegExp>()

function pattern(say: string): RegExp {
  let re = patterns.get(say)
  if (!re) {
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    re = new RegExp(say.split('…').map(esc).join(`[^${CLAUSE_END}]{0,${GAP}}`), 'g')
    patterns.set(say, re)
  }
  return re
}

function englishPattern(say: string): RegExp {
  const key = `en:${say}`
  let re = patterns.get(key)
  if (!re) {
    const words = say.split(/[\s-]+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "'?"))
    re = new RegExp(`(?<![a-z])${words.map((w) => `${w}(?:s|es)?`).join('[\\s-]+')}(?![a-z])`, 'g')
    patterns.set(key, re)
  }
  return re
}

/**
 * Matches that another, longer match covers say less than it (没地方 inside 没地方停); of two
 * needs said by the very same words (没人管: 无物业 and the vocabulary's 管理真空), the one
 * needs.json describes stands for both.
 */
function outermost(matches: Match[]): Match[] {
  const covers = (o: Match, m: Match) =>
    o.start <= m.start && o.end >= m.end && (o.end - o.start > m.end - m.start || (o.end - o.start === m.end - m.start && o.need.described && !m.need.described))
  return matches.filter((m) => !matches.some((o) => o !== m && covers(o, m)))
}

/**
 * The needs a query names, in the order it names them, each once. `normal` is the query's
 * search-normal form (simplified, NFKC, lower case); its whitespace-separated parts are also
 * compared whole with the vocabulary's two-character forms.
 */
export function understand(normal: string): Understood[] {
  const all = needs()
  const compact = normal.replace(/\s+/g, '')
  const chinese: Match[] = []
  const english: Match[] = []
  const latin = /[a-z]/.test(normal)
  // Plain substring tests first: a query is short, the phrasings many, and a regular expression
  // runs only where its words are all there (understanding stays ~0.1 ms a query).
  for (const need of all) {
    for (const say of need.says) {
      const halves = say.split('…')
      if (!halves.every((h) => compact.includes(h))) continue
      if (halves.length === 1) {
        for (let at = compact.indexOf(say); at >= 0; at = compact.indexOf(say, at + 1)) chinese.push({ need, start: at, end: at + say.length })
      } else {
        for (const m of compact.matchAll(pattern(say))) chinese.push({ need, start: m.index, end: m.index + m[0].length })
      }
    }
    if (!latin) continue
    for (const say of [need.en.toLowerCase(), ...need.saysEn]) {
      if (!normal.includes(say.split(/[\s-]+/)[0].replace(/'/g, ''))) continue
      for (const m of normal.matchAll(englishPattern(say))) english.push({ need, start: m.index, end: m.index + m[0].length })
    }
  }
  let at = 0
  for (const part of normal.split(/\s+/)) {
    const start = compact.indexOf(part, at)
    const need = exactForms!.get(part)
    if (need && start >= 0) chinese.push({ need, start, end: start + part.length })
    if (start >= 0) at = start + part.length
  }
  const found = new Map<Need, Understood>()
  const take = (matches: Match[], text: string) => {
    for (const m of outermost(matches).sort((a, b) => a.start - b.start || b.end - a.end)) {
      if (!found.has(m.need)) found.set(m.need, { need: m.need, said: text.slice(m.start, m.end), at: [m.start, m.end] })
    }
  }
  take(chinese, compact)
  take(english, normal)
  return [...found.values()]
}

/** A need by its id (what a user removes from "理解为"), or undefined. */
export function needById(id: string): Need | undefined {
  return needs().find((n) => n.id === id)
}
