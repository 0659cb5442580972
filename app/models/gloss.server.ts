import { pinyin } from 'pinyin-pro'
import { loadGlossary } from '../../ingest/extract/vocabulary'
import { searchNormal } from '../../ingest/search/normalize'
import { toSimplified } from '../../ingest/text/script'
import { englishLabels } from './vocabulary.server'

/**
 * English glosses for values the reports write in Chinese. Nothing is translated freely: a
 * model name, tier or tag gets the English of the glossary or vocabulary entry it is a form of,
 * and a place name its pinyin, so an English reader can say it and match it on a map.
 */
let glossary: Map<string, string> | null = null

const key = (text: string) => searchNormal(text).replace(/[\s'‘’“”"]/g, '')

function glossaryMap(): Map<string, string> {
  if (!glossary) {
    glossary = new Map()
    for (const entry of loadGlossary()) for (const zh of entry.zh) if (!glossary.has(key(zh))) glossary.set(key(zh), entry.en[0])
  }
  return glossary
}

/** The English of a model name, tier or tag, or null when neither list knows it. */
export function gloss(term: string): string | null {
  const k = key(term)
  return englishLabels().get(k) ?? glossaryMap().get(k) ?? null
}

// Longest first: 自治州 before 州, 街道 before 道.
const PLACE_SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '街道办事处', '街道', '社区', '小区', '省', '市', '区', '县', '旗', '镇', '乡', '村', '盟']

/** 福州市 → Fuzhou, 倉山區 → Cangshan, 嘉福鹽業小區 → Jiafu Yanye. */
export function placePinyin(name: string): string {
  let base = toSimplified(name).trim()
  for (const suffix of PLACE_SUFFIXES) {
    if (base.length > suffix.length + 1 && base.endsWith(suffix)) {
      base = base.slice(0, -suffix.length)
      break
    }
  }
  const syllables = pinyin(base, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).filter((s) => /^[a-zü]+$/i.test(s))
  if (!syllables.length) return ''
  // Names of up to three syllables are one word (Xiamen, Shijiazhuang); longer ones go in pairs.
  const words = syllables.length <= 3 ? [syllables.join('')] : Array.from({ length: Math.ceil(syllables.length / 2) }, (_, i) => syllables.slice(i * 2, i * 2 + 2).join(''))
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ')
}

/** "福州市 (Fuzhou)" in English, the name alone in Chinese. */
export function withPinyin(name: string, english: boolean): string {
  if (!english) return name
  const py = placePinyin(name)
  return py ? `${name} (${py})` : name
}

export function withGloss(term: string, english: boolean): string {
  if (!english) return term
  const en = gloss(term)
  return en ? `${term} (${en})` : term
}
