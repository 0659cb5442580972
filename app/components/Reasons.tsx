import type { SimilarHit } from '../../ingest/search/types'
import { useT } from '~/lib/ui'

// A handful of reasons says why; two dozen is noise.
const SHOWN = 6

export function Reasons({ reasons }: { reasons: SimilarHit['reasons'] }) {
  const t = useT()
  if (!reasons.length) return null
  return (
    <ul className="reasons" aria-label={t('whyComparable')}>
      {reasons.slice(0, SHOWN).map((r, i) => (
        <li key={i}>
          <span className="reason-kind">{t(`reason_${r.kind}`)}</span> {r.value}
        </li>
      ))}
      {reasons.length > SHOWN && <li className="muted">+{reasons.length - SHOWN}</li>}
    </ul>
  )
}
