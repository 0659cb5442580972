const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
}
const SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }

/** Arabic ("1,234.5"), Chinese ("一百二十", "十二万五千", "两") or full-width digits; null when neither. */
export function parseNumber(text: string): number | null {
  const s = text.normalize('NFKC').replace(/,/g, '')
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s)
  return parseChinese(s)
}

export function parseChinese(s: string): number | null {
  if (!s) return null
  let total = 0
  let section = 0
  let digit = 0
  let seen = false
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]
      seen = true
    } else if (ch in SMALL) {
      // "十二" starts with an implicit one
      section += (digit || 1) * SMALL[ch]
      digit = 0
      seen = true
    } else if (ch === '万') {
      section = (section + digit) * 1e4
      digit = 0
    } else if (ch === '亿') {
      total = (total + section + digit) * 1e8
      section = 0
      digit = 0
    } else {
      return null
    }
  }
  return seen ? total + section + digit : null
}

/** Source of a regex matching one number, Arabic or Chinese, for parseNumber. */
// Thousands separators only in groups of three: these reports also use "," between clauses.
export const NUMBER_SOURCE = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:[万亿][零〇一二两三四五六七八九十百千]+)*`

const TWO_UNIT_HEAD = /(\d+(?:\.\d+)?)(万|亿)$/
/** What a figure written with 万 or 亿 is multiplied by. */
export const UNIT_SCALE: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 }

/**
 * "1万7500", "2亿3500万": a figure written in two units is one figure, but a match for a number
 * and its unit finds only the tail (the head has no unit word after it). Given the text before a
 * tail and the tail's value in units of `scale`, the whole value in those units and where it
 * starts (characters before the tail), or null when no larger head stands right before it.
 */
export function withTwoUnitHead(before: string, tail: number, scale: number): { value: number; back: number } | null {
  const head = TWO_UNIT_HEAD.exec(before)
  if (!head) return null
  const headScale = UNIT_SCALE[head[2]]
  if (headScale <= scale || tail * scale >= headScale) return null
  return { value: (Number(head[1]) * headScale) / scale + tail, back: head[0].length }
}
