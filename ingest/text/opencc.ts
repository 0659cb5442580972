import * as OpenCC from 'opencc-js'

/**
 * OpenCC's converters (opencc-js 1.4.2's `Converter`, its configs and dictionaries), with each
 * phrase trie built lazily. opencc-js builds the whole trie of every dictionary up front, a Map
 * per trie node: simplified → traditional makes ~56 MB of Maps and costs ~0.7 s of CPU (much of it
 * GC) in every thread that converts one character, before its first report. Here a converter
 * starts from an index of where each first character's entries lie in the dictionary strings
 * (one pass, no string made), and the trie under a two-character prefix is built when a text
 * first holds it (a character converted alone, as the rule tables do, builds no trie at all).
 *
 * The matching is opencc-js's, step for step: the same segmentation, the same chain of tries, the
 * same longest match through the same nodes, the same skipping over unmatched characters and
 * ideographic description sequences; tests/opencc.test.ts holds the two to the same output.
 */

/** A trie node: children by code point, and the replacement when the path so far is a key. */
type TrieNode = Map<number, TrieNode> & { value?: string }

/** UTF-16 units of a code point. */
const width = (cp: number) => (cp > 0xffff ? 2 : 1)
const unitsAt = (text: string, at: number) => width(text.codePointAt(at)!)

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

/**
 * Where each first character's entries lie in a dictionary string: from the start of its first
 * entry to the end of its last ("|" included), one pass over the string. Shared by the tries that
 * read the same dictionary (simplified → traditional reads its phrases twice).
 */
interface DictIndex {
  /** Per BMP code point, [from, to) at 2·cp, 2·cp + 1; from is -1 for a character no key starts with. */
  bmp: Int32Array
  astral: Map<number, [number, number]>
  /** 1 for a BMP code point that is some key's second character: most characters after a key's first are none (line breaks, punctuation). */
  seconds: Uint8Array
}

const indexes = new Map<string, DictIndex>()

function indexOf(dict: string): DictIndex {
  let index = indexes.get(dict)
  if (index) return index
  index = { bmp: new Int32Array(0x20000).fill(-1), astral: new Map(), seconds: new Uint8Array(0x10000) }
  for (let at = 0; at < dict.length; ) {
    const cp = dict.codePointAt(at)!
    const bar = dict.indexOf('|', at)
    const next = bar < 0 ? dict.length : bar + 1
    const second = dict.codePointAt(at + width(cp))!
    if (second !== 0x20 && second < 0x10000) index.seconds[second] = 1
    if (cp < 0x10000) {
      if (index.bmp[2 * cp] < 0) index.bmp[2 * cp] = at
      index.bmp[2 * cp + 1] = next
    } else {
      const range = index.astral.get(cp)
      if (range) range[1] = next
      else index.astral.set(cp, [at, next])
    }
    at = next
  }
  indexes.set(dict, index)
  return index
}

/**
 * The group's indexes, in an array filled by push: `map` makes arrays of another elements kind
 * when TurboFan has inlined it than when it has not, and the compiled matcher reading them was
 * thrown away at each new kind (OpenCC's matcher was compiled 11 times in a 3,000-report ingest).
 */
function indexesOf(dicts: readonly string[]): DictIndex[] {
  const out: DictIndex[] = []
  for (let d = 0; d < dicts.length; d++) out.push(indexOf(dicts[d]))
  return out
}

/** The span of `cp`'s entries in the dictionary, or null. Entries of other characters may lie inside it in an unsorted dictionary: readers check each entry's first character. */
function rangeOf(index: DictIndex, cp: number): [number, number] | null {
  if (cp >= 0x10000) return index.astral.get(cp) ?? null
  const from = index.bmp[2 * cp]
  return from < 0 ? null : [from, index.bmp[2 * cp + 1]]
}

/** The replacement of the entry whose key ends at `space`: up to the next space or the entry's end, as opencc-js splits an entry on spaces. */
function replacement(dict: string, space: number): string {
  let end = space + 1
  while (end < dict.length) {
    const c = dict.charCodeAt(end)
    if (c === 0x20 || c === 0x7c) break
    end++
  }
  return dict.slice(space + 1, end)
}

/** A first character: its own replacement, where its entries lie, and the subtries under the second characters texts have asked for. */
interface Root {
  value: string | undefined
  /** Per dictionary of the group, the first entry of this character and the end of its last (0, 0: none). */
  ranges: Int32Array
  kids: Map<number, TrieNode | null>
}

/** Dictionaries a group may hold (opencc-js's largest has 3): an entry's dictionary is its position's remainder. */
const DICTS = 8

/**
 * One dictionary group's trie (opencc-js `Trie` after `loadDictGroup`), built as texts need it:
 * the trie under a two-character prefix is built the first time a text holds that prefix. Entries are taken in the order opencc-js
 * loads them (the group reversed, each dictionary in order; a later entry overwrites), each split
 * as opencc-js splits it: the key up to the first space, the replacement up to the next.
 */
export class LazyTrie {
  private readonly roots = new Map<number, Root | null>()
  /**
   * Made by the first conversion (convert, segment), not inside the matcher: a branch the matcher
   * had never run when TurboFan compiled it, taken by the first text of another trie, threw the
   * compiled matcher away.
   */
  private indexes: DictIndex[] | null = null
  /** The last `match`: where the longest key ends and what it maps to. */
  private end = 0
  private value = ''

  /** `dicts` in opencc-js's order: on a key held by several, the first dictionary wins. */
  constructor(private readonly dicts: readonly string[]) {}

