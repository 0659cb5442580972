import * as OpenCC from 'opencc-js'

/**
 * OpenCC's converters (opencc-js 1.4.2's `Converter`, its configs and dictionaries), with each
 * phrase trie built lazily, one first character at a time. opencc-js builds the whole trie of
 * every dictionary up front, a Map per trie node: simplified → traditional makes ~56 MB of Maps
 * and costs ~0.7 s of CPU (much of it GC) in every thread that converts one character, before its
 * first report. Here a converter starts from an index of where each first character's entries
 * lie in the dictionary strings (a few ms), and builds the subtrie under a character the first
 * time a text holds it: a report needs a few hundred of them, a run a few thousand.
 *
 * The matching is opencc-js's, step for step: the same segmentation, the same chain of tries, the
 * same longest match through the same nodes, the same skipping over unmatched characters and
 * ideographic description sequences; tests/opencc.test.ts holds the two to the same output.
 */

/** A trie node: children by code point, and the replacement when the path so far is a key. */
type TrieNode = Map<number, TrieNode> & { value?: string }

const unitsAt = (text: string, at: number) => (text.codePointAt(at)! > 0xffff ? 2 : 1)

/** Children an ideographic description character (U+2FF0–U+2FFF) takes: opencc-js treats the whole description as one character. */
function idsArity(cp: number): number {
  if (cp >= 0x2ff0 && cp <= 0x2ff1) return 2
  if (cp >= 0x2ff2 && cp <= 0x2ff3) return 3
  if (cp >= 0x2ff4 && cp <= 0x2fff) return 2
  return 0
}

/** End of the description sequence starting at `at`, or 0 when there is none (or it runs off the text). */
function idsEnd(text: string, at: number): number {
  const arity = idsArity(text.codePointAt(at)!)
  if (arity === 0) return 0
  let i = at + unitsAt(text, at)
  for (let k = 0; k < arity; k++) {
    if (i >= text.length) return 0
    i = idsEnd(text, i) || i + unitsAt(text, i)
  }
  return i
}

/** How far an unmatched position advances. */
function skip(text: string, at: number): number {
  const end = idsEnd(text, at)
  return end > at ? end - at : unitsAt(text, at)
}

/** Where the first entry at or after `at` starts: entries are "key value", separated by "|". */
function entryAt(dict: string, at: number): number {
  if (at === 0) return 0
  const bar = dict.indexOf('|', at - 1)
  return bar < 0 ? dict.length : bar + 1
}

/** The first entry whose key starts at or above code point `cp`, by bisection: opencc-js's dictionaries are sorted by their keys' first code point (tests/opencc.test.ts checks that they still are). */
function firstEntry(dict: string, cp: number): number {
  let lo = 0
  let hi = dict.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const at = entryAt(dict, mid)
    if (at >= dict.length || dict.codePointAt(at)! >= cp) hi = mid
    else lo = mid + 1
  }
  return entryAt(dict, lo)
}

/** One dictionary group's trie (opencc-js `Trie` after `loadDictGroup`), built as texts need it. */
export class LazyTrie {
  private readonly roots = new Map<number, TrieNode | null>()
  /** The last `match`: where the longest key ends and what it maps to. */
  private end = 0
  private value = ''

  /** `dicts` in opencc-js's order: on a key held by several, the first dictionary wins. */
  constructor(private readonly dicts: readonly string[]) {}

  /** Which first code points (of the BMP) some key starts with, so most characters of a text skip the lookup; astral ones are always looked up. */
  private firsts: Uint8Array | null = null

  private buildFirsts(): Uint8Array {
    const firsts = new Uint8Array(0x10000)
    for (const dict of this.dicts) {
      for (let at = 0; at < dict.length; ) {
        firsts[dict.charCodeAt(at)] = 1
        const bar = dict.indexOf('|', at)
        at = bar < 0 ? dict.length : bar + 1
      }
    }
    return firsts
  }

  private root(cp: number): TrieNode | null {
    if (cp < 0x10000 && (this.firsts ??= this.buildFirsts())[cp] === 0) return null
    let node = this.roots.get(cp)
    if (node === undefined) {
      node = this.subtrie(cp)
      this.roots.set(cp, node)
    }
    return node
  }

