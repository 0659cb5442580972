import { FUNDING_SOURCES, type FundingSource } from '../../ingest/schema'
import type { FacetCounts, FacetField, Filters } from '../../ingest/search/types'
import { translate, type Lang } from '~/i18n'
import type { Convert } from './script.server'
import { withGloss, withPinyin } from './gloss.server'

export interface FacetOption {
  value: string
  label: string
  count: number
}

const TAG_FIELDS = new Set<FacetField>(['problems', 'mechanisms', 'actors'])
const PLACE_FIELDS = new Set<FacetField>(['province', 'city', 'district'])

function isFundingSource(value: string): value is FundingSource {
  return (FUNDING_SOURCES as readonly string[]).includes(value)
}

/**
 * How a facet value reads: funding sources and (in English) vocabulary tags get their label,
 * names from the reports are shown in the chosen script, in English with pinyin (places) or the
 * glossary's English (model names). The value itself stays the filter key.
 */
export function facetLabel(field: FacetField, value: string, lang: Lang, convert: Convert, english: Map<string, string>): string {
  if (field === 'fundingSource' && isFundingSource(value)) return translate(lang, `fund_${value}`)
  if (lang === 'en' && TAG_FIELDS.has(field)) return english.get(value) ?? value
  if (PLACE_FIELDS.has(field)) return withPinyin(convert(value), lang === 'en')
  if (field === 'model') return withGloss(convert(value), lang === 'en')
  return convert(value)
}

/**
 * Facet options for display: the most frequent `limit` values of each field (counts arrive
 * sorted; `limits` sets it per field), plus any value the reader has selected. A big corpus has
 * thousands of place and model names; listing them all would make every search page heavy to
 * send and to read.
 */
export function facetOptions(
  facets: FacetCounts | null,
  lang: Lang,
  convert: Convert,
  english: Map<string, string>,
  { limit = Infinity, limits = {}, selected = {} }: { limit?: number; limits?: Partial<Record<FacetField, number>>; selected?: Filters } = {},
): Partial<Record<FacetField, FacetOption[]>> {
  if (!facets) return {}
  const out: Partial<Record<FacetField, FacetOption[]>> = {}
  for (const [field, counts] of Object.entries(facets) as [FacetField, FacetCounts[FacetField]][]) {
    const chosen = new Set(selected[field] ?? [])
    const most = limits[field] ?? limit
    const kept = counts.filter(({ value }, i) => i < most || chosen.has(value))
    out[field] = kept.map(({ value, count }) => ({ value, count, label: facetLabel(field, value, lang, convert, english) }))
  }
  return out
}
