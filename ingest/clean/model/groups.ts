import { existsSync, readFileSync } from 'node:fs'

/**
 * Where a labelled page comes from, for cross-validation that leaves a whole source out: a model
 * judged on pages of a set it trained on (same sites, same annotator, same month) looks better
 * than it does on a set it has never seen, and first contact is a set it has never seen.
 */
export function sourceOf(id: string): string {
  const n = Number(id.slice(1))
  if (id.startsWith('a')) return 'pages-a'
  if (id.startsWith('b')) return 'pages-b'
  if (id.startsWith('p') && n < 100) return 'pool 1-99'
  if (id.startsWith('p') && n < 150) return 'pool 101-149'
  if (id.startsWith('p') && n < 200) return 'pool 151-199'
  return 'other'
}

/** The page-level labels a held-out source is scored against (schema of ../shared/realdev/README.md). */
export interface FieldLabel {
  id: string
  title?: string | null
  boilerplate?: string[]
  body_must_keep?: string[]
}

/**
 * Page labels of the development pages, for the cleaner's figures per held-out source: pages-a and
 * pages-b from realdev, and any files named in `extra` (the pool's field labels live outside the
 * repository). Pages held blind are never read into the result.
 */
export function readFieldLabels(realdev: string, blind: Set<string>, extra: string[]): Map<string, FieldLabel> {
  const out = new Map<string, FieldLabel>()
  const files = [`${realdev}/pages-a/labels.jsonl`, `${realdev}/pages-b/labels.jsonl`, ...extra]
  for (const f of files) {
    if (!existsSync(f)) continue
    for (const row of readFileSync(f, 'utf8').split('\n')) {
      if (!row.trim()) continue
      const l = JSON.parse(row) as FieldLabel
      if (blind.has(l.id)) continue
      out.set(l.id, l)
    }
  }
  return out
}

const PINYIN = /\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+\)/g
/** Normalised as ../shared/tools/score_extract.py compares: NFKC, pinyin readings and whitespace gone. */
export const normal = (s: string) => s.normalize('NFKC').replace(PINYIN, '').replace(/\s+/g, '')
/** Column tags before a headline (【…】) may go either way, as the scorer allows. */
const TAGS = /^(?:【[^】]{1,8}】)+/

export interface FieldTally {
  boiler: [number, number]
  keep: [number, number]
  title: [number, number]
}

export const emptyTally = (): FieldTally => ({ boiler: [0, 0], keep: [0, 0], title: [0, 0] })

/** Adds one cleaned page to the tally: furniture strings gone, text strings kept, headline equal. */
export function tallyPage(t: FieldTally, label: FieldLabel, body: string, title: string | null): void {
  const b = normal(body)
  for (const s of label.boilerplate ?? []) {
    t.boiler[1]++
    if (!b.includes(normal(s))) t.boiler[0]++
  }
  for (const s of label.body_must_keep ?? []) {
    t.keep[1]++
    if (b.includes(normal(s))) t.keep[0]++
  }
  if (label.title) {
    t.title[1]++
    if (normal(title ?? '').replace(TAGS, '') === normal(label.title).replace(TAGS, '')) t.title[0]++
  }
}
