import type { Case, Tag } from '../../ingest/schema'
import type { Hit, SimilarHit } from '../../ingest/search/types'
import { toSimplified, toTraditional } from '../../ingest/text/script'
import type { DisplayScript } from '~/lib/ui'

export type Convert = (text: string) => string

const identity: Convert = (text) => text

export function converter(script: DisplayScript): Convert {
  if (script === 'simp') return toSimplified
  if (script === 'trad') return toTraditional
  return identity
}

/**
 * Convert text whose offsets matter (marks, spans) only when the conversion keeps its length;
 * OpenCC maps CJK one-to-one, so this falls back only for rare phrase-level conversions.
 */
function sameLength(convert: Convert, text: string): string {
  const converted = convert(text)
  return converted.length === text.length ? converted : text
}

function nullable(convert: Convert, text: string | null): string | null {
  return text === null ? null : convert(text)
}

function tag(convert: Convert, value: Tag): Tag {
  return { ...value, id: convert(value.id), quote: sameLength(convert, value.quote) }
}

/** The case as it should be displayed in the chosen script. Ids, spans and URLs are untouched. */
export function displayCase(c: Case, script: DisplayScript): Case {
  const convert = converter(script)
  if (convert === identity) return c
  const body = sameLength(convert, c.body)
  const quote = (text: string) => (body === c.body ? text : sameLength(convert, text))
  return {
    ...c,
    title: nullable(convert, c.title),
    displayTitle: convert(c.displayTitle),
    source: { ...c.source, name: nullable(convert, c.source.name) },
    author: nullable(convert, c.author),
    editor: nullable(convert, c.editor),
    place: {
      ...c.place,
      province: nullable(convert, c.place.province),
      city: nullable(convert, c.place.city),
      district: nullable(convert, c.place.district),
      street: nullable(convert, c.place.street),
      community: nullable(convert, c.place.community),
      compound: nullable(convert, c.place.compound),
    },
    models: c.models.map(convert),
    orgTiers: c.orgTiers?.map(convert) ?? null,
    funding: c.funding.map((f) => ({ ...f, quote: quote(f.quote), payer: nullable(convert, f.payer) })),
    fundingMix: c.fundingMix.map((m) => ({ ...m, quote: quote(m.quote) })),
    outcomes: c.outcomes.map((o) => ({ ...o, quote: quote(o.quote), unit: convert(o.unit), label: convert(o.label) })),
    problems: c.problems.map((t) => tag(convert, t)),
    mechanisms: c.mechanisms.map((t) => tag(convert, t)),
    actors: c.actors.map((t) => tag(convert, t)),
    evidence: Object.fromEntries(Object.entries(c.evidence).map(([key, e]) => [key, { ...e, quote: quote(e.quote) }])),
    body,
    removed: c.removed.map((r) => ({ ...r, text: convert(r.text) })),
  }
}

const TAG_REASONS = new Set(['problem', 'mechanism', 'actor'])

/** Reasons naming vocabulary tags read in English when the page is English. */
export function englishReasons(reasons: SimilarHit['reasons'], english: Map<string, string>): SimilarHit['reasons'] {
  return reasons.map((r) => (TAG_REASONS.has(r.kind) ? { ...r, value: english.get(r.value) ?? r.value } : r))
}

export function displayHit<T extends Hit | SimilarHit>(hit: T, script: DisplayScript): T {
  const convert = converter(script)
  if (convert === identity) return hit
  return {
    ...hit,
    title: convert(hit.title),
    snippet: convert(hit.snippet),
    passage: { ...hit.passage, text: sameLength(convert, hit.passage.text) },
    place: displayPlace(hit.place, convert),
    models: hit.models.map(convert),
    ...('reasons' in hit ? { reasons: hit.reasons.map((r) => ({ ...r, value: convert(r.value) })) } : {}),
  }
}

function displayPlace(place: Case['place'], convert: Convert): Case['place'] {
  const out = { ...place }
  for (const level of ['province', 'city', 'district', 'street', 'community', 'compound'] as const) {
    out[level] = nullable(convert, place[level])
  }
  return out
}
