import type { FieldRow } from '~/models/case-view.server'
import { useT } from '~/lib/ui'

/** Structured fields; every sourced value is a link to its quote in the text beside it. */
export function FieldList({ rows }: { rows: FieldRow[] }) {
  const t = useT()
  return (
    <dl className="fields">
      {rows.map((row) => (
        <div key={row.key} className={`field field-${row.key}`}>
          <dt>{t(row.key)}</dt>
          <dd>
            <ul className={row.key === 'field_orgTiers' ? 'ladder' : 'values'}>
              {row.items.map((item, i) => (
                <li key={i}>
                  {item.q !== null ? (
                    <a href={`#q-${item.q}`} className={`value${item.empty ? ` empty-${item.empty}` : ''}`} data-q={item.q}>
                      {item.text}
                    </a>
                  ) : (
                    <span className={`value unsourced${item.empty ? ` empty-${item.empty}` : ''}`}>{item.text}</span>
                  )}
                  {item.note && <span className="note"> {item.note}</span>}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  )
}
