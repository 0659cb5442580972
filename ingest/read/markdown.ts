import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import YAML from 'yaml'
import type { Nodes, Root } from 'mdast'
import type { Hints } from './types.js'
import { normalizeDate } from './html.js'

/** Front matter keys that name the hints, as site generators and scrapers write them. */
const FRONT_MATTER_KEYS: Record<keyof Hints, string[]> = {
  title: ['title', 'headline'],
  url: ['url', 'link', 'source_url', 'sourceUrl', 'canonical'],
  published: ['date', 'published', 'publishDate', 'pubdate'],
}

/** Inline content → its text; markup (emphasis, link targets) goes, image alt text stays. */
function inline(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'html') return node.value
  if (node.type === 'break') return '\n'
  if (node.type === 'image') return node.alt ?? ''
  return 'children' in node ? node.children.map((c) => inline(c as Nodes)).join('') : ''
}

/** Block content → paragraphs, one entry per visible block. */
function blocks(node: Nodes): string[] {
  switch (node.type) {
    case 'root':
    case 'blockquote':
    case 'list':
    case 'listItem':
      return node.children.flatMap((c) => blocks(c as Nodes))
    case 'code':
    case 'html':
      return [node.value]
    case 'table':
      return node.children.map((row) => row.children.map((cell) => inline(cell)).join('\t'))
    case 'yaml':
    case 'thematicBreak':
    case 'definition':
      return []
    default:
      return [inline(node)]
  }
}

function hintsOf(tree: Root): Hints {
  const hints: Hints = {}
  const fm = tree.children.find((n) => n.type === 'yaml')
  if (!fm || fm.type !== 'yaml') return hints
  let data: unknown
  try {
    data = YAML.parse(fm.value)
  } catch {
    return hints
  }
  if (!data || typeof data !== 'object') return hints
  const record = data as Record<string, unknown>
  for (const [hint, keys] of Object.entries(FRONT_MATTER_KEYS) as [keyof Hints, string[]][]) {
    const raw = keys.map((k) => record[k]).find((v) => v !== undefined && v !== null)
    const value = raw instanceof Date ? raw.toISOString() : typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : undefined
    const normalized = hint === 'published' && value ? normalizeDate(value) : value
    if (normalized) hints[hint] = normalized
  }
  return hints
}

export function markdownToText(markdown: string): { text: string; hints: Hints } {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).parse(markdown)
  return { text: blocks(tree).join('\n\n'), hints: hintsOf(tree) }
}
