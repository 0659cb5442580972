import { rx } from './bilingual.js'
import type { Removed } from '../schema.js'
import type { Line } from './engine.js'
import { cutInline } from './inline.js'
import type { Judgement } from './model/judge.js'
import { BETTING_BRANDS, BETTING_NAME } from './rules/vocabulary.js'

/**
 * Rules a headline itself can trip ("居民扫码就能报修" mentions 扫码). Such a line still counts as
 * a headline when a byline follows it.
 */
const SOFT_RULES = new Set(['qr-prompt', 'app-prompt', 'related-teaser', 'image-caption', 'comment-box', 'site-column'])

/** How sure the line classifier must be that a line is the headline when no other sign points to one. */
const MODEL_TITLE_MIN = 0.5
/** A line the classifier calls furniture this likely, and a headline less likely than UNLIKELY_TITLE, is not taken for a headline by its shape. */
const DOUBTFUL = 0.5
const UNLIKELY_TITLE = 0.25

/** Rules whose lines typically sit right under a headline. */
const BYLINE_RULES = new Set(['byline', 'source-line', 'editor-line', 'author-line', 'author-bio', 'timestamp'])

/** A bulleted line: a dash, bullet or asterisk and a gap before the text. */
const LIST_ITEM = /^[-–•·*]\s/

/**
 * Lines that stand where a headline would but are not one. Each entry says why; the first that
 * matches disqualifies the line.
 */
const NOT_A_HEADLINE: { id: string; pattern: RegExp; why: string }[] = [
  {
    id: 'organisation-name',
    pattern: rx(
      '^[\\u4e00-\\u9fff]{2,30}(?:党工委|党委|党组|党支部|党总支|工委|办事处|街道|社区|居委会|村委会|委员会|人民政府|政府|办公室|中心|局|厅|部|镇|乡|村|区委|县委|市委|联合会|协会)$',
    ),
    why: 'A bare organisation name above the date line is the issuing body, not a headline (pages that lost their <h1>).',
  },
  {
    id: 'section-heading',
    pattern: /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．]\D|第[一二三四五六七八九十\d]+[章节部分条])/,
    why: 'Numbered section headings of the body ("一、背景").',
  },
  {
    id: 'column-label',
    pattern: /^【[^】]*】$|^\[[^\]]*\]$/,
    why: 'A bracketed label on its own ("【小区名片】") introduces a section.',
  },
  {
    id: 'lead-in',
    pattern: /[:：，,；;、]$/,
    why: 'A line ending in a colon or comma leads into what follows.',
  },
  {
    id: 'app-prompt',
    pattern: rx('^(?:打开|下载|前往|点击|用)\\S{0,10}?(?:新闻|客户端|头条|app)|(?:查看|阅读|观看|看)(?:更多|全文|原文|高清)\\S{0,6}$', 'i'),
    why: 'App prompts ("打开某某新闻，查看更多图片 >") stand where a headline would on reprints that lost theirs, and a byline often follows them.',
  },
  {
    id: 'metadata-row',
    pattern: rx('^(?:标\\s*题|信息名称|索引号|文\\s*号|发文字号|主题分类|发文机关|成文日期|发布日期)\\s*(?:[:：]|\\t)'),
    why: 'A row of a 信息公开 table carries the title after a label; the headline is printed on its own.',
  },
  {
    id: 'subtitle',
    pattern: /^\s*(?:——|──|－－|--|—\s)/,
    why: 'A dash-led line ("——某地推进小区协商议事见闻") is the subtitle under the headline; it stays in the body.',
  },
  {
    id: 'list-item',
    pattern: LIST_ITEM,
    why: 'A bulleted line ("- 某某编著", "• 评论") is an entry of a listing: a reading site\'s book details, a menu. Headlines are not bulleted.',
  },
  {
    id: 'journal-line',
    pattern: rx('国内统一刊号|国际标准刊号|刊号\\s*[:：]|\\bISSN\\b|\\bCN\\s*\\d{2}\\s*-\\s*\\d{4}'),
    why: 'A paper\'s or journal\'s masthead line (serial numbers, "CN11-0000") opens the page above the headline of a reprinted article; it names the publication, not the article.',
  },
  {
    id: 'no-cjk',
    pattern: /^[^\u4e00-\u9fff]*$/,
    why: 'Chinese reports have Chinese headlines; a Latin/number-only line is a code or a date.',
  },
]

