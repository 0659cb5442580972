import type { Message, Removed } from '../schema.js'
import { classify, type Line } from './engine.js'
import { sampleScript } from './script.js'
import { GOV_LABEL_ALONE, SUMMARY_LABEL, SUMMARY_REPEAT } from './rules/boilerplate.js'
import { applyJudgements, judgeLines } from './model/judge.js'
import { metadataTitle, parseMeta, type MetaLine } from './meta.js'
import { prepareLines } from './prepare.js'
import { BRACKETED_HEADLINE, GLUED_HEADLINE, ITEM_START } from './rules/layout.js'
import { cutInline } from './inline.js'
import { INLINE_RULES } from './rules/inline.js'
import { cleanHeadline, crumbTitle, cutHeadlineBrand, findTitle, headlineEnd, headlineKey, headlineStart, pageImageTitle, stripSiteSuffix } from './title.js'
import type { CleanOptions, CleanResult } from './types.js'
import { unwrap } from './unwrap.js'

const MD_IMAGE = /^!\[[^\]]*\]\([^)]*\)$/

const SCRIPT_SAMPLE = 160

/** A numbered subsection heading ("2.1 组织建设", "3.2.1 …"): an outline of the text, not footer residue. */
const SUBSECTION = /^\d{1,2}(?:\.\d{1,2})+\s*[\u4e00-\u9fff]/

/** A credit closing the last paragraph ("…。（某某供稿）"): the article ends there. */
const CLOSING_CREDIT = new RegExp(INLINE_RULES.find((r) => r.id === 'reporter-credit')!.pattern.source)

/** Longer lines below the text may be a closing remark of the text; these are headline-sized. */
const FOOTER_SHORT_MAX = 30
const SENTENCE_END = /[。！？!?；;]/
const CLAUSE_CONTINUES = /[，,、：:]$/

/** Text ends as a finished sentence (or a closing quote/bracket after one). */
const FINISHED = /[。！？!?…”’」』）)\]】.;；]$/

/** A page <title> that reads as a headline once the site suffix is gone: the title of last resort. */
function pageTitle(format: CleanOptions['format'] | undefined, hint: string | undefined): string | null {
  if (format !== 'html' || !hint) return null
  const t = stripSiteSuffix(hint)
  return t.length >= 6 && t.length <= 60 && /[\u4e00-\u9fff]/.test(t) && !/首页|首頁|^无标题|^無標題|^untitled/i.test(t) ? t : null
}

/** The 标题 cell of a 信息公开 table, which names the document more exactly than the page <title>. */
function tableTitle(lines: Line[]): string | null {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].rule?.id !== 'gov-metadata') continue
    let value = metadataTitle(lines[i].text)
    if (value === '') value = lines.slice(i + 1).find((l) => l.kind !== 'blank')?.text ?? null
    if (value) return value
  }
  return null
}

/** Characters of a summary's opening that must recur in a later line for it to count as a teaser. */
const SUMMARY_HEAD = 15

/** Marks a "摘要：" line whose opening a later line prints again (rules/boilerplate.ts SUMMARY_REPEAT). */
function markRepeatedSummary(lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line.kind === 'blank' || line.kind === 'junk') continue
    const m = SUMMARY_LABEL.exec(line.text)
    if (!m || !m[0].trim()) continue
    const head = line.text.slice(m[0].length).replace(/\s+/g, '').slice(0, SUMMARY_HEAD)
    if (head.length < SUMMARY_HEAD) continue
    if (lines.slice(i + 1).some((l) => l.kind !== 'blank' && l.text.replace(/\s+/g, '').includes(head))) {
      line.kind = 'junk'
      line.rule = SUMMARY_REPEAT
    }
  }
}

/** The first line split where a headline printed beside its first paragraph ends (rules/layout.ts). */
function splitGluedHeadline(lines: string[]): string[] {
  const first = lines.findIndex((l) => l !== '')
  const m = first === -1 ? null : (GLUED_HEADLINE.exec(lines[first]) ?? BRACKETED_HEADLINE.exec(lines[first]))
  if (!m) return lines
  return [...lines.slice(0, first), m[1], '', lines[first].slice(m[0].length), ...lines.slice(first + 1)]
}

