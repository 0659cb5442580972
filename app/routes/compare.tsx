import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { loadComparison, parseIds, type CompareCell, type CompareRow, type CompareValue } from '~/models/compare.server'
import { MAX_COMPARE } from '~/lib/limits'
import { joinIds } from '~/lib/id-list'
import { getStore } from '~/models/store.server'
import { basketFromRequest } from '~/models/basket.server'
import { getCase, getCases, isCaseId } from '~/models/case.server'
import { keepView, langFromRequest } from '~/models/lang.server'
import { displayCase } from '~/models/script.server'
import { KeepView, parseScript, useHref, useT } from '~/lib/ui'

export const meta: MetaFunction = () => [{ title: '对比 Compare · Casebook' }]

const SUGGESTIONS = 6

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const script = parseScript(url.searchParams.get('script'))
  const basket = basketFromRequest(request)
  // The nav's plain /compare opens a comparison of the selection, under its own shareable URL.
  if (!url.searchParams.has('ids') && !url.searchParams.has('add') && basket.length) {
    throw redirect(keepView(request, `/compare?${new URLSearchParams({ ids: joinIds(basket.slice(0, MAX_COMPARE)) })}`))
  }
  const ids = parseIds(url)
  const added = (url.searchParams.get('add') ?? '').trim()
  let suggestions: { id: string; title: string }[] = []
  if (added) {
    if (isCaseId(added) && (await getCase(added))) {
      // The "add a case" form submits the current ids plus one; answer with the canonical URL.
      const next = new URLSearchParams(url.searchParams)
      next.delete('add')
      next.set('ids', joinIds([...ids, added]))
      throw redirect(`/compare?${next}`)
    }
    // Not an id: the words of a title or place, answered with the cases they find.
    const found = await (await getStore()).search(added, { limit: SUGGESTIONS + ids.length })
    suggestions = found.hits.filter((h) => !ids.includes(h.id)).slice(0, SUGGESTIONS).map((h) => ({ id: h.id, title: h.title }))
  }
  const lang = langFromRequest(request)
  const result = await loadComparison(ids, lang, script)
  const extra = await getCases(basket.filter((id) => !ids.includes(id)).slice(0, 12))
  return {
    ids,
    added,
    ...result,
    suggestions,
    selection: extra.found.map((c) => ({ id: c.id, title: displayCase(c, script).displayTitle })),
  }
}

function Value({ caseId, value, children }: { caseId: string; value: CompareValue; children: React.ReactNode }) {
  const href = useHref()
  if (value.q === null) return <>{children}</>
  return (
    <a className="quote-link" href={href(`/cases/${encodeURIComponent(caseId)}#q-${value.q}`)}>
      {children}
    </a>
  )
}

function Empty({ caseId, cell }: { caseId: string; cell: CompareCell }) {
  const href = useHref()
  if (!cell.empty) return null
  const text = <span className={`empty-${cell.empty.kind}`}>{cell.empty.text}</span>
  return cell.empty.q === null ? text : <a href={href(`/cases/${encodeURIComponent(caseId)}#q-${cell.empty.q}`)}>{text}</a>
}

function Funding({ caseId, cell, max }: { caseId: string; cell: CompareCell; max: number }) {
  const t = useT()
  const parts = cell.funding ?? []
  const known = parts.filter((p) => p.amountWan !== null)
  const total = known.reduce((sum, p) => sum + (p.amountWan ?? 0), 0)
  return (
    <div className="funding">
      {known.length > 0 && (
        <div className="funding-bar" style={{ width: `${Math.max(8, (total / max) * 100)}%` }} aria-hidden="true">
          {known.map((p, i) => (
            <span key={i} className={`seg fund-${p.source}`} style={{ flexGrow: p.amountWan ?? 0 }} title={p.text} />
          ))}
        </div>
      )}
      <Empty caseId={caseId} cell={cell} />
      <ul className="values">
        {cell.values.map((v, i) => (
          <li key={i} className={`v ${v.presence}`}>
            <Value caseId={caseId} value={v}>
              {v.text}
            </Value>
          </li>
        ))}
      </ul>
      {total > 0 && <p className="small">{t('fundingTotal', { n: total.toLocaleString(), yuan: (total * 10000).toLocaleString('en-US') })}</p>}
    </div>
  )
}

