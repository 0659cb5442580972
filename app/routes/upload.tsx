import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  MaxPartSizeExceededError,
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { PostForm } from '~/components/PostForm'
import { translate, type Lang } from '~/i18n'
import { requireWrite } from '~/models/auth.server'
import { buildCaseView, placeText } from '~/models/case-view.server'
import { MAX_UPLOAD_BYTES } from '~/models/config.server'
import { langFromRequest, keepView } from '~/models/lang.server'
import { processUpload, saveUpload, stage, unstage, type UploadProblem } from '~/models/upload.server'
import { useRootData, useT } from '~/lib/ui'
import { ACCEPTED_UPLOADS } from '~/lib/limits'
import { AdminNotice } from '~/components/AdminNotice'
import { CaseText } from '~/components/CaseText'
import { FieldList } from '~/components/FieldList'
import { RemovedList } from '~/components/RemovedList'

export const meta: MetaFunction = () => [{ title: '添加报告 Add a report · Casebook' }]

function problemText(lang: Lang, problem: UploadProblem): string {
  switch (problem.kind) {
    case 'no-file':
      return translate(lang, 'uploadNoFile')
    case 'too-large':
      return translate(lang, 'uploadTooLarge')
    case 'rejected':
      return translate(lang, 'uploadRejected', { message: problem.message })
    case 'exists':
      return translate(lang, 'uploadExists', { id: problem.id })
    case 'expired':
      return translate(lang, 'uploadExpired')
    case 'busy':
      return translate(lang, 'uploadBusy', { id: problem.id })
  }
}

function refuse(lang: Lang, problem: UploadProblem) {
  return data({ error: problemText(lang, problem), preview: null }, { status: problem.kind === 'too-large' ? 413 : problem.kind === 'busy' ? 409 : 400 })
}

async function readForm(request: Request): Promise<FormData | 'too-large'> {
  const declared = Number(request.headers.get('Content-Length') ?? 0)
  // Refuse before reading when the client says it is sending more than we accept (plus form overhead).
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) return 'too-large'
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }))
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return 'too-large'
    throw error
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const lang = langFromRequest(request)
  const isMultipart = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
  const form = isMultipart ? await readForm(request) : await request.formData()
  if (form === 'too-large') return refuse(lang, { kind: 'too-large' })
  requireWrite(request, form)
  const intent = String(form.get('intent') ?? 'preview')

  let upload: { name: string; bytes: Uint8Array } | null = null
  const file = form.get('file')
  if (file && typeof file !== 'string' && file.size > 0) {
    upload = { name: file.name || 'upload.txt', bytes: new Uint8Array(await file.arrayBuffer()) }
  } else if (typeof form.get('staged') === 'string' && form.get('staged')) {
    upload = unstage(String(form.get('staged')))
    if (!upload) return refuse(lang, { kind: 'expired' })
  }
  if (!upload) return refuse(lang, { kind: 'no-file' })

  if (intent === 'save') {
    const saved = await saveUpload(upload.name, upload.bytes)
    if ('kind' in saved) return refuse(lang, saved)
    return redirect(keepView(request, `/cases/${encodeURIComponent(saved.id)}`))
  }

  const processed = await processUpload(upload.name, upload.bytes)
  if ('kind' in processed) return refuse(lang, processed)
  const staged = stage(upload.name, upload.bytes)
  return {
    error: null,
    preview: {
      staged,
      name: upload.name,
      id: processed.id,
      title: processed.displayTitle,
      place: placeText(processed.place),
      published: processed.published,
      format: processed.origin.format,
      encoding: processed.origin.encoding,
      removed: processed.removed,
      view: buildCaseView(processed, lang),
    },
  }
}

export default function UploadPage() {
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const t = useT()
  const { admin } = useRootData()
  const busy = navigation.state === 'submitting'
  return (
    <div className="page upload-page">
      <h1>{t('uploadTitle')}</h1>
      <p className="help">{t('uploadHelp')}</p>
      {!admin && <AdminNotice />}
      <PostForm encType="multipart/form-data" className="upload-form" aria-busy={busy}>
        <label htmlFor="file">{t('file')}</label>
        <input
          id="file"
          name="file"
          type="file"
          accept={ACCEPTED_UPLOADS.join(',')}
          required
          aria-invalid={result?.error ? true : undefined}
          aria-describedby={result?.error ? 'upload-error' : undefined}
        />
        <div className="actions">
          <button type="submit" name="intent" value="preview">
            {t('preview')}
          </button>
          <button type="submit" name="intent" value="save" className="secondary">
            {t('saveAsCase')}
          </button>
        </div>
      </PostForm>
      {result?.error && (
        <p id="upload-error" className="alert" role="alert">
          {result.error}
        </p>
      )}
      {result?.preview && (
        <section className="preview" aria-labelledby="preview-h">
          <h2 id="preview-h">{t('previewTitle', { title: result.preview.title })}</h2>
          <p className="notice">{t('previewNote')}</p>
          <p className="meta">
            <span className="mono">{result.preview.id}</span>
            {result.preview.place && <span>{result.preview.place}</span>}
            {result.preview.published && <span>{result.preview.published}</span>}
            <span>
              {t('format')}: {result.preview.format}
            </span>
            <span>
              {t('encoding')}: {result.preview.encoding}
            </span>
          </p>
          <PostForm encType="multipart/form-data">
            <input type="hidden" name="staged" value={result.preview.staged} />
            <button type="submit" name="intent" value="save">
              {t('saveAsCase')}
            </button>
          </PostForm>
          <div className="case-grid">
            <section className="fields-panel" aria-label={t('structuredFields')}>
              <FieldList rows={result.preview.view.rows} />
            </section>
            <section className="text-panel" aria-label={t('cleanedText')}>
              <CaseText segments={result.preview.view.segments} quotes={result.preview.view.quotes} />
              <details className="removed">
                <summary>{t('removedText', { n: result.preview.removed.length })}</summary>
                <RemovedList removed={result.preview.removed} />
              </details>
            </section>
          </div>
          <p>
            <Link to="/upload">{t('uploadTitle')}</Link>
          </p>
        </section>
      )}
    </div>
  )
}
