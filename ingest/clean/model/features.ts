import type { Line } from '../engine.js'
import { addCueCounts, CUE_GROUPS } from './cues.js'
import { PageLines } from './repeats.js'
import { SURNAMES } from '../rules/vocabulary.js'
import { toTraditional } from '../../text/script.js'

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

const SENTENCE_END = /[。！？!?…][”’」』）)]*$/

const DATE = /(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}/
const MONTH_DAY = /\d{1,2}\s*月\s*\d{1,2}\s*[日号號]/
const TIME = /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/
const URL = /https?:\/\/|www\.|\.(?:com|cn|net|org|gov)\b/i
const HTML = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<[a-z][a-z0-9-]*\s+[a-z-]+=|\b(?:class|style|id|href|src)=["']/i
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|bmp)\b/i
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
/** Anti-copy noise that forums scatter in posts: runs of one-to-three-character ASCII tokens with symbols. */
const NOISE = /(?:^|\s)(?:[\x21-\x7e]{1,3}\s+){3,}[\x21-\x7e]{0,3}$|(?:[#$%&*;^{}|~][\x21-\x7e]?\s+){3,}/
const MD_IMAGE = /!\[[^\]]*\]\([^)]*\)/
const JOURNAL_CUE = /摘\s*要|关键词|關鍵詞|\[J\]|基金项目|基金項目|作者简介|作者簡介|DOI|收稿日期|分类号|分類號|Abstract|Key\s*words/i

const cap = (n: number, max: number) => Math.min(n, max) / max

/** Surnames in both scripts (陈 and 陳), by code. */
const SURNAME = new Set([...SURNAMES, ...SURNAMES.map(toTraditional)].map((c) => c.charCodeAt(0)))
const NAME_SPLIT = /[\s,，、;；/|]+/
/** Footnote and affiliation marks after a name ("王五1", "赵六*", "钱七[2]"). */
const NAME_MARKS = /\[\d{1,2}\]|[\d*①②③④⑤]+/g
const CJK_ONLY = /^[\u3400-\u9fff]+$/
const HAN_CHAR = /[\u3400-\u9fff]/

/**
 * The share of a short line's Han characters that belong to people's names, token by token: a
 * token of two or three characters opening with a common surname, or a surname and a given name
 * set apart by a space ("王 凌"). An author line is all names; an author and a role ("某某 秘书长")
 * about half; a sentence hardly any, since it has no tokens of that size. Lines over 40
 * characters are not looked at.
 */
export function nameShare(t: string): number {
  if (t.length > 40) return 0
  const tokens = t.replace(NAME_MARKS, ' ').split(NAME_SPLIT).filter(Boolean)
  let han = 0
  let names = 0
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]
    if (!CJK_ONLY.test(tok)) {
      for (const ch of tok) if (HAN_CHAR.test(ch)) han++
      continue
    }
    han += tok.length
    const pair = tok.length === 1 && tokens[i + 1]?.length && tokens[i + 1].length <= 2 && CJK_ONLY.test(tokens[i + 1]) ? tok + tokens[i + 1] : null
    if (pair && SURNAME.has(tok.charCodeAt(0))) {
      names += pair.length
      han += tokens[i + 1].length
      i++
    } else if (tok.length >= 2 && tok.length <= 3 && SURNAME.has(tok.charCodeAt(0))) names += tok.length
  }
  return han ? names / han : 0
}

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
/** Writes a neighbour's NEIGHBOUR features at v[c…]; returns the next index. */
function neighbour(v: Float64Array, c: number, o: Own | undefined): number {
  v[c] = +!o
  v[c + 1] = +!!o?.bodyish
  v[c + 2] = +(!!o && o.rule !== null)
  v[c + 3] = +!!o?.short
  v[c + 4] = +!!o?.date
  v[c + 5] = +!!o?.meta
  return c + NEIGHBOUR.length
}

