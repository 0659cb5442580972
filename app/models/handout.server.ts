import { unified } from 'unified'
import remarkGfm from 'remark-gfm'
import remarkStringify from 'remark-stringify'
import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast'
import type { Case } from '../../ingest/schema'
import { translate, type Lang } from '~/i18n'
import { formatWan, type DisplayScript } from '~/lib/ui'
import { placeText, tagLabel } from './case-view.server'
import type { Pack } from './packs.server'
import { displayCase } from './script.server'

export const EXCERPT_CHARS = 220

export interface HandoutEntry {
  id: string
  title: string
  place: string
  models: string[]
  keyFields: { label: string; value: string }[]
  excerpt: string
  note: string
  citation: string
  citationLead: string
  source: { name: string | null; url: string | null }
  published: string | null
}

export interface Handout {
  id: string
  name: string
  /** When the handout was made (YYYY-MM-DD), printed under its title. */
  date: string
  entries: HandoutEntry[]
  missing: string[]
}

/** The body after its headline, cut at a sentence end near the limit. */
export function excerpt(c: Case): string {
  let text = c.body
  if (c.title && text.startsWith(c.title)) text = text.slice(c.title.length)
  text = text.replace(/\s+/g, ' ').trim()
  if (text.length <= EXCERPT_CHARS) return text
  const cut = text.slice(0, EXCERPT_CHARS)
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'), cut.lastIndexOf('. '))
  return end > EXCERPT_CHARS / 2 ? cut.slice(0, end + 1) : `${cut}…`
}

const SEPARATOR = { zh: '，', en: '. ' } as const
const END = { zh: '。', en: '.' } as const

/** Source, title and date, before the URL. */
function citationLead(c: Case, lang: Lang): string {
  return [
    c.source.name ?? translate(lang, 'notStated'),
    lang === 'zh' ? `《${c.displayTitle}》` : `“${c.displayTitle}”`,
    c.published ?? translate(lang, 'notStated'),
  ].join(SEPARATOR[lang])
}

/** Source, title, date, URL: enough to find the report again. */
export function citation(c: Case, lang: Lang): string {
  const lead = citationLead(c, lang)
  return c.source.url ? `${lead}${SEPARATOR[lang]}${c.source.url}${END[lang]}` : `${lead}${END[lang]}`
}

export function buildHandout(pack: Pack, cases: Map<string, Case>, lang: Lang, script: DisplayScript, now = new Date()): Handout {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key)
  const entries: HandoutEntry[] = []
  const missing: string[] = []
  for (const item of pack.items) {
    const raw = cases.get(item.caseId)
    if (!raw) {
      missing.push(item.caseId)
      continue
    }
    const c = displayCase(raw, script)
    const keyFields = [
      { label: t('field_problems'), value: c.problems.map((tag) => tagLabel(lang, tag)).join('、') },
      { label: t('field_orgTiers'), value: (c.orgTiers ?? []).join(' → ') },
      { label: t('field_mechanisms'), value: c.mechanisms.map((tag) => tagLabel(lang, tag)).join('、') },
      {
        label: t('field_funding'),
        value: c.funding
          .map((f) => `${translate(lang, `fund_${f.source}`)} ${f.amountWan !== null ? formatWan(lang, f.amountWan) : t('amountUnknown')}`)
          .join('；'),
      },
      { label: t('field_outcomes'), value: c.outcomes.map((o) => `${o.label} ${o.value}${o.unit}`).join('；') },
    ].filter((field) => field.value)
    entries.push({
      id: c.id,
      title: c.displayTitle,
      place: placeText(c.place),
      models: c.models,
      keyFields,
      excerpt: excerpt(c),
      note: item.note,
      citation: citation(c, lang),
      citationLead: citationLead(c, lang),
      source: c.source,
      published: c.published,
    })
  }
  return { id: pack.id, name: pack.name, date: now.toISOString().slice(0, 10), entries, missing }
}

const text = (value: string): PhrasingContent => ({ type: 'text', value })
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] })
// The colon stays outside the emphasis: `**地点**：` closes cleanly, `**地点：**福` would not
// (CommonMark flanking rules) and remark would escape the next character.
const COLON = { zh: '：', en: ': ' } as const
const item = (children: PhrasingContent[]): ListItem => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] })

/** The handout as Markdown: one section per case, built as a syntax tree and serialized by remark. */
export function handoutMarkdown(handout: Handout, lang: Lang): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key)
  const labelled = (label: string, value: string): PhrasingContent[] => [strong(label), text(`${COLON[lang]}${value}`)]
  const children: RootContent[] = [
    { type: 'heading', depth: 1, children: [text(handout.name)] },
    { type: 'paragraph', children: [text(`${t('handoutDate')} ${handout.date}`)] },
  ]
  handout.entries.forEach((entry, i) => {
    children.push({ type: 'heading', depth: 2, children: [text(`${i + 1}. ${entry.title}`)] })
    const facts: ListItem[] = [
      item(labelled(t('field_place'), entry.place || t('notStated'))),
      ...(entry.models.length ? [item(labelled(t('field_models'), entry.models.join('、')))] : []),
      ...entry.keyFields.map((field) => item(labelled(field.label, field.value))),
    ]
    const list: List = { type: 'list', ordered: false, spread: false, children: facts }
    children.push(list)
    if (entry.note) children.push({ type: 'paragraph', children: labelled(t('note'), entry.note) })
    children.push({ type: 'blockquote', children: [{ type: 'paragraph', children: [text(entry.excerpt)] }] })
    const lead = entry.citationLead
    children.push({
      type: 'paragraph',
      children: entry.source.url
        ? [...labelled(t('citation'), `${lead}${SEPARATOR[lang]}`), { type: 'link', url: entry.source.url, children: [text(entry.source.url)] }, text(END[lang])]
        : labelled(t('citation'), `${lead}${END[lang]}`),
    })
  })
  const tree: Root = { type: 'root', children }
  return unified().use(remarkGfm).use(remarkStringify, { bullet: '-' }).stringify(tree)
}
