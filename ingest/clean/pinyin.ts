import { pinyin } from 'pinyin-pro'
import { toSimplified } from '../text/script.js'

/**
 * Some traditional-script converters print each polyphonic character's reading after it:
 * "社區(qū)", "網(wǎng)". The reading is removed only when it is a real reading of the character
 * before it, so genuine brackets — "(小組)", "(記者 任霞暉)", "(閩)", "(wifi)" — stay.
 */
const ARTIFACT = /([\u3400-\u9fff\uf900-\ufaff])[(（]([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿ]{1,7})[)）]/g

const readingsCache = new Map<string, Set<string>>()

function toneless(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/v/g, 'u')
    .toLowerCase()
}

/** Readings of a character with and without tones ("ü" also as "u"/"v"), cached per character. */
function readings(ch: string): Set<string> {
  let set = readingsCache.get(ch)
  if (!set) {
    set = new Set<string>()
    const simp = toSimplified(ch)
    for (const c of simp === ch ? [ch] : [ch, simp]) {
      for (const r of pinyin(c, { multiple: true, type: 'array' })) {
        if (!/[a-zü]/i.test(r)) continue
        set.add(r.toLowerCase())
        set.add(toneless(r))
      }
    }
    readingsCache.set(ch, set)
  }
  return set
}

export function isReadingOf(ch: string, reading: string): boolean {
  const set = readings(ch)
  return set.has(reading.toLowerCase()) || set.has(toneless(reading))
}

export interface PinyinRepair {
  text: string
  count: number
}

/** A tone mark: brackets a report writes itself ("(wifi)", "(app)") never carry one. */
const TONED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/
/** A whole Mandarin syllable, tones and the umlaut taken off: initial, then final. */
const SYLLABLE = /^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:a|ai|an|ang|ao|e|ei|en|eng|er|i|ia|ian|iang|iao|ie|in|ing|iong|iu|o|ong|ou|u|ua|uai|uan|uang|ue|ui|un|uo)$/
/**
 * On a page whose converter has already shown itself (CONVERTER_SHOWN readings removed), a toned
 * syllable in brackets after a character is that converter's reading even when the character is
 * not one it reads: the converter annotated the right character and a second conversion or a
 * font swap left a wrong one in its place ("睋(jù)" for 據). The reading goes; the character, wrong
 * as it is, is the page's.
 */
const CONVERTER_SHOWN = 2

export function repairPinyin(text: string): PinyinRepair {
  let count = 0
  let out = text.replace(ARTIFACT, (match, ch: string, reading: string) => {
    if (!isReadingOf(ch, reading)) return match
    count++
    return ch
  })
  if (count >= CONVERTER_SHOWN) {
    out = out.replace(ARTIFACT, (match, ch: string, reading: string) => {
      if (!TONED.test(reading) || !SYLLABLE.test(toneless(reading))) return match
      count++
      return ch
    })
  }
  return { text: out, count }
}
