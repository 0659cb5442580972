import { toTraditional } from '../text/script.js'

/**
 * Rule patterns are written once, in simplified characters; reports come in both scripts (and
 * mainland "traditional" pages mix in simplified forms such as 后/于). `rx` widens every CJK
 * character that has a traditional form into a class of both, so one pattern list serves both
 * scripts without converting each line at run time (opencc per line would cost more than all
 * the rules together).
 */
const EXTRA: Record<string, string> = {
  后: '後', 里: '裡裏', 于: '於', 着: '著', 台: '臺', 发: '發',
}

const variants = new Map<string, string>()

function variantsOf(ch: string): string {
  let v = variants.get(ch)
  if (v === undefined) {
    const set = new Set([ch, ...toTraditional(ch), ...(EXTRA[ch] ?? '')])
    v = [...set].join('')
    variants.set(ch, v)
  }
  return v
}

const CJK = /[\u3400-\u9fff]/

export function widen(source: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '')
      i++
      continue
    }
    if (ch === '[') inClass = true
    else if (ch === ']') inClass = false
    if (CJK.test(ch)) {
      const v = variantsOf(ch)
      out += v.length === 1 || inClass ? v : `[${v}]`
    } else out += ch
  }
  return out
}

/** A RegExp from a simplified-script source that also matches the traditional spelling. */
export function rx(source: string, flags = ''): RegExp {
  return new RegExp(widen(source), flags)
}
