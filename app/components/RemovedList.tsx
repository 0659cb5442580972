import type { Removed } from '../../ingest/schema'
import { useT } from '~/lib/ui'

/** What the cleaner removed, in order, each with the rule that removed it — shown as plain text. */
export function RemovedList({ removed }: { removed: Removed[] }) {
  const t = useT()
  return (
    <ol>
      {removed.map((r, i) => (
        <li key={i}>
          <span className="reason">
            {t('removedReason')}: <code>{r.reason}</code>
          </span>
          <pre className="removed-text">{r.text}</pre>
        </li>
      ))}
    </ol>
  )
}
