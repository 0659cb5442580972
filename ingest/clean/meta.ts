import { rx } from './bilingual.js'
import { GOV_META_LABELS, GOV_META_VALUE_LABELS } from './rules/vocabulary.js'
import type { CleanMeta } from './types.js'

/**
 * Byline fields. Each label list is tried in order; a value runs from the label to the next label,
 * a bar, two spaces, or a date. Reprint labels ("本文转自") name the original publisher, which is
 * the source we want over the aggregator that re-posted it.
 */
const LABELS = {
  reprint: ['本文转自', '转载自', '转载于', '转自', '原载', '原文刊载于'],
  source: ['文章来源', '稿件来源', '信息来源', '新闻来源', '本文来源', '消息来源', '内容来源', '稿源', '来源', '发布机构', '发文机关', '发布单位'],
  author: ['作者', '撰稿', '撰文', '文/', '文丨', '文｜'],
  editor: ['责任编辑', '值班编辑', '本期编辑', '网络编辑', '责编', '编辑'],
  date: ['发布时间', '发布日期', '发表时间', '发表于', '发布于', '更新时间', '时间', '日期'],
}

const ALL_LABELS = Object.values(LABELS).flat().concat(GOV_META_LABELS, ['浏览次数', '浏览量', '点击数', '阅读', '字号', '审核', '校对', '通讯员', '摄影', '类别', '分类', '栏目', '我来说两句'])
const alternation = (words: string[]) => words.slice().sort((a, b) => b.length - a.length).join('|')

/**
 * A label starts a field only at the start of a line or after a separator, so "代表作者本人" in a
 * disclaimer is not an author. Reporters are the exception: "澎湃新闻记者 陈斯斯".
 */
const labelRe = (words: string[], free: string[] = []) =>
  rx(`(?:(?<![\\u4e00-\\u9fff])(?:${alternation(words)})${free.length ? `|${alternation(free)}` : ''})\\s*[:：丨|｜]?\\s*`, 'g')
const REPRINT = labelRe(LABELS.reprint)
const SOURCE = labelRe(LABELS.source)
const AUTHOR = labelRe(LABELS.author, ['记者'])
const EDITOR = labelRe(LABELS.editor)
/** 成文日期 (signed) and 生效/废止日期 are not the day a document was published. */
const DATE_LABEL = rx(`(?<!成文|生效|废止|有效|截止)(?:${alternation(LABELS.date)})\\s*[:：]?\\s*`, 'g')
/** Where a value ends: the next label, a separator, wide space or a date. */
const VALUE_END = rx(`\\s*(?:${alternation(ALL_LABELS)})\\s*[:：丨|｜]|\\s+(?:通讯员|记者|摄影|实习生|见习记者)|[|｜丨\\t]|\\s{2,}|(?:19|20)\\d{2}[-/.年]|[)）】\\]]`)

/** The year may stand alone, followed by month/day after a space, when the page split them into spans. */
export const DATE = /((?:19|20)\d{2})\s*(?:[-/.年]\s*|\s+(?=\d{1,2}[-/.]))(\d{1,2})\s*[-/.月]\s*(\d{1,2})/

export function parseDate(text: string): string | null {
  const m = DATE.exec(text)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function valueAfter(line: string, label: RegExp): string | null {
  label.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = label.exec(line))) {
    const rest = line.slice(m.index + m[0].length)
    const end = VALUE_END.exec(rest)
    const value = (end ? rest.slice(0, end.index) : rest).replace(/^[\s:：,，]+|[\s,，。;；:：]+$/g, '')
    if (value && /[\p{L}\p{N}]/u.test(value) && value.length <= 40) return value
  }
  return null
}

export interface MetaLine {
  text: string
  /** Above the first body paragraph (byline block) rather than below the last. */
  header: boolean
  /** A brief's masthead or print line: its date counts only when nothing else gives one. */
  issueDate?: boolean
}

const spaced = (label: string) => [...label].join('\\s*')
/** Where a cell of a 信息公开 table ends: a tab, a wide gap or the next label. */
const CELL_END = rx(`\\t|\\s{2,}|(?:${[...GOV_META_LABELS, ...GOV_META_VALUE_LABELS].map(spaced).join('|')})\\s*[:：]`)
const TITLE_CELL = rx(`^(?:${['标题', '信息名称'].map(spaced).join('|')})\\s*(?:[:：]|\\t|$)\\s*`)

/**
 * The 标题 cell of a 信息公开 table: "" when the label stands alone (its value is on the next
 * line), null when the line is not a title row.
 */
export function metadataTitle(line: string): string | null {
  const m = TITLE_CELL.exec(line)
  if (!m) return null
  const rest = line.slice(m[0].length)
  const end = CELL_END.exec(rest)
  return (end ? rest.slice(0, end.index) : rest).trim()
}

/** The body that compiled or printed a brief: "某某区委组织部编", "某某办公室  2023年6月20日印发". */
const ISSUER = rx('^([\\u4e00-\\u9fff（）()]{4,30}?)\\s*(?:编印|编发|编|主办|\\s(?=(?:19|20)\\d{2}\\s*年))')

/** A headline's column tag naming the publisher: "【人民网】滁州市…". */
const TITLE_TAG = rx('^【([^】]{2,12}(?:网|报|新闻|电视台|发布|客户端|融媒|日报|晚报))】')

export function parseMeta(lines: MetaLine[], title: string | null, hints: { url?: string; published?: string }): CleanMeta {
  const first = (pick: (l: MetaLine) => string | null, pool: MetaLine[]) => {
    for (const l of pool) {
      const v = pick(l)
      if (v) return v
    }
    return null
  }
  const issued = lines.filter((l) => l.issueDate)
  const header = lines.filter((l) => l.header && !l.issueDate)
  const footer = lines.filter((l) => !l.header && !l.issueDate)
  const ordered = [...header, ...footer]

  let published = first((l) => {
    DATE_LABEL.lastIndex = 0
    const m = DATE_LABEL.exec(l.text)
    return m ? parseDate(l.text.slice(m.index)) : null
  }, header)
  published ??= first((l) => parseDate(l.text), header)
  published ??= first((l) => {
    DATE_LABEL.lastIndex = 0
    const m = DATE_LABEL.exec(l.text)
    return m && !/快照|生成/.test(l.text) ? parseDate(l.text.slice(m.index)) : null
  }, footer)
  published ??= hints.published ? parseDate(hints.published) : null
  published ??= first((l) => parseDate(l.text), issued)

  let sourceName = first((l) => valueAfter(l.text, REPRINT), ordered)
  sourceName ??= first((l) => valueAfter(l.text, SOURCE), ordered)
  if (!sourceName && title) sourceName = TITLE_TAG.exec(title)?.[1] ?? null
  sourceName ??= first((l) => ISSUER.exec(l.text)?.[1] ?? null, issued)

  const url = first((l) => /https?:\/\/[^\s<>"'，。）)]+/.exec(l.text)?.[0] ?? null, ordered)

  return {
    published,
    sourceName,
    sourceUrl: url ?? hints.url ?? null,
    author: first((l) => valueAfter(l.text, AUTHOR), ordered),
    editor: first((l) => valueAfter(l.text, EDITOR), ordered),
  }
}
