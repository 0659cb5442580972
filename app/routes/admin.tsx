import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PostForm } from '~/components/PostForm'
import { translate } from '~/i18n'
import { adminCookie, adminRequired, checkToken, isAdmin, requireOwnForm } from '~/models/auth.server'
import { langFromRequest, safeNext } from '~/models/lang.server'
import { useT } from '~/lib/ui'

export const meta: MetaFunction = () => [{ title: '管理口令 Admin token · Casebook' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  return { required: adminRequired(), admin: isAdmin(request), next: safeNext(url.searchParams.get('next')) }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  requireOwnForm(request, form)
  const token = String(form.get('token') ?? '')
  if (!adminRequired() || !checkToken(token)) {
    return data({ error: translate(langFromRequest(request), 'adminWrong') }, { status: 401 })
  }
  return redirect(safeNext(String(form.get('next') ?? '/')), { headers: { 'Set-Cookie': adminCookie(request) } })
}

export default function AdminPage() {
  const { required, admin, next } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  return (
    <div className="page narrow">
      <h1>{t('adminTitle')}</h1>
      <p className="help">{t('adminHelp')}</p>
      {admin && required && <p className="notice ok">{t('adminOk')}</p>}
      {required && (
        <PostForm className="inline-form">
          <input type="hidden" name="next" value={next} />
          <label htmlFor="token">{t('adminToken')}</label>
          <input
            id="token"
            name="token"
            type="password"
            required
            autoComplete="current-password"
            aria-invalid={result?.error ? true : undefined}
            aria-describedby={result?.error ? 'token-error' : undefined}
            autoFocus
          />
          <button type="submit">{t('adminSubmit')}</button>
        </PostForm>
      )}
      {result?.error && (
        <p id="token-error" className="field-error" role="alert">
          {result.error}
        </p>
      )}
    </div>
  )
}