/**
 * A headline of ASCII, CJK ideographs and the commonest CJK and full-width punctuation: NFKC leaves
 * each of these as it is or turns it into punctuation or a space (，→ ",", the ideographic space →
 * " "), and of them the key keeps exactly ASCII letters and digits and the ideographs. Most lines
 * clean and the DOM step compare are such, and `normalize` and a Unicode-property replace cost
 * ~4× this (tests/clean-headline-key.test.ts holds the two to the same keys).
 */
const PLAIN_HEADLINE = /^[\x20-\x7e\u3000-\u3002\u300a-\u3011\u2018\u2019\u201c\u201d\u4e00-\u9fff\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]*$/
const NOT_KEPT_IN_PLAIN = /[^0-9A-Za-z\u4e00-\u9fff]/g

/** Comparison form for headlines: width-folded, without spaces and punctuation. */
export function headlineKey(text: string): string {
  if (PLAIN_HEADLINE.test(text)) return text.replace(NOT_KEPT_IN_PLAIN, '')
  return text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '')
}

/** Site suffixes on <title> hints: "…_东南网", "…-人民网", "… | 澎湃新闻". */
export function stripSiteSuffix(hint: string): string {
  let t = hint.trim()
  for (let n = 0; n < 3; n++) {
    const m = /^(.{2,}?)\s*(?:[_|｜]|\s[-–—]\s|-(?=[^-]{2,20}$)|--)\s*([^_|｜]{2,24})$/.exec(t)
    if (!m) break
    if (!/网|網|报|報|新闻|新聞|频道|頻道|政府|门户|門戶|发布|發布|头条|頭條|客户端|com|cn|net|org|在线|在線|之声|日报|晚报|融媒|电视台|電視臺/i.test(m[2])) break
    t = m[1].trim()
  }
  return t
}

/** A bracketed column or region tag in ASCII brackets before the headline ("[视频] …", "[某地] …"). */
const ASCII_TAG = /^\[[^\]]{1,8}\]\s*/
/** A site name glued on with an underscore ("…_某某网", "…_天天快讯"): headlines never use "_". */
const UNDERSCORE_SUFFIX = /\s*_\s*[^_]{2,16}$/

/**
 * "某某 服务 |某某社区办起百家宴": menu entries, parted by gaps, left before a bar in front of the
 * headline. One name before a bar ("某某报关注|…") may be the column the headline belongs to; a
 * row of gapped words is the site's menu.
 */
const MENU_PREFIX = /^\s*(?:[^\s|｜]{1,6}\s+)+[^\s|｜]{1,6}\s*[|｜]\s*/

/**
 * "某某行动方案.docx", "某某方案.pdfVIP": a document-sharing site heads an upload with its file name,
 * extension and the site's paid-copy badge included. The name is the document's headline.
 */
const FILE_EXTENSION = /\s*\.(?:docx?|pdf|pptx?|xlsx?|wps|txt)\s*(?:VIP)?\s*$/i

/** "某某社区办起百家宴 |": a table-cell border left after the headline when a page's layout is copied as text. */
const CELL_BORDER = /\s*[|｜]+\s*$/

/**
 * The headline as it should read: a dateline glued in front ("某某社5月3日电 题：…") cut, an ASCII
 * column tag, a cell border and a site suffix dropped. Each cut goes to `removed` with what decided it.
 */
