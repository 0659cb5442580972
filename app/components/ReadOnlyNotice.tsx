import { useT } from '~/lib/ui'

/** Shown where write forms would be, on a read-only replica (CASEBOOK_READONLY=1). */
export function ReadOnlyNotice() {
  const t = useT()
  return <p className="notice">{t('readOnlyReplica')}</p>
}
