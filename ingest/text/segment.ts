/**
 * Word segmentation shared by the embedder and the search index: jieba with a user dictionary of
 * governance terms, so 红栋力, 五位一体, 自管会 come out as one word in every script.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Jieba } from '@node-rs/jieba'
import glossaryData from '../extract/glossary.json'
import vocabularyData from '../extract/vocabulary.json'
import { normalizeForSearch } from './script.js'

/**
 * Terms jieba's stock dictionary splits but readers treat as one word. The controlled vocabulary
 * and the glossary (ingest/extract/*.json) add theirs when present; this list is the floor.
 */
export const GOVERNANCE_TERMS = [
  '红栋力', '五位一体', '三位一体', '四位一体', '自管会', '物管会', '业委会', '业主委员会', '居委会', '村委会',
  '网格员', '网格化', '网格长', '楼栋长', '单元长', '双报到', '红色物业', '自办物业', '党建引领', '老旧小区',
  '无物业', '弃管小区', '开放式小区', '党员中心户', '党小组', '小区党支部', '楼栋党支部', '党群服务中心',
  '物业服务企业', '物业公司', '共建单位', '在职党员', '近邻党建', '四议两公开', '一事一议', '接诉即办',
  '吹哨报到', '居民议事会', '议事协商', '积分制', '积分超市', '志愿服务队', '居民公约', '三驾马车',
  '多元共治', '共建共治共享', '社区治理', '基层治理', '物业费', '停车难', '适老化', '加装电梯', '红色管家',
  '小区治理', '楼道革命', '街道党工委', '社区党委', '下沉干部', '平安建设', '矛盾纠纷',
]

/**
 * Term lists other stages keep whose entries should stay whole. Imported, not read from disk, so
 * the bundled web server (one file under build/) has them too.
 */
const TERM_DATA: unknown[] = [vocabularyData, glossaryData]

// Function words that carry no topic; dropping them keeps TF-IDF and the full-text index on content.
const STOP_WORDS = new Set([
  '的', '了', '和', '与', '及', '或', '在', '是', '对', '为', '等', '也', '都', '而', '并', '将', '把', '被', '从',
  '以', '其', '之', '这', '那', '有', '中', '上', '下', '就', '还', '又', '让', '使', '于', '向', '由', '着', '个',
  '我', '你', '他', '她', '它', '们', '我们', '他们', '一个', '一些', '这个', '那个', '这些', '那些', '通过',
  '进行', '以及', '不断', '一是', '二是', '三是', '四是', '五是', '同时', '其中', '已经', '可以', '如何', '什么',
  'the', 'a', 'an', 'of', 'and', 'or', 'to', 'in', 'on', 'for', 'with', 'by', 'is', 'are', 'was', 'be', 'as', 'at',
])

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff'
const OPEN_QUOTES = '‘“「『\'"'
const CLOSE_QUOTES = '’”」』\'"'
// Model names put quotes *inside* a word (紅‘棟’力); quotes wrapping one or two CJK characters
// between CJK neighbours are dropped so the word is whole again. Longer quoted spans are phrases,
// and their quotes stay as boundaries.
const INNER_QUOTE = new RegExp(`(?<=[${CJK}])[${OPEN_QUOTES}]([${CJK}]{1,2})[${CLOSE_QUOTES}](?=[${CJK}])`, 'g')
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u
// Entries from JSON term files worth teaching jieba: short CJK terms, no punctuation or spaces.
const DICT_WORD = new RegExp(`^[${CJK}A-Za-z0-9]{2,12}$`)
const HAS_CJK = new RegExp(`[${CJK}]`)

// High enough that a user term beats the stock dictionary's splits of it.
const USER_WORD_FREQ = 200000

let jieba: Jieba | null = null
const userWords = new Set<string>()

/** The search-normal form used for tokens, with in-word quotes removed. */
export function segmentNormal(text: string): string {
  return normalizeForSearch(text).replace(INNER_QUOTE, '$1')
}

function collectTerms(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (HAS_CJK.test(value)) out.push(value)
  } else if (Array.isArray(value)) {
    for (const v of value) collectTerms(v, out)
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (HAS_CJK.test(k)) out.push(k)
      collectTerms(v, out)
    }
  }
}

/** CJK strings anywhere in the term lists (keys, values, synonym lists), whatever their layout. */
function termsFromData(): string[] {
  const out: string[] = []
  for (const data of TERM_DATA) collectTerms(data, out)
  return out
}

function dictLines(words: Iterable<string>): string {
  const lines: string[] = []
  for (const raw of words) {
    const w = segmentNormal(raw).trim()
    if (!DICT_WORD.test(w) || userWords.has(w)) continue
    userWords.add(w)
    lines.push(`${w} ${USER_WORD_FREQ}`)
  }
  return lines.join('\n')
}

/** Words handed to addWordsLater before the segmenter was built, in order. */
const later: string[][] = []

/**
 * jieba's stock dictionary, read when the segmenter is built: the package's `dict.js` reads it
 * (5 MB) and its IDF table (6 MB) on import, in every thread that imports this module, most of
 * which (the ingest workers) never segment.
 */
const stockDictionary = () => readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'))

function instance(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(stockDictionary())
    const lines = dictLines([...GOVERNANCE_TERMS, ...termsFromData()])
    if (lines) jieba.loadDict(Buffer.from(lines, 'utf8'))
    for (const words of later.splice(0)) addWords(words)
  }
  return jieba
}

