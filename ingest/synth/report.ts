import iconv from 'iconv-lite'
import { toTraditional } from '../text/script.js'
import { composeCase, type SynthTruth } from './content.js'
import { BOTTOM_JUNK, BYLINE, TOP_JUNK } from './junk.js'
import type { Rng } from './rng.js'

export interface SynthReport {
  /** File name: synth-00042.txt / .html */
  name: string
  bytes: Uint8Array
  truth: SynthTruth & {
    script: 'simplified' | 'traditional'
    format: 'txt' | 'html'
    encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | 'big5'
    /** Junk lines around the report, in the report's script. */
    junk: string[]
    /** How many pinyin readings were inserted after characters ("區(qū)"). */
    pinyinArtifacts: number
  }
}

/**
 * Readings reprinting sites leave after characters of traditional text. Inserted into the raw
 * text only: the truth paragraphs stay clean, which is what the cleaner must restore.
 */
const PINYIN: Record<string, string> = { 區: 'qū', 網: 'wǎng', 經: 'jīng', 黨: 'dǎng', 層: 'céng', 務: 'wù', 鄉: 'xiāng', 鎮: 'zhèn', 組: 'zǔ', 織: 'zhī' }

function withPinyin(rng: Rng, text: string): { text: string; count: number } {
  let count = 0
  let out = ''
  for (const ch of text) {
    out += ch
    if (PINYIN[ch] && rng.chance(0.35)) {
      out += `(${PINYIN[ch]})`
      count++
    }
  }
  return { text: out, count }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function html(t: SynthTruth, top: string[], byline: string[], paragraphs: string[], bottom: string[], charset: string): string {
  const [first, ...rest] = top
  return [
    '<!DOCTYPE html>',
    `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}">`,
    `<title>${esc(t.title)}_${esc(t.source)}</title>`,
    `<meta name="PubDate" content="${t.date} 10:00">`,
    '<style>body{font:14px/1.8 sans-serif}.nav li{display:inline}</style>',
    '<script>var _hmt=_hmt||[];(function(){var hm=document.createElement("script");})();</script>',
    '</head><body>',
    first === undefined ? '' : `<div class="top"><p>${esc(first)}</p></div>`,
    ...rest.map((l) => `<div class="crumb">${esc(l)}</div>`),
    `<div class="article"><h1>${esc(t.title)}</h1>`,
    ...byline.map((l) => `<div class="info">${esc(l)}</div>`),
    '<div class="content">',
    ...paragraphs.map((p) => `<p>　　${esc(p)}</p>`),
    '</div></div>',
    `<div class="footer">${bottom.map((l) => `<p>${esc(l)}</p>`).join('')}</div>`,
    '<script type="text/javascript">document.write("统计");</script>',
    '</body></html>',
  ].join('\n')
}

function encodable(text: string, encoding: string): boolean {
  return iconv.decode(iconv.encode(text, encoding), encoding) === text
}

/** One generated report, deterministic in the rng state: bytes as a site would serve them, and what they contain. */
export function synthReport(rng: Rng, i: number): SynthReport {
  const base = composeCase(rng)
  const script = rng.chance(0.35) ? 'traditional' : 'simplified'
  const conv = script === 'traditional' ? toTraditional : (s: string) => s
  const truth: SynthTruth = { ...base, title: conv(base.title), source: conv(base.source), paragraphs: base.paragraphs.map(conv) }
  const top = TOP_JUNK.filter(() => rng.chance(0.6)).flatMap((j) => j.make(rng, truth)).map(conv)
  const byline = BYLINE(rng, truth).map(conv)
  const bottom = rng.sample(BOTTOM_JUNK, rng.int(2, BOTTOM_JUNK.length)).flatMap((j) => j.make(rng, truth)).map(conv)
  let pinyinArtifacts = 0
  const paragraphs = truth.paragraphs.map((p) => {
    if (script !== 'traditional' || !rng.chance(0.4)) return p
    const r = withPinyin(rng, p)
    pinyinArtifacts += r.count
    return r.text
  })
  const format = rng.chance(0.25) ? 'html' : 'txt'
  const roll = rng.next()
  let encoding: SynthReport['truth']['encoding'] = roll < 0.55 ? 'utf-8' : roll < 0.65 ? 'utf-8-bom' : script === 'traditional' ? 'big5' : 'gb18030'
  let text: string
  if (format === 'html') {
    text = html(truth, top, byline, paragraphs, bottom, encoding.startsWith('utf-8') ? 'utf-8' : encoding === 'big5' ? 'big5' : 'gb2312')
  } else {
    const captions = rng.chance(0.3) ? [conv('改造前'), conv('改造后')] : []
    const gap = rng.pick(['\n\n', '\n', '\r\n'])
    const indent = rng.pick(['', '　　'])
    text = [...top, truth.title, ...byline, ...captions, ...paragraphs.map((p) => indent + p), ...bottom].join(gap)
  }
  if (!encoding.startsWith('utf-8') && !encodable(text, encoding)) encoding = 'utf-8'
  const body = encoding.startsWith('utf-8') ? Buffer.from(text, 'utf8') : iconv.encode(text, encoding)
  const bytes = encoding === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : new Uint8Array(body)
  return {
    name: `synth-${String(i).padStart(5, '0')}.${format}`,
    bytes,
    truth: { ...truth, script, format, encoding, junk: [...top, ...byline, ...bottom], pinyinArtifacts },
  }
}