/** Punctuation by code point: ASCII, general punctuation, CJK and full-width forms. */
function isPunct(u: number): boolean {
  return (
    (u >= 33 && u <= 47 && u !== 36 && u !== 43) ||
    (u >= 58 && u <= 64 && u !== 60 && u !== 61 && u !== 62) ||
    (u >= 91 && u <= 96 && u !== 94 && u !== 96) ||
    u === 123 || u === 125 || u === 0xb7 ||
    (u >= 0x2010 && u <= 0x2027) || (u >= 0x2030 && u <= 0x205e) ||
    (u >= 0x3001 && u <= 0x3003) || (u >= 0x3008 && u <= 0x3011) || (u >= 0x3014 && u <= 0x301f) ||
    (u >= 0xfe10 && u <= 0xfe6b) ||
    (u >= 0xff01 && u <= 0xff0f && u !== 0xff04 && u !== 0xff0b) || (u >= 0xff1a && u <= 0xff20 && u !== 0xff1c && u !== 0xff1d && u !== 0xff1e) ||
    (u >= 0xff3b && u <= 0xff3f) || u === 0xff5b || u === 0xff5d || (u >= 0xff5f && u <= 0xff65)
  )
}

/**
 * Symbol, comma, stop and separator characters as flags by UTF-16 code: every character of every
 * line is looked up, and a typed array answers for a fraction of a Set lookup.
 */
const SYMBOL = 1
const COMMA = 2
const STOP = 4
const SEPARATOR = 8
const CHAR_FLAGS = new Uint8Array(0x10000)
const flag = (chars: string, bit: number) => {
  for (const c of chars) CHAR_FLAGS[c.charCodeAt(0)] |= bit
}
flag('|｜_<>＜＞=\\/#*$@{}~^+', SYMBOL)
flag('，,；;、', COMMA)
flag('。！？!?', STOP)
flag('_|｜>＞»', SEPARATOR)

/** Counts of the kinds of characters in one pass over the line (by code point ranges: no regex per character). */
function charCounts(t: string) {
  const n = { cjk: 0, latin: 0, digit: 0, punct: 0, symbol: 0, space: 0, qmark: 0, comma: 0, stop: 0, angle: 0, emoji: 0 }
  for (let i = 0; i < t.length; i++) {
    const u = t.charCodeAt(i)
    if ((u >= 0x3400 && u <= 0x9fff) || (u >= 0xf900 && u <= 0xfaff)) n.cjk++
    else if ((u >= 65 && u <= 90) || (u >= 97 && u <= 122)) n.latin++
    else if ((u >= 48 && u <= 57) || (u >= 0xff10 && u <= 0xff19)) n.digit++
    else if (u === 32 || u === 9 || u === 0x3000) n.space++
    else if (isPunct(u)) n.punct++
    // Emoji: astral pictographs (surrogate pairs) and the dingbat and symbol blocks.
    else if ((u >= 0xd83c && u <= 0xd83e) || (u >= 0x2600 && u <= 0x27bf) || (u >= 0x2b00 && u <= 0x2bff)) n.emoji++
    const f = CHAR_FLAGS[u]
    if (f & SYMBOL) n.symbol++
    if (u === 63 || u === 0xff1f || u === 0xfffd) n.qmark++
    if (f & COMMA) n.comma++
    else if (f & STOP) n.stop++
    if (u === 60 || u === 62) n.angle++
  }
  return n
}

/** Separators between the parts of a line: " | ", "_", ">" and the like. */
function separators(t: string): number {
  let n = 0
  for (let i = 0; i < t.length; i++) if (CHAR_FLAGS[t.charCodeAt(i)] & SEPARATOR) n++
  return n + (t.match(SPACED_SEPARATOR)?.length ?? 0)
}
const SPACED_SEPARATOR = /\s[·-]\s/g

/** A list of short terms separated by semicolons or wide gaps, with no sentence in it: keywords, tags. */
function isTermList(t: string): boolean {
  if (/[。，,]/.test(t)) return false
  const parts = t.replace(/^[^:：]{0,12}[:：]/, '').split(/[；;]|\s{2,}/)
  let items = 0
  for (const part of parts) {
    const x = part.trim()
    if (!x) continue
    if (x.length < 2 || x.length > 14) return false
    items++
  }
  return items >= 3
}

