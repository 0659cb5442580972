import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { loadComparison, parseIds, type CompareCell, type CompareRow } from '~/models/compare.server'
import { MAX_COMPARE } from '~/lib/limits'
import { getStore } from '~/models/store.server'
import { caseChoices } from '~/models/case.server'
import { langFromRequest } from '~/models/lang.server'
import { parseScript, useHref, useT } from '~/lib/ui'

export const meta: MetaFunction = () => [{ title: '对比 Compare · Casebook' }]

// A datalist of every case helps with a small corpus; with thousands it only bloats the page.
const CHOICES_UP_TO = 300

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const added = (url.searchParams.get('add') ?? '').trim()
  if (added) {
    // The "add a case" form submits the current ids plus one; answer with the canonical URL.
    const next = new URLSearchParams(url.searchParams)
    next.delete('add')
    next.delete('ids')
    next.set('ids', [...parseIds(url), added].join(','))
    throw redirect(`/compare?${next}`)
  }
  const ids = parseIds(url)
  const lang = langFromRequest(request)
  const script = parseScript(url.searchParams.get('script'))
  const result = await loadComparison(ids, lang, script)
  const info = await (await getStore()).info()
  const choices = info.cases <= CHOICES_UP_TO ? await caseChoices() : []
  return { ids, ...result, choices: choices.filter((c) => !ids.includes(c.id)) }
}

function Funding({ cell, max }: { cell: CompareCell; max: number }) {
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
      <ul className="values">
        {cell.values.map((v, i) => (
          <li key={i} className={`v ${v.presence}`}>
            {v.text}
          </li>
        ))}
      </ul>
      {total > 0 && <p className="small">{t('fundingTotal', { n: total.toLocaleString(), yuan: (total * 10000).toLocaleString('en-US') })}</p>}
    </div>
  )
}

function Cell({ row, cell, max }: { row: CompareRow; cell: CompareCell; max: number }) {
  const t = useT()
  if (row.kind === 'funding') return <Funding cell={cell} max={max} />
  if (row.kind === 'ladder') {
    return (
      <ol className="ladder" aria-label={t('ladderLabel')}>
        {cell.values.map((v, i) => (
          <li key={i} className={`v ${v.presence}`} style={{ marginInlineStart: `${i * 0.9}rem` }}>
            {v.text}
          </li>
        ))}
      </ol>
    )
  }
  return (
    <ul className="values">
      {cell.values.map((v, i) => (
        <li key={i} className={`v ${v.presence}`}>
          {v.text}
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
  const without = (id: string) => data.ids.filter((other) => other !== id).join(',')
  const maxFunding = Math.max(
    1,
    ...(data.comparison?.rows.find((r) => r.kind === 'funding')?.cells ?? []).map((cell) =>
      (cell.funding ?? []).reduce((sum, p) => sum + (p.amountWan ?? 0), 0),
    ),
  )
  return (
    <div className="page compare-page">
      <h1>{t('compareTitle')}</h1>
      <p className="help">{t('compareHelp')}</p>

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
            <span className="v shared">{t('shared')}</span> <span className="v unique">{t('onlyHere')}</span>
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
                        <Cell row={row} cell={cell} max={maxFunding} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="actions">
            <a className="button secondary" href={href('/compare.md', { ids: data.ids.join(',') })} download>
              {t('exportMarkdown')}
            </a>
            <a className="button secondary" href={href('/compare.csv', { ids: data.ids.join(',') })} download>
              {t('exportCsv')}
            </a>
          </p>
        </>
      )}

      {data.ids.length < MAX_COMPARE && (
        <Form method="get" className="inline-form add-case">
          <input type="hidden" name="ids" value={data.ids.join(',')} />
          <label htmlFor="add">{t('addCase')}</label>
          <input id="add" name="add" list="case-choices" placeholder={t('caseId')} required autoComplete="off" />
          <datalist id="case-choices">
            {data.choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </datalist>
          <button type="submit">{t('add')}</button>
        </Form>
      )}
    </div>
  )
}
