/**
 * The one Case type. Every stage produces or consumes a part of it; the corpus files, the index,
 * the CLI JSON and the UI all carry exactly this shape.
 *
 * Offsets (`span`) are UTF-16 code-unit offsets into `Case.body`, so that
 * `body.slice(span[0], span[1]) === quote` holds for every sourced value.
 */

/** Where an extracted value came from: the sentence, verbatim, and its offsets in the body. */
export interface Evidence {
  quote: string
  span: [start: number, end: number]
}

/** A value with its provenance. */
export interface Sourced<T> extends Evidence {
  value: T
}

export const PLACE_LEVELS = ['province', 'city', 'district', 'street', 'community', 'compound'] as const
export type PlaceLevel = (typeof PLACE_LEVELS)[number]

export type Place = Record<PlaceLevel, string | null> & {
  /** Levels filled from the gazetteer rather than read in the text. */
  inferred: PlaceLevel[]
}

export const FUNDING_SOURCES = ['government', 'resident', 'enterprise', 'social', 'mixed', 'unknown'] as const
export type FundingSource = (typeof FUNDING_SOURCES)[number]

export interface Funding extends Evidence {
  /** Amount in 万元 (10,000 yuan); null when the sentence names a payer but no amount. */
  amountWan: number | null
  source: FundingSource
  /** Who paid, as written ("财政", "业委会、共建单位"…), when the sentence says. */
  payer: string | null
}

/** A qualitative statement of the funding mix ("政府补一点、社会筹一点、居民凑一点"). */
export interface FundingMix extends Evidence {
  sources: FundingSource[]
}

export interface Outcome extends Evidence {
  value: number
  unit: string
  /** What was counted ("问题", "办实事", "满意度"), as written. */
  label: string
}

export interface Scale {
  households?: number
  population?: number
  buildings?: number
  areaM2?: number
}

/** A controlled-vocabulary tag (ingest/extract/vocabulary.json). */
export interface Tag extends Evidence {
  /** Canonical term, simplified script, e.g. "无物业". */
  id: string
  /** English label from the vocabulary. */
  en: string
}

/** The file formats reports are read from. */
export type SourceFormat = 'txt' | 'md' | 'html' | 'docx' | 'doc' | 'pdf'

export interface Removed {
  text: string
  /** The id of the rule that removed it: a clean rule (e.g. "icp-footer") or the reader's page furniture ("page-header"). */
  reason: string
}

export type Severity = 'error' | 'warning' | 'info'

/** A problem is a value with a place, not a throw (see STYLE.md). */
export interface Message {
  stage: 'read' | 'clean' | 'extract' | 'corpus' | 'embed' | 'index'
  rule: string
  severity: Severity
  message: string
  file?: string
  line?: number
}

export type Script = 'simplified' | 'traditional' | 'mixed' | 'unknown'

/** List fields a report can say it has none of, as opposed to saying nothing about them. */
export const NONE_FIELDS = ['models', 'orgTiers', 'funding', 'outcomes', 'problems', 'mechanisms', 'actors'] as const
export type NoneField = (typeof NONE_FIELDS)[number]

export interface Case {
  /** The raw file's name without extension. */
  id: string
  /** Headline as printed (artifacts repaired), or null when the report has none. */
  title: string | null
  /** `title`, or a title derived from the text when there is none (flag `no-title`). */
  displayTitle: string
  /** YYYY-MM-DD */
  published: string | null
  source: { name: string | null; url: string | null }
  author: string | null
  editor: string | null
  place: Place
  /** Quoted names of the governance approach, in the original script. */
  models: string[]
  /** Organisation chain top → bottom. */
  orgTiers: string[] | null
  orgTierCount: number | null
  funding: Funding[]
  fundingMix: FundingMix[]
  outcomes: Outcome[]
  scale: Scale
  problems: Tag[]
  mechanisms: Tag[]
  actors: Tag[]
  /**
   * Fields known to be empty: "none" (no funding was needed; no model is named), as opposed to an
   * empty field not listed here, which was "not found in the text". Each with the sentence that
   * says so, or null when a person set it by hand (then the field is also `locked`). Optional and
   * absent when empty, so cases that never say "none" keep exactly the shape above.
   */
  none?: Partial<Record<NoneField, Evidence | null>>
  /**
   * Provenance of the plain-valued fields, keyed by field path:
   * "title", "published", "place.city", "models.0", "orgTiers", "orgTierCount", "scale.households"…
   */
  evidence: Record<string, Evidence>
  /** Script of the report as published. */
  script: Script
  /** Cleaned text. Starts with the headline when there is one. */
  body: string
  /** What the cleaner removed, in order, with the rule that removed it. */
  removed: Removed[]
  /** e.g. "no-title", "mojibake", "truncated", "traditional". */
  flags: string[]
  messages: Message[]
  /** Where the case came from. */
  origin: { file: string; format: SourceFormat; encoding: string; sha256: string }
  /** Field names a person corrected by hand; re-ingest keeps them. */
  locked: string[]
}