export const FEATURES: string[] = [
  'pos.rel', 'pos.first', 'pos.last', 'pos.top3', 'pos.bottom3', 'pos.aboveBody', 'pos.belowBody', 'pos.lines',
  'len.log', 'len.le4', 'len.le10', 'len.le20', 'len.le40', 'len.gt100',
  'ch.cjk', 'ch.latin', 'ch.digit', 'ch.punct', 'ch.symbol', 'ch.space', 'ch.qmark', 'ch.emoji',
  'p.endSentence', 'p.endColon', 'p.endComma', 'p.noClause', 'p.commas', 'p.stops', 'p.startBracket', 'p.bracketed', 'p.bullet', 'p.section', 'p.quote',
  're.date', 're.monthDay', 're.time', 're.url', 're.html', 're.imageFile', 're.separators', 're.masked', 're.placeholder', 're.noLetters', 're.latinWords', 're.leadIn',
  're.nameList', 're.postcode', 're.issue', 're.labelColon', 're.labelAlone', 're.latinName', 're.termList', 're.noise', 're.mdImage', 're.digitsOnly', 're.nameShare',
  ...CUE_GROUPS.map((c) => `cue.${c.id}`),
  ...GROUPS.map((g) => `rule.${g}`), 'rule.other', 'rule.anyZone', 'kind.bodyish', 'kind.short',
  'rep.exact', 'rep.inside', 'rep.contains', 'rep.opening',
  ...['prev', 'next'].flatMap((side) => NEIGHBOUR.map((n) => `${side}.${n}`)),
  'prev2.rule', 'next2.rule', 'prev2.bodyish', 'next2.bodyish',
  'title.shape', 'title.bylineBelow',
  'x.shortTop', 'x.shortBottom', 'x.shortAbove', 'x.shortBelow', 'x.bodyishAbove', 'x.ruleInBody', 'x.shortBetweenBody',
  'doc.journal', 'doc.journalShort',
]

/**
 * One feature vector per line (null for blank lines, and for lines not `wanted`), in FEATURES
 * order. `lines` is the classified page (engine.classify): every line with its kind and first
 * matching rule; unwanted lines still count as neighbours.
 */
export function lineFeatures(lines: Line[], wanted: (line: Line) => boolean = () => true): (Float64Array | null)[] {
  const out: (Float64Array | null)[] = new Array(lines.length).fill(null)
  eachLineVector(lines, wanted, (index, v) => {
    out[index] = v.slice()
  })
  return out
}

/**
 * lineFeatures one line at a time, into one vector that `use` reads before the next line
 * overwrites it: the classifier needs each vector only while it scores the line, and a fresh
 * Float64Array of FEATURES.length doubles is an off-heap allocation per line (~0.6 µs, and GC work).
 */
