import YAML from 'yaml'

/**
 * The case file's front matter written directly, byte for byte what the `yaml` library writes with
 * the options below (after `flowShortLists`), at a fraction of its cost: building yaml's document
 * model and stringifying it was a fifth of the CPU time of an ingest (issue 9). The library stays
 * the judge of every string that is not plainly safe (quoting rules, numbers-as-strings, dates,
 * line breaks) and writes the whole document when this writer meets something it does not cover
 * (a multi-line string yaml would not write as a literal block, a key that needs quotes, a sparse
 * array, a non-plain object):
 * `writeYaml` returns null and the caller uses the library. tests/yaml-writer.test.ts holds the
 * two to the same bytes on generated cases and arbitrary values.
 */

export const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, indent: 2, flowCollectionPadding: false } as const
/** Longest list (items joined) written on one line. */
export const FLOW_MAX = 60

class Unsupported extends Error {}

// A plain scalar that no YAML 1.2 core-schema rule can turn into anything else: no indicator or
// digit/sign/dot first (numbers, dates and `---` go to the library), no ": ", " #", trailing
// ":" or space, no control, separator or lone surrogate characters.
const NOT_PLAIN_START = /^[\s,[\]{}#&*!|>'"%@`?:\-.+~0-9]/
const NOT_PLAIN_INSIDE = /: |:\t|\s#|[:\s]$|[\x00-\x1f\x7f-\x9f\u2028\u2029\uFEFF\uD800-\uDFFF]/
const RESERVED = /^(?:null|true|false)$/i
const FLOW_INDICATOR = /[[\]{},]/
// What JSON.stringify (and so yaml's double-quoted style) would escape or change.
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f-\x9f\u2028\u2029\uD800-\uDFFF]/

function plainlySafe(s: string): boolean {
  return s.length > 0 && !NOT_PLAIN_START.test(s) && !NOT_PLAIN_INSIDE.test(s) && !RESERVED.test(s)
}

