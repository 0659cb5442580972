import { Link } from '@remix-run/react'
import type { UnderstoodNeed } from '../../ingest/search/types'
import { useLang, useT } from '~/lib/ui'

/**
 * "理解为：无物业 · 老旧小区": the needs a query was read as, each with a link that searches again
 * without it (`without=` in the URL, so it works without JavaScript and can be shared), and the
 * needs already removed, each a link that puts it back.
 */
export function Understood({
  understood,
  removed,
  situation,
  hrefWithout,
}: {
  understood: UnderstoodNeed[]
  removed: { id: string; en: string }[]
  situation: boolean
  /** The current search's link with exactly these needs removed. */
  hrefWithout: (ids: string[]) => string
}) {
  const t = useT()
  const lang = useLang()
  if (!understood.length && !removed.length) return null
  const label = (n: { id: string; en: string }) => (lang === 'en' ? n.en : n.id)
  const gone = removed.map((n) => n.id)
  return (
    <div className="understood">
      {understood.length > 0 && (
        <p>
          <span className="understood-label">{t('understoodAs')}</span>
          {understood.map((n, i) => (
            <span key={n.id}>
              {i > 0 && <span aria-hidden="true"> · </span>}
              <span className="need" title={n.said}>
                {label(n)}
                <Link className="need-remove" to={hrefWithout([...gone, n.id])} aria-label={t('removeNeed', { need: label(n) })} rel="nofollow">
                  ×
                </Link>
              </span>
            </span>
          ))}
        </p>
      )}
      {removed.length > 0 && (
        <p className="muted small">
          {t('removedNeeds')}
          {removed.map((n, i) => (
            <span key={n.id}>
              {i > 0 && '、'}
              <Link to={hrefWithout(gone.filter((id) => id !== n.id))} aria-label={t('restoreNeed', { need: label(n) })} rel="nofollow">
                <s>{label(n)}</s>
              </Link>
            </span>
          ))}
        </p>
      )}
      {situation && <p className="help small">{t('likeBlended')}</p>}
    </div>
  )
}
