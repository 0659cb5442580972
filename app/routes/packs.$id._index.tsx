import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from '@remix-run/react'
import { PostForm } from '~/components/PostForm'
import { ReadOnlyNotice } from '~/components/ReadOnlyNotice'
import { translate } from '~/i18n'
import { requireWrite } from '~/models/auth.server'
import { placeText } from '~/models/case-view.server'
import { getCase } from '~/models/case.server'
import { langFromRequest, keepView } from '~/models/lang.server'
import { loadPack } from '~/models/pack-view.server'
import { PackNotFound, addItem, deletePack, moveItem, removeItem, setNote, updatePack, type Pack } from '~/models/packs.server'
import { displayCase } from '~/models/script.server'
import { parseScript, useHref, useRootData, useT } from '~/lib/ui'
import { AdminNotice } from '~/components/AdminNotice'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? ''} · Casebook` }]

const MAX_NOTE = 2000

export async function loader({ request, params }: LoaderFunctionArgs) {
  const loaded = await loadPack(params.id ?? '')
  if (!loaded) throw new Response('Not Found', { status: 404 })
  const script = parseScript(new URL(request.url).searchParams.get('script'))
  const { pack, cases } = loaded
  return {
    id: pack.id,
    name: pack.name,
    updated: pack.updated,
    items: pack.items.map((item) => {
      const c = cases.get(item.caseId)
      const shown = c ? displayCase(c, script) : null
      return {
        caseId: item.caseId,
        note: item.note,
        title: shown?.displayTitle ?? null,
        place: shown ? placeText(shown.place) : '',
        models: shown?.models ?? [],
      }
    }),
  }
}

type Change = (pack: Pack) => void

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData()
  requireWrite(request, form)
  const id = params.id ?? ''
  const lang = langFromRequest(request)
  const intent = String(form.get('intent') ?? '')
  const caseId = String(form.get('caseId') ?? '').trim()
  if (intent === 'delete') {
    await deletePack(id)
    return redirect(keepView(request, '/packs'))
  }
  if (intent === 'add' && !(await getCase(caseId))) {
    return data({ error: translate(lang, 'unknownCase', { id: caseId }) }, { status: 400 })
  }
  const name = String(form.get('name') ?? '').trim().slice(0, 120)
  if (intent === 'rename' && !name) return data({ error: translate(lang, 'packNameRequired') }, { status: 400 })
  const changes: Record<string, Change> = {
    add: (pack) => addItem(pack, caseId),
    up: (pack) => moveItem(pack, caseId, 'up'),
    down: (pack) => moveItem(pack, caseId, 'down'),
    remove: (pack) => removeItem(pack, caseId),
    note: (pack) => setNote(pack, caseId, String(form.get('note') ?? '').slice(0, MAX_NOTE)),
    rename: (pack) => {
      pack.name = name
    },
  }
  const change = changes[intent]
  if (!change) throw new Response('Bad Request', { status: 400 })
  try {
    await updatePack(id, change)
  } catch (error) {
    if (error instanceof PackNotFound) throw new Response('Not Found', { status: 404 })
    throw error
  }
  return redirect(keepView(request, `/packs/${id}${caseId && intent !== 'remove' ? `#item-${encodeURIComponent(caseId)}` : ''}`))
}

function ItemButton({ intent, caseId, label, disabled }: { intent: string; caseId: string; label: string; disabled?: boolean }) {
  return (
    <PostForm className="button-form" preventScrollReset>
      <input type="hidden" name="caseId" value={caseId} />
      <button type="submit" name="intent" value={intent} className="secondary small" disabled={disabled}>
        {label}
      </button>
    </PostForm>
  )
}

export default function PackPage() {
  const pack = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  const href = useHref()
  const { admin, readOnly } = useRootData()
  return (
    <div className="page narrow pack-page">
      <p className="eyebrow">
        <Link to={href('/packs')}>{t('packsTitle')}</Link>
      </p>
      <h1>{pack.name}</h1>
      <p className="actions">
        <Link className="button" to={href(`/packs/${pack.id}/handout`)}>
          {t('handout')}
        </Link>
        <a className="button secondary" href={href(`/packs/${pack.id}/handout.md`)}>
          {t('handoutMd')}
        </a>
      </p>
      {readOnly ? <ReadOnlyNotice /> : !admin && <AdminNotice />}
      {result?.error && (
        <p className="field-error" role="alert">
          {result.error}
        </p>
      )}
      {pack.items.length === 0 ? (
        <p>{t('packEmpty')}</p>
      ) : (
        <ol className="pack-items">
          {pack.items.map((item, i) => (
            <li key={item.caseId} id={`item-${item.caseId}`} className="pack-item">
              <div className="pack-item-head">
                <div>
                  {item.title ? (
                    <Link to={href(`/cases/${encodeURIComponent(item.caseId)}`)}>{item.title}</Link>
                  ) : (
                    <span className="muted">{t('unknownCase', { id: item.caseId })}</span>
                  )}
                  <p className="meta">
                    {item.place && <span>{item.place}</span>}
                    {item.models.length > 0 && <span>{item.models.join('、')}</span>}
                  </p>
                </div>
                {!readOnly && (
                  <div className="item-buttons" role="group" aria-label={item.title ?? item.caseId}>
                    <ItemButton intent="up" caseId={item.caseId} label={`↑ ${t('moveUp')}`} disabled={i === 0} />
                    <ItemButton intent="down" caseId={item.caseId} label={`↓ ${t('moveDown')}`} disabled={i === pack.items.length - 1} />
                    <ItemButton intent="remove" caseId={item.caseId} label={t('remove')} />
                  </div>
                )}
              </div>
              {readOnly ? (
                item.note && <p className="note">{item.note}</p>
              ) : (
              <PostForm className="note-form" preventScrollReset>
                <input type="hidden" name="caseId" value={item.caseId} />
                <label htmlFor={`note-${i}`}>{t('note')}</label>
                <textarea id={`note-${i}`} name="note" defaultValue={item.note} rows={2} maxLength={MAX_NOTE} key={item.note} />
                <button type="submit" name="intent" value="note" className="secondary small">
                  {t('saveNote')}
                </button>
              </PostForm>
              )}
            </li>
          ))}
        </ol>
      )}

      {!readOnly && <PackEditForms name={pack.name} />}
    </div>
  )
}

/** Adding a case, renaming and deleting: not on a read-only replica. */
function PackEditForms({ name }: { name: string }) {
  const t = useT()
  return (
    <>
      <PostForm className="inline-form">
        <label htmlFor="add-case">{t('addCase')}</label>
        <input id="add-case" name="caseId" placeholder={t('caseId')} required autoComplete="off" />
        <button type="submit" name="intent" value="add">
          {t('add')}
        </button>
      </PostForm>

      <details className="pack-settings">
        <summary>
          {t('rename')} / {t('deletePack')}
        </summary>
        <PostForm className="inline-form">
          <label htmlFor="rename">{t('packName')}</label>
          <input id="rename" name="name" defaultValue={name} required maxLength={120} />
          <button type="submit" name="intent" value="rename" className="secondary">
            {t('rename')}
          </button>
        </PostForm>
        <PostForm>
          <button type="submit" name="intent" value="delete" className="danger">
            {t('deletePack')}
          </button>
        </PostForm>
      </details>
    </>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const t = useT()
  const href = useHref()
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="page narrow">
        <h1>{t('packNotFound')}</h1>
        <p>
          <Link to={href('/packs')}>{t('packsTitle')}</Link>
        </p>
      </div>
    )
  }
  throw error
}
