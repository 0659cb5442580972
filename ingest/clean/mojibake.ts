import iconv from 'iconv-lite'
import { toSimplified } from '../text/script.js'

/**
 * Two kinds of garbled runs reach us inside otherwise good text:
 *
 * 1. UTF-8 read as GBK ("鍙樹负鈥滄嫥" for 变为“拧"): every CJK character became 1½ GBK
 *    characters. Re-encoding the run as GBK gives back the UTF-8 bytes.
 * 2. GBK decoded one byte out of step, with the orphan byte printed as "?" ("經?;?",
 *    "?;▓@街" for "。花園街"): the bytes after the "?" pair up again once shifted by one.
 *
 * A run is rewritten only when the bytes decode cleanly into common characters; otherwise it is
 * kept as printed and reported, never dropped.
 */

export interface MojibakeRun {
  /** The run as printed. */
  original: string
  /** What replaced it, or null when it was kept. */
  repaired: string | null
}

export interface MojibakeResult {
  text: string
  runs: MojibakeRun[]
}

const gbkCache = new Map<string, Buffer | null>()

function gbk(ch: string): Buffer | null {
  let b = gbkCache.get(ch)
  if (b === undefined) {
    const enc = iconv.encode(ch, 'gbk')
    b = ch !== '?' && enc.length === 1 && enc[0] === 0x3f ? null : enc
    gbkCache.set(ch, b)
  }
  return b
}

const commonCache = new Map<string, boolean>()

/**
 * Common = ASCII, CJK punctuation/full-width rows, or a GB2312 level-1 character once simplified.
 * Garbled runs are made of level-2, GBK-extension and symbol characters (椤, 皵, ▓, 鍙).
 */
export function isCommon(ch: string): boolean {
  let c = commonCache.get(ch)
  if (c === undefined) {
    const simp = toSimplified(ch)
    const b = gbk(simp)
    c = !!b && (b.length === 1 || (b[0] >= 0xb0 && b[0] <= 0xd7) || (b[0] >= 0xa1 && b[0] <= 0xa3)) && !/[▓■□◆]/.test(ch)
    commonCache.set(ch, c)
  }
  return c
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
const CJK_TEXT = /^[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’—…·、\ufffd]+$/u
const CJK_CHAR = /[\u3400-\u9fff]/

/** Fast gate: UTF-8-as-GBK text of any length shows one of these (from “”。，的中). */
const UTF8_AS_GBK_MARKERS = /[鈥銆锛鐨涓鍦鏄浜鎴]/

function isUtf8AsGbkChar(ch: string): boolean {
  if (ch === '€') return true
  const b = gbk(ch)
  if (!b || b.length !== 2) return false
  const [b0, b1] = b
  const cont = (x: number) => x >= 0x80 && x <= 0xbf
  const lead = (x: number) => x >= 0xe0 && x <= 0xef
  return (lead(b0) && cont(b1)) || (cont(b0) && (cont(b1) || lead(b1)))
}

interface Utf8Prefix {
  /** Longest valid prefix ending where a character of the run ends. */
  aligned: number
  /** Longest valid prefix at all. */
  valid: number
  /** The bytes after `valid` are the start of a sequence that was cut short. */
  cut: boolean
}

function utf8Prefix(bytes: Buffer, charEnds: Set<number>): Utf8Prefix {
  let pos = 0
  let aligned = 0
  let cut = false
  while (pos < bytes.length) {
    const b = bytes[pos]
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    if (!len) break
    let ok = true
    const end = Math.min(pos + len, bytes.length)
    for (let k = pos + 1; k < end; k++) if (bytes[k] < 0x80 || bytes[k] > 0xbf) ok = false
    if (!ok) break
    if (pos + len > bytes.length) {
      cut = true
      break
    }
    pos += len
    if (charEnds.has(pos)) aligned = pos
  }
  return { aligned, valid: pos, cut }
}

function repairUtf8AsGbk(text: string, runs: MojibakeRun[]): string {
  if (!UTF8_AS_GBK_MARKERS.test(text)) return text
  const chars = [...text]
  let out = ''
  let pending = ''
  const flush = () => {
    if (pending.length >= 2 && UTF8_AS_GBK_MARKERS.test(pending)) runs.push({ original: pending, repaired: null })
    out += pending
    pending = ''
  }
  let i = 0
  while (i < chars.length) {
    if (!isUtf8AsGbkChar(chars[i])) {
      flush()
      out += chars[i++]
      continue
    }
    let j = i
    while (j < chars.length && isUtf8AsGbkChar(chars[j])) j++
    const run = chars.slice(i, j)
    const ends = new Map<number, number>()
    const parts: Buffer[] = []
    let total = 0
    run.forEach((c, k) => {
      const b = gbk(c)!
      parts.push(b)
      total += b.length
      ends.set(total, k + 1)
    })
    const bytes = Buffer.concat(parts)
    const prefix = utf8Prefix(bytes, new Set(ends.keys()))
    // A run that ends inside a character whose last byte was lost (printed as "�" or "?"):
    // decode what is there and mark the lost character.
    const lostEnd = prefix.cut && prefix.valid > 0 && (chars[j] === '\ufffd' || chars[j] === '?')
    const good = lostEnd ? prefix.valid : prefix.aligned
    const k = lostEnd ? run.length : (ends.get(good) ?? 0)
    const decoded = k >= 2 ? utf8.decode(bytes.subarray(0, good)) + (lostEnd ? '\ufffd' : '') : ''
    if (k >= 2 && CJK_TEXT.test(decoded) && !run.slice(0, k).every(isCommon)) {
      flush()
      const original = run.slice(0, k).join('') + (lostEnd ? chars[j] : '')
      runs.push({ original, repaired: decoded })
      out += decoded
      i += k + (lostEnd ? 1 : 0)
    } else {
      pending += run[0]
      i++
    }
  }
  flush()
  return out
}

/** ASCII forms that NFKC made of the full-width pairs a shifted decode produces. */
const FULL_WIDTH: Record<string, string> = { ';': '；', '!': '！' }
const ORPHAN_READING = /^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)/

