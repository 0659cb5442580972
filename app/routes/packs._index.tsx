import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { PostForm } from '~/components/PostForm'
import { ReadOnlyNotice } from '~/components/ReadOnlyNotice'
import { translate } from '~/i18n'
import { requireWrite } from '~/models/auth.server'
import { langFromRequest, keepView } from '~/models/lang.server'
import { createPack, listPacks } from '~/models/packs.server'
import { useRootData, useT, useHref } from '~/lib/ui'
import { AdminNotice } from '~/components/AdminNotice'

export const meta: MetaFunction = () => [{ title: '课程包 Course packs · Casebook' }]

const MAX_NAME = 120

export async function loader(_: LoaderFunctionArgs) {
  const packs = await listPacks()
  return { packs: packs.map((p) => ({ id: p.id, name: p.name, count: p.items.length, updated: p.updated })) }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  requireWrite(request, form)
  const name = String(form.get('name') ?? '').trim().slice(0, MAX_NAME)
  if (!name) return data({ error: translate(langFromRequest(request), 'packNameRequired') }, { status: 400 })
  const pack = await createPack(name)
  return redirect(keepView(request, `/packs/${pack.id}`))
}

export default function PacksPage() {
  const { packs } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  const href = useHref()
  const { admin, readOnly } = useRootData()
  return (
    <div className="page narrow">
      <h1>{t('packsTitle')}</h1>
      <p className="help">{t('packsHelp')}</p>
      {packs.length === 0 ? (
        <p>{t('noPacksYet')}</p>
      ) : (
        <ul className="pack-list">
          {packs.map((p) => (
            <li key={p.id}>
              <Link to={href(`/packs/${p.id}`)}>{p.name}</Link> <span className="small">{t('packCases', { n: p.count })}</span>{' '}
              <span className="small muted">
                {t('updated')} <time dateTime={p.updated}>{p.updated.slice(0, 10)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      {readOnly ? (
        <ReadOnlyNotice />
      ) : (
        <NewPackForm admin={admin} error={result?.error} />
      )}
    </div>
  )
}

function NewPackForm({ admin, error }: { admin: boolean; error?: string }) {
  const t = useT()
  return (
    <>
      <h2>{t('newPack')}</h2>
      {!admin && <AdminNotice />}
      <PostForm className="inline-form">
        <label htmlFor="pack-name">{t('packName')}</label>
        <input
          id="pack-name"
          name="name"
          required
          maxLength={MAX_NAME}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'pack-name-error' : undefined}
          autoFocus={Boolean(error)}
        />
        <button type="submit">{t('create')}</button>
      </PostForm>
      {error && (
        <p id="pack-name-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  )
}