export function eachLineVector(lines: Line[], wanted: (line: Line) => boolean, use: (index: number, v: Float64Array) => void): void {
  // Plain loops, not map/filter/findIndex: TurboFan inlines those builtins with a check of each
  // array's map, and pages of other shapes (no body line, one line, a Line carrying anyRule) threw
  // the compiled code away again and again — the costliest compile of the workers (bench/README).
  const idx: number[] = []
  for (let i = 0; i < lines.length; i++) if (lines[i].text) idx.push(i)
  const n = idx.length
  const owns: Own[] = new Array(n)
  const texts: string[] = new Array(n)
  let firstBody = -1
  let lastBody = -1
  let journalCues = 0
  const counts = new Map<string, number>()
  for (let k = 0; k < n; k++) {
    const line = lines[idx[k]]
    const o = own(line)
    owns[k] = o
    texts[k] = line.text
    if (o.bodyish) {
      if (firstBody === -1) firstBody = k
      lastBody = k
    }
    counts.set(line.text, (counts.get(line.text) ?? 0) + 1)
    // Papers print authors, affiliations and keywords as short lines that mean nothing on a news page.
    if (JOURNAL_CUE.test(line.text)) journalCues++
  }
  const page: Page = {
    lines, idx, owns, texts, counts, firstBody, lastBody,
    journal: journalCues >= 2 ? 1 : 0,
    lookup: new PageLines(texts),
    byLength: byLength(texts),
    shortFrom: 0,
  }
  // Lines by length, for the shorter lines a line may contain (6 characters or more).
  while (page.shortFrom < n && texts[page.byLength[page.shortFrom]].length < 6) page.shortFrom++

  const v = new Float64Array(FEATURES.length)
  for (let k = 0; k < n; k++) {
    if (!wanted(lines[idx[k]])) continue
    // The cue counts are added up in place.
    v.fill(0)
    lineVector(page, k, v)
    use(idx[k], v)
  }
}

/** What lineFeatures knows of the whole page, built once per page for lineVector. */
interface Page {
  lines: Line[]
  /** Indexes in `lines` of the non-blank lines; k below counts these. */
  idx: number[]
  owns: Own[]
  texts: string[]
  counts: Map<string, number>
  firstBody: number
  lastBody: number
  journal: number
  lookup: PageLines
  byLength: number[]
  shortFrom: number
}

/** Line positions 0…n-1 by text length (a stable sort, as Array.prototype.sort is). */
function byLength(texts: string[]): number[] {
  const order: number[] = new Array(texts.length)
  for (let j = 0; j < texts.length; j++) order[j] = j
  return order.sort((a, b) => texts[a].length - texts[b].length)
}

