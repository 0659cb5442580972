import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Await, Link, isRouteErrorResponse, useLoaderData, useParams, useRouteError } from '@remix-run/react'
import { Suspense, useEffect } from 'react'
import { requireWrite } from '~/models/auth.server'
import { buildCaseView } from '~/models/case-view.server'
import { placeLine } from '~/models/card-view.server'
import { getCase, similarCases } from '~/models/case.server'
import { langFromRequest, keepView } from '~/models/lang.server'
import { PackNotFound, addItem, isPackId, listPacks, updatePack } from '~/models/packs.server'
import { displayCase, displayHit, englishReasons } from '~/models/script.server'
import { englishLabels } from '~/models/vocabulary.server'
import { parseScript, useHref, useRootData, useT } from '~/lib/ui'
import { CaseText } from '~/components/CaseText'
import { FieldList } from '~/components/FieldList'
import { RemovedList } from '~/components/RemovedList'
import { Reasons } from '~/components/Reasons'
import { BasketButton } from '~/components/BasketButton'
import { PackPicker } from '~/components/PackPicker'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Casebook` : 'Casebook' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? ''
  const found = await getCase(id)
  if (!found) throw new Response('Not Found', { status: 404 })
  const lang = langFromRequest(request)
  const script = parseScript(new URL(request.url).searchParams.get('script'))
  const shown = displayCase(found, script)
  // Finding comparable cases is the slow part of this page; it streams in after the text.
  const similar = similarCases(id, 5).then((hits) =>
    hits.map((hit) => {
      const shown = displayHit(hit, script)
      return lang === 'en' ? { ...shown, reasons: englishReasons(shown.reasons, englishLabels()) } : shown
    }),
  )
  const packs = await listPacks()
  return {
    id: found.id,
    title: shown.displayTitle,
    place: placeLine(found.place, lang, script),
    published: found.published,
    source: shown.source,
    origin: found.origin,
    flags: found.flags,
    script: found.script,
    messages: found.messages.filter((m) => m.severity !== 'info'),
    removed: shown.removed,
    view: buildCaseView(shown, lang),
    similar,
    packs: packs.map((p) => ({ id: p.id, name: p.name })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData()
  requireWrite(request, form)
  const id = params.id ?? ''
  if (!(await getCase(id))) throw new Response('Not Found', { status: 404 })
  const packId = String(form.get('pack') ?? '')
  if (!isPackId(packId)) throw new Response('Bad Request', { status: 400 })
  try {
    await updatePack(packId, (pack) => addItem(pack, id))
  } catch (error) {
    if (error instanceof PackNotFound) throw new Response('Not Found', { status: 404 })
    throw error
  }
  return redirect(keepView(request, `/packs/${packId}`))
}

/** Progressive enhancement: a clicked value's quote flashes and takes focus for screen readers. */
function useQuoteFocus() {
  useEffect(() => {
    const show = () => {
      const match = /^#q-(\d+)$/.exec(window.location.hash)
      document.querySelectorAll('.case-text .active').forEach((el) => el.classList.remove('active'))
      if (!match) return
      const parts = document.querySelectorAll(`.case-text .q${match[1]}`)
      parts.forEach((el) => el.classList.add('active'))
      const anchor = document.getElementById(`q-${match[1]}`)
      anchor?.scrollIntoView({ behavior: 'smooth', block: 'center' })
      anchor?.focus({ preventScroll: true })
    }
    show()
    window.addEventListener('hashchange', show)
    return () => window.removeEventListener('hashchange', show)
  }, [])
}

export default function CasePage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const href = useHref()
  useQuoteFocus()
  return (
    <article className="page case-page">
      <header className="case-head">
        <p className="eyebrow">
          <Link to={href('/')}>{t('navSearch')}</Link> / <span className="mono">{data.id}</span>
        </p>
        <h1>{data.title}</h1>
        <p className="meta">
          {data.place && <span>{data.place}</span>}
          {data.published && <time dateTime={data.published}>{data.published}</time>}
        </p>
        <div className="actions">
          <BasketButton id={data.id} title={data.title} />
          <PackPicker packs={data.packs} label={t('addToPack')} />
        </div>
      </header>

      <div className="case-grid">
        <section aria-labelledby="fields-h" className="fields-panel">
          <h2 id="fields-h">{t('structuredFields')}</h2>
          <p className="help">{t('fieldsHelp')}</p>
          <FieldList rows={data.view.rows} />

          <h2>{t('sourceBlock')}</h2>
          <dl className="source">
            <dt>{t('field_source')}</dt>
            <dd>{data.source.name ?? t('notStated')}</dd>
            <dt>{t('field_published')}</dt>
            <dd>{data.published ?? t('notStated')}</dd>
            <dt>{t('field_url')}</dt>
            <dd>
              {data.source.url && /^https?:\/\//i.test(data.source.url) ? (
                <a href={data.source.url} rel="noopener noreferrer nofollow" className="break">
                  {data.source.url}
                </a>
              ) : (
                t('notStated')
              )}
            </dd>
            <dt>{t('field_id')}</dt>
            <dd className="mono">
              {data.origin.file} · {data.origin.format} · {data.origin.encoding}
            </dd>
          </dl>
          {data.messages.length > 0 && (
            <details className="messages">
              <summary>
                {t('messages')} ({data.messages.length})
              </summary>
              <ul>
                {data.messages.map((m, i) => (
                  <li key={i}>
                    <code>
                      {m.stage}:{m.rule}
                    </code>{' '}
                    {m.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>

        <section aria-labelledby="text-h" className="text-panel">
          <h2 id="text-h">{t('cleanedText')}</h2>
          <CaseText segments={data.view.segments} quotes={data.view.quotes} />
          <details className="removed" id="removed">
            <summary>{t('removedText', { n: data.removed.length })}</summary>
            <p className="help">{t('removedHelp')}</p>
            {data.removed.length === 0 ? (
              <p>{t('noneRemoved')}</p>
            ) : (
              <RemovedList removed={data.removed} />
            )}
          </details>
        </section>
      </div>

      <section aria-labelledby="similar-h" className="similar">
        <h2 id="similar-h">{t('similarCases')}</h2>
        <Suspense fallback={<p className="muted">…</p>}>
          <Await resolve={data.similar} errorElement={<p>{t('noSimilar')}</p>}>
            {(similar) =>
              similar.length === 0 ? (
                <p>{t('noSimilar')}</p>
              ) : (
                <ul className="cards">
                  {similar.map((hit) => (
                    <li key={hit.id} className="card">
                      <Link to={href(`/cases/${encodeURIComponent(hit.id)}`)}>{hit.title}</Link>
                      <Reasons reasons={hit.reasons} />
                      <Link className="small" to={href('/compare', { ids: `${data.id},${hit.id}` })}>
                        {t('navCompare')}
                      </Link>
                    </li>
                  ))}
                </ul>
              )
            }
          </Await>
        </Suspense>
      </section>
    </article>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { id } = useParams()
  const t = useT()
  const href = useHref()
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="page narrow">
        <h1>{t('caseNotFound')}</h1>
        <p>{t('caseNotFoundBody', { id: id ?? '' })}</p>
        <p>
          <Link to={href('/')}>{t('backToSearch')}</Link>
        </p>
      </div>
    )
  }
  throw error
}
