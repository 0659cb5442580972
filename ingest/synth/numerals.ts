const DIGITS = '零一二三四五六七八九'
const UNITS = ['', '十', '百', '千']

/** 0–9999 in Chinese numerals as reports write them: 12 → 十二, 120 → 一百二十, 1005 → 一千零五. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`chineseNumber: ${n}`)
  if (n === 0) return DIGITS[0]
  const digits = String(n).split('').map(Number)
  let out = ''
  let zero = false
  digits.forEach((d, i) => {
    const unit = UNITS[digits.length - 1 - i]
    if (d === 0) {
      zero = out !== ''
      return
    }
    if (zero) out += DIGITS[0]
    zero = false
    out += d === 1 && unit === '十' && out === '' ? unit : DIGITS[d] + unit
  })
  return out
}