export function cleanHeadline(text: string): { title: string; removed: Removed[]; meta: string[] } {
  const lead = cutInline([text], 'lead', 1)
  let title = lead.paragraphs[0] ?? text
  const removed = [...lead.removed]
  const tag = ASCII_TAG.exec(title)
  if (tag && title.length - tag[0].length >= 6) {
    removed.push({ text: tag[0].trim(), reason: 'column-tag' })
    title = title.slice(tag[0].length)
  }
  const menu = MENU_PREFIX.exec(title)
  if (menu && title.length - menu[0].length >= 6) {
    removed.push({ text: menu[0].trim(), reason: 'menu-prefix' })
    title = title.slice(menu[0].length)
  }
  const border = CELL_BORDER.exec(title)
  if (border && border.index >= 6) {
    removed.push({ text: border[0].trim(), reason: 'cell-border' })
    title = title.slice(0, border.index)
  }
  const file = FILE_EXTENSION.exec(title)
  if (file && file.index >= 6) {
    removed.push({ text: file[0].trim(), reason: 'file-extension' })
    title = title.slice(0, file.index)
  }
  const underscore = UNDERSCORE_SUFFIX.exec(title)
  let stripped = underscore && underscore.index >= 6 ? title.slice(0, underscore.index) : title
  stripped = stripSiteSuffix(stripped)
  if (stripped !== title && stripped.length >= 6) {
    removed.push({ text: title.slice(stripped.length).trim(), reason: 'site-suffix' })
    title = stripped
  }
  return { title, removed, meta: lead.meta }
}

/**
 * A betting site's name glued before the headline ("某某体育社区办起百家宴"), as hijacked pages
 * print it, then the headline's first character with no gap.
 */
const HEADLINE_BRAND = rx(`^(?:${BETTING_NAME}|${BETTING_BRANDS.join('|')})(?=[\\u4e00-\\u9fff“"])`)

/**
 * Words that make a real headline's subject with 体育/娱乐 ("社区体育公园…", "群众文化娱乐…"): a
 * report about sports or leisure in a neighbourhood opens on them, and its text may name the subject
 * otherwise ("全民健身"), so the body check alone would not save its headline.
 */
const SUBJECT_BEFORE = new Set(['社区', '全民', '群众', '大众', '老年', '校园', '职工', '农民', '少儿', '儿童', '青年', '竞技', '文化', '休闲', '健身', '民族', '传统', '乡村', '城市', '智慧', '公共', '数字', '社会', '学校', '家庭', '趣味', '冰雪', '户外'])

/**
 * The headline without a betting brand glued before it. A report about a sports festival
 * ("全民体育节…") says its subject again in the text; a pasted brand stands in no line of the body.
 */
export function cutHeadlineBrand(title: string, body: string[]): { title: string; removed: Removed[] } {
  const m = HEADLINE_BRAND.exec(title)
  if (!m || title.length - m[0].length < 6 || SUBJECT_BEFORE.has(m[0].slice(0, 2)) || body.some((line) => line.includes(m[0]))) return { title, removed: [] }
  return { title: title.slice(m[0].length).trim(), removed: [{ text: m[0], reason: 'seo-spam' }] }
}

const CRUMB_SEPARATOR = /\s*(?:>>|>|＞|»|›|→)\s*/
const CRUMB_END = rx('\\s*(?:正文|详情|详细内容|内容)\\s*$')
const CRUMB_LABEL = rx('^[^:：]{0,8}(?:位置|导航)\\s*[:：]\\s*')

/**
 * A headline printed only as the last step of a breadcrumb ("您的位置：首页 > 社区 > 某某社区办起百家宴
 * 正文"): the page's own headline, when no line carries it. Section names are short; a headline is not.
 */
