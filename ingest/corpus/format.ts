import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import YAML, { isCollection, isPair, isScalar, isSeq } from 'yaml'
import type { Case } from '../schema.js'
import { httpUrl } from '../text/http-url.js'
import { FLOW_MAX, writeYaml, YAML_OPTIONS } from './yaml-writer.js'

/** Case fields in schema order: the order of front matter keys and of a Case read back. */
export const CASE_KEYS = [
  'id', 'title', 'displayTitle', 'published', 'source', 'author', 'editor', 'place', 'models', 'orgTiers',
  'orgTierCount', 'funding', 'fundingMix', 'outcomes', 'scale', 'problems', 'mechanisms', 'actors',
  'evidence', 'script', 'body', 'removed', 'flags', 'messages', 'origin', 'locked',
] as const satisfies readonly (keyof Case)[]

/** Everything but the body, which follows the front matter as text. */
export const FRONT_MATTER_KEYS = CASE_KEYS.filter((k): k is Exclude<(typeof CASE_KEYS)[number], 'body'> => k !== 'body')

export class CaseFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`)
    this.name = 'CaseFileError'
  }
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml'])

/**
 * Short lists of plain values on one line (`span: [120, 158]`, `locked: [title, place.city]`):
 * easier to read and to hand-edit than one line per item. A plain recursion, not yaml's `visit`,
 * which copies its path at every node and took a third of the time of writing a case file.
 */
function flowShortLists(node: unknown): void {
  if (isPair(node)) return flowShortLists(node.value)
  if (!isCollection(node)) return
  if (isSeq(node)) {
    let length = -2
    let plain = node.items.length > 0
    for (const i of node.items) {
      if (isScalar(i) && (typeof i.value === 'number' || typeof i.value === 'string')) length += String(i.value).length + 2
      else plain = false
    }
    if (plain && length <= FLOW_MAX) node.flow = true
  }
  for (const item of node.items) flowShortLists(item)
}

/** The front matter as the yaml library writes it: the reference, and what writes what yaml-writer does not cover. */
export function libraryYaml(record: Record<string, unknown>): string {
  const doc = new YAML.Document(record)
  flowShortLists(doc.contents)
  return doc.toString(YAML_OPTIONS).trimEnd()
}

function toYaml(c: Case): string {
  const ordered: Record<string, unknown> = {}
  for (const key of FRONT_MATTER_KEYS) {
    ordered[key] = c[key]
    if (key === 'actors' && hasNone(c)) ordered.none = c.none
  }
  return writeYaml(ordered) ?? libraryYaml(ordered)
}

/**
 * Case → Markdown file: YAML front matter (between `---` lines, as remark-frontmatter reads it)
 * with every field but the body, then the body verbatim — not run through remark-stringify, which
 * would escape or re-wrap report text ("1." at a line start, "*", "#"); layout: front matter,
 * blank line, body, final newline.
 */
export function caseToMarkdown(c: Case): string {
  return `---\n${toYaml(c)}\n---\n\n${c.body}\n`
}

/** `none` is written only when it says something, so other case files keep their bytes. */
function hasNone(c: Pick<Case, 'none'>): boolean {
  return !!c.none && Object.keys(c.none).length > 0
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Markdown file text → Case. Throws CaseFileError when the front matter is missing or incomplete. */
export function markdownToCase(text: string, file: string): Case {
  const tree = parser.parse(text)
  const fm = tree.children[0]
  if (!fm || fm.type !== 'yaml' || fm.position?.end.offset === undefined) throw new CaseFileError(file, 'no YAML front matter')
  let data: unknown
  try {
    data = YAML.parse(fm.value)
  } catch (e) {
    throw new CaseFileError(file, `invalid YAML front matter (${(e as Error).message.split('\n')[0]})`)
  }
  if (!isRecord(data)) throw new CaseFileError(file, 'front matter is not a mapping')
  const missing = FRONT_MATTER_KEYS.filter((k) => !(k in data))
  if (missing.length) throw new CaseFileError(file, `front matter lacks ${missing.join(', ')}`)
  if (typeof data.id !== 'string' || !Array.isArray(data.locked) || !data.locked.every((l) => typeof l === 'string')) {
    throw new CaseFileError(file, 'front matter needs a string id and a list of locked field names')
  }
  // Written as "\n" + body + "\n"; a hand edit may drop the blank line or the final newline.
  let body = text.slice(fm.position.end.offset).replace(/^\r?\n(\r?\n)?/, '')
  if (body.endsWith('\n')) body = body.slice(0, -1)
  const c: Record<string, unknown> = {}
  for (const key of CASE_KEYS) {
    c[key] = key === 'body' ? body : data[key]
    if (key === 'actors' && isRecord(data.none) && Object.keys(data.none).length) c.none = data.none
  }
  // A hand edit can put any text in source.url; only an http(s) address is kept.
  if (isRecord(c.source)) c.source = { ...c.source, url: httpUrl(c.source.url) }
  return c as unknown as Case
}
