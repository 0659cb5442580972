import { unified } from 'unified'
import remarkGfm from 'remark-gfm'
import remarkStringify from 'remark-stringify'
import type { Root, Table, TableCell, TableRow } from 'mdast'
import type { Case, Evidence, FundingSource, NoneField } from '../../ingest/schema'
import { PLACE_LEVELS } from '../../ingest/schema'
import { searchNormal } from '../../ingest/search/normalize'
import { translate, type Lang, type LabelKey } from '~/i18n'
import { formatWan, parseScript } from '~/lib/ui'
import { langFromRequest } from './lang.server'
import { buildCaseView, emptyItem, tagLabel } from './case-view.server'
import { withGloss, withPinyin } from './gloss.server'
import { getCases } from './case.server'
import { displayCase } from './script.server'
import type { DisplayScript } from '~/lib/ui'

import { MAX_COMPARE, MIN_COMPARE } from '~/lib/limits'
import { splitIds } from '~/lib/id-list'

/** `?ids=a,b,c` (or repeated `ids`), de-duplicated, order kept: the URL is the comparison. */
export function parseIds(url: URL): string[] {
  const ids = url.searchParams
    .getAll('ids')
    .flatMap(splitIds)
    .map((id) => id.trim())
    .filter(Boolean)
  return [...new Set(ids)]
}

/**
 * Shared: every case in the comparison has the value. Unique: exactly one case has it.
 * Some: in between (only with 3–4 cases).
 */
export type Presence = 'shared' | 'unique' | 'some'

export interface CompareValue {
  text: string
  presence: Presence
  /** The quote on the case page (`#q-<n>`), when the value has one. */
  q: number | null
}

export interface FundingPart {
  source: FundingSource
  label: string
  amountWan: number | null
  text: string
}

export interface CompareCell {
  values: CompareValue[]
  funding?: FundingPart[]
  /** For an empty cell of a field that can be "none": which of the two it is (and its quote). */
  empty?: { kind: 'none' | 'not-found'; text: string; q: number | null }
}

export interface CompareRow {
  key: LabelKey
  kind: 'values' | 'ladder' | 'funding'
  cells: CompareCell[]
}

/** What a comparison row reads from a case, and its quote. */

export interface Comparison {
  cases: { id: string; title: string }[]
  rows: CompareRow[]
}

interface Extracted {
  key: string
  text: string
  evidence?: Evidence
}

type Extractor = (raw: Case, shown: Case, lang: Lang) => Extracted[]

const norm = (text: string) => searchNormal(text).replace(/\s+/g, '')

