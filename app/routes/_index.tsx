import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { FACET_FIELDS, type FacetField } from '../../ingest/search/types'
import { langFromRequest } from '~/models/lang.server'
import { facetOptions } from '~/models/labels.server'
import { modelNames, placeLine } from '~/models/card-view.server'
import { converter, displayHit, englishReasons } from '~/models/script.server'
import { PAGE_SIZE, parseSearchParams, removedNeeds, runSearch } from '~/models/search.server'
import { englishLabels } from '~/models/vocabulary.server'
import { KeepView, parseScript, useHref, useT } from '~/lib/ui'
import { SORTS, searchQuery } from '~/lib/search-url'
import { BasketButton } from '~/components/BasketButton'
import { FundingLine } from '~/components/FundingLine'
import { Marked } from '~/components/Marked'
import { Reasons } from '~/components/Reasons'
import { Understood } from '~/components/Understood'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `${data.q} · Casebook` : 'Casebook 案例库' },
]

/**
 * Values a facet lists: its commonest, beside every value the reader checked. A "more" link
 * (`?more=FIELD`, a shareable URL) opens one facet whole. Every value of every facet was ~200
 * checkboxes a page, the largest part of its rendering (bench/README "Search page").
 */
const FACETS_SHOWN = 8
/** A facet opened whole lists up to this many values (a search's 200 ranked cases never have more). */
const FACET_WHOLE = 200
/** Past this many values, an opened facet also gets a filter box and a link to its own page. */
const FACET_FIND = 20

