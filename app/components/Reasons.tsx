import type { SimilarHit } from '../../ingest/search/types'
import { useT } from '~/lib/ui'

export function Reasons({ reasons }: { reasons: SimilarHit['reasons'] }) {
  const t = useT()
  if (!reasons.length) return null
  return (
    <ul className="reasons" aria-label={t('whyComparable')}>
      {reasons.map((r, i) => (
        <li key={i}>
          <span className="reason-kind">{t(`reason_${r.kind}`)}</span> {r.value}
        </li>
      ))}
    </ul>
  )
}
