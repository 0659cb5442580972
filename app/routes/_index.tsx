import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { FACET_FIELDS, type FacetField } from '../../ingest/search/types'
import { langFromRequest } from '~/models/lang.server'
import { facetOptions } from '~/models/labels.server'
import { placeText } from '~/models/case-view.server'
import { converter, displayHit, englishReasons } from '~/models/script.server'
import { PAGE_SIZE, parseSearchParams, removedNeeds, runSearch } from '~/models/search.server'
import { englishLabels } from '~/models/vocabulary.server'
import { parseScript, useHref, useT } from '~/lib/ui'
import { Marked } from '~/components/Marked'
import { Reasons } from '~/components/Reasons'
import { Understood } from '~/components/Understood'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `${data.q} · Casebook` : 'Casebook 案例库' },
]

const FACETS_SHOWN = 8
// Values sent per facet: the first FACETS_SHOWN show, the rest sit behind a "+n" disclosure.
const FACET_OPTIONS = 20

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const params = parseSearchParams(url)
  const script = parseScript(url.searchParams.get('script'))
  const lang = langFromRequest(request)
  try {
    const outcome = await runSearch(params)
    return {
      ...params,
      script,
      error: null,
      hits: outcome.hits.map((hit) => {
        const shown = displayHit(hit, script)
        const reasons = 'reasons' in shown ? shown.reasons : []
        return { ...shown, placeLabel: placeText(shown.place), reasons: lang === 'en' ? englishReasons(reasons, englishLabels()) : reasons }
      }),
      total: outcome.total,
      first: (params.page - 1) * PAGE_SIZE + 1,
      more: outcome.more,
      expansions: outcome.expansions,
      understood: outcome.understood,
      situation: outcome.situation,
      removed: removedNeeds(params.without),
      facets: facetOptions(outcome.facets, lang, converter(script), englishLabels(), { limit: FACET_OPTIONS, selected: params.filters }),
    }
  } catch (error) {
    return {
      ...params,
      script,
      error: error instanceof Error ? error.message : String(error),
      hits: [],
      total: null,
      first: 1,
      more: false,
      expansions: [],
      understood: [],
      situation: false,
      removed: [],
      facets: {} as ReturnType<typeof facetOptions>,
    }
  }
}

export default function SearchPage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const href = useHref()
  const submit = useSubmit()
  const navigation = useNavigation()
  const busy = navigation.state === 'loading' && navigation.location.pathname === '/'
  const selected = (field: FacetField, value: string) => data.filters[field]?.includes(value) ?? false
  const hasFilters = Object.keys(data.filters).length > 0
  const pageHref = (page: number) =>
    href('/', { q: data.q || undefined, mode: data.mode === 'like' ? 'like' : undefined, ...data.filters, without: data.without, page: page > 1 ? String(page) : undefined })
  const hrefWithout = (without: string[]) => href('/', { q: data.q || undefined, ...data.filters, without })
  return (
    <div className="page search-page">
      <h1 className="visually-hidden">{t('searchTitle')}</h1>
      <Form method="get" role="search" className="search-form" id="search-form">
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
          {data.script !== 'orig' && <input type="hidden" name="script" value={data.script} />}
          {data.without.map((id) => (
            <input key={id} type="hidden" name="without" value={id} />
          ))}
          <button type="submit">{t('searchButton')}</button>
        </div>
      </Form>

      <div className="search-layout">
          <aside className="facets" aria-labelledby="facets-h">
            <h2 id="facets-h">{t('filters')}</h2>
            {FACET_FIELDS.map((field) => {
              const options = data.facets[field] ?? []
              const chosen = options.filter((o) => selected(field, o.value))
              const others = options.filter((o) => !selected(field, o.value))
              const visible = [...chosen, ...others.slice(0, Math.max(0, FACETS_SHOWN - chosen.length))]
              const hidden = others.slice(Math.max(0, FACETS_SHOWN - chosen.length))
              if (!options.length) return null
              const box = (o: (typeof options)[number]) => (
                <li key={o.value}>
                  <label>
                    <input
                      form="search-form"
                      type="checkbox"
                      name={field}
                      value={o.value}
                      defaultChecked={selected(field, o.value)}
                      onChange={(event) => submit(event.currentTarget.form)}
                    />
                    <span className="facet-label">{o.label}</span>
                    <span className="count">{o.count}</span>
                  </label>
                </li>
              )
              return (
                <fieldset key={field} className="facet">
                  <legend>{t(`facet_${field}`)}</legend>
                  <ul>{visible.map(box)}</ul>
                  {hidden.length > 0 && (
                    <details>
                      <summary>+{hidden.length}</summary>
                      <ul>{hidden.map(box)}</ul>
                    </details>
                  )}
                </fieldset>
              )
            })}
            <div className="facet-actions">
              <button type="submit" form="search-form" className="secondary">
                {t('applyFilters')}
              </button>
              {hasFilters && <Link to={href('/', { q: data.q || undefined, mode: data.mode === 'like' ? 'like' : undefined })}>{t('clearFilters')}</Link>}
            </div>
          </aside>

          <section className="results" aria-labelledby="results-h" aria-busy={busy}>
            <h2 id="results-h" className="results-head" aria-live="polite">
              {data.error
                ? t('errorTitle')
                : data.q
                  ? data.page > 1 || data.more
                    ? t('resultsRange', { from: data.first, to: data.first + data.hits.length - 1 })
                    : t('resultsCount', { n: data.hits.length })
                  : `${t('browseAll')} · ${t('casesCount', { n: data.total ?? data.hits.length })}`}
            </h2>
            {data.error && (
              <p className="alert" role="alert">
                {t('storeMissing')} <span className="mono small">{data.error}</span>
              </p>
            )}
            <Understood understood={data.understood} removed={data.removed} situation={data.situation} hrefWithout={hrefWithout} />
            {data.expansions.length > 0 && <p className="help">{t('queryExpanded', { terms: data.expansions.join('、') })}</p>}
            {!data.error && data.hits.length === 0 && <p>{t('noResults')}</p>}
            <ol className="hits" start={data.first}>
              {data.hits.map((hit) => (
                <li key={hit.id} className="hit">
                  <h3>
                    <Link to={href(`/cases/${encodeURIComponent(hit.id)}`)}>{hit.title}</Link>
                  </h3>
                  <p className="meta">
                    {hit.placeLabel && <span>{hit.placeLabel}</span>}
                    {hit.published && <time dateTime={hit.published}>{hit.published}</time>}
                  </p>
                  {hit.models.length > 0 && (
                    <ul className="chips" aria-label={t('field_models')}>
                      {hit.models.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  )}
                  <p className="passage" lang="zh">
                    <Marked text={hit.passage.text} marks={hit.passage.marks} />
                  </p>
                  <Reasons reasons={hit.reasons} />
                </li>
              ))}
            </ol>
            {(data.page > 1 || data.more) && (
              <nav className="pager" aria-label={t('pages')}>
                {data.page > 1 && (
                  <Link rel="prev" to={pageHref(data.page - 1)}>
                    ← {t('prevPage')}
                  </Link>
                )}
                <span>{t('pageN', { n: data.page })}</span>
                {data.more && (
                  <Link rel="next" to={pageHref(data.page + 1)}>
                    {t('nextPage')} →
                  </Link>
                )}
              </nav>
            )}
          </section>
      </div>
    </div>
  )
}
