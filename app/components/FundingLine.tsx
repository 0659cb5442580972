import type { FundingSummary } from '../../ingest/funding-summary'
import { useLang, useT, wanParams } from '~/lib/ui'

/**
 * Funding at a glance: the stated total and who paid, or plainly "not found in the text" or
 * "none" — two different things a reader must be able to tell apart.
 */
export function FundingLine({ funding }: { funding: FundingSummary | null }) {
  const t = useT()
  const lang = useLang()
  if (!funding) return null
  const payers = funding.sources.map((s) => t(`fund_${s}`)).join(lang === 'zh' ? '、' : ', ')
  return (
    <p className={`funding-line funding-${funding.state}`}>
      <span className="funding-label">{t('field_funding')}</span>{' '}
      {funding.state === 'not-found' ? (
        <span className="not-found">{t('notFoundInText')}</span>
      ) : funding.state === 'none' ? (
        <span className="none">{t('noneStated')}</span>
      ) : (
        <>
          {funding.totalWan !== null && (
            <strong>{t('fundingTotal', wanParams(funding.totalWan))}</strong>
          )}
          {funding.totalWan !== null && payers && ' · '}
          {payers && (
            <span className="payers">
              {funding.sources.map((s) => (
                <span key={s} className={`payer-dot fund-${s}`} aria-hidden="true" />
              ))}
              {payers}
            </span>
          )}
        </>
      )}
    </p>
  )
}
