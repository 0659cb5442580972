import { Link, useLocation } from '@remix-run/react'
import { useT } from '~/lib/ui'

/** Shown beside write forms when the site has an admin token and this browser has not given it. */
export function AdminNotice() {
  const t = useT()
  const location = useLocation()
  return (
    <p className="notice">
      {t('adminRequired')} <Link to={`/admin?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('adminEnter')}</Link>
    </p>
  )
}
