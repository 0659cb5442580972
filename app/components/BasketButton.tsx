import { useFetcher, useLocation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useRootData, useT } from '~/lib/ui'

/**
 * "加入对比 / add" on a result card or case page, and "✓ 已选 · 移出" once the case is in the
 * selection basket. A plain POST form to /basket that comes back to this page; once JavaScript
 * runs, the same form goes through a fetcher and the page stays put (the header count updates
 * when the root loader revalidates).
 */
export function BasketButton({ id, title, className }: { id: string; title: string; className?: string }) {
  const t = useT()
  const { basket } = useRootData()
  const fetcher = useFetcher()
  const location = useLocation()
  const hydrated = useHydrated()
  const pending = fetcher.formData?.get('intent')
  const inBasket = pending ? pending === 'add' : basket.includes(id)
  return (
    <fetcher.Form method="post" action="/basket" className={`basket-form ${className ?? ''}`} preventScrollReset>
      <input type="hidden" name="id" value={id} />
      {/* Without JavaScript the action redirects back here; with it, the fetcher needs no redirect. */}
      {!hydrated && <input type="hidden" name="next" value={`${location.pathname}${location.search}`} />}
      {inBasket ? (
        <button type="submit" name="intent" value="remove" className="secondary small in-basket" aria-label={`${t('removeFromSelection')}: ${title}`}>
          ✓ {t('inSelection')} · {t('remove')}
        </button>
      ) : (
        <button type="submit" name="intent" value="add" className="small add-basket" aria-label={`${t('addToSelection')}: ${title}`}>
          + {t('addToCompare')}
        </button>
      )}
    </fetcher.Form>
  )
}

/** False during the server render and the first client render, true once React has hydrated. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}
