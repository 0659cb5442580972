import type { Line } from '../engine.js'
import { CUE_PATTERNS } from './cues.js'

/**
 * What the line classifier sees of a line: numbers in [0, 1] describing its shape, its words, the
 * rules it trips, where it stands and what stands around it. The names are stored with the model,
 * so a model trained on another feature list is refused rather than misread.
 */

/** Today's line rules, grouped by the kind of furniture they catch: one feature per group, not per rule. */
const RULE_GROUPS: Record<string, string[]> = {
  meta: ['gov-metadata', 'byline', 'source-line', 'editor-line', 'author-line', 'timestamp', 'print-edition', 'original-title'],
  nav: ['breadcrumb', 'site-menu', 'pagination', 'site-column', 'bullet-menu', 'column-tag', 'search-box', 'return-link', 'more-link', 'account-name'],
  prompt: ['share-bar', 'app-prompt', 'qr-prompt', 'emoji-prompt', 'audio-player', 'reader-counter', 'wechat-collection'],
  related: ['related-block', 'related-teaser'],
  caption: ['image-credit', 'image-caption'],
  spam: ['seo-spam', 'link-farm', 'ad'],
  notice: ['snapshot-notice', 'reprint-notice', 'copyright', 'licence-footer', 'hotline-footer', 'site-owner'],
  brief: ['masthead', 'running-header', 'confidentiality-mark', 'distribution', 'signature', 'rule-line'],
  comment: ['comment-box'],
}
const GROUP_OF = new Map(Object.entries(RULE_GROUPS).flatMap(([g, ids]) => ids.map((id) => [id, g] as const)))
const GROUPS = Object.keys(RULE_GROUPS)

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g
const LATIN = /[A-Za-z]/g
const DIGIT = /[0-9０-９]/g
const PUNCT = /[\p{P}]/gu
const SYMBOL = /[|｜_<>＜＞=\\/#*$@{}~^+]/g
const SPACE = /\s/g
const QMARK = /[?？�]/g
const EMOJI = /\p{Extended_Pictographic}/u
const SENTENCE_END = /[。！？!?…][”’」』）)]*$/
const STOP = /[。！？!?]/g
const COMMA = /[，,；;、]/g

