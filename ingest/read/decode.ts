import { isUtf8 } from 'node:buffer'
import iconv from 'iconv-lite'
import chardet from 'chardet'
import { COMMON_HANZI } from './common-hanzi.js'
import { sniffBinary, startsWith } from './sniff.js'

export type Decoded =
  | { ok: true; text: string; encoding: string; replaced: number }
  | { ok: false; problem: string }

/**
 * COMMON_HANZI as a table over the unified ideographs block (the only range looked up), one byte a
 * code point: plausibility runs over every character of every candidate decoding, and a table
 * lookup costs a fraction of hashing a one-character string into a Set.
 */
const HANZI_FROM = 0x4e00
const COMMON = new Uint8Array(0x9fff - HANZI_FROM + 1)
for (const ch of COMMON_HANZI) {
  const c = ch.codePointAt(0)!
  if (c >= HANZI_FROM && c <= 0x9fff) COMMON[c - HANZI_FROM] = 1
}

const BOMS: { encoding: string; bytes: number[]; codec: string }[] = [
  { encoding: 'utf-8-bom', bytes: [0xef, 0xbb, 0xbf], codec: 'utf-8' },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe], codec: 'utf-16le' },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff], codec: 'utf-16be' },
]

/**
 * Legacy encodings always tried for bytes that are not UTF-8. Detectors often mistake GBK for
 * Big5/EUC and back, so the candidates are decoded and scored rather than trusted; UTF-8 stays
 * in the list for UTF-8 files with a few broken sequences (truncated crawls).
 */
const ALWAYS_TRY = ['gb18030', 'big5', 'utf-8']
/** Detector suggestions worth scoring beside them (other CJK and Latin single-byte files). */
const MIN_DETECTOR_CONFIDENCE = 30
/** Large files are scored on their head; the winner then decodes the whole file. */
const SCORE_SAMPLE = 64 * 1024
/** Below this share of plausible characters the bytes are not text in any encoding we know. */
const MIN_PLAUSIBLE = 0.6
/** A usual candidate this plausible, without replacements, makes asking the detector pointless. */
const CONVINCING = 0.9
/** UTF-16 without BOM is accepted only when nearly every unit is plausible. */
const MIN_PLAUSIBLE_UTF16 = 0.9

/** Aliases found in <meta charset> and detector output → iconv-lite names. */
const CHARSET_ALIASES: Record<string, string> = {
  gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb18030: 'gb18030', cp936: 'gb18030',
  big5: 'big5', 'big5-hkscs': 'big5', cp950: 'big5', 'x-x-big5': 'big5',
  'utf-8': 'utf-8', utf8: 'utf-8',
}

interface Plausibility {
  score: number
  plausible: number
  total: number
  /** Non-ASCII characters, and how many of them are plausible: ASCII reads the same in every candidate. */
  wide: number
  widePlausible: number
  replaced: number
}

/**
 * How much a decoding looks like Chinese text: common hanzi, ASCII and CJK punctuation count for
 * it; rare hanzi and other scripts against (a CJK byte pair misread as Latin-1 yields two
 * "letters", so letters cannot count as evidence); replacement characters, private-use code
 * points and control characters heavily against.
 */
export function plausibility(text: string): Plausibility {
  let good = 0
  let rare = 0
  let bad = 0
  let total = 0
  let replaced = 0
  let ascii = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue
    total++
    if (c < 0x7f) {
      if (c < 0x20) bad++
      else {
        good++
        ascii++
      }
    } else if (c >= 0x4e00 && c <= 0x9fff) {
      if (COMMON[c - HANZI_FROM]) good++
      else rare++
    } else if (c === 0xfffd) {
      replaced++
      bad++
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A supplementary-plane character (CJK Extension B…): rare, not broken.
      rare++
      i++
    } else if (c < 0xa0 || (c >= 0xe000 && c <= 0xf8ff) || (c >= 0xd800 && c <= 0xdfff)) bad++
    else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2010 && c <= 0x206f) || (c >= 0x2460 && c <= 0x24ff) || (c >= 0x2160 && c <= 0x217f)) good++
    else rare++
  }
  return { score: good - rare - 4 * bad, plausible: good, total, wide: total - ascii, widePlausible: good - ascii, replaced }
}

interface Scored {
  codec: string
  p: Plausibility
  /** The sample as this codec decodes it: the whole text when the sample is the whole file. */
  text: string
}