function openFacet(url: URL): FacetField | null {
  const asked = url.searchParams.get('more')
  return (FACET_FIELDS as readonly string[]).includes(asked ?? '') ? (asked as FacetField) : null
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const params = parseSearchParams(url)
  const script = parseScript(url.searchParams.get('script'))
  const lang = langFromRequest(request)
  const convert = converter(script)
  const more = openFacet(url)
  try {
    const outcome = await runSearch(params)
    return {
      ...params,
      error: null,
      hits: outcome.hits.map(({ hit, funding, weak }) => {
        const shown = displayHit(hit, script)
        const reasons = 'reasons' in shown ? shown.reasons : []
        return {
          id: hit.id,
          title: shown.title,
          place: placeLine(hit.place, lang, script),
          published: hit.published,
          models: modelNames(hit.models, lang, script),
          // The card shows the passage's text and marks; its span in the case is not sent.
          passage: { text: shown.passage.text, marks: shown.passage.marks },
          reasons: lang === 'en' ? englishReasons(reasons, englishLabels()) : reasons,
          funding,
          weak,
        }
      }),
      total: outcome.total,
      strong: outcome.strong,
      pageCount: outcome.pageCount,
      first: (params.page - 1) * PAGE_SIZE + 1,
      expansions: outcome.expansions,
      understood: outcome.understood,
      situation: outcome.situation,
      removed: removedNeeds(params.without),
      more,
      facets: facetOptions(outcome.facets, lang, convert, englishLabels(), {
        limit: FACETS_SHOWN,
        limits: more ? { [more]: FACET_WHOLE } : {},
        selected: params.filters,
      }),
      facetSizes: Object.fromEntries(FACET_FIELDS.map((f) => [f, outcome.facets?.[f]?.length ?? 0])) as Record<FacetField, number>,
    }
  } catch (error) {
    return {
      ...params,
      error: error instanceof Error ? error.message : String(error),
      hits: [],
      total: 0,
      strong: null,
      pageCount: 0,
      first: 1,
      expansions: [],
      understood: [],
      situation: false,
      removed: [],
      more,
      facets: {} as ReturnType<typeof facetOptions>,
      facetSizes: {} as Record<FacetField, number>,
    }
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type HitView = Data['hits'][number]

function HitCard({ hit }: { hit: HitView }) {
  const t = useT()
  const href = useHref()
  return (
    <li className={`hit${hit.weak ? ' weak' : ''}`}>
      <div className="hit-head">
        <h3>
          <Link to={href(`/cases/${encodeURIComponent(hit.id)}`)}>{hit.title}</Link>
        </h3>
        <BasketButton id={hit.id} title={hit.title} />
      </div>
      <p className="meta">
        {hit.place && <span>{hit.place}</span>}
        {hit.published && <time dateTime={hit.published}>{hit.published}</time>}
      </p>
      {hit.models.length > 0 && (
        <ul className="chips" aria-label={t('field_models')}>
          {hit.models.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <FundingLine funding={hit.funding} />
      <p className="passage" lang="zh">
        <Marked text={hit.passage.text} marks={hit.passage.marks} />
      </p>
      <Reasons reasons={hit.reasons} />
    </li>
  )
}

function Facets({ data }: { data: Data }) {
  const t = useT()
  const href = useHref()
  const submit = useSubmit()
  const hasFilters = Object.keys(data.filters).length > 0
  const params = searchQuery(data)
  return (
    <aside className="facets" id="facets" aria-labelledby="facets-h">
      <h2 id="facets-h">{t('filters')}</h2>
      {FACET_FIELDS.map((field) => {
        const options = data.facets[field] ?? []
        if (!options.length) return null
        const size = data.facetSizes[field] ?? options.length
        const checked = new Set(data.filters[field] ?? [])
        // Checked values first: what narrows the results stays in view.
        const shown = [...options.filter((o) => checked.has(o.value)), ...options.filter((o) => !checked.has(o.value))]
        const open = data.more === field
        const label = t(`facet_${field}`)
        return (
          <fieldset key={field} className="facet" id={`facet-${field}`}>
            <legend>{label}</legend>
            <ul>
              {shown.map((o) => (
                <li key={o.value}>
                  <label>
                    <input
                      form="search-form"
                      type="checkbox"
                      name={field}
                      value={o.value}
                      defaultChecked={checked.has(o.value)}
                      onChange={(event) => submit(event.currentTarget.form)}
                    />
                    <span className="facet-label">{o.label}</span>
                    <span className="count">{o.count}</span>
                  </label>
                </li>
              ))}
            </ul>
            {open ? (
              <p className="facet-more small">
                <Link to={href(`/#facet-${field}`, params)} preventScrollReset>
                  {t('facetFewer')}
                </Link>
              </p>
            ) : (
              size > shown.length && (
                <p className="facet-more small">
                  <Link to={href(`/#facet-${field}`, { ...params, more: field })} preventScrollReset>
                    {t('facetMore', { n: size - shown.length })}
                  </Link>
                </p>
              )
            )}
            {open && size > FACET_FIND && (
              <Form method="get" action={`/facets/${field}`} className="facet-find">
                {Object.entries(params).flatMap(([k, vs]) => vs.map((v, i) => <input key={`${k}${i}`} type="hidden" name={k} value={v} />))}
                <KeepView />
                <label className="visually-hidden" htmlFor={`find-${field}`}>
                  {t('facetFilter', { field: label })}
                </label>
                <input id={`find-${field}`} name="fq" type="search" placeholder={t('facetFilter', { field: label })} autoComplete="off" />
                <button type="submit" className="secondary small">
                  {t('facetFind')}
                </button>
                <Link className="small" to={href(`/facets/${field}`, params)}>
                  {t('facetAll', { n: size })}
                </Link>
              </Form>
            )}
          </fieldset>
        )
      })}
      <div className="facet-actions">
        <button type="submit" form="search-form" className="secondary">
          {t('applyFilters')}
        </button>
        {hasFilters && <Link to={href('/', searchQuery({ ...data, filters: {} }))}>{t('clearFilters')}</Link>}
      </div>
    </aside>
  )
}

function resultsHead(data: Data, t: ReturnType<typeof useT>): string {
  if (data.error) return t('errorTitle')
  if (!data.q) return `${t('browseAll')} · ${t('casesCount', { n: data.total })}`
  const strong = data.strong ?? data.total
  const weak = data.total - strong
  return [t('matchesCount', { n: strong }), weak > 0 ? t('weakerCount', { n: weak }) : ''].filter(Boolean).join(' · ')
}

export default function SearchPage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const href = useHref()
  const submit = useSubmit()
  const navigation = useNavigation()
  const busy = navigation.state === 'loading' && navigation.location.pathname === '/'
  const params = searchQuery(data)
  const pageHref = (page: number) => href('/', { ...params, page: page > 1 ? String(page) : undefined })
  const hrefWithout = (without: string[]) => href('/', searchQuery({ ...data, without }))
  const strongHits = data.hits.filter((h) => !h.weak)
  const weakHits = data.hits.filter((h) => h.weak)
  const weakTotal = data.strong === null ? 0 : data.total - data.strong
  const pastEnd = !data.error && data.total > 0 && data.page > data.pageCount
  const filterCount = Object.values(data.filters).reduce((n, values) => n + (values?.length ?? 0), 0)
  // The mode's own order (relevance for a search, date when browsing) is sent as no value, so a
  // search typed on the browsing page is not sorted by the date that page was sorted by.
  const defaultSort = data.q ? 'relevance' : 'date'
  const sorts = SORTS.filter((s) => data.q || s !== 'relevance')
  return (
    <div className="page search-page">
      <h1 className="visually-hidden">{t('searchTitle')}</h1>
      <Form method="get" role="search" className="search-form" id="search-form">
        <KeepView />
        <fieldset className="mode">
          <legend className="visually-hidden">{t('modeLabel')}</legend>
          <label>
            <input type="radio" name="mode" value="keyword" defaultChecked={data.mode !== 'like'} /> {t('modeKeyword')}
          </label>
          <label>
            <input type="radio" name="mode" value="like" defaultChecked={data.mode === 'like'} /> {t('modeLike')}
          </label>
        </fieldset>
        <div className="search-row">
          <label htmlFor="q" className="visually-hidden">
            {data.mode === 'like' ? t('likeLabel') : t('searchLabel')}
          </label>
          <input
            id="q"
            type="search"
            name="q"
            defaultValue={data.q}
            key={data.q}
            placeholder={data.mode === 'like' ? t('likePlaceholder') : t('searchPlaceholder')}
            maxLength={10000}
            autoComplete="off"
          />
          {data.without.map((id) => (
            <input key={id} type="hidden" name="without" value={id} />
          ))}
          {/* A facet opened whole stays open while its values are checked one by one. */}
          {data.more && <input type="hidden" name="more" value={data.more} />}
          <button type="submit">{t('searchButton')}</button>
        </div>
      </Form>

      {/* A checkbox outside every form (no name, never submitted) opens the filter drawer on phones, with or without JavaScript. */}
      {/* Open when a facet was opened whole from it ("more"), so a phone lands on that facet. */}
      <input type="checkbox" id="filters-toggle" className="drawer-toggle visually-hidden" aria-controls="facets" defaultChecked={data.more !== null} />
      <div className="toolbar">
        <label htmlFor="filters-toggle" className="drawer-label button secondary small">
          {t('showFilters')}
          {filterCount > 0 && ` (${filterCount})`}
        </label>
        <label className="sort">
          <span>{t('sortLabel')}</span>{' '}
          <select
            name="sort"
            form="search-form"
            defaultValue={data.sort === defaultSort ? '' : data.sort}
            key={`${data.q}:${data.sort}`}
            onChange={(event) => submit(event.currentTarget.form)}
          >
            {sorts.map((s) => (
              <option key={s} value={s === defaultSort ? '' : s}>
                {t(`sort_${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="search-layout">
        <Facets data={data} />

        <section className="results" aria-labelledby="results-h" aria-busy={busy}>
          <h2 id="results-h" className="results-head" aria-live="polite">
            {resultsHead(data, t)}
          </h2>
          {data.error && (
            <p className="alert" role="alert">
              {t('storeMissing')} <span className="mono small">{data.error}</span>
            </p>
          )}
          <Understood understood={data.understood} removed={data.removed} situation={data.situation} hrefWithout={hrefWithout} />
          {data.expansions.length > 0 && <p className="help">{t('queryExpanded', { terms: data.expansions.join('、') })}</p>}
          {!data.error && data.total === 0 && <p>{t('noResults')}</p>}
          {pastEnd && (
            <p className="notice" role="status">
              {t('pastEnd', { page: data.page, total: data.total, pages: data.pageCount })} <Link to={pageHref(data.pageCount)}>{t('lastPage')}</Link>
            </p>
          )}
          {strongHits.length > 0 && (
            <ol className="hits" start={data.first}>
              {strongHits.map((hit) => (
                <HitCard key={hit.id} hit={hit} />
              ))}
            </ol>
          )}
          {weakHits.length > 0 && (
            <>
              <h3 className="weaker-head" id="weaker">
                {t('weakerMatches', { n: weakTotal })}
              </h3>
              <p className="help small">{t('weakerHelp')}</p>
              <ol className="hits weaker" start={data.first + strongHits.length}>
                {weakHits.map((hit) => (
                  <HitCard key={hit.id} hit={hit} />
                ))}
              </ol>
            </>
          )}
          {data.pageCount > 1 && !pastEnd && (
            <nav className="pager" aria-label={t('pages')}>
              {data.page > 1 && (
                <Link rel="prev" to={pageHref(data.page - 1)}>
                  ← {t('prevPage')}
                </Link>
              )}
              <span>{t('pageOf', { n: data.page, of: data.pageCount })}</span>
              {data.page < data.pageCount && (
                <Link rel="next" to={pageHref(data.page + 1)}>
                  {t('nextPage')} →
                </Link>
              )}
            </nav>
          )}
          {data.total > 0 && (
            <p className="export-links small">
              {t('exportResults')}: <a href={href('/export.csv', params)}>CSV</a> · <a href={href('/export.json', params)}>JSON</a> ·{' '}
              <a href={href('/export.qdpx', params)}>REFI-QDA</a>
            </p>
          )}
        </section>
      </div>
    </div>
  )
}