export function clean(text: string, options: Partial<CleanOptions> = {}): CleanResult {
  const hints = options.hints ?? {}
  const messages: Message[] = []
  const flags: string[] = []
  const msg = (rule: string, severity: Message['severity'], message: string) =>
    messages.push({ stage: 'clean', rule, severity, message, ...(options.file ? { file: options.file } : {}) })

  const { lines: prepared, repair: repaired, removed: cutEarly, meta: cutMeta } = prepareLines(text, options.format)
  if (repaired.pinyin) {
    flags.push('pinyin-repaired')
    msg('pinyin-artifact', 'info', `removed ${repaired.pinyin} pinyin readings printed after characters`)
  }
  if (repaired.mojibake.length) {
    flags.push('mojibake')
    for (const run of repaired.mojibake) {
      msg(
        'mojibake',
        'warning',
        run.repaired === null ? `garbled run kept as printed: "${run.original}"` : `garbled run "${run.original}" repaired as "${run.repaired}"`,
      )
    }
  }

  const unwrapped = unwrap(splitGluedHeadline(prepared))
  if (unwrapped.margin !== null) msg('hard-wrapped', 'info', `rejoined lines wrapped at ${unwrapped.margin} columns`)
  const lines = classify(unwrapped.lines)
  markRepeatedSummary(lines)
  if (options.format === 'md') {
    for (const l of lines) if (MD_IMAGE.test(l.text)) l.kind = 'junk'
  }
  // Lines no rule took are judged by the line classifier; furniture it finds is dropped wherever it stands.
  const judged = judgeLines(lines, options.model)
  applyJudgements(lines, judged, options.article)
  const tabled = tableTitle(lines)
  // An upload shown as captioned page images is named by its captions, whatever line opens its text.
  const imaged = tabled === null ? pageImageTitle(lines) : null
  let titleIdx = imaged === null ? findTitle(lines, tabled ?? hints.title, judged) : null
  // A headline broken over two lines is read as one; titleIdx ends on its last piece.
  let titleStart = titleIdx === null ? null : headlineStart(lines, titleIdx)
  const titleEnd = titleIdx === null || titleStart !== null ? null : headlineEnd(lines, titleIdx)
  if (titleEnd !== null) [titleStart, titleIdx] = [titleIdx, titleEnd]
  // A 信息公开 page that prints its title only in the table still has one; a web page whose
  // headline is not printed as a line of its own still has its <title>.
  const headline = titleIdx === null ? null : cleanHeadline((titleStart === null ? '' : lines[titleStart].text) + lines[titleIdx].text)
  const found = headline ? headline.title : tabled ?? imaged ?? crumbTitle(lines) ?? pageTitle(options.format, hints.title)
  const branded = found === null ? null : cutHeadlineBrand(found, lines.filter((l) => l.kind !== 'junk' && l.index !== titleIdx && l.index !== titleStart).map((l) => l.text))
  const title = branded ? branded.title : null
  if (title === null) flags.push('no-title')

  const firstBody = lines.findIndex((l) => l.kind === 'body' && (titleIdx === null || l.index > titleIdx))
  let lastBody = -1
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].kind === 'body') { lastBody = i; break }
  const headerEnd = firstBody === -1 ? lines.length : firstBody
  const titleKey = title ? headlineKey(title) : null

  const removed: Removed[] = [...cutEarly, ...unwrapped.removed]
  const metaLines: MetaLine[] = cutMeta.map((text) => ({ text, header: false }))
  if (branded) removed.push(...branded.removed)
  if (headline) {
    removed.push(...headline.removed)
    for (const text of headline.meta) metaLines.push({ text, header: true })
  }
  const kept: string[] = titleIdx === null && title ? [title] : []

  // A table label standing alone names the value on the next line ("发布日期" / "2024-02-28").
  let label = ''
  // Header lines all sit in the byline block; below the body only byline-type rules carry metadata
  // (a disclaimer saying "仅代表作者本人" names no author).
  const drop = (line: Line, reason: string, header: boolean) => {
    removed.push({ text: line.text, reason })
    const text = label ? `${label}：${line.text}` : line.text
    label = GOV_LABEL_ALONE.test(line.text) ? line.text.replace(/[:：]$/, '') : ''
    if (label) return
    if (header ? reason !== 'seo-spam' && !reason.startsWith('model:spam') : line.rule?.meta && reason === line.rule.id) {
      metaLines.push({ text, header, ...(line.rule?.issueDate && reason === line.rule.id ? { issueDate: true } : {}) })
    }
  }

  // Below the last paragraph, short lines are page furniture once the article has visibly ended:
  // its last paragraph closes with a credit ("…。（某某供稿）"), or a rule's line stands further down
  // (a QR prompt, an editor line), so the short lines above it are the account's slogan or related
  // headlines. Lines that open a numbered item or subsection stay.
  const closedByCredit = lastBody !== -1 && CLOSING_CREDIT.test(lines[lastBody].text)
  let ruleBelow = -1
  for (let i = lines.length - 1; i > lastBody; i--) {
    if (lines[i].rule && !lines[i].rule!.id.startsWith('model:')) { ruleBelow = i; break }
  }
  // Short lines ending in a comma are prose broken into lines (a closing appeal set as verse), not furniture.
  if (lines.slice(lastBody + 1, Math.max(ruleBelow, 0)).some((l) => l.kind === 'short' && CLAUSE_CONTINUES.test(l.text))) ruleBelow = -1
  // A compilation's running head recurs at every page top, where it may sit between body paragraphs.
  const runningHeads = new Set(lines.filter((l) => l.kind === 'junk' && l.rule?.id === 'running-header').map((l) => l.text))

  sortLines(lines, { title, titleIdx, titleStart, titleKey, headerEnd, lastBody, closedByCredit, ruleBelow, runningHeads }, kept, drop)

  const top = title ? 1 : 0
  const lead = cutInline(kept.slice(top), 'lead')
  const credits = cutInline(lead.paragraphs, 'paragraph')
  removed.push(...lead.removed, ...credits.removed)
  for (const text of lead.meta) metaLines.push({ text, header: true })
  for (const text of credits.meta) metaLines.push({ text, header: false })
  const paragraphs = [...kept.slice(0, top), ...credits.paragraphs]
  const body = paragraphs.join('\n\n')
  const lastKept = paragraphs.length ? paragraphs[paragraphs.length - 1] : ''
  if (lastKept && firstBody !== -1 && !FINISHED.test(lastKept)) {
    flags.push('truncated')
    msg('truncated', 'info', `text ends mid-sentence: "…${lastKept.slice(-20)}"`)
  }
  const meta = parseMeta(metaLines, title, hints)
  return {
    title,
    body,
    meta,
    removed,
    flags,
    messages,
    // Script is uniform within a report: its opening is sample enough (script.ts keeps OpenCC off it).
    script: sampleScript(body.length > SCRIPT_SAMPLE ? body.slice(0, SCRIPT_SAMPLE) : body),
  }
}