const DATE = /(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}/
const MONTH_DAY = /\d{1,2}\s*月\s*\d{1,2}\s*[日号號]/
const TIME = /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/
const URL = /https?:\/\/|www\.|\.(?:com|cn|net|org|gov)\b/i
const HTML = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<[a-z][a-z0-9-]*\s+[a-z-]+=|\b(?:class|style|id|href|src)=["']/i
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|bmp)\b/i
const SEPARATORS = /\s[|｜_>＞»·-]\s|[_|｜>＞»]/g
const MASKED = /\d{2,4}\*{3,4}\d{2,4}/
const PLACEHOLDER = /\{[^{}]{1,40}\}|\$\{|\[\w+:[^\]]*\]|\{\w*:/
const NO_LETTERS = /^[^\p{L}]*$/u
const LATIN_WORDS = /[A-Za-z]{2,}(?:\s+[A-Za-z]{2,}){2,}/
const BULLET = /^[•·●■□▪◆◇▶►▲△★☆※→]/
const SECTION = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}(?:\.\d)*[、.．\s]|第[一二三四五六七八九十\d]+[章节部分条])/
const BRACKET_START = /^[【[（(〔〖「『]/
const BRACKETED = /^[【[（(〔〖「『][^【[（(〔〖」』】\])）〕〗]*[】\])）〕〗」』]$/
/** A dateline opening a paragraph: "某某网5月3日讯", "本报讯(记者…)", "…日电". */
const LEAD_IN = /^.{0,24}?(?:\d{1,2}月\d{1,2}[日号號](?:讯|訊|电|電|消息)|[报報网網台社](?:讯|訊)|社.{0,6}电|(?<!通)[讯訊]\s*[(（])/

/** Two to four people's names and nothing else ("张三 李四", "王五1, 赵六2"): an author line. */
const NAME_LIST = /^(?:[\u4e00-\u9fff·]{2,4}\s?\d?[\s,，、;；]+){0,5}[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3}\s?\d?\*?$/
const POSTCODE = /(?<![\d-])\d{6}(?![\d-])/
/** A journal issue: "2021年第3期", "2016年3期", "Vol. 21", "21(2): 76-84". */
const ISSUE = /(?:19|20)\d{2}\s*年\s*第?\s*\d{1,2}\s*期|\bVol\.|\bNo\.\s*\d|\(\d{1,2}\)\s*:\s*\d+\s*[-–]\s*\d+/i
/** A short label before a colon ("关键词:", "作者：", "时间:"). */
const LABEL_COLON = /^[\[〔【(（]?[\u4e00-\u9fffA-Za-z\s]{1,6}[\]〕】)）]?\s*[:：]/
const LABEL_ALONE = /^[\[〔【(（]?[\u4e00-\u9fffA-Za-z]{2,6}[\]〕】)）]?\s*[:：]?$/
/** Romanised names ("ZHANG San1, LI Si2"). */
const LATIN_NAME = /^(?:[A-Z]{2,}\s+[A-Z][a-z]+\d?[\s,*]*){1,6}$/
/** A list of short terms separated by semicolons or wide gaps: keywords, tags. */
const TERM_LIST = /^[^。，,]{0,12}(?:[^；;。，,\s]{2,12}(?:[；;]|\s{2,})){2,}[^；;。，,\s]{0,12}[；;]?$/
/** Anti-copy noise that forums scatter in posts: runs of one-to-three-character ASCII tokens with symbols. */
const NOISE = /(?:^|\s)(?:[\x21-\x7e]{1,3}\s+){3,}[\x21-\x7e]{0,3}$|(?:[#$%&*;^{}|~][\x21-\x7e]?\s+){3,}/
const MD_IMAGE = /!\[[^\]]*\]\([^)]*\)/
const JOURNAL_CUE = /摘\s*要|关键词|關鍵詞|\[J\]|基金项目|基金項目|作者简介|作者簡介|DOI|收稿日期|分类号|分類號|Abstract|Key\s*words/i

const ratio = (text: string, re: RegExp) => (text.match(re)?.length ?? 0) / Math.max(1, text.length)
const cap = (n: number, max: number) => Math.min(n, max) / max

interface Own {
  len: number
  bodyish: boolean
  short: boolean
  rule: string | null
  date: boolean
  meta: boolean
}

function own(line: Line): Own {
  const t = line.text
  return {
    len: t.length,
    bodyish: line.kind === 'body',
    short: t.length <= 15,
    rule: line.rule ? (GROUP_OF.get(line.rule.id) ?? 'other') : null,
    date: DATE.test(t),
    meta: line.rule ? GROUP_OF.get(line.rule.id) === 'meta' : false,
  }
}

const NEIGHBOUR = ['none', 'bodyish', 'rule', 'short', 'date', 'meta'] as const
function neighbour(o: Own | undefined): number[] {
  if (!o) return [1, 0, 0, 0, 0, 0]
  return [0, +o.bodyish, +(o.rule !== null), +o.short, +o.date, +o.meta]
}

export const FEATURES: string[] = [
  'pos.rel', 'pos.first', 'pos.last', 'pos.top3', 'pos.bottom3', 'pos.aboveBody', 'pos.belowBody', 'pos.lines',
  'len.log', 'len.le4', 'len.le10', 'len.le20', 'len.le40', 'len.gt100',
  'ch.cjk', 'ch.latin', 'ch.digit', 'ch.punct', 'ch.symbol', 'ch.space', 'ch.qmark', 'ch.emoji',
  'p.endSentence', 'p.endColon', 'p.endComma', 'p.noClause', 'p.commas', 'p.stops', 'p.startBracket', 'p.bracketed', 'p.bullet', 'p.section', 'p.quote',
  're.date', 're.monthDay', 're.time', 're.url', 're.html', 're.imageFile', 're.separators', 're.masked', 're.placeholder', 're.noLetters', 're.latinWords', 're.leadIn',
  're.nameList', 're.postcode', 're.issue', 're.labelColon', 're.labelAlone', 're.latinName', 're.termList', 're.noise', 're.mdImage', 're.digitsOnly',
  ...CUE_PATTERNS.map((c) => `cue.${c.id}`),
  ...GROUPS.map((g) => `rule.${g}`), 'rule.other', 'rule.anyZone', 'kind.bodyish', 'kind.short',
  'rep.exact', 'rep.inside', 'rep.contains', 'rep.opening',
  ...['prev', 'next'].flatMap((side) => NEIGHBOUR.map((n) => `${side}.${n}`)),
  'prev2.rule', 'next2.rule', 'prev2.bodyish', 'next2.bodyish',
  'title.shape', 'title.bylineBelow',
  'x.shortTop', 'x.shortBottom', 'x.shortAbove', 'x.shortBelow', 'x.bodyishAbove', 'x.ruleInBody', 'x.shortBetweenBody',
  'doc.journal', 'doc.journalShort',
]

/**
 * One feature vector per line (null for blank lines), in FEATURES order. `lines` is the classified
 * page (engine.classify): every line with its kind and first matching rule.
 */
export function lineFeatures(lines: Line[]): (Float64Array | null)[] {
  const idx: number[] = []
  for (let i = 0; i < lines.length; i++) if (lines[i].text) idx.push(i)
  const n = idx.length
  const owns = idx.map((i) => own(lines[i]))
  const firstBody = owns.findIndex((o) => o.bodyish)
  let lastBody = -1
  for (let k = n - 1; k >= 0; k--) if (owns[k].bodyish) { lastBody = k; break }
  const counts = new Map<string, number>()
  for (const i of idx) counts.set(lines[i].text, (counts.get(lines[i].text) ?? 0) + 1)
  const texts = idx.map((i) => lines[i].text)
  // Papers print authors, affiliations and keywords as short lines that mean nothing on a news page.
  const journal = texts.filter((t) => JOURNAL_CUE.test(t)).length >= 2 ? 1 : 0

  const out: (Float64Array | null)[] = lines.map(() => null)
  for (let k = 0; k < n; k++) {
    const t = texts[k]
    const o = owns[k]
    const v: number[] = []
    const above = firstBody === -1 || k < firstBody
    const below = lastBody !== -1 && k > lastBody
    v.push(n > 1 ? k / (n - 1) : 0, +(k === 0), +(k === n - 1), +(k < 3), +(k >= n - 3), +above, +below, cap(Math.log1p(n), 5))
    const L = o.len
    v.push(Math.min(1, Math.log1p(L) / 6), +(L <= 4), +(L <= 10), +(L <= 20), +(L <= 40), +(L > 100))
    v.push(ratio(t, CJK), ratio(t, LATIN), ratio(t, DIGIT), ratio(t, PUNCT), Math.min(1, 4 * ratio(t, SYMBOL)), Math.min(1, 4 * ratio(t, SPACE)), Math.min(1, 8 * ratio(t, QMARK)), +EMOJI.test(t))
    const commas = t.match(COMMA)?.length ?? 0
    const stops = t.match(STOP)?.length ?? 0
    v.push(
      +SENTENCE_END.test(t), +/[:：]$/.test(t), +/[，,、；;]$/.test(t), +(commas === 0 && stops === 0), cap(commas, 4), cap(stops, 4),
      +BRACKET_START.test(t), +BRACKETED.test(t), +BULLET.test(t), +SECTION.test(t), +/[“”「」]/.test(t),
    )
    v.push(
      +DATE.test(t), +MONTH_DAY.test(t), +TIME.test(t), +URL.test(t), +HTML.test(t), +IMAGE_FILE.test(t), cap(t.match(SEPARATORS)?.length ?? 0, 3),
      +MASKED.test(t), +PLACEHOLDER.test(t), +NO_LETTERS.test(t), +LATIN_WORDS.test(t), +LEAD_IN.test(t),
    )
    v.push(
      +NAME_LIST.test(t), +POSTCODE.test(t), +ISSUE.test(t), +LABEL_COLON.test(t), +LABEL_ALONE.test(t), +LATIN_NAME.test(t), +TERM_LIST.test(t),
      +NOISE.test(t), +MD_IMAGE.test(t), +/^\d+$/.test(t),
    )
    for (const c of CUE_PATTERNS) {
      c.pattern.lastIndex = 0
      v.push(cap(t.match(c.pattern)?.length ?? 0, 3))
    }
    for (const g of GROUPS) v.push(+(o.rule === g))
    const rule = lines[idx[k]].rule
    v.push(+(o.rule === 'other'), +(rule?.zone === 'any'), +o.bodyish, +(lines[idx[k]].kind === 'short'))
    let inside = 0
    let contains = 0
    if (L >= 6) {
      for (let j = 0; j < n; j++) {
        if (j === k) continue
        const u = texts[j]
        if (u.length > L && u.includes(t)) inside = 1
        else if (u.length >= 6 && u.length < L && t.includes(u)) contains = 1
      }
    }
    // A teaser or summary prints the opening of a paragraph again (after a date, perhaps).
    const head = t.replace(/^[\d\s:/.-]+/, '').slice(0, 15)
    let opening = 0
    if (head.length >= 10) for (let j = 0; j < n && !opening; j++) if (j !== k && texts[j].includes(head)) opening = 1
    v.push(+((counts.get(t) ?? 0) > 1), inside, contains, opening)
    v.push(...neighbour(owns[k - 1]), ...neighbour(owns[k + 1]))
    v.push(+(owns[k - 2]?.rule != null), +(owns[k + 2]?.rule != null), +!!owns[k - 2]?.bodyish, +!!owns[k + 2]?.bodyish)
    const titleShape = L >= 6 && L <= 50 && !SENTENCE_END.test(t) && ratio(t, CJK) >= 0.6
    v.push(+titleShape, +(!!owns[k + 1]?.meta || !!owns[k + 2]?.meta))
    v.push(+(o.short && k < 3), +(o.short && k >= n - 3), +(o.short && above), +(o.short && below), +(o.bodyish && above), +(o.rule !== null && !above && !below))
    v.push(+(L <= 30 && !!owns[k - 1]?.bodyish && !!owns[k + 1]?.bodyish), journal, +(journal && L <= 40))
    out[idx[k]] = Float64Array.from(v)
  }
  return out
}
