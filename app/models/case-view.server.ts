import type { Case, Evidence, NoneField, PlaceLevel, Tag } from '../../ingest/schema'
import { PLACE_LEVELS } from '../../ingest/schema'
import { translate, type Lang, type LabelKey } from '~/i18n'
import { formatWan } from '~/lib/ui'
import { withGloss, withPinyin } from './gloss.server'

/** One displayed value; `q` is the number of its quote in the body (`#q-<n>`), null when unsourced. */
export interface FieldItem {
  text: string
  q: number | null
  note?: string
  /** An empty field: the case says there is none, or the text says nothing about it. */
  empty?: 'none' | 'not-found'
}

export interface FieldRow {
  key: LabelKey
  items: FieldItem[]
}

/** A run of body text and the quotes covering it; `anchors` are quotes that start here. */
export interface Segment {
  text: string
  qs: number[]
  anchors: number[]
}

export interface CaseView {
  rows: FieldRow[]
  segments: Segment[]
  quotes: number
  /** Each quote's span, by its number less one: how other pages link to `#q-<n>`. */
  spans: [number, number][]
}

const SCALE_KEYS = ['households', 'population', 'buildings', 'areaM2'] as const

class Quotes {
  readonly spans: [number, number][] = []
  private readonly byKey = new Map<string, number>()
  constructor(private readonly body: string) {}

  /** The quote's number, or null when its span does not point at its text in the body. */
  number(evidence: Evidence | undefined): number | null {
    if (!evidence) return null
    const [start, end] = evidence.span
    if (start < 0 || end > this.body.length || start >= end || this.body.slice(start, end) !== evidence.quote) return null
    const key = `${start}:${end}`
    let n = this.byKey.get(key)
    if (n === undefined) {
      this.spans.push([start, end])
      n = this.spans.length
      this.byKey.set(key, n)
    }
    return n
  }
}

export function tagLabel(lang: Lang, tag: Pick<Tag, 'id' | 'en'>): string {
  return lang === 'en' && tag.en ? tag.en : tag.id
}

export function placeText(place: Case['place']): string {
  return PLACE_LEVELS.map((level) => place[level]).filter(Boolean).join(' · ')
}

export function buildCaseView(c: Case, lang: Lang): CaseView {
  const quotes = new Quotes(c.body)
  const t = (key: LabelKey, vars?: Record<string, string | number>) => translate(lang, key, vars)
  const ev = (key: string) => quotes.number(c.evidence[key])
  const rows: FieldRow[] = []
  const push = (key: LabelKey, items: FieldItem[], field?: NoneField) => {
    if (items.length) rows.push({ key, items })
    else if (field) rows.push({ key, items: [emptyItem(c, field, lang, (e) => quotes.number(e ?? undefined))] })
  }

  push('field_title', c.title ? [{ text: c.title, q: ev('title') }] : [])
  push('field_published', c.published ? [{ text: c.published, q: ev('published') }] : [])
  push(
    'field_place',
    PLACE_LEVELS.filter((level: PlaceLevel) => c.place[level]).map((level) => ({
      text: withPinyin(c.place[level] as string, lang === 'en'),
      q: ev(`place.${level}`),
      note: `${t(`place_${level}`)}${c.place.inferred.includes(level) ? ` · ${t('inferred')}` : ''}`,
    })),
  )
  push(
    'field_scale',
    SCALE_KEYS.filter((key) => c.scale[key] !== undefined).map((key) => ({
      text: t(`scale_${key}`, { n: (c.scale[key] as number).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US') }),
      q: ev(`scale.${key}`),
    })),
  )
  push('field_models', c.models.map((model, i) => ({ text: withGloss(model, lang === 'en'), q: ev(`models.${i}`) })), 'models')
  const tiersQ = ev('orgTiers')
  push('field_orgTiers', (c.orgTiers ?? []).map((tier) => ({ text: withGloss(tier, lang === 'en'), q: tiersQ })), 'orgTiers')
  push('field_orgTierCount', c.orgTierCount !== null ? [{ text: String(c.orgTierCount), q: ev('orgTierCount') ?? tiersQ }] : [])
  push(
    'field_funding',
    c.funding.map((f) => ({
      text: f.amountWan !== null ? formatWan(lang, f.amountWan) : t('amountUnknown'),
      q: quotes.number(f),
      note: [t(`fund_${f.source}`), f.payer].filter(Boolean).join(' · '),
    })),
    c.fundingMix.length ? undefined : 'funding',
  )
  push(
    'field_fundingMix',
    c.fundingMix.map((m) => ({ text: m.sources.map((s) => t(`fund_${s}`)).join(' + '), q: quotes.number(m) })),
  )
  push(
    'field_outcomes',
    c.outcomes.map((o) => ({ text: `${o.label} ${o.value.toLocaleString()}${o.unit}`, q: quotes.number(o) })),
    'outcomes',
  )
  for (const key of ['problems', 'mechanisms', 'actors'] as const) {
    push(`field_${key}`, c[key].map((tag) => ({ text: tagLabel(lang, tag), q: quotes.number(tag) })), key)
  }
  push('field_source', c.source.name ? [{ text: c.source.name, q: ev('source.name') ?? ev('source') }] : [])
  push('field_author', c.author ? [{ text: c.author, q: ev('author') }] : [])
  push('field_editor', c.editor ? [{ text: c.editor, q: ev('editor') }] : [])

  return { rows, segments: segment(c.body, quotes.spans), quotes: quotes.spans.length, spans: quotes.spans }
}

/**
 * What an empty field says: "none" (with the sentence that says so, when the text does) or "not
 * found in the text". The two must never look alike.
 */
export function emptyItem(c: Pick<Case, 'none'>, field: NoneField, lang: Lang, number: (e: Evidence | null) => number | null): FieldItem {
  const none = c.none?.[field]
  if (none === undefined) return { text: translate(lang, 'notFoundInText'), q: null, empty: 'not-found' }
  return { text: translate(lang, none ? 'noneStated' : 'noneStatedHand'), q: number(none), empty: 'none' }
}

/** Cut the body at every quote boundary, so overlapping quotes can each be highlighted whole. */
export function segment(body: string, spans: [number, number][]): Segment[] {
  const cuts = new Set<number>([0, body.length])
  for (const [start, end] of spans) {
    cuts.add(start)
    cuts.add(end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]]
    if (from === to) continue
    const qs: number[] = []
    const anchors: number[] = []
    spans.forEach(([start, end], index) => {
      if (start <= from && to <= end) qs.push(index + 1)
      if (start === from) anchors.push(index + 1)
    })
    segments.push({ text: body.slice(from, to), qs, anchors })
  }
  return segments
}
