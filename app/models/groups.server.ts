import type { Case } from '../../ingest/schema'
import { FACET_FIELDS, type FacetField, type Store } from '../../ingest/search/types'
import { tagKey } from '../../ingest/search/facets'
import type { Lang } from '~/i18n'
import { translate } from '~/i18n'
import { buildHref } from '~/lib/ui'
import { joinIds } from '~/lib/id-list'
import { GROUP_FIELDS, MAX_GROUPS } from '~/lib/groups'
import { inChunks } from './export.server'
import { facetLabel } from './labels.server'
import { converter, type Convert } from './script.server'
import { englishLabels } from './vocabulary.server'

/**
 * The framework matrix of qualitative research, for groups of cases: each column all the cases
 * of one model name, place or tag; each row a theme (how many, median funding, who paid, common
 * problems, mechanisms, actors, outcomes). Every cell links to the cases behind it, so a pattern
 * in the matrix is one click from its evidence.
 */
const TOP = 5
/** Case ids a cell links to as a shared selection (`/basket?ids=`), at most. */
const LINKED_IDS = 50

export interface Group {
  field: FacetField
  value: string
}

export interface MatrixCell {
  text: string
  href: string
}

export interface MatrixRow {
  key: 'groupCases' | 'groupMedianFunding' | 'groupPayers' | 'field_problems' | 'field_mechanisms' | 'field_actors' | 'field_outcomes'
  cells: MatrixCell[][]
}

/** `g=model:五位一体&g=province:福建省` → the groups, known fields only, at most MAX_GROUPS. */
export function parseGroups(url: URL): Group[] {
  return url.searchParams
    .getAll('g')
    .map((g) => {
      const at = g.indexOf(':')
      return { field: g.slice(0, at) as FacetField, value: g.slice(at + 1).trim() }
    })
    .filter((g) => (GROUP_FIELDS as string[]).includes(g.field) && (FACET_FIELDS as readonly string[]).includes(g.field) && g.value)
    .slice(0, MAX_GROUPS)
}

function median(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const pct = (n: number, of: number) => `${Math.round((n / of) * 100)}%`

/** Counts of keys over cases, commonest first. */
function tally<T>(cases: T[], keys: (c: T) => string[]): [string, number][] {
  const counts = new Map<string, number>()
  for (const c of cases) for (const k of new Set(keys(c))) counts.set(k, (counts.get(k) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
}

interface Summary {
  ids: string[]
  totals: number[]
  payers: [string, number][]
  tags: Record<'problems' | 'mechanisms' | 'actors', [string, number, string][]>
  outcomes: [string, string[]][]
}

/** One pass over a group's cases, a chunk at a time. */
async function summarise(store: Store, ids: string[]): Promise<Summary> {
  const all: Pick<Case, 'id' | 'funding' | 'fundingMix' | 'problems' | 'mechanisms' | 'actors' | 'outcomes'>[] = []
  for await (const chunk of inChunks(ids, (part) => store.read(part))) {
    for (const c of chunk) all.push({ id: c.id, funding: c.funding, fundingMix: c.fundingMix, problems: c.problems, mechanisms: c.mechanisms, actors: c.actors, outcomes: c.outcomes })
  }
  const totals = all.flatMap((c) => {
    const amounts = c.funding.filter((f) => f.amountWan !== null)
    return amounts.length ? [amounts.reduce((s, f) => s + (f.amountWan ?? 0), 0)] : []
  })
  const tagCounts = (kind: 'problems' | 'mechanisms' | 'actors') =>
    tally(all, (c) => c[kind].map((t) => `${t.id}\u0000${t.en}`)).slice(0, TOP).map(([k, n]): [string, number, string] => {
      const [id, en] = k.split('\u0000')
      return [id, n, en]
    })
  const outcomeCases = new Map<string, string[]>()
  for (const c of all) for (const label of new Set(c.outcomes.map((o) => `${o.label}（${o.unit}）`))) outcomeCases.set(label, [...(outcomeCases.get(label) ?? []), c.id])
  return {
    ids: all.map((c) => c.id),
    totals,
    payers: tally(all, (c) => [...c.funding.map((f) => f.source), ...c.fundingMix.flatMap((m) => m.sources)]),
    tags: { problems: tagCounts('problems'), mechanisms: tagCounts('mechanisms'), actors: tagCounts('actors') },
    outcomes: [...outcomeCases.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, TOP),
  }
}

export async function buildMatrix(store: Store, groups: Group[], lang: Lang, view: { lang?: string; script?: string }) {
  const convert: Convert = converter(view.script === 'simp' || view.script === 'trad' ? view.script : 'orig')
  const english = englishLabels()
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(lang, key, vars)
  const link = (group: Group, extra: Record<string, string> = {}) => buildHref('/', { [group.field]: group.value, ...extra, ...view })
  const summaries = await Promise.all(groups.map(async (g) => summarise(store, await store.ids({ [g.field]: [g.value] }))))
  const rows: MatrixRow[] = [
    { key: 'groupCases', cells: groups.map((g, i) => [{ text: String(summaries[i].ids.length), href: link(g) }]) },
    {
      key: 'groupMedianFunding',
      cells: groups.map((g, i) => {
        const m = median(summaries[i].totals)
        const text = m === null ? t('notFoundInText') : `${t('wan', { n: m.toLocaleString('zh-CN'), yuan: (m * 10000).toLocaleString('en-US') })} · ${t('groupWithAmounts', { n: summaries[i].totals.length })}`
        return [{ text, href: link(g, { sort: 'funding' }) }]
      }),
    },
    {
      key: 'groupPayers',
      cells: groups.map((g, i) =>
        summaries[i].payers.slice(0, TOP).map(([source, n]) => ({
          text: `${facetLabel('fundingSource', source, lang, convert, english)} ${pct(n, summaries[i].ids.length)}`,
          href: link(g, { fundingSource: source }),
        })),
      ),
    },
    ...(['problems', 'mechanisms', 'actors'] as const).map((kind) => ({
      key: `field_${kind}` as const,
      cells: groups.map((g, i) =>
        summaries[i].tags[kind].map(([id, n, en]) => ({
          text: `${lang === 'en' && en ? en : convert(id)} ${pct(n, summaries[i].ids.length)}`,
          href: link(g, { [kind]: tagKey(id) }),
        })),
      ),
    })),
    {
      key: 'field_outcomes',
      cells: groups.map((_, i) =>
        summaries[i].outcomes.map(([label, ids]) => ({
          text: `${convert(label)} · ${t('casesCount', { n: ids.length })}`,
          href: buildHref('/basket', { ids: joinIds(ids.slice(0, LINKED_IDS)), ...view }),
        })),
      ),
    },
  ]
  return {
    columns: groups.map((g, i) => ({ ...g, label: `${t(`facet_${g.field}`)}：${facetLabel(g.field, g.value, lang, convert, english)}`, count: summaries[i].ids.length })),
    rows,
  }
}
