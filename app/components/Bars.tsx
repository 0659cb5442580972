/** A plain horizontal bar chart: a list of labelled values, drawn with CSS widths. */
export function Bars({ items, label }: { items: { label: string; count: number; href?: string }[]; label: string }) {
  const max = items.reduce((most, item) => Math.max(most, item.count), 1)
  return (
    <ul className="bars" aria-label={label}>
      {items.map((item, i) => (
        <li key={i}>
          <span className="bar-label">{item.href ? <a href={item.href}>{item.label}</a> : item.label}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${(item.count / max) * 100}%` }} />
          </span>
          <span className="bar-count">{item.count}</span>
        </li>
      ))}
    </ul>
  )
}
