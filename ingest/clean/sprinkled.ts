import type { Removed } from '../schema.js'
import { CUE_GROUPS, holdsCue } from './model/cues.js'

/**
 * A brand name sprinkled through a hijacked page: a gambling or porn site's name pasted at the
 * start of paragraphs and before their commas and full stops, again and again. It sits inside
 * lines of text, so no line rule and no line classifier can take it without the text around it.
 *
 * A candidate is a run of Han or Latin characters that a line opens with or that stands right
 * before a punctuation mark, cut to its first (at a line start) or last (before a mark) MIN_LEN to
 * MAX_LEN characters. It is cut everywhere when it holds a word of the spam cue group
 * (model/cues.ts), recurs in at least MIN_LINES lines, opens at least one of them glued to what
 * follows, and stands nowhere else: a report may end several clauses with a phrase of its own
 * ("…全民体育。"), and an article about short videos says 短视频 at the start of paragraphs and
 * before commas, but also inside its sentences ("短视频可以…"); a pasted name is never part of one.
 */
const MIN_LEN = 3
const MAX_LEN = 6
const MIN_LINES = 4
const SPAM = CUE_GROUPS.findIndex((g) => g.id === 'spam')
const WORD = /[\u4e00-\u9fffA-Za-z0-9]+/g
/** Two Han characters at least: a Latin run that holds a cue ("av" in "Java") is a word of its own. */
const HAN_PAIR = /[\u4e00-\u9fff].*[\u4e00-\u9fff]/
/** What ends a run other than the line's end: any punctuation or quote mark, opening ones too ("某某体育“…"). */
const BEFORE_MARK = /[^\s\u4e00-\u9fffA-Za-z0-9]/

/** Adds the line's candidates to `into`: a line start's ('open:') and those before a mark ('mark:'). */
function candidates(line: string, into: Set<string>): void {
  for (const m of line.matchAll(WORD)) {
    const run = m[0]
    const end = m.index + run.length
    const atStart = m.index === 0
    const beforeMark = end < line.length && BEFORE_MARK.test(line[end])
    if (!atStart && !beforeMark) continue
    for (let n = MIN_LEN; n <= Math.min(MAX_LEN, run.length - (atStart && beforeMark ? 0 : 1)); n++) {
      if (atStart) into.add(`open:${run.slice(0, n)}`)
      if (beforeMark) into.add(`mark:${run.slice(run.length - n)}`)
    }
  }
}

/** Every occurrence of `t` in the line opens it or stands right before a mark or the line's end. */
function onlyAtEdges(line: string, t: string): boolean {
  for (let i = line.indexOf(t); i !== -1; i = line.indexOf(t, i + 1)) {
    const end = i + t.length
    if (i !== 0 && end < line.length && !BEFORE_MARK.test(line[end])) return false
  }
  return true
}

function spamInLines(lines: string[], atLeast: number): boolean {
  let n = 0
  for (const line of lines) if (line && holdsCue(line, SPAM) && ++n >= atLeast) return true
  return false
}

/** Lines with every sprinkled brand name cut out, each cut recorded as 'sprinkled-spam'. */
export function cutSprinkled(lines: string[]): { lines: string[]; removed: Removed[] } {
  // A pasted name holds a spam word and stands in MIN_LINES lines, so that many lines hold one:
  // counting lines, not words, spares most pages the candidates (a report may say 免费 or 体育
  // four times in two paragraphs).
  if (!spamInLines(lines, MIN_LINES)) return { lines, removed: [] }
  const seen = new Map<string, number>()
  const opens = new Set<string>()
  for (const line of lines) {
    if (!line) continue
    const own = new Set<string>()
    candidates(line, own)
    const tokens = new Set([...own].map((c) => c.slice(5)))
    for (const c of own) if (c.startsWith('open:')) opens.add(c.slice(5))
    for (const t of tokens) seen.set(t, (seen.get(t) ?? 0) + 1)
  }
  const tokens = [...seen]
    .filter(([t, n]) => n >= MIN_LINES && opens.has(t) && HAN_PAIR.test(t) && holdsCue(t, SPAM))
    .map(([t]) => t)
    // The longest first, and none that lies inside a longer one already taken.
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .filter((t, i, all) => !all.slice(0, i).some((u) => u.includes(t)))
    .filter((t) => lines.every((line) => onlyAtEdges(line, t)))
  if (!tokens.length) return { lines, removed: [] }
  const removed: Removed[] = []
  const out = lines.map((line) => {
    let text = line
    for (const t of tokens) {
      if (!text.includes(t)) continue
      removed.push({ text: t, reason: 'sprinkled-spam' })
      text = text.split(t).join('')
    }
    return text.trim()
  })
  return { lines: out, removed }
}
