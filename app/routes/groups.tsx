import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { buildMatrix, parseGroups } from '~/models/groups.server'
import { GROUP_FIELDS, MAX_GROUPS } from '~/lib/groups'
import { langFromRequest } from '~/models/lang.server'
import { getStore } from '~/models/store.server'
import { KeepView, useT, viewParams } from '~/lib/ui'

export const meta: MetaFunction = () => [{ title: '整组对比 Compare groups · Casebook' }]

/** `/groups?g=model:五位一体&g=model:红栋力`: a shareable framework matrix of two to four groups. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  if (url.searchParams.has('go')) {
    // The form sends field and value per slot; the shareable URL holds `g=field:value`.
    const next = new URLSearchParams()
    for (let i = 0; i < MAX_GROUPS; i++) {
      const value = (url.searchParams.get(`v${i}`) ?? '').trim()
      if (value) next.append('g', `${url.searchParams.get(`f${i}`) ?? 'model'}:${value}`)
    }
    for (const key of ['lang', 'script']) if (url.searchParams.has(key)) next.set(key, url.searchParams.get(key)!)
    throw redirect(`/groups?${next}`)
  }
  const groups = parseGroups(url)
  const matrix = groups.length >= 2 ? await buildMatrix(await getStore(), groups, langFromRequest(request), viewParams(url.search)) : null
  return { groups, matrix, asked: url.searchParams.has('g') }
}

export default function GroupsPage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const slots = Array.from({ length: MAX_GROUPS }, (_, i) => data.groups[i] ?? null)
  return (
    <div className="page groups-page">
      <h1>{t('groupsTitle')}</h1>
      <p className="help">{t('groupsHelp')}</p>
      <Form method="get" className="groups-form">
        <KeepView />
        {slots.map((g, i) => (
          <fieldset key={i} className="group-slot">
            <legend>{t('groupN', { n: i + 1 })}</legend>
            <label>
              <span className="visually-hidden">{t('groupField')}</span>
              <select name={`f${i}`} defaultValue={g?.field ?? 'model'} aria-label={`${t('groupN', { n: i + 1 })} · ${t('groupField')}`}>
                {GROUP_FIELDS.map((field) => (
                  <option key={field} value={field}>
                    {t(`facet_${field}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="visually-hidden">{t('groupValue')}</span>
              <input name={`v${i}`} defaultValue={g?.value ?? ''} aria-label={`${t('groupN', { n: i + 1 })} · ${t('groupValue')}`} autoComplete="off" />
            </label>
          </fieldset>
        ))}
        <button type="submit" name="go" value="1">
          {t('groupCompareButton')}
        </button>
      </Form>
      {data.asked && !data.matrix && <p className="alert">{t('groupTooFew')}</p>}
      {data.matrix && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('groupsTitle')}>
          <table className="compare matrix">
            <thead>
              <tr>
                <th scope="col">{t('groupTheme')}</th>
                {data.matrix.columns.map((c, i) => (
                  <th scope="col" key={i}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.matrix.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{t(row.key)}</th>
                  {row.cells.map((cell, i) => (
                    <td key={i}>
                      {cell.length === 0 ? (
                        <span className="empty-not-found">—</span>
                      ) : (
                        <ul className="values">
                          {cell.map((item) => (
                            <li key={item.href + item.text}>
                              <Link to={item.href}>{item.text}</Link>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