function Cell({ caseId, row, cell, max }: { caseId: string; row: CompareRow; cell: CompareCell; max: number }) {
  const t = useT()
  if (row.kind === 'funding') return <Funding caseId={caseId} cell={cell} max={max} />
  if (cell.empty) return <Empty caseId={caseId} cell={cell} />
  if (row.kind === 'ladder') {
    return (
      <ol className="ladder" aria-label={t('ladderLabel')}>
        {cell.values.map((v, i) => (
          <li key={i} className={`v ${v.presence}`} style={{ marginInlineStart: `${i * 0.9}rem` }}>
            <Value caseId={caseId} value={v}>
              {v.text}
            </Value>
          </li>
        ))}
      </ol>
    )
  }
  return (
    <ul className="values">
      {cell.values.map((v, i) => (
        <li key={i} className={`v ${v.presence}`}>
          <Value caseId={caseId} value={v}>
            {v.text}
          </Value>
          {v.presence === 'shared' && <span className="visually-hidden"> ({t('shared')})</span>}
          {v.presence === 'unique' && <span className="visually-hidden"> ({t('onlyHere')})</span>}
        </li>
      ))}
    </ul>
  )
}

export default function ComparePage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const href = useHref()
  const without = (id: string) => joinIds(data.ids.filter((other) => other !== id))
  const withCase = (id: string) => joinIds([...data.ids, id])
  const maxFunding = Math.max(
    1,
    ...(data.comparison?.rows.find((r) => r.kind === 'funding')?.cells ?? []).map((cell) =>
      (cell.funding ?? []).reduce((sum, p) => sum + (p.amountWan ?? 0), 0),
    ),
  )
  const room = data.ids.length < MAX_COMPARE
  return (
    <div className="page compare-page">
      <h1>{t('compareTitle')}</h1>
      <p className="help">
        {t('compareHelp')} <Link to={href('/groups')}>{t('groupCompareLink')}</Link>
      </p>

      {data.problem && (
        <div className="alert" role="alert">
          <p>{t(data.problem.key, data.problem.vars)}</p>
          {data.found.length > 0 && (
            <ul>
              {data.found.map((c) => (
                <li key={c.id}>
                  <Link to={href(`/cases/${encodeURIComponent(c.id)}`)}>{c.title}</Link>{' '}
                  <Link to={href('/compare', { ids: without(c.id) })} className="small" aria-label={`${t('removeFromCompare')}: ${c.title}`}>
                    ✕ {t('removeFromCompare')}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {data.comparison && (
        <>
          <p className="legend" aria-label={t('legend')}>
            <span className="v shared">{t('shared')}</span> <span className="v unique">{t('onlyHere')}</span>{' '}
            <span className="small muted">{t('compareQuoteHelp')}</span>
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('compareTitle')}>
            <table className="compare">
              <thead>
                <tr>
                  <th scope="col">{t('field')}</th>
                  {data.comparison.cases.map((c) => (
                    <th scope="col" key={c.id}>
                      <Link to={href(`/cases/${encodeURIComponent(c.id)}`)}>{c.title}</Link>
                      <div>
                        <Link to={href('/compare', { ids: without(c.id) })} className="small remove" aria-label={`${t('removeFromCompare')}: ${c.title}`}>
                          ✕ {t('removeFromCompare')}
                        </Link>
                      </div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.comparison.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{t(row.key)}</th>
                    {row.cells.map((cell, i) => (
                      <td key={i}>
                        <Cell caseId={data.comparison!.cases[i].id} row={row} cell={cell} max={maxFunding} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="actions">
            <a className="button secondary" href={href('/compare.md', { ids: joinIds(data.ids) })} download>
              {t('exportMarkdown')}
            </a>
            <a className="button secondary" href={href('/compare.csv', { ids: joinIds(data.ids) })} download>
              {t('exportCsv')}
            </a>
          </p>
        </>
      )}

      {room && data.selection.length > 0 && (
        <section aria-labelledby="from-selection-h" className="from-selection">
          <h2 id="from-selection-h">{t('addFromSelection')}</h2>
          <ul className="cards">
            {data.selection.map((c) => (
              <li key={c.id} className="card">
                <span>{c.title}</span>
                <Link className="small" to={href('/compare', { ids: withCase(c.id) })} aria-label={`${t('addCase')}: ${c.title}`}>
                  + {t('addCase')}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {room && (
        <Form method="get" className="inline-form add-case">
          <KeepView />
          <input type="hidden" name="ids" value={joinIds(data.ids)} />
          <label htmlFor="add">{t('addCase')}</label>
          <input id="add" name="add" placeholder={t('addCasePlaceholder')} defaultValue={data.added} required autoComplete="off" />
          <button type="submit">{t('add')}</button>
        </Form>
      )}
      {data.added && (
        <section aria-live="polite" className="suggestions">
          {data.suggestions.length === 0 ? (
            <p>{t('noSuggestions', { q: data.added })}</p>
          ) : (
            <ul>
              {data.suggestions.map((s) => (
                <li key={s.id}>
                  <Link to={href('/compare', { ids: withCase(s.id) })}>+ {s.title}</Link> <span className="mono small muted">{s.id}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  )
}