  private root(cp: number): Root | null {
    const indexes = this.indexes!
    if (cp < 0x10000) {
      // Most characters of a text start no key: answered without the map.
      let some = false
      for (const index of indexes) some ||= index.bmp[2 * cp] >= 0
      if (!some) return null
    }
    let root = this.roots.get(cp)
    if (root === undefined) {
      root = this.findRoot(cp)
      this.roots.set(cp, root)
    }
    return root
  }

  private findRoot(cp: number): Root | null {
    const indexes = this.indexes!
    const units = width(cp)
    const ranges = new Int32Array(2 * this.dicts.length)
    let value: string | undefined
    let any = false
    for (let d = this.dicts.length - 1; d >= 0; d--) {
      const dict = this.dicts[d]
      const range = rangeOf(indexes[d], cp)
      if (!range) continue
      ranges[d * 2] = range[0]
      ranges[d * 2 + 1] = range[1]
      any = true
      for (let at = range[0]; at < range[1]; ) {
        if (dict.codePointAt(at) === cp && dict.charCodeAt(at + units) === 0x20) value = replacement(dict, at + units)
        const bar = dict.indexOf('|', at)
        at = bar < 0 ? dict.length : bar + 1
      }
    }
    return any ? { value, ranges, kids: new Map() } : null
  }

  /** The node of the two-character path (root's character, `cp`), with the trie under it, or null when no key starts so. */
  private kid(root: Root, first: number, cp: number): TrieNode | null {
    if (cp < 0x10000) {
      let some = false
      for (const index of this.indexes!) some ||= index.seconds[cp] === 1
      if (!some) return null
    }
    let node = root.kids.get(cp)
    if (node !== undefined) return node
    node = null
    for (let d = this.dicts.length - 1; d >= 0; d--) {
      const dict = this.dicts[d]
      for (let at = root.ranges[d * 2]; at < root.ranges[d * 2 + 1]; ) {
        const bar = dict.indexOf('|', at)
        const next = bar < 0 ? dict.length : bar + 1
        const second = at + width(first)
        // A one-character key has its space here, which is no second character.
        if (dict.codePointAt(at) === first && dict.charCodeAt(second) !== 0x20 && dict.codePointAt(second) === cp) {
          const space = dict.indexOf(' ', second)
          if (space < 0 || space >= next) throw new TypeError(`OpenCC dictionary entry without a replacement: ${dict.slice(at, next)}`)
          let n = (node ??= new Map() as TrieNode)
          for (let i = second + width(cp); i < space; ) {
            const c = dict.codePointAt(i)!
            i += width(c)
            let child = n.get(c)
            if (!child) n.set(c, (child = new Map() as TrieNode))
            n = child
          }
          n.value = replacement(dict, space)
        }
        at = next
      }
    }
    root.kids.set(cp, node)
    return node
  }

  /** The longest key at `start` (opencc-js `matchPrefix`): true, with `end` and `value` set, or false. */
  private match(text: string, start: number): boolean {
    const first = text.codePointAt(start)!
    const root = this.root(first)
    if (!root) return false
    let i = start + width(first)
    let found = root.value !== undefined
    if (found) {
      this.end = i
      this.value = root.value!
    }
    if (i >= text.length) return found
    const second = text.codePointAt(i)!
    let node = this.kid(root, first, second)
    if (!node) return found
    i += width(second)
    for (;;) {
      if (node.value !== undefined) {
        found = true
        this.end = i
        this.value = node.value
      }
      if (i >= text.length) break
      const cp = text.codePointAt(i)!
      const child: TrieNode | undefined = node.get(cp)
      if (child === undefined) break
      node = child
      i += width(cp)
    }
    return found
  }

  convert(text: string): string {
    this.indexes ??= indexesOf(this.dicts)
    return this.pieces(text, true).join('')
  }

  segment(text: string): string[] {
    this.indexes ??= indexesOf(this.dicts)
    return this.pieces(text, false)
  }

  /** The text cut at every match, left to right, longest first; a match replaced by its value or kept as written. */
  private pieces(text: string, replace: boolean): string[] {
    const out: string[] = []
    let run = -1
    for (let i = 0; i < text.length; ) {
      if (this.match(text, i)) {
        if (run >= 0) {
          out.push(text.slice(run, i))
          run = -1
        }
        out.push(replace ? this.value : text.slice(i, this.end))
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

/** An opencc-js config: groups of dictionaries, each a string of "key value|key value" entries. */
export interface OpenccConfig {
  normalizationChain?: string[][]
  segmentation?: string[]
  conversionChain: string[][]
}

export interface Direction {
  from: string
  to: string
}

/** opencc-js's name for a from → to pair (its `Converter`), for the pairs that have a config. */
function configName(from: string, to: string): string {
  if (from === 'cn') return `s2${to}`
  if (to === 'cn') return from === 'hkp' ? 'hk2sp' : from === 'twp' ? 'tw2sp' : `${from}2s`
  return `${from}2${to}`
}

/** opencc-js's config for `OpenCC.Converter({ from, to })`. */
export function openccConfig({ from, to }: Direction): OpenccConfig {
  const config = (OpenCC.Locale.configs as unknown as Record<string, OpenccConfig>)[configName(from, to)]
  if (!config) throw new Error(`no OpenCC config for ${from} → ${to}`)
  return config
}

/** `OpenCC.Converter({ from, to })`'s function, the same output, its tries built as texts need them. */
export function lazyConverter(direction: Direction): (text: string) => string {
  const config = openccConfig(direction)
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
