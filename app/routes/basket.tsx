import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { translate } from '~/i18n'
import { joinIds } from '~/lib/id-list'
import { requireWrite } from '~/models/auth.server'
import { BASKET_MAX, basketCookie, basketFromRequest, changeBasket, parseIdList, validIds, type BasketChange } from '~/models/basket.server'
import { getCases } from '~/models/case.server'
import { cardView } from '~/models/card-view.server'
import { langFromRequest, safeNext, keepView } from '~/models/lang.server'
import { PackNotFound, addItem, isPackId, listPacks, updatePack } from '~/models/packs.server'
import { MAX_COMPARE } from '~/lib/limits'
import { KeepView, parseScript, useHref, useT } from '~/lib/ui'
import { FundingLine } from '~/components/FundingLine'
import { PackPicker } from '~/components/PackPicker'

export const meta: MetaFunction = () => [{ title: '已选案例 Selection · Casebook' }]

/** `/basket` shows the reader's selection; `/basket?ids=a,b` a shared one, which they can take over. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const own = basketFromRequest(request)
  const shared = url.searchParams.has('ids') ? parseIdList(url.searchParams.getAll('ids')) : null
  const ids = shared ?? own
  const lang = langFromRequest(request)
  const script = parseScript(url.searchParams.get('script'))
  const { found, missing } = await getCases(ids)
  const packs = await listPacks()
  return {
    ids: found.map((c) => c.id),
    missing,
    shared: shared !== null && (shared.length !== own.length || shared.some((id, i) => own[i] !== id)),
    cases: found.map((c) => cardView(c, lang, script)),
    packs: packs.map((p) => ({ id: p.id, name: p.name })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const ids = validIds(form.getAll('id').map(String))
  const current = basketFromRequest(request)
  const next = form.get('next')
  const lang = langFromRequest(request)
  if (intent === 'pack') {
    requireWrite(request, form)
    const packId = String(form.get('pack') ?? '')
    if (!isPackId(packId)) throw new Response('Bad Request', { status: 400 })
    const adding = ids.length ? ids : current
    try {
      await updatePack(packId, (pack) => adding.forEach((id) => addItem(pack, id)))
    } catch (error) {
      if (error instanceof PackNotFound) throw new Response('Not Found', { status: 404 })
      throw error
    }
    return redirect(keepView(request, `/packs/${packId}`))
  }
  const changes: Record<string, BasketChange> = {
    add: { intent: 'add', ids },
    // Taking over a shared selection adds it to one's own: nothing already picked is dropped.
    keep: { intent: 'add', ids },
    remove: { intent: 'remove', ids },
    clear: { intent: 'clear' },
  }
  const change = changes[intent]
  if (!change) throw new Response('Bad Request', { status: 400 })
  const { ids: basket, refused } = changeBasket(current, change)
  const headers = { 'Set-Cookie': basketCookie(basket) }
  if (typeof next === 'string' && next) return redirect(safeNext(next), { headers })
  if (intent === 'keep' || intent === 'clear') return redirect(keepView(request, '/basket'), { headers })
  return data({ basket, error: refused ? translate(lang, 'selectionFull', { n: BASKET_MAX }) : null }, { headers, status: refused ? 400 : 200 })
}

export default function BasketPage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const href = useHref()
  const shareHref = href('/basket', { ids: joinIds(data.ids) })
  return (
    <div className="page narrow basket-page">
      <h1>{t('selectionTitle')}</h1>
      <p className="help">{t('selectionHelp')}</p>
      {data.shared && (
        <Form method="post" className="notice inline-form">
          <span>{t('sharedSelection', { n: data.ids.length })}</span>
          {data.ids.map((id) => (
            <input key={id} type="hidden" name="id" value={id} />
          ))}
          <button type="submit" name="intent" value="keep">
            {t('keepSelection')}
          </button>
        </Form>
      )}
      {data.missing.length > 0 && <p className="alert">{t('compareMissing', { ids: data.missing.join(', ') })}</p>}
      {data.cases.length === 0 ? (
        <p>{t('selectionEmpty')}</p>
      ) : (
        <>
          <Form method="get" action="/compare" id="compare-form">
            <KeepView />
            <ol className="basket-items">
              {data.cases.map((c, i) => (
                <li key={c.id} className="basket-item">
                  <label className="pick">
                    <input type="checkbox" name="ids" value={joinIds([c.id])} defaultChecked={i < MAX_COMPARE} aria-label={`${t('compareThis')}: ${c.title}`} />
                  </label>
                  <div>
                    <Link to={href(`/cases/${encodeURIComponent(c.id)}`)}>{c.title}</Link>
                    <p className="meta">
                      {c.place && <span>{c.place}</span>}
                      {c.published && <time dateTime={c.published}>{c.published}</time>}
                    </p>
                    <FundingLine funding={c.funding} />
                  </div>
                  {!data.shared && (
                    <button type="submit" form={`remove-${i}`} className="secondary small" aria-label={`${t('removeFromSelection')}: ${c.title}`}>
                      {t('remove')}
                    </button>
                  )}
                </li>
              ))}
            </ol>
          </Form>
          {!data.shared &&
            data.cases.map((c, i) => (
              <Form key={c.id} method="post" id={`remove-${i}`} hidden>
                <input type="hidden" name="id" value={c.id} />
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="next" value="/basket" />
              </Form>
            ))}
          <div className="actions">
            <button type="submit" form="compare-form">
              {t('compareSelected', { max: MAX_COMPARE })}
            </button>
            {!data.shared && (
              <Form method="post">
                <button type="submit" name="intent" value="clear" className="secondary">
                  {t('clearSelection')}
                </button>
              </Form>
            )}
          </div>
          <PackPicker packs={data.packs} label={t('addAllToPack')} ids={data.ids} intent="pack" />
          <p className="small">
            {t('shareSelection')}{' '}
            <a href={shareHref} className="break">
              {shareHref}
            </a>
          </p>
        </>
      )}
    </div>
  )
}