/** The rows of a comparison, in reading order; a new row is a new entry here. */
const ROWS: { key: LabelKey; kind: CompareRow['kind']; extract: Extractor; none?: NoneField }[] = [
  {
    key: 'field_place',
    kind: 'values',
    extract: (raw, shown, lang) =>
      PLACE_LEVELS.filter((level) => raw.place[level]).map((level) => ({
        key: `${level}:${norm(raw.place[level] as string)}`,
        text: `${withPinyin(shown.place[level] as string, lang === 'en')}（${translate(lang, `place_${level}`)}）`,
        evidence: raw.evidence[`place.${level}`],
      })),
  },
  {
    key: 'field_scale',
    kind: 'values',
    extract: (raw, _shown, lang) =>
      (['households', 'population', 'buildings', 'areaM2'] as const)
        .filter((k) => raw.scale[k] !== undefined)
        .map((k) => ({
          key: `${k}:${raw.scale[k]}`,
          text: translate(lang, `scale_${k}`, { n: (raw.scale[k] as number).toLocaleString() }),
          evidence: raw.evidence[`scale.${k}`],
        })),
  },
  {
    key: 'field_problems',
    none: 'problems',
    kind: 'values',
    extract: (raw, shown, lang) => raw.problems.map((tag, i) => ({ key: norm(tag.id), text: tagLabel(lang, shown.problems[i]), evidence: tag })),
  },
  {
    key: 'field_models',
    none: 'models',
    kind: 'values',
    extract: (raw, shown, lang) => raw.models.map((m, i) => ({ key: norm(m), text: withGloss(shown.models[i], lang === 'en'), evidence: raw.evidence[`models.${i}`] })),
  },
  {
    key: 'field_orgTiers',
    none: 'orgTiers',
    kind: 'ladder',
    extract: (raw, shown, lang) =>
      (raw.orgTiers ?? []).map((tier, i) => ({ key: norm(tier), text: withGloss((shown.orgTiers ?? [])[i], lang === 'en'), evidence: raw.evidence.orgTiers })),
  },
  {
    key: 'field_orgTierCount',
    kind: 'values',
    extract: (raw) =>
      raw.orgTierCount !== null
        ? [{ key: String(raw.orgTierCount), text: String(raw.orgTierCount), evidence: raw.evidence.orgTierCount ?? raw.evidence.orgTiers }]
        : [],
  },
  {
    key: 'field_actors',
    none: 'actors',
    kind: 'values',
    extract: (raw, shown, lang) => raw.actors.map((tag, i) => ({ key: norm(tag.id), text: tagLabel(lang, shown.actors[i]), evidence: tag })),
  },
  {
    key: 'field_mechanisms',
    none: 'mechanisms',
    kind: 'values',
    extract: (raw, shown, lang) => raw.mechanisms.map((tag, i) => ({ key: norm(tag.id), text: tagLabel(lang, shown.mechanisms[i]), evidence: tag })),
  },
  {
    key: 'field_funding',
    none: 'funding',
    kind: 'funding',
    extract: (raw, shown, lang) => [
      ...raw.funding.map((f, i) => ({ key: f.source, text: fundingText(lang, f.source, f.amountWan, shown.funding[i].payer), evidence: f })),
      ...raw.fundingMix.flatMap((m) => m.sources.map((s) => ({ key: s, text: translate(lang, `fund_${s}`), evidence: m }))),
    ],
  },
  {
    key: 'field_outcomes',
    none: 'outcomes',
    kind: 'values',
    extract: (raw, shown) =>
      raw.outcomes.map((o, i) => ({ key: `${norm(o.label)}:${o.value}${o.unit}`, text: `${shown.outcomes[i].label} ${o.value}${shown.outcomes[i].unit}`, evidence: o })),
  },
  {
    key: 'field_source',
    kind: 'values',
    extract: (raw, shown) => [
      ...(raw.source.name ? [{ key: norm(raw.source.name), text: shown.source.name as string, evidence: raw.evidence['source.name'] ?? raw.evidence.source }] : []),
      ...(raw.source.url ? [{ key: raw.source.url, text: raw.source.url }] : []),
    ],
  },
  {
    key: 'field_published',
    kind: 'values',
    extract: (raw) => (raw.published ? [{ key: raw.published, text: raw.published, evidence: raw.evidence.published }] : []),
  },
]

function fundingText(lang: Lang, source: FundingSource, amountWan: number | null, payer: string | null): string {
  const amount = amountWan !== null ? formatWan(lang, amountWan) : translate(lang, 'amountUnknown')
  return `${translate(lang, `fund_${source}`)} ${amount}${payer ? `（${payer}）` : ''}`
}

function dedupe(values: Extracted[]): Extracted[] {
  const seen = new Set<string>()
  return values.filter((v) => (seen.has(v.key) ? false : (seen.add(v.key), true)))
}

/** A quote's number as the case page numbers it, so a compared value links to `/cases/<id>#q-<n>`. */
function quoteNumbers(c: Case, lang: Lang): (e: Evidence | null | undefined) => number | null {
  const numbers = new Map(buildCaseView(c, lang).spans.map(([start, end], i) => [`${start}:${end}`, i + 1]))
  return (e) => (e && c.body.slice(e.span[0], e.span[1]) === e.quote ? (numbers.get(`${e.span[0]}:${e.span[1]}`) ?? null) : null)
}

export function buildComparison(cases: Case[], lang: Lang, script: DisplayScript): Comparison {
  const shown = cases.map((c) => displayCase(c, script))
  const numbers = shown.map((c) => quoteNumbers(c, lang))
  const rows = ROWS.map(({ key, kind, extract, none }) => {
    const perCase = cases.map((c, i) => (kind === 'ladder' ? extract(c, shown[i], lang) : dedupe(extract(c, shown[i], lang))))
    const holders = new Map<string, number>()
    for (const values of perCase) for (const k of new Set(values.map((v) => v.key))) holders.set(k, (holders.get(k) ?? 0) + 1)
    const presence = (k: string): Presence => {
      const n = holders.get(k) ?? 0
      if (n === cases.length) return 'shared'
      return n === 1 ? 'unique' : 'some'
    }
    const cells: CompareCell[] = perCase.map((values, i) => ({
      values: values.map((v) => ({ text: v.text, presence: presence(v.key), q: numbers[i](v.evidence) })),
      ...(none && values.length === 0 ? { empty: emptyCell(cases[i], none, lang, numbers[i]) } : {}),
      ...(kind === 'funding'
        ? {
            funding: cases[i].funding.map((f, j) => ({
              source: f.source,
              label: translate(lang, `fund_${f.source}`),
              amountWan: f.amountWan,
              text: fundingText(lang, f.source, f.amountWan, shown[i].funding[j].payer),
            })),
          }
        : {}),
    }))
    return { key, kind, cells }
  }).filter((row) => row.cells.some((cell) => cell.values.length > 0 || cell.empty?.kind === 'none'))
  return { cases: shown.map((c) => ({ id: c.id, title: c.displayTitle })), rows }
}

