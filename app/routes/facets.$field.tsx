import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { FACET_FIELDS, type FacetField } from '../../ingest/search/types'
import { searchNormal } from '../../ingest/search/normalize'
import { langFromRequest } from '~/models/lang.server'
import { facetOptions } from '~/models/labels.server'
import { converter } from '~/models/script.server'
import { parseSearchParams, runSearch } from '~/models/search.server'
import { englishLabels } from '~/models/vocabulary.server'
import { KeepView, parseScript, useHref, useT } from '~/lib/ui'
import { searchQuery } from '~/lib/search-url'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.field ?? ''} · Casebook` }]

/**
 * `/facets/district?q=…&province=…&fq=江`: every value of one facet for a search (the search page
 * lists the commonest), narrowed by a filter box; each value links to the search with it added.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const field = params.field as FacetField
  if (!(FACET_FIELDS as readonly string[]).includes(field)) throw new Response('Not Found', { status: 404 })
  const url = new URL(request.url)
  const search = parseSearchParams(url)
  const lang = langFromRequest(request)
  const fq = (url.searchParams.get('fq') ?? '').trim()
  const outcome = await runSearch({ ...search, page: 1 })
  const options = facetOptions(outcome.facets, lang, converter(parseScript(url.searchParams.get('script'))), englishLabels())[field] ?? []
  const needle = searchNormal(fq)
  const matching = needle ? options.filter((o) => searchNormal(`${o.value} ${o.label}`).includes(needle)) : options
  return { field, fq, search: { ...search, page: 1 }, total: options.length, options: matching }
}

export default function FacetPage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const href = useHref()
  const params = searchQuery(data.search)
  const label = t(`facet_${data.field}`)
  const chosen = new Set(data.search.filters[data.field] ?? [])
  return (
    <div className="page narrow facet-page">
      <p className="eyebrow">
        <Link to={href('/', params)}>← {t('backToResults')}</Link>
      </p>
      <h1>{t('facetPageTitle', { field: label })}</h1>
      <Form method="get" className="inline-form" role="search">
        {Object.entries(params).flatMap(([k, vs]) => vs.map((v, i) => <input key={`${k}${i}`} type="hidden" name={k} value={v} />))}
        <KeepView />
        <label htmlFor="fq">{t('facetFilter', { field: label })}</label>
        <input id="fq" name="fq" type="search" defaultValue={data.fq} autoComplete="off" autoFocus />
        <button type="submit">{t('facetFind')}</button>
      </Form>
      <p className="help">{t('facetAll', { n: data.total })}</p>
      {data.options.length === 0 ? (
        <p>{t('facetNoMatch')}</p>
      ) : (
        <ul className="facet-values">
          {data.options.map((o) => (
            <li key={o.value}>
              <Link
                to={href('/', { ...params, [data.field]: [...(params[data.field] ?? []).filter((v) => v !== o.value), o.value] })}
                aria-current={chosen.has(o.value) ? 'true' : undefined}
              >
                {o.label}
              </Link>{' '}
              <span className="count">{o.count}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
