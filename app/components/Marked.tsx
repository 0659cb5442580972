/** Text with the matched ranges wrapped in <mark>; everything stays a text node. */
export function Marked({ text, marks }: { text: string; marks: [number, number][] }) {
  const parts: React.ReactNode[] = []
  let at = 0
  const sorted = [...marks].sort((a, b) => a[0] - b[0])
  for (const [start, end] of sorted) {
    if (start < at || end > text.length || start >= end) continue
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  if (at < text.length) parts.push(text.slice(at))
  return <>{parts}</>
}