  /**
   * The node of a first character, from its entries in the order opencc-js loads them (the group
   * reversed, each dictionary in order; a later entry overwrites), each split as opencc-js splits
   * it: the key up to the first space, the replacement up to the next.
   */
  private subtrie(cp: number): TrieNode | null {
    let top: TrieNode | null = null
    for (let d = this.dicts.length - 1; d >= 0; d--) {
      const dict = this.dicts[d]
      for (let at = firstEntry(dict, cp); at < dict.length && dict.codePointAt(at) === cp; ) {
        const bar = dict.indexOf('|', at)
        const end = bar < 0 ? dict.length : bar
        const space = dict.indexOf(' ', at)
        if (space < 0 || space > end) throw new TypeError(`OpenCC dictionary entry without a replacement: ${dict.slice(at, end)}`)
        const next = dict.indexOf(' ', space + 1)
        let node = (top ??= new Map() as TrieNode)
        for (let i = at + (cp > 0xffff ? 2 : 1); i < space; ) {
          const c = dict.codePointAt(i)!
          i += c > 0xffff ? 2 : 1
          let child = node.get(c)
          if (!child) node.set(c, (child = new Map() as TrieNode))
          node = child
        }
        node.value = dict.slice(space + 1, next >= 0 && next < end ? next : end)
        at = end + 1
      }
    }
    return top
  }

  /** The longest key at `start` (opencc-js `matchPrefix`): true, with `end` and `value` set, or false. */
  private match(text: string, start: number): boolean {
    const first = text.codePointAt(start)!
    const top = this.root(first)
    if (!top) return false
    let node = top
    let i = start + (first > 0xffff ? 2 : 1)
    let found = node.value !== undefined
    if (found) {
      this.end = i
      this.value = node.value!
    }
    while (i < text.length) {
      const cp = text.codePointAt(i)!
      i += cp > 0xffff ? 2 : 1
      const child = node.get(cp)
      if (child === undefined) break
      node = child
      if (node.value !== undefined) {
        found = true
        this.end = i
        this.value = node.value
      }
    }
    return found
  }

  convert(text: string): string {
    const out: string[] = []
    let run = -1
    for (let i = 0; i < text.length; ) {
      if (this.match(text, i)) {
        if (run >= 0) {
          out.push(text.slice(run, i))
          run = -1
        }
        out.push(this.value)
        i = this.end
      } else {
        if (run < 0) run = i
        i += skip(text, i)
      }
    }
    if (run >= 0) out.push(text.slice(run))
    return out.join('')
  }

  segment(text: string): string[] {
    const out: string[] = []
    let run = -1
    for (let i = 0; i < text.length; ) {
      if (this.match(text, i)) {
        if (run >= 0) {
          out.push(text.slice(run, i))
          run = -1
        }
        out.push(text.slice(i, this.end))
        i = this.end
      } else {
        if (run < 0) run = i
        i += skip(text, i)
      }
    }
    if (run >= 0) out.push(text.slice(run))
    return out
  }
}

interface Config {
  normalizationChain?: string[][]
  segmentation?: string[]
  conversionChain: string[][]
}

/** opencc-js's name for a from → to pair (its `Converter`), for the pairs that have a config. */
function configName(from: string, to: string): string {
  if (from === 'cn') return `s2${to}`
  if (to === 'cn') return from === 'hkp' ? 'hk2sp' : from === 'twp' ? 'tw2sp' : `${from}2s`
  return `${from}2${to}`
}

/** `OpenCC.Converter({ from, to })`'s function, the same output, its tries built as texts need them. */
export function lazyConverter(from: string, to: string): (text: string) => string {
  const config = (OpenCC.Locale.configs as unknown as Record<string, Config>)[configName(from, to)]
  if (!config) throw new Error(`lazyConverter: no OpenCC config for ${from} → ${to}`)
  const seg = config.segmentation ? new LazyTrie(config.segmentation) : null
  const chain = config.conversionChain.map((group) => new LazyTrie(group))
  const norm = (config.normalizationChain ?? []).map((group) => new LazyTrie(group))
  return (text) => {
    const normal = norm.reduce((t, trie) => trie.convert(t), text)
    let parts = seg ? seg.segment(normal) : [normal]
    for (const trie of chain) parts = parts.map((p) => trie.convert(p))
    return parts.join('')
  }
}