function emptyCell(c: Case, field: NoneField, lang: Lang, number: (e: Evidence | null) => number | null): CompareCell['empty'] {
  const item = emptyItem(c, field, lang, number)
  return { kind: item.empty!, text: item.text, q: item.q }
}

function cellText(row: CompareRow, cell: CompareCell, lang: Lang): string {
  if (cell.empty) return cell.empty.text
  const mark = (v: CompareValue) => (v.presence === 'shared' ? `${v.text} (${translate(lang, 'shared')})` : v.text)
  return cell.values.map(mark).join(row.kind === 'ladder' ? ' → ' : '; ')
}

const textCell = (value: string): TableCell => ({ type: 'tableCell', children: value ? [{ type: 'text', value }] : [] })

/** The comparison as a GitHub-flavoured Markdown table, serialized by remark. */
export function comparisonMarkdown(comparison: Comparison, lang: Lang): string {
  const header: TableRow = {
    type: 'tableRow',
    children: [textCell(translate(lang, 'field')), ...comparison.cases.map((c) => textCell(`${c.title} (${c.id})`))],
  }
  const body: TableRow[] = comparison.rows.map((row) => ({
    type: 'tableRow',
    children: [textCell(translate(lang, row.key)), ...row.cells.map((cell) => textCell(cellText(row, cell, lang)))],
  }))
  const table: Table = { type: 'table', align: [], children: [header, ...body] }
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: translate(lang, 'compareTitle') }] },
      table,
    ],
  }
  return unified().use(remarkGfm).use(remarkStringify).stringify(tree)
}

/**
 * A cell a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @, or a leading tab or carriage
 * return): OWASP's advice, a leading apostrophe, so it shows as the text it is.
 */
const FORMULA_START = /^[=+\-@\t\r]/

function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: string[]): string {
  return values.map(csvField).join(',')
}

/** The comparison as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese correctly). */
export function comparisonCsv(comparison: Comparison, lang: Lang): string {
  const lines = [
    csvLine([translate(lang, 'field'), ...comparison.cases.map((c) => `${c.title} (${c.id})`)]),
    ...comparison.rows.map((row) => csvLine([translate(lang, row.key), ...row.cells.map((cell) => cellText(row, cell, lang))])),
  ]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

export type CompareProblem = { key: 'compareTooFew' | 'compareTooMany' | 'compareMissing'; vars: Record<string, string | number> }

/** Read the ids, check their count, fetch the cases: a comparison, or the one problem to tell the reader. */
export async function loadComparison(
  ids: string[],
  lang: Lang,
  script: DisplayScript,
): Promise<{ comparison: Comparison | null; problem: CompareProblem | null; found: { id: string; title: string }[] }> {
  const { found, missing } = await getCases(ids.slice(0, 20))
  const listed = found.map((c) => ({ id: c.id, title: displayCase(c, script).displayTitle }))
  if (missing.length) return { comparison: null, problem: { key: 'compareMissing', vars: { ids: missing.join(', ') } }, found: listed }
  if (ids.length < MIN_COMPARE) return { comparison: null, problem: { key: 'compareTooFew', vars: { n: ids.length } }, found: listed }
  if (ids.length > MAX_COMPARE) return { comparison: null, problem: { key: 'compareTooMany', vars: { n: ids.length } }, found: listed }
  return { comparison: buildComparison(found, lang, script), problem: null, found: listed }
}

const DOWNLOADS = {
  md: { render: comparisonMarkdown, type: 'text/markdown', disposition: 'inline; filename="comparison.md"' },
  csv: { render: comparisonCsv, type: 'text/csv', disposition: 'attachment; filename="comparison.csv"' },
} as const

/** The comparison in the request's URL as a file; a bad comparison is a plain-text 400 (404 for unknown ids). */
export async function comparisonDownload(request: Request, format: keyof typeof DOWNLOADS): Promise<Response> {
  const url = new URL(request.url)
  const lang = langFromRequest(request)
  const { comparison, problem } = await loadComparison(parseIds(url), lang, parseScript(url.searchParams.get('script')))
  if (!comparison) {
    return new Response(`${translate(lang, problem!.key, problem!.vars)}\n`, {
      status: problem!.key === 'compareMissing' ? 404 : 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  const download = DOWNLOADS[format]
  return new Response(download.render(comparison, lang), {
    headers: { 'Content-Type': `${download.type}; charset=utf-8`, 'Content-Disposition': download.disposition },
  })
}
