/**
 * Labels of the pages schema (pool, pages-a/b) in a form the repository can keep: every label
 * string is stored as where it stands in its page's normalised text (`normalisePage`: NFKC, pinyin
 * readings and whitespace removed), `{at, len}` in UTF-16 code units, with the hash of that text
 * to catch a page that changed. Numbers, ids and dates stay in clear; the annotators' descriptions
 * (outcome labels, notes) are left out, since scoring does not read them.
 *
 * Why: the pool's labels quote page text, so they lived outside the repository, and a new machine
 * lost them with every figure measured on them. The pages themselves stay in ../shared, which
 * every scoring run reads anyway; offsets into them carry no text.
 *
 *   npx tsx bench/real/ref-labels.ts DOCS_DIR LABELS.jsonl... > bench/real/labels/pool.jsonl
 *
 * Prints counts only, never label text. A label string that is not in its page once normalised
 * (a reader's retyped or reordered place name) cannot be stored so: it is dropped and counted.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { hashText } from './hashed.js'
import { normalisePage, pageLabel, type PageLabel } from './pages-score.js'

export interface Ref {
  at: number
  len: number
  hash: string
}

export interface RefPageLabel {
  id: string
  title: Ref | null
  boilerplate: Ref[]
  bodyMustKeep: Ref[]
  place: Record<string, Ref | null>
  models: Ref[]
  money: { amountWan: number }[]
  outcomes: { value: number; quote: Ref }[]
  published: string | null
  kind?: 'case' | 'not-a-case'
}

/** A page label → its references into the page; `dropped` counts strings not found in the page. */
export function refLabel(label: PageLabel, page: string): { label: RefPageLabel; dropped: number } {
  const text = normalisePage(page)
  let dropped = 0
  const ref = (s: string): Ref | null => {
    const want = normalisePage(s)
    const at = want ? text.indexOf(want) : -1
    if (at < 0) {
      dropped++
      return null
    }
    return { at, len: want.length, hash: hashText(want).hash }
  }
  const refs = (xs: string[]) => xs.map(ref).filter((r): r is Ref => r !== null)
  const place: Record<string, Ref | null> = {}
  for (const [level, value] of Object.entries(label.place)) place[level] = value ? ref(value) : null
  const outcomes = label.outcomes.flatMap((o) => {
    const quote = ref(o.quote)
    return quote ? [{ value: Number(o.value), quote }] : []
  })
  return {
    label: {
      ...(label.kind ? { kind: label.kind } : {}),
      id: label.id,
      title: label.title ? ref(label.title) : null,
      boilerplate: refs(label.boilerplate),
      bodyMustKeep: refs(label.bodyMustKeep),
      place,
      models: refs(label.models),
      money: label.money,
      outcomes,
      published: label.published,
    },
    dropped,
  }
}

/** The plain label back from its references; throws when the page is not the one labelled. */
export function resolveRefLabel(label: RefPageLabel, page: string): PageLabel {
  const text = normalisePage(page)
  const str = (r: Ref): string => {
    const s = text.slice(r.at, r.at + r.len)
    if (s.length !== r.len || hashText(s).hash !== r.hash) {
      throw new Error(`${label.id}: the page differs from the one labelled (a label at ${r.at} no longer matches)`)
    }
    return s
  }
  const place: Record<string, string | null> = {}
  for (const [level, r] of Object.entries(label.place)) place[level] = r ? str(r) : null
  return {
    ...(label.kind ? { kind: label.kind } : {}),
    id: label.id,
    title: label.title ? str(label.title) : null,
    boilerplate: label.boilerplate.map(str),
    bodyMustKeep: label.bodyMustKeep.map(str),
    place,
    models: label.models.map(str),
    money: label.money,
    outcomes: label.outcomes.map((o) => ({ value: o.value, quote: str(o.quote) })),
    published: label.published,
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [docs, ...files] = process.argv.slice(2)
  if (!docs || !files.length) {
    console.error('usage: tsx bench/real/ref-labels.ts DOCS_DIR LABELS.jsonl... > OUT.jsonl')
    process.exit(2)
  }
  let dropped = 0
  const out: RefPageLabel[] = []
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue
      const label = pageLabel(JSON.parse(line))
      const r = refLabel(label, readFileSync(join(docs, `${label.id}.txt`), 'utf8'))
      dropped += r.dropped
      out.push(r.label)
    }
  }
  out.sort((a, b) => a.id.localeCompare(b.id))
  process.stdout.write(out.map((l) => JSON.stringify(l)).join('\n') + '\n')
  console.error(`ref-labels: ${out.length} pages from ${files.length} file(s); ${dropped} label strings not in their page, dropped`)
}
