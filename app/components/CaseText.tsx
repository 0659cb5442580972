import type { Segment } from '~/models/case-view.server'
import { useNonce } from '~/lib/nonce'

/**
 * The cleaned report text, always as React text nodes. Each quoted sentence gets an anchor
 * (`#q-<n>`); the generated rules highlight the whole quote when its anchor is the URL target,
 * so a clicked field value shows its source with JavaScript off. The rules are an inline style
 * element: it carries the page's CSP nonce.
 */
export function CaseText({ segments, quotes }: { segments: Segment[]; quotes: number }) {
  const nonce = useNonce()
  const rules = Array.from({ length: quotes }, (_, i) => `.case-text:has(#q-${i + 1}:target) .q${i + 1}`).join(',')
  return (
    <>
      {quotes > 0 && <style nonce={nonce || undefined}>{`${rules}{background:var(--hl);box-shadow:0 0 0 2px var(--hl);}`}</style>}
      <div className="case-text" lang="zh">
        {segments.map((segment, i) => (
          <span key={i} className={segment.qs.length ? `q ${segment.qs.map((n) => `q${n}`).join(' ')}` : undefined}>
            {segment.anchors.map((n) => (
              <a key={n} id={`q-${n}`} className="quote-anchor" tabIndex={-1} aria-hidden="true" />
            ))}
            {segment.text}
          </span>
        ))}
      </div>
    </>
  )
}
