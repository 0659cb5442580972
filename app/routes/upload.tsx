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
import { ReadOnlyNotice } from '~/components/ReadOnlyNotice'
import { translate, type Lang } from '~/i18n'
import { refuseOnReplica, requireWrite } from '~/models/auth.server'
import { buildCaseView, placeText } from '~/models/case-view.server'
import { MAX_UPLOAD_BYTES } from '~/models/config.server'
import { langFromRequest, keepView } from '~/models/lang.server'
import {
  EDITABLE,
  applyEdits,
  editableValue,
  pastedReport,
  processUpload,
  saveUpload,
  stage,
  unstage,
  type Edits,
  type UploadProblem,
} from '~/models/upload.server'
import { KeepView, useRootData, useT, useHref } from '~/lib/ui'
import { useHydrated } from '~/components/BasketButton'
import { useState } from 'react'
import type { LabelKey } from '~/i18n'
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
  // Before a file of up to the upload limit is read only to be refused.
  refuseOnReplica(request)
  const isMultipart = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
  const form = isMultipart ? await readForm(request) : await request.formData()
  if (form === 'too-large') return refuse(lang, { kind: 'too-large' })
  requireWrite(request, form)
  const intent = String(form.get('intent') ?? 'preview')

  let upload: { name: string; bytes: Uint8Array } | null = null
  const file = form.get('file')
  const pasted = String(form.get('text') ?? '').trim()
  if (file && typeof file !== 'string' && file.size > 0) {
    upload = { name: file.name || 'upload.txt', bytes: new Uint8Array(await file.arrayBuffer()) }
  } else if (pasted) {
    upload = pastedReport(pasted)
  } else if (typeof form.get('staged') === 'string' && form.get('staged')) {
    upload = unstage(String(form.get('staged')))
    if (!upload) return refuse(lang, { kind: 'expired' })
  }
  if (!upload) return refuse(lang, { kind: 'no-file' })

  const edits = editsOf(form)
  if (intent === 'save') {
    const saved = await saveUpload(upload.name, upload.bytes, edits)
    if ('kind' in saved) return refuse(lang, saved)
    return redirect(keepView(request, `/cases/${encodeURIComponent(saved.id)}`))
  }

  const extracted = await processUpload(upload.name, upload.bytes)
  if ('kind' in extracted) return refuse(lang, extracted)
  // A title and link given with pasted text show in the preview as corrections already made.
  const processed = applyEdits(extracted, edits)
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
      fields: EDITABLE.map((path) => ({ path, value: editableValue(processed, path), extracted: editableValue(extracted, path) })),
      noFunding: !processed.funding.length && !processed.fundingMix.length,
    },
  }
}

/** Corrections typed in the preview (`f.<path>`), and the title and link given with pasted text. */
function editsOf(form: FormData): Edits {
  const edits: Edits = {}
  for (const path of EDITABLE) {
    const value = form.get(`f.${path}`)
    if (typeof value === 'string') edits[path] = value
  }
  for (const [field, path] of [['title', 'title'], ['url', 'source.url']] as const) {
    const value = String(form.get(field) ?? '').trim()
    if (value && edits[path] === undefined) edits[path] = value
  }
  if (form.get('noFunding') === 'on') edits.noFunding = true
  return edits
}

const EDIT_LABELS: Record<(typeof EDITABLE)[number], LabelKey> = {
  title: 'field_title',
  published: 'field_published',
  'source.name': 'field_source',
  'source.url': 'field_url',
  'place.province': 'place_province',
  'place.city': 'place_city',
  'place.district': 'place_district',
  'place.street': 'place_street',
  'place.community': 'place_community',
  'place.compound': 'place_compound',
  models: 'field_models',
  orgTiers: 'field_orgTiers',
}

export default function UploadPage() {
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const t = useT()
  const href = useHref()
  const { admin, readOnly } = useRootData()
  const busy = navigation.state === 'submitting'
  const hydrated = useHydrated()
  const [fileName, setFileName] = useState('')
  if (readOnly) {
    return (
      <div className="page upload-page">
        <h1>{t('uploadTitle')}</h1>
        <ReadOnlyNotice />
      </div>
    )
  }
  return (
    <div className="page upload-page">
      <h1>{t('uploadTitle')}</h1>
      <p className="help">{t('uploadHelp')}</p>
      {!admin && <AdminNotice />}
      <PostForm encType="multipart/form-data" className="upload-form" aria-busy={busy}>
        <KeepView />
        <span className="label">{t('file')}</span>
        <div className="file-pick">
          {/* The browser's own button says "Choose File" whatever the page's language; this label speaks it. */}
          <label htmlFor="file" className="button secondary">
            {t('chooseFile')}
          </label>
          <input
            id="file"
            name="file"
            type="file"
            className="file-input"
            accept={ACCEPTED_UPLOADS.join(',')}
            onChange={(event) => setFileName(event.currentTarget.files?.[0]?.name ?? '')}
            aria-invalid={result?.error ? true : undefined}
            aria-describedby={result?.error ? 'upload-error' : undefined}
          />
          <span className="small muted" aria-live="polite">
            {fileName || (hydrated ? t('noFileChosen') : '')}
          </span>
        </div>
        <p className="or">{t('orPaste')}</p>
        <label htmlFor="text">{t('pasteLabel')}</label>
        <textarea id="text" name="text" rows={8} placeholder={t('pastePlaceholder')} />
        <div className="paste-meta">
          <label>
            {t('pasteTitle')}
            <input name="title" maxLength={300} autoComplete="off" />
          </label>
          <label>
            {t('pasteUrl')}
            <input name="url" type="url" inputMode="url" placeholder="https://" autoComplete="off" />
          </label>
        </div>
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
          <div className="case-grid">
            <section className="fields-panel" aria-label={t('structuredFields')}>
              <PostForm encType="multipart/form-data" className="edit-form" key={result.preview.staged}>
                <KeepView />
                <input type="hidden" name="staged" value={result.preview.staged} />
                <p className="help">{t('editHelp')}</p>
                {result.preview.fields.map((field) => (
                  <label key={field.path} className="edit-field">
                    <span>{t(EDIT_LABELS[field.path])}</span>
                    <input name={`f.${field.path}`} defaultValue={field.value} data-path={field.path} autoComplete="off" />
                  </label>
                ))}
                {result.preview.noFunding && (
                  <label className="edit-check">
                    <input type="checkbox" name="noFunding" /> {t('markNoFunding')}
                  </label>
                )}
                <button type="submit" name="intent" value="save">
                  {t('saveAsCase')}
                </button>
              </PostForm>
              <h3>{t('extractedWithQuotes')}</h3>
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
            <Link to={href('/upload')}>{t('uploadTitle')}</Link>
          </p>
        </section>
      )}
    </div>
  )
}
