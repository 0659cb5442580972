import type { Removed } from '../schema.js'
import { cutInline } from './inline.js'
import { repairMojibake } from './mojibake.js'
import { repairPinyin } from './pinyin.js'
import { cutSprinkled } from './sprinkled.js'

/** Spaces the read stage normally folds already; kept here so clean is safe on raw strings too. */
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g
/** Markdown furniture that is not part of the printed text. */
const MD_HEADING = /^#{1,6}\s+/
/** Blockquote markers and bold/italic runs: exports set bylines as "> 来源：…" or "**来源**：…". */
const MD_QUOTE = /^(?:>\s*)+/
const MD_EMPHASIS = /\*\*|__|^\*(?=\S)|(?<=\S)\*$/g

/**
 * HTML tags left in copied text: a whole tag, a tag cut off at the line end, or a closing tag
 * whose "<" was garbled into "?". Taken out before lines are judged, so that a paragraph wrapped in
 * inline-styled tags is judged by its text.
 */
const TAG = String.raw`<\/?[a-zA-Z][\w-]*(?:\s+[^<>]*?)?\/?>|<[a-zA-Z][\w-]*\s+[\w-]+=[^<>]*$|[?？]*<?\/(?:p|div|span|h[1-6]|section|strong|em|li|td|tr|b|i|a|br|font)>`
/** A run of tags, cut as one piece. */
const HTML_TAGS = new RegExp(`(?:${TAG})(?:\\s*(?:${TAG}))*`, 'g')

/** Lines without their HTML tags, each cut recorded as 'html-tag'. */
export function stripTags(lines: string[]): { lines: string[]; removed: Removed[] } {
  const removed: Removed[] = []
  const out = lines.map((line) => {
    if (!line.includes('>') && !line.includes('<')) return line
    return line
      .replace(HTML_TAGS, (tag) => {
        removed.push({ text: tag, reason: 'html-tag' })
        return ''
      })
      .trim()
  })
  return { lines: out, removed }
}

/**
 * Repairs applied to every line before anything is judged: pinyin readings, mojibake, then pinyin
 * readings again. A garbled run can end on the very character a converter annotated ("…駞^(qū)"
 * is "…區(qū)" once decoded), so its reading only follows a character after the mojibake repair.
 */
export function repairArtifacts(text: string): { text: string; pinyin: number; mojibake: ReturnType<typeof repairMojibake>['runs'] } {
  const p = repairPinyin(text)
  const m = repairMojibake(p.text)
  // Only a repaired run can have uncovered a reading: most texts need no second pass.
  const q = m.text === p.text ? { text: m.text, count: 0 } : repairPinyin(m.text)
  return { text: q.text, pinyin: p.count + q.count, mojibake: m.runs }
}

export function splitLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(ODD_SPACE, ' ')
    .replace(INVISIBLE, '')
    .split('\n')
    .map((l) => l.trim())
}

/**
 * The lines clean judges, one per input line (blank lines stay, as ''): trimmed, Markdown markers
 * and HTML tags gone, pinyin readings and mojibake repaired, glued noise cut (rules/inline.ts,
 * where 'line'), a brand name sprinkled through the text cut (sprinkled.ts). The line trainer prepares labelled pages the same way.
 */
export function prepareLines(
  text: string,
  format?: string,
): { lines: string[]; repair: ReturnType<typeof repairArtifacts>; removed: Removed[]; meta: string[] } {
  let raw = splitLines(text)
  if (format === 'md') raw = raw.map((l) => l.replace(MD_HEADING, '').replace(MD_QUOTE, '').replace(MD_EMPHASIS, ''))
  const tags = stripTags(raw)
  const repair = repairArtifacts(tags.lines.join('\n'))
  // Noise glued to a line goes before the line is judged, so that it is judged by its text.
  const cuts = cutInline(repair.text.split('\n'), 'line')
  const sprinkled = cutSprinkled(cuts.paragraphs)
  return { lines: sprinkled.lines, repair, removed: [...tags.removed, ...cuts.removed, ...sprinkled.removed], meta: cuts.meta }
}