// The tags of yaml's default schema that could read a plain scalar as something else than a
// string (null, booleans, integers, floats): the library quotes a string any of them matches.
const RESOLVING_TAGS = new YAML.Document(null).schema.tags.filter(
  (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test !== undefined,
)
const DIGIT_FIRST = /^[0-9]/

/**
 * A string starting with a digit ("2018-07-18", "3个小区…": a tenth of a case file's strings) is
 * written plain exactly when the library would: plain everywhere else, and read back as a string
 * by none of the schema's own tests. Asking the library itself builds a document per string.
 */
function plainDigitFirst(s: string): boolean {
  return DIGIT_FIRST.test(s) && !NOT_PLAIN_INSIDE.test(s) && !RESOLVING_TAGS.some((tag) => tag.test!.test(s))
}

/**
 * A string value as yaml writes it at `indent` (the indent of a block below it); in a flow list
 * `[]{},` force quotes, as in yaml.
 */
function str(s: string, inFlow: boolean, indent: string): string {
  if (inFlow && FLOW_INDICATOR.test(s)) {
    if (NEEDS_ESCAPE.test(s)) throw new Unsupported()
    return `"${s}"`
  }
  if (plainlySafe(s) || plainDigitFirst(s)) return s
  const written = libraryString(s)
  if (!written.includes('\n')) return written
  const [header, ...lines] = written.split('\n')
  // A literal block ("|-", "|", "|2-"; not "|+", whose kept line breaks reach into what follows).
  if (inFlow || !BLOCK_HEADER.test(header)) throw new Unsupported()
  return [header, ...lines.map((line) => (line === '' ? '' : line.startsWith(DEPTH_ONE) ? indent + line.slice(DEPTH_ONE.length) : unsupported()))].join('\n')
}

/**
 * One-line strings the library wrote, by string: a handful ("%", the DOM's reason for its article,
 * a number-like count) come back in most case files, and each asked the library to build and
 * stringify a document (~0.3 ms of a worker's ~6 ms a report). Long and multi-line strings (removed
 * page furniture) are each met once and not kept; the map is emptied if it ever fills.
 */
const libraryWritten = new Map<string, string>()
const LIBRARY_KEPT = 512
const LIBRARY_KEPT_CHARS = 200

/**
 * `s` as the library writes it below the top (there, "..." or "---" would start a block; below
 * it, yaml decides a string the same way at any depth, only the indent of a block scalar's lines
 * differs): at depth one.
 */
function libraryString(s: string): string {
  const kept = libraryWritten.get(s)
  if (kept !== undefined) return kept
  const written = YAML.stringify({ s }, YAML_OPTIONS).slice(3, -1)
  if (s.length <= LIBRARY_KEPT_CHARS && !written.includes('\n')) {
    if (libraryWritten.size >= LIBRARY_KEPT) libraryWritten.clear()
    libraryWritten.set(s, written)
  }
  return written
}

const BLOCK_HEADER = /^\|[0-9]?-?$/
/** The indent of a block scalar's lines one level down, where `str` asks the library. */
const DEPTH_ONE = '  '

function unsupported(): never {
  throw new Unsupported()
}

function scalar(v: unknown, inFlow: boolean, indent: string): string {
  if (v === null) return 'null'
  if (typeof v === 'string') return str(v, inFlow, indent)
  if (typeof v === 'number' && Number.isFinite(v)) return Object.is(v, -0) ? '-0' : JSON.stringify(v)
  if (typeof v === 'boolean') return String(v)
  throw new Unsupported()
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** Objects met more than once, in the order yaml names their anchors (`a1`, `a2`, … at the second meeting). */
function anchors(root: unknown): Map<object, string> {
  const seen = new Set<object>()
  const named = new Map<object, string>()
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return
    if (seen.has(v)) {
      if (!named.has(v)) named.set(v, `a${named.size + 1}`)
      return
    }
    seen.add(v)
    if (Array.isArray(v)) {
      for (const item of v) walk(item)
      return
    }
    if (!isPlainObject(v)) throw new Unsupported()
    for (const key in v) walk(v[key])
  }
  walk(root)
  return named
}

class Writer {
  private written = new Set<object>()
  constructor(private readonly named: Map<object, string>) {}

  /** Short lists of plain numbers and strings go on one line (format.ts flowShortLists, on values). */
  private flows(list: unknown[]): boolean {
    if (list.length === 0) return false
    let length = -2
    for (const item of list) {
      if (typeof item !== 'number' && typeof item !== 'string') return false
      length += String(item).length + 2
    }
    return length <= FLOW_MAX
  }

  /**
   * A value after `key:` or `- `: its text, starting with the separator (" x" on the same line, or
   * a line break and the block at `indent`), or an alias to where it was written first.
   */
  value(v: unknown, indent: string): string {
    if (v === null || typeof v !== 'object') return ` ${scalar(v, false, indent)}`
    const anchor = this.named.get(v)
    if (anchor !== undefined) {
      if (this.written.has(v)) return ` *${anchor}`
      this.written.add(v)
    }
    const tag = anchor === undefined ? '' : ` &${anchor}`
    const inline = this.inline(v)
    if (inline !== null) return `${tag} ${inline}`
    return `${tag}\n${indent}${this.block(v, indent)}`
  }

  /** `[]`, `{}` or a short flow list; null when the value is a block. */
  private inline(v: object): string | null {
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]'
      if (this.flows(v)) return `[${v.map((item) => scalar(item, true, '')).join(', ')}]`
      return null
    }
    // yaml leaves out keys whose value is undefined.
    for (const key in v) if ((v as Record<string, unknown>)[key] !== undefined) return null
    return '{}'
  }

  /** A non-empty block map or list whose first line the caller has placed; later lines at `indent`. */
  block(v: object, indent: string): string {
    const deeper = `${indent}  `
    const lines: string[] = []
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (!(i in v) || v[i] === undefined) throw new Unsupported()
        const item = v[i] as unknown
        // A map item starts on the dash's line ("- key: …") unless it carries an anchor.
        if (item !== null && typeof item === 'object' && !Array.isArray(item) && !this.named.has(item) && this.inline(item) === null) {
          lines.push(`- ${this.block(item, deeper)}`)
        } else if (Array.isArray(item) && !this.named.has(item) && this.inline(item) === null) {
          lines.push(`- ${this.block(item, deeper)}`)
        } else {
          lines.push(`-${this.value(item, deeper)}`)
        }
      }
    } else {
      for (const key in v as Record<string, unknown>) {
        const item = (v as Record<string, unknown>)[key]
        if (item === undefined) continue
        if (!plainlySafe(key)) throw new Unsupported()
        lines.push(`${key}:${this.value(item, deeper)}`)
      }
    }
    return lines.join(`\n${indent}`)
  }
}

/** A mapping as yaml's block style writes it, or null when only the library can write it. */
export function writeYaml(record: Record<string, unknown>): string | null {
  try {
    const writer = new Writer(anchors(record))
    const text = writer.block(record, '')
    // As the library's document is trimmed by its caller (format.ts).
    return text === '' ? '{}' : text.trimEnd()
  } catch (error) {
    if (error instanceof Unsupported) return null
    throw error
  }
}