/** Writes the FEATURES vector of the page's k-th non-blank line into `v` (zeroed). */
function lineVector(page: Page, k: number, v: Float64Array): void {
  const { lines, idx, owns, texts, counts, firstBody, lastBody, journal, byLength, shortFrom } = page
  const n = idx.length
  const t = texts[k]
  const o = owns[k]
  let c = 0
  const above = firstBody === -1 || k < firstBody
  const below = lastBody !== -1 && k > lastBody
  v[c++] = n > 1 ? k / (n - 1) : 0
  v[c++] = +(k === 0)
  v[c++] = +(k === n - 1)
  v[c++] = +(k < 3)
  v[c++] = +(k >= n - 3)
  v[c++] = +above
  v[c++] = +below
  v[c++] = cap(Math.log1p(n), 5)
  const L = o.len
  v[c++] = Math.min(1, Math.log1p(L) / 6)
  v[c++] = +(L <= 4)
  v[c++] = +(L <= 10)
  v[c++] = +(L <= 20)
  v[c++] = +(L <= 40)
  v[c++] = +(L > 100)
  const ch = charCounts(t)
  const per = Math.max(1, L)
  v[c++] = ch.cjk / per
  v[c++] = ch.latin / per
  v[c++] = ch.digit / per
  v[c++] = ch.punct / per
  v[c++] = Math.min(1, (4 * ch.symbol) / per)
  v[c++] = Math.min(1, (4 * ch.space) / per)
  v[c++] = Math.min(1, (8 * ch.qmark) / per)
  v[c++] = +(ch.emoji > 0)
  v[c++] = +SENTENCE_END.test(t)
  v[c++] = +/[:：]$/.test(t)
  v[c++] = +/[，,、；;]$/.test(t)
  v[c++] = +(ch.comma === 0 && ch.stop === 0)
  v[c++] = cap(ch.comma, 4)
  v[c++] = cap(ch.stop, 4)
  v[c++] = +BRACKET_START.test(t)
  v[c++] = +BRACKETED.test(t)
  v[c++] = +BULLET.test(t)
  v[c++] = +SECTION.test(t)
  v[c++] = +/[“”「」]/.test(t)
  v[c++] = +DATE.test(t)
  v[c++] = +MONTH_DAY.test(t)
  v[c++] = +TIME.test(t)
  v[c++] = +URL.test(t)
  v[c++] = +(ch.angle > 0 && HTML.test(t))
  v[c++] = +IMAGE_FILE.test(t)
  v[c++] = cap(separators(t), 3)
  v[c++] = +(ch.symbol > 0 && MASKED.test(t))
  v[c++] = +(ch.symbol + ch.punct > 0 && PLACEHOLDER.test(t))
  v[c++] = +(ch.cjk + ch.latin === 0 && NO_LETTERS.test(t))
  v[c++] = +(ch.latin >= 6 && LATIN_WORDS.test(t))
  v[c++] = +LEAD_IN.test(t)
  // Shapes of short lines only: a paragraph is none of these, and the patterns are the costly ones.
  v[c++] = +(L <= 40 && NAME_LIST.test(t))
  v[c++] = +(ch.digit >= 6 && POSTCODE.test(t))
  v[c++] = +(ch.digit > 0 && ISSUE.test(t))
  v[c++] = +LABEL_COLON.test(t)
  v[c++] = +(L <= 12 && LABEL_ALONE.test(t))
  v[c++] = +(L <= 80 && ch.latin > 0 && LATIN_NAME.test(t))
  v[c++] = +(L <= 120 && isTermList(t))
  v[c++] = +(ch.latin + ch.digit + ch.punct >= 8 && NOISE.test(t))
  v[c++] = +(ch.angle === 0 && t.includes('![') && MD_IMAGE.test(t))
  v[c++] = +(ch.digit === L)
  v[c++] = nameShare(t)
  addCueCounts(t, v, c)
  for (let g = 0; g < CUE_GROUPS.length; g++, c++) v[c] = cap(v[c], 3)
  for (const g of GROUPS) v[c++] = +(o.rule === g)
  const rule = lines[idx[k]].rule
  v[c++] = +(o.rule === 'other')
  v[c++] = +(rule?.zone === 'any')
  v[c++] = +o.bodyish
  v[c++] = +(lines[idx[k]].kind === 'short')
  let inside = 0
  let contains = 0
  // Headlines, captions and teasers repeat; paragraphs are not looked for inside one another.
  if (L >= 6 && L <= 120) {
    inside = +page.lookup.inLonger(t)
    for (let m = shortFrom; m < n; m++) {
      const u = texts[byLength[m]]
      if (u.length >= L) break
      if (t.includes(u)) {
        contains = 1
        break
      }
    }
  }
  // A teaser or summary prints the opening of a paragraph again (after a date, perhaps).
  const head = t.replace(/^[\d\s:/.-]+/, '').slice(0, 15)
  const opening = head.length >= 10 ? +page.lookup.inOther(head, k) : 0
  v[c++] = +((counts.get(t) ?? 0) > 1)
  v[c++] = inside
  v[c++] = contains
  v[c++] = opening
  c = neighbour(v, c, owns[k - 1])
  c = neighbour(v, c, owns[k + 1])
  v[c++] = +(owns[k - 2]?.rule != null)
  v[c++] = +(owns[k + 2]?.rule != null)
  v[c++] = +!!owns[k - 2]?.bodyish
  v[c++] = +!!owns[k + 2]?.bodyish
  v[c++] = +(L >= 6 && L <= 50 && !SENTENCE_END.test(t) && ch.cjk / per >= 0.6)
  v[c++] = +(!!owns[k + 1]?.meta || !!owns[k + 2]?.meta)
  v[c++] = +(o.short && k < 3)
  v[c++] = +(o.short && k >= n - 3)
  v[c++] = +(o.short && above)
  v[c++] = +(o.short && below)
  v[c++] = +(o.bodyish && above)
  v[c++] = +(o.rule !== null && !above && !below)
  v[c++] = +(L <= 30 && !!owns[k - 1]?.bodyish && !!owns[k + 1]?.bodyish)
  v[c++] = journal
  v[c++] = +(journal && L <= 40)
}
