import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { FacetField } from '../../ingest/search/types'
import { langFromRequest } from '~/models/lang.server'
import { facetOptions } from '~/models/labels.server'
import { converter } from '~/models/script.server'
import { getStore } from '~/models/store.server'
import { englishLabels } from '~/models/vocabulary.server'
import { parseScript, useHref, useT } from '~/lib/ui'
import { Bars } from '~/components/Bars'
import type { LabelKey } from '~/i18n'

/** The dataset downloads, each under its own shareable URL. */
const EXPORTS: [href: string, label: LabelKey][] = [
  ['/export.csv', 'exportCsvAll'],
  ['/export.json', 'exportJsonAll'],
  ['/export.qdpx', 'exportQdpx'],
]

export const meta: MetaFunction = () => [{ title: '概览 Overview · Casebook' }]

const CHARTS: { field: FacetField; title: LabelKey; limit: number }[] = [
  { field: 'province', title: 'byProvince', limit: 20 },
  { field: 'model', title: 'byModel', limit: 15 },
  { field: 'mechanisms', title: 'byMechanism', limit: 15 },
  { field: 'fundingSource', title: 'byFunding', limit: 10 },
  { field: 'orgTierCount', title: 'byTiers', limit: 10 },
  { field: 'year', title: 'byYear', limit: 20 },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const lang = langFromRequest(request)
  const store = await getStore()
  const [facets, info] = await Promise.all([store.facets(), store.info()])
  const options = facetOptions(facets, lang, converter(parseScript(url.searchParams.get('script'))), englishLabels())
  return {
    info,
    charts: CHARTS.map(({ field, title, limit }) => {
      const all = options[field] ?? []
      const sorted = field === 'orgTierCount' || field === 'year' ? [...all].sort((a, b) => Number(a.value) - Number(b.value)) : all
      return { field, title, items: sorted.slice(0, limit), more: Math.max(0, all.length - limit) }
    }),
  }
}

export default function OverviewPage() {
  const { info, charts } = useLoaderData<typeof loader>()
  // The two commonest model names, as a first group comparison to open.
  const models = charts.find((c) => c.field === 'model')?.items ?? []
  const groupLink = models.length >= 2 ? models.slice(0, 2).map((m) => `model:${m.value}`) : null
  const t = useT()
  const href = useHref()
  return (
    <div className="page overview-page">
      <h1>{t('overviewTitle')}</h1>
      <p className="help">{t('overviewHelp')}</p>
      <p className="stat">
        {t('storeInfo', { cases: info.cases, passages: info.passages })}
      </p>
      <div className="charts">
        {charts.map((chart) => (
          <section key={chart.field} className="chart" aria-labelledby={`chart-${chart.field}`}>
            <h2 id={`chart-${chart.field}`}>{t(chart.title)}</h2>
            {chart.items.length === 0 ? (
              <p className="muted">{t('noData')}</p>
            ) : (
              <Bars
                label={t(chart.title)}
                items={chart.items.map((item) => ({ label: item.label, count: item.count, href: href('/', { [chart.field]: item.value }) }))}
              />
            )}
            {chart.more > 0 && (
              <p className="small">
                <Link to={href(`/facets/${chart.field}`)}>{t('facetMore', { n: chart.more })}</Link>
              </p>
            )}
          </section>
        ))}
      </div>
      {groupLink && (
        <p>
          <Link to={href('/groups', { g: groupLink })}>{t('groupsFromOverview')}</Link>
        </p>
      )}
      <section aria-labelledby="exports-h" className="exports">
        <h2 id="exports-h">{t('exports')}</h2>
        <ul>
          {EXPORTS.map(([path, label]) => (
            <li key={path}>
              <a href={href(path)} download>
                {t(label)}
              </a>{' '}
              <code>{path}</code>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