/** A "?" that starts a shifted run: followed by punctuation debris or an uncommon character. */
function startsShiftedRun(text: string, q: number): boolean {
  const c = text[q]
  if (c === undefined) return false
  if (c === ';' || c === '!') return true
  return /[^\s\w\p{P}]/u.test(c) && !isCommon(c)
}

interface Realigned {
  text: string
  /** How many characters of the tail the shifted stretch covers. */
  consumed: number
}

/**
 * Re-pairs the bytes after the orphan: the first byte belongs to the character the "?" stands
 * for; from the second byte on, pairs decode to the real text until the decode is back in step
 * with the printed characters.
 */
function realign(tail: string[]): Realigned | null {
  const bytes: number[] = []
  const boundaries = new Map<number, number>()
  for (let k = 0; k < tail.length; k++) {
    const ch = tail[k]
    if (ch === '?') bytes.push(-1)
    else {
      const b = gbk(FULL_WIDTH[ch] ?? ch)
      if (!b) return null
      bytes.push(...b)
    }
    boundaries.set(bytes.length, k + 1)
  }
  let out = ''
  let recovered = 0
  let i = 1
  while (i < bytes.length) {
    const b0 = bytes[i]
    if (b0 >= 0 && b0 < 0x80) {
      out += String.fromCharCode(b0)
      i++
    } else {
      if (i + 1 >= bytes.length) return null
      const b1 = bytes[i + 1]
      if (b0 < 0 || b1 < 0) out += '?'
      else {
        const ch = iconv.decode(Buffer.from([b0, b1]), 'gbk')
        if (ch.length !== 1 || !isCommon(ch)) return null
        out += ch
        if (CJK_CHAR.test(ch)) recovered++
      }
      i += 2
    }
    const k = boundaries.get(i)
    if (k !== undefined) {
      const next = tail[k]
      if (next === undefined || (next !== '?' && !(next in FULL_WIDTH) && isCommon(next))) {
        return recovered > 0 ? { text: out, consumed: k } : null
      }
    }
  }
  return null
}

function repairShifted(text: string, runs: MojibakeRun[]): string {
  if (!text.includes('?')) return text
  let out = ''
  let last = 0
  let p = text.indexOf('?')
  while (p !== -1) {
    let q = p + 1
    const orphan = ORPHAN_READING.exec(text.slice(q, q + 8))
    if (orphan) q += orphan[0].length
    if (!startsShiftedRun(text, q)) {
      p = text.indexOf('?', p + 1)
      continue
    }
    const tail = [...text.slice(q, q + 12)].filter((_, k, all) => !all.slice(0, k + 1).some((c) => /\s/.test(c)))
    const fixed = realign(tail)
    let end: number
    if (fixed) {
      end = q + tail.slice(0, fixed.consumed).join('').length
      runs.push({ original: text.slice(p, end), repaired: '?' + fixed.text })
      out += text.slice(last, p) + '?' + fixed.text
    } else {
      end = q
      while (end < text.length && end < q + 4 && !/\s/.test(text[end]) && !(isCjk(text[end]) && isCommon(text[end]))) end++
      runs.push({ original: text.slice(p, end), repaired: null })
      out += text.slice(last, end)
    }
    last = end
    p = text.indexOf('?', Math.max(end, p + 1))
  }
  return out + text.slice(last)
}

function isCjk(c: string): boolean {
  return c >= '\u3400' && c <= '\u9fff'
}

/**
 * A shifted stretch whose byte pairs happen to land on common characters ("煥然?恍隆?" for
 * 煥然一新。): nothing marks it but the two orphan "?" around it, closing a paragraph or clause.
 * The re-paired bytes cannot be checked against anything, so the run is only reported.
 */
const COMMON_SHIFTED = /(?<=[\u3400-\u9fff])\?([\u3400-\u9fff]{1,4})\?(?=$|\n|[\s，,。、；;：:”」）)])/g

function flagCommonShifted(text: string, runs: MojibakeRun[]): void {
  if (!text.includes('?')) return
  for (const m of text.matchAll(COMMON_SHIFTED)) {
    if ([...m[1]].every(isCommon)) runs.push({ original: m[0], repaired: null })
  }
}

export function repairMojibake(text: string): MojibakeResult {
  const runs: MojibakeRun[] = []
  const step1 = repairUtf8AsGbk(text, runs)
  const step2 = repairShifted(step1, runs)
  flagCommonShifted(step2, runs)
  return { text: step2, runs }
}
