import * as OpenCC from 'opencc-js'
import { describe, expect, it } from 'vitest'
import { LazyTrie, lazyConverter } from '../ingest/text/opencc.js'

type Config = { normalizationChain?: string[][]; segmentation?: string[]; conversionChain: string[][] }
const CONFIGS = OpenCC.Locale.configs as unknown as Record<string, Config>
const USED = { s2tw: ['cn', 'tw'], tw2s: ['tw', 'cn'] } as const

/** Every dictionary string the two converters in use read. */
function dictsOf(name: keyof typeof USED): string[] {
  const c = CONFIGS[name]
  return [...c.conversionChain.flat(), ...(c.normalizationChain ?? []).flat(), ...(c.segmentation ?? [])]
}

/** A small seeded generator: the same text on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/**
 * A long text of the dictionaries' own keys and replacements, run together so that phrases
 * overlap and cut each other, with pieces of keys, ideographic description sequences (whole, cut
 * short, nested), characters outside the BMP, lone surrogate halves, ASCII and punctuation.
 */
function mixedText(seed: number, pieces: number): string {
  const next = rng(seed)
  const words: string[] = []
  for (const name of Object.keys(USED) as (keyof typeof USED)[]) {
    for (const dict of dictsOf(name)) for (const entry of dict.split('|')) words.push(...entry.split(' '))
  }
  const odd = ['⿰', '⿱氵', '⿰木木', '⿲彳⿰', '⿴口', '\uD842', '\uDFB7', '𠮷', '𠀀', 'a', ' ', '，', '\n', '2024', '“', '‘']
  const out: string[] = []
  for (let i = 0; i < pieces; i++) {
    const r = next()
    const word = words[Math.floor(next() * words.length)]
    out.push(r < 0.75 ? word : r < 0.9 ? word.slice(0, 1 + Math.floor(next() * word.length)) : odd[Math.floor(next() * odd.length)])
  }
  return out.join('')
}

describe('lazyConverter: OpenCC conversion with tries built as needed', () => {
  it.each(Object.entries(USED))('converts %s exactly as opencc-js does, over a long mixed text', (_name, [from, to]) => {
    const text = mixedText(from.length * 31 + to.charCodeAt(0), 60_000)
    const lib = OpenCC.Converter({ from, to })
    const lazy = lazyConverter({ from, to })
    // In pieces first, so later conversions meet tries built by earlier ones, then whole.
    for (let at = 0; at < 20_000; at += 997) expect(lazy(text.slice(at, at + 997))).toBe(lib(text.slice(at, at + 997)))
    expect(lazy(text)).toBe(lib(text))
  })

  it('resolves a key held twice as opencc-js does: the first dictionary of a group wins, and within one the later entry', () => {
    // 甲 held by two dictionaries, 丙 twice in one; the second dictionary out of order (甲's entries among 乙's).
    const group = ['丙 C1|丙 C2|甲 A|甲乙 AB', '乙 b|乙乙 bb|甲 a|甲乙丙 abc|乙丙 y', '丁 d x|丁丁 dd']
    const lib = new OpenCC.Trie()
    lib.loadDictGroup(group)
    const lazy = new LazyTrie(group)
    for (const text of ['甲乙丙丁', '甲乙乙丙丙', '甲乙丙', '丁丁丁', '戊甲戊', '⿰甲乙丙', '甲', '乙乙甲', '乙甲乙丙', '乙乙丙', '乙丙']) {
      expect(lazy.convert(text)).toBe(lib.convert(text))
      expect(lazy.segment(text)).toEqual(lib.segment(text))
    }
    expect(lazy.convert('甲乙丙丁')).toBe('abcd')
    expect(lazy.convert('甲丙甲乙乙')).toBe('AC2ABb')
  })

  it('converts words a phrase decides, and leaves text without convertible characters alone', () => {
    const trad = lazyConverter({ from: 'cn', to: 'tw' })
    const simp = lazyConverter({ from: 'tw', to: 'cn' })
    expect(trad('头发长了，发展很快；公里外的里面')).toBe(OpenCC.Converter({ from: 'cn', to: 'tw' })('头发长了，发展很快；公里外的里面'))
    expect(trad('小区议事会')).toBe('小區議事會')
    expect(simp('小區議事會')).toBe('小区议事会')
    expect(trad('')).toBe('')
    expect(trad('abc 2024 ⿰')).toBe('abc 2024 ⿰')
  })
})
