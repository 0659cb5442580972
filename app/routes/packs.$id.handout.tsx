import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { buildHandout } from '~/models/handout.server'
import { langFromRequest } from '~/models/lang.server'
import { loadPack } from '~/models/pack-view.server'
import { parseScript, useLang, useT, useHref } from '~/lib/ui'
import handoutCss from '~/styles/handout.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: handoutCss }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.name ?? 'Handout' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const loaded = await loadPack(params.id ?? '')
  if (!loaded) throw new Response('Not Found', { status: 404 })
  const script = parseScript(new URL(request.url).searchParams.get('script'))
  return buildHandout(loaded.pack, loaded.cases, langFromRequest(request), script)
}

export default function HandoutPage() {
  const handout = useLoaderData<typeof loader>()
  const t = useT()
  const href = useHref()
  const lang = useLang()
  return (
    <article className="handout">
      <p className="no-print actions">
        <Link to={href(`/packs/${handout.id}`)}>← {handout.name}</Link>
        <button type="button" onClick={() => window.print()} className="secondary">
          {t('print')}
        </button>
      </p>
      <h1>{handout.name}</h1>
      <p className="handout-date">
        {t('handoutDate')} <time dateTime={handout.date}>{handout.date}</time> · {t('packCases', { n: handout.entries.length })}
      </p>
      <nav className="handout-toc" aria-labelledby="toc-h">
        <h2 id="toc-h">{t('contents')}</h2>
        <ol>
          {handout.entries.map((entry, i) => (
            <li key={entry.id}>
              <a href={`#h-${i}`}>{entry.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {handout.entries.map((entry, i) => (
        <section key={entry.id} className="handout-case" aria-labelledby={`h-${i}`}>
          <h2 id={`h-${i}`}>
            {i + 1}. {entry.title}
          </h2>
          <dl className="handout-fields">
            <dt>{t('field_place')}</dt>
            <dd>{entry.place || t('notStated')}</dd>
            {entry.models.length > 0 && (
              <>
                <dt>{t('field_models')}</dt>
                <dd>{entry.models.join('、')}</dd>
              </>
            )}
            {entry.keyFields.map((field) => (
              <div key={field.label} className="kf">
                <dt>{field.label}</dt>
                <dd>{field.value}</dd>
              </div>
            ))}
          </dl>
          {entry.note && (
            <p className="handout-note">
              <strong>{t('note')}：</strong>
              {entry.note}
            </p>
          )}
          <blockquote className="excerpt" lang="zh">
            {entry.excerpt}
          </blockquote>
          <p className="citation">
            <strong>{t('citation')}：</strong>
            <cite>
              {entry.source.url ? (
                <>
                  {entry.citationLead}
                  {lang === 'zh' ? '，' : '. '}
                  <a href={entry.source.url} rel="noopener noreferrer nofollow">
                    {entry.source.url}
                  </a>
                  {lang === 'zh' ? '。' : '.'}
                </>
              ) : (
                entry.citation
              )}
            </cite>
            {!entry.source.url && <span className="muted"> {t('noSourceUrl')}</span>}
          </p>
        </section>
      ))}
    </article>
  )
}