/** Builds the segmenter now (~0.3 s of CPU), for a thread that will segment and is otherwise waiting. */
export function prepareSegmenter(): void {
  instance()
}

/** Teach the segmenter more whole words (model names, place names). Any script. */
export function addWords(words: string[]): void {
  const j = instance()
  const lines = dictLines(words)
  if (lines) j.loadDict(Buffer.from(lines, 'utf8'))
}

/**
 * addWords, once the segmenter is first used: the same dictionary, in the same order, by then.
 * Building it costs ~0.3 s of CPU, which a thread handed a model to embed with (ingest's workers)
 * spares when every text it embeds was analysed already.
 */
export function addWordsLater(words: string[]): void {
  if (jieba) addWords(words)
  else later.push(words)
}

/**
 * The text cut at dictionary words only, without jieba's guesses at unknown words: a personal name
 * comes out as its characters ("张|晓|涵"), where the default cut would join it into one word.
 */
export function dictionaryWords(text: string): string[] {
  return instance().cut(segmentNormal(text), false)
}

/** Words the segmenter keeps whole beyond jieba's stock dictionary (search-normal form). */
export function userDictionary(): string[] {
  instance()
  return [...userWords]
}

export interface TokenOptions {
  /**
   * Also emit the dictionary words inside long words (红色物业 → 红色, 物业, 红色物业), so a
   * query for a part finds the whole.
   */
  search: boolean
}

function keep(w: string): boolean {
  return w !== '' && HAS_WORD_CHAR.test(w) && !STOP_WORDS.has(w)
}

function wordsOfNormal(normal: string, search: boolean): string[] {
  const j = instance()
  const out: string[] = []
  for (const raw of j.cut(normal, true)) {
    const w = raw.trim()
    if (!keep(w)) continue
    // jieba's own search mode only looks for 2- and 3-character parts; cutAll finds every
    // dictionary word inside, so 老旧小区改造 also yields 老旧小区.
    if (search && w.length > 2) {
      for (const part of j.cutAll(w)) if (part.length >= 2 && part !== w && keep(part)) out.push(part)
    }
    out.push(w)
  }
  return out
}

/** Whether a UTF-16 code unit is in CJK's ranges (all in the BMP: one code unit a character). */
function isCjkUnit(u: number): boolean {
  return (u >= 0x3400 && u <= 0x4dbf) || (u >= 0x4e00 && u <= 0x9fff) || (u >= 0xf900 && u <= 0xfaff)
}

/**
 * `see(first, second)` for each overlapping pair of CJK characters within a run of them, in text
 * order, as the pair's two code units: a caller that tallies bigrams (LSA training, ~half of a
 * passage's terms) then makes no two-character string per occurrence.
 */
export function eachBigramUnits(normal: string, see: (first: number, second: number) => void): void {
  let prev = -1
  for (let i = 0; i < normal.length; i++) {
    const u = normal.charCodeAt(i)
    if (!isCjkUnit(u)) {
      prev = -1
      continue
    }
    if (prev >= 0) see(prev, u)
    prev = u
  }
}

/** A CJK code unit's place in the bigram ranges (0x3400–0x4dbf, 0x4e00–0x9fff, 0xf900–0xfaff: 28,096 units). */
function cjkIndex(u: number): number {
  return u < 0x4e00 ? u - 0x3400 : u < 0xf900 ? u - 0x4e00 + 6592 : u - 0xf900 + 27584
}

/**
 * One small integer per pair eachBigramUnits sees (below 28,096², a V8 small integer, which a Map
 * hashes cheaply): tallies key bigrams by it instead of by a two-character string.
 */
export function pairKey(first: number, second: number): number {
  return cjkIndex(first) * 28096 + cjkIndex(second)
}

function bigramsOfNormal(normal: string): string[] {
  const out: string[] = []
  eachBigramUnits(normal, (first, second) => out.push(String.fromCharCode(first, second)))
  return out
}

/** Words of the search-normal form, stop words and punctuation dropped, in text order. */
export function tokens(text: string, options: Partial<TokenOptions> = {}): string[] {
  return wordsOfNormal(segmentNormal(text), options.search ?? false)
}

/** Overlapping CJK character bigrams of the search-normal form, within runs of CJK characters. */
export function bigrams(text: string): string[] {
  return bigramsOfNormal(segmentNormal(text))
}

/** `tokens` and `bigrams` of one text, normalizing it once (the embedder's hot path). */
export function analyze(text: string): { words: string[]; bigrams: string[] } {
  return analyzeNormalized(normalizeForSearch(text))
}

/**
 * analyzeNormalized's words, and the form its bigrams are read from, for `eachBigramUnits`: the
 * bigrams without a string each.
 */
export function wordsOfNormalized(normalized: string): { words: string[]; normal: string } {
  const normal = normalized.replace(INNER_QUOTE, '$1')
  return { words: wordsOfNormal(normal, false), normal }
}

/** `analyze` of a text already in normalizeForSearch form (OpenCC's conversion is most of the cost). */
export function analyzeNormalized(normalized: string): { words: string[]; bigrams: string[] } {
  const { words, normal } = wordsOfNormalized(normalized)
  return { words, bigrams: bigramsOfNormal(normal) }
}