/** Where clean found the headline, the text and the footer: what decides each line's fate. */
interface Layout {
  title: string | null
  titleIdx: number | null
  titleStart: number | null
  titleKey: string | null
  headerEnd: number
  lastBody: number
  closedByCredit: boolean
  ruleBelow: number
  runningHeads: Set<string>
}

/** A short line below the text that reads as furniture once the article has visibly ended. */
function footerShort(line: Line): boolean {
  return line.kind === 'short' && line.text.length <= FOOTER_SHORT_MAX && !SENTENCE_END.test(line.text) && !ITEM_START.test(line.text) && !SUBSECTION.test(line.text)
}

/**
 * Each line kept (pushed to `kept`) or dropped, in order. A function of its own: as a loop inside
 * clean it made TurboFan compile (on stack) all of clean with everything inlined into it (0.7 s
 * of compile time per worker at load 9), thrown away again at its first deoptimization.
 */
function sortLines(lines: Line[], at: Layout, kept: string[], drop: (line: Line, reason: string, header: boolean) => void): void {
  let footerJunkSeen = false
  for (const line of lines) {
    if (line.kind === 'blank') continue
    const i = line.index
    const rule = line.rule
    if (at.runningHeads.has(line.text) && i !== at.titleIdx) {
      drop(line, 'running-header', false)
      continue
    }
    if (i === at.titleIdx) {
      kept.push(at.title!)
      continue
    }
    if (i === at.titleStart) continue
    if (at.titleIdx !== null && i < at.titleIdx) {
      // Standing above the headline decides; a rule that matched says more than the classifier.
      drop(line, rule && !rule.id.startsWith('model:') ? rule.id : 'above-headline', true)
      continue
    }
    if (at.titleKey && (at.titleIdx === null || i > at.titleIdx) && Math.abs(line.text.length - at.title!.length) <= 8 && headlineKey(line.text) === at.titleKey) {
      drop(line, 'repeated-headline', i < at.headerEnd)
      continue
    }
    if (i < at.headerEnd) {
      if (rule) drop(line, rule.id, true)
      else kept.push(line.text)
      continue
    }
    if (i <= at.lastBody) {
      const inner = rule?.zone === 'any' ? rule : line.anyRule
      if (inner) drop(line, inner.id, false)
      else kept.push(line.text)
      continue
    }
    if (rule) {
      drop(line, rule.id, false)
      // A rule's line opens the page footer; a caption the classifier took does not.
      if (!rule.id.startsWith('model:')) footerJunkSeen = true
    } else if (footerJunkSeen && line.kind === 'short' && !ITEM_START.test(line.text) && !SUBSECTION.test(line.text)) {
      drop(line, 'footer-residue', false)
    } else if (at.closedByCredit && footerShort(line)) {
      drop(line, 'after-credit', false)
    } else if (i < at.ruleBelow && footerShort(line)) {
      drop(line, 'above-footer', false)
    } else kept.push(line.text)
  }
}