export function crumbTitle(lines: Line[]): string | null {
  for (const line of lines.slice(0, 12)) {
    if (line.rule?.id !== 'breadcrumb') continue
    const parts = line.text.replace(CRUMB_LABEL, '').replace(CRUMB_END, '').split(CRUMB_SEPARATOR).filter(Boolean)
    const last = parts[parts.length - 1]?.trim() ?? ''
    if (parts.length >= 2 && last.length >= 8 && (last.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 6) return last
  }
  return null
}

const PAGE_IMAGE = rx('^(.{4,60}?)_第\\s*\\d+\\s*页$')

/**
 * A document-sharing site shows an upload as page images captioned "某某方案_第1页", "某某方案_第2页":
 * the document's name, when no line carries it. Two pages must agree.
 */
export function pageImageTitle(lines: Line[]): string | null {
  const seen = new Set<string>()
  for (const line of lines) {
    if (line.rule?.id !== 'image-caption') continue
    const name = PAGE_IMAGE.exec(line.text)?.[1].trim()
    if (!name) continue
    if (seen.has(name)) return name
    seen.add(name)
  }
  return null
}

const isByline = (l: Line) => l.kind === 'junk' && !!l.rule && (BYLINE_RULES.has(l.rule.id) || l.rule.id.startsWith('model:meta'))

/**
 * Headlines sit above the first body paragraph. A sentence-like notice above the headline
 * ("本页面为网页快照，…") would end the search too early, so when a byline follows within a few
 * lines of that first paragraph, the search runs on to the paragraph after the byline. A byline
 * with no paragraph after it closes the page (an editor line under a closing verse): the search
 * stays above the first paragraph.
 */
function headlineSearchLimit(lines: Line[]): number {
  let limit = lines.findIndex((l) => l.kind === 'body')
  if (limit === -1) return lines.length
  let seen = 0
  for (let j = limit + 1; j < lines.length && seen < 4; j++) {
    if (lines[j].kind === 'blank') continue
    seen++
    if (lines[j].kind === 'body') break
    if (isByline(lines[j])) {
      const next = lines.findIndex((l, k) => k > j && l.kind === 'body')
      return next === -1 ? limit : next
    }
  }
  return limit
}

function isCandidate(line: Line, soft = false): boolean {
  const softMatch = soft && line.kind === 'junk' && !!line.rule && SOFT_RULES.has(line.rule.id) && line.text.length >= 8
  if (line.kind !== 'short' && !softMatch) return false
  const t = line.text
  if (t.length < 5 || t.length > 80) return false
  return !NOT_A_HEADLINE.some((r) => r.pattern.test(t))
}

/** The line (a headline-length one) stands again, word for word, somewhere below it. */
function repeatedBelow(lines: Line[], i: number): boolean {
  const text = lines[i].text.trim()
  if (text.length < 8) return false
  for (let k = i + 1; k < lines.length; k++) if (lines[k].text.trim() === text) return true
  return false
}

/** Words a headline cannot end on: the phrase goes on. */
const OPEN_ENDING = /[\u4e00-\u9fff](?:的|与|和|及|之|对|以|在)$/

/**
 * A headline broken over two lines, as papers and PDF copies set long ones ("某某服务的" /
 * "项目制治理研究"): the line right above the headline ends on a word that leaves the phrase open.
 * Returns that line's index, or null.
 */
export function headlineStart(lines: Line[], titleIdx: number): number | null {
  let k = titleIdx - 1
  while (k >= 0 && lines[k].kind === 'blank') k--
  if (k < 0 || titleIdx - k > 2) return null
  return isHeadlinePiece(lines[k]) && OPEN_ENDING.test(lines[k].text) ? k : null
}

/**
 * The same, found from the upper line: the headline ends on an open word and the line under it
 * finishes the phrase (even when the classifier, seeing a short line alone, took it for a menu).
 */
export function headlineEnd(lines: Line[], titleIdx: number): number | null {
  if (!OPEN_ENDING.test(lines[titleIdx].text)) return null
  let k = titleIdx + 1
  while (k < lines.length && lines[k].kind === 'blank') k++
  if (k >= lines.length || k - titleIdx > 2) return null
  return lines[k].kind !== 'body' && isHeadlinePiece(lines[k]) ? k : null
}

function isHeadlinePiece(line: Line): boolean {
  if (line.rule && !line.rule.id.startsWith('model:')) return false
  if (line.text.length < 4 || line.text.length > 30) return false
  return !NOT_A_HEADLINE.some((r) => r.pattern.test(line.text)) && !SENTENCE_MARK.test(line.text)
}

/** No full stop, question or exclamation mark, no semicolon: a headline, however long, is no sentence. */
const SENTENCE_MARK = /[。！？!?；;]/

/**
 * A long headline with a comma or colon in it ("案例篇：某某基金会的探索——以某市为例") reads as a
 * paragraph by its length, so the search above the first paragraph never sees it. That first
 * paragraph is the headline when it has no sentence mark, does not lead into what follows, and
 * either only matched furniture stands above it or a byline follows it.
 */
function headlineShapedOpening(lines: Line[]): number | null {
  const limit = lines.findIndex((l) => l.kind === 'body')
  const line = lines[limit]
  if (!line || line.kind !== 'body' || line.text.length > 80 || SENTENCE_MARK.test(line.text)) return null
  if (NOT_A_HEADLINE.some((r) => r.pattern.test(line.text))) return null
  const before = lines.slice(0, limit).filter((l) => l.kind !== 'blank')
  const next = lines.slice(limit + 1).find((l) => l.kind !== 'blank')
  if (!next) return null
  if ((before.length && before.every((l) => l.kind === 'junk')) || isByline(next)) return limit
  return null
}

/**
 * Index of the headline line, or null. Looks only above the first body paragraph. A line matching
 * the page's <title>/h1 hint wins; otherwise the first candidate that has a byline right below it;
 * otherwise the first candidate that comes after site chrome or opens the page.
 */
export function findTitle(lines: Line[], hint?: string, judged?: (Judgement | null)[]): number | null {
  const limit = headlineSearchLimit(lines)
  const candidates: number[] = []
  const softCandidates: number[] = []
  for (let i = 0; i < limit; i++) {
    // A line no rule took but the classifier more likely than not calls furniture is no headline,
    // whatever its shape. (A headline that trips a prompt rule has its own test: a byline under it.)
    // Unless the page prints the same line again further down: portals repeat the headline as the
    // caption of each picture, and the repeats teach the classifier to doubt the headline itself.
    const j = judged?.[i]
    if (lines[i].kind !== 'junk' && j && j.junk >= DOUBTFUL && j.title < UNLIKELY_TITLE && !repeatedBelow(lines, i)) continue
    if (isCandidate(lines[i])) candidates.push(i)
    if (isCandidate(lines[i], true)) softCandidates.push(i)
  }
  if (hint) {
    const key = headlineKey(stripSiteSuffix(hint))
    if (key.length >= 4) {
      for (let i = 0; i < limit; i++) {
        const l = lines[i]
        if (!l.text || l.text.length > 100) continue
        // A metadata row or masthead may repeat the title words; only a headline-shaped line is the headline.
        if (l.kind === 'junk' && !SOFT_RULES.has(l.rule!.id)) continue
        const k = headlineKey(l.text)
        if (k === key || (k.length >= 6 && key.includes(k) && k.length >= key.length * 0.6) || (k.includes(key) && key.length >= k.length * 0.6)) return i
      }
    }
  }
  const isCand = new Set(softCandidates)
  for (const i of softCandidates) {
    let seen = 0
    for (let j = i + 1; j < lines.length && seen < 3; j++) {
      const l = lines[j]
      if (l.kind === 'blank') continue
      seen++
      if (isByline(l)) return i
      if (l.kind === 'body' || isCand.has(j)) break
    }
  }
  // A headline that trips a soft rule opens a page that has nothing else above the body (this is
  // also how an already-cleaned body looks), unless it is a follow-us prompt.
  const opening = lines.findIndex((l) => l.kind !== 'blank')
  if (softCandidates[0] === opening && opening !== -1 && !candidates.includes(opening) && !/关注|關注|蓝字|藍字|星标|星標/.test(lines[opening].text)) {
    const next = lines.slice(opening + 1).find((l) => l.kind !== 'blank')
    if (next?.kind === 'body') return opening
  }
  // No byline: the headline is the first candidate that only site chrome precedes — matched junk,
  // the two-to-seven-character labels of menus ("搜狐首页", "新闻") or bulleted listing lines.
  for (const i of candidates) {
    if (lines[i].text.length < 8) continue
    const before = lines.slice(0, i).filter((l) => l.kind !== 'blank')
    if (before.every((l) => l.kind === 'junk' || l.text.length < 8 || LIST_ITEM.test(l.text))) return i
    break
  }
  const shaped = headlineShapedOpening(lines)
  if (shaped !== null) return shaped
  // Nothing shaped like a headline where one is expected: the line the classifier finds most
  // headline-like above the text, if it is sure enough.
  let best: number | null = null
  let bestP = MODEL_TITLE_MIN
  for (let i = 0; i < limit && judged; i++) {
    const j = judged[i]
    const t = lines[i].text
    if (!j || lines[i].kind === 'junk' || t.length < 5 || t.length > 80 || j.title < bestP || NOT_A_HEADLINE.some((r) => r.pattern.test(t))) continue
    best = i
    bestP = j.title
  }
  return best
}