function bestCandidate(sample: Uint8Array, names: (string | null | undefined)[], tried: Set<string>, best: Scored | null): Scored | null {
  for (const name of names) {
    if (!name) continue
    const codec = CHARSET_ALIASES[name.toLowerCase()] ?? name.toLowerCase()
    if (tried.has(codec) || !iconv.encodingExists(codec)) continue
    tried.add(codec)
    const text = decodeWith(sample, codec)
    const p = plausibility(text)
    if (!best || p.score > best.p.score) best = { codec, p, text }
    // Misreading one double-byte encoding as another yields mostly rare hanzi, far below this.
    if (isConvincing(best)) break
  }
  return best
}

function isConvincing(best: Scored | null): boolean {
  return best !== null && best.p.replaced === 0 && best.p.wide > 0 && best.p.widePlausible / best.p.wide >= CONVINCING
}

function countReplaced(text: string): number {
  let n = 0
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) n++
  return n
}

function decodeWith(bytes: Uint8Array, codec: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), codec, { stripBOM: false })
}

/**
 * Share of the bytes at one parity that can be the high byte of a UTF-16 unit in Chinese text:
 * 0x00 (ASCII), 0x20/0x30 (punctuation), 0x4E–0x9F (hanzi), 0xFF (full-width forms).
 */
function highByteShare(bytes: Uint8Array, parity: 0 | 1): number {
  let hits = 0
  let n = 0
  for (let i = parity; i < bytes.length; i += 2) {
    const b = bytes[i]
    n++
    if (b === 0 || b === 0x20 || b === 0x30 || b === 0xff || (b >= 0x4e && b <= 0x9f)) hits++
  }
  return n ? hits / n : 0
}

function utf16WithoutBom(bytes: Uint8Array): { encoding: string; text: string } | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null
  const sample = bytes.subarray(0, Math.min(bytes.length, SCORE_SAMPLE))
  let best: { encoding: string; ratio: number } | null = null
  const parities = { 'utf-16le': 1, 'utf-16be': 0 } as const
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    // Cheap pre-check so GBK/Big5 files are not decoded twice more for nothing.
    if (highByteShare(sample, parities[encoding]) < MIN_PLAUSIBLE_UTF16) continue
    const p = plausibility(decodeWith(sample, encoding))
    const ratio = p.total === 0 ? 0 : p.plausible / p.total
    if (ratio >= MIN_PLAUSIBLE_UTF16 && (!best || ratio > best.ratio)) best = { encoding, ratio }
  }
  return best && { encoding: best.encoding, text: decodeWith(bytes, best.encoding) }
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.indexOf(0) >= 0
}

/**
 * Bytes → text. Order: BOM, UTF-16 without BOM (NUL-rich or not UTF-8), strict UTF-8, binary
 * sniffing, then scored candidates (declared charset, GB18030, Big5, UTF-8, detector guesses).
 */
export function decodeBytes(bytes: Uint8Array, declared?: string | null): Decoded {
  for (const bom of BOMS) {
    if (startsWith(bytes, bom.bytes)) {
      const text = decodeWith(bytes.subarray(bom.bytes.length), bom.codec)
      return { ok: true, text, encoding: bom.encoding, replaced: countReplaced(text) }
    }
  }
  const utf8 = !hasNul(bytes) && isUtf8(bytes)
  if (utf8) return { ok: true, text: decodeWith(bytes, 'utf-8'), encoding: 'utf-8', replaced: 0 }
  const utf16 = utf16WithoutBom(bytes)
  if (utf16) return { ok: true, ...utf16, replaced: countReplaced(utf16.text) }
  const binary = sniffBinary(bytes)
  if (binary) return { ok: false, problem: `not a text file (${binary})` }

  const sample = bytes.subarray(0, Math.min(bytes.length, SCORE_SAMPLE))
  const tried = new Set<string>()
  let best = bestCandidate(sample, [declared, ...ALWAYS_TRY], tried, null)
  // The detector is slow and only needed when no usual candidate reads as clean text.
  if (!isConvincing(best)) {
    const guesses = chardet.analyse(sample).filter((g) => g.confidence >= MIN_DETECTOR_CONFIDENCE)
    best = bestCandidate(sample, guesses.map((g) => g.name), tried, best)
  }
  if (!best || best.p.total === 0 || best.p.plausible / best.p.total < MIN_PLAUSIBLE) {
    return { ok: false, problem: 'undecodable bytes (not UTF-8, UTF-16, GB18030/GBK or Big5 text)' }
  }
  // Most reports fit in the sample: their scored decoding is the text, not decoded a second time.
  const text = sample.length === bytes.length ? best.text : decodeWith(bytes, best.codec)
  return { ok: true, text, encoding: best.codec, replaced: countReplaced(text) }
}
