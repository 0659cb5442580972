/**
 * Which part of a page is the article: paragraphs vote for their ancestors (Readability's
 * scoring, over a read-only hast tree), the best candidate takes the siblings that read like
 * more of it, and furniture inside is cleaned out. Several attempts run from cautious to
 * permissive; each is kept and one is picked by the rule in `pickAttempt`.
 */
import type { Element, Root } from 'hast'
import { decide } from './decide.js'
import { ancestors, BLOCK, contains, NEVER_TEXT, textBetween, type Measured, type Stats } from './measure.js'
import { kindOfTokens } from './regions.js'
import { classWeight, hasDebris, hasImage, isCaption, isParagraph, linkDensity, paragraphScore, punctuationDensity, regionKind, tagWeight, tokensOf } from './signals.js'
import {
  CHAR_THRESHOLD,
  MIN_SHARED_CANDIDATES,
  N_TOP_CANDIDATES,
  SCORE_LEVELS,
  SHARED_CANDIDATE_RATIO,
  SIBLING_MIN_SCORE,
  SIBLING_SCORE_RATIO,
  UNLIKELY_MAX_SHARE,
  ANCHOR_GAP,
  ANCHOR_MIN_SHARE,
} from './tunables.js'

/** Readability's flags, relaxed one by one. */
export interface AttemptFlags {
  /** Paragraphs inside regions named as furniture (comments, related, nav…) do not vote. */
  stripUnlikely: boolean
  /** Class/id names add or subtract CLASS_WEIGHT. */
  weightClasses: boolean
}

export const ATTEMPTS: { name: string; flags: AttemptFlags }[] = [
  { name: 'strict', flags: { stripUnlikely: true, weightClasses: true } },
  { name: 'named-regions-vote', flags: { stripUnlikely: false, weightClasses: true } },
  { name: 'no-class-weights', flags: { stripUnlikely: false, weightClasses: false } },
]

export interface Attempt {
  name: string
  /** Top-level elements of the article in document order: the best candidate and the siblings that joined. */
  parts: Element[]
  /** Elements cleaned out of the article, with the reason. */
  dropped: Map<Element, string>
  /** Visible characters the article keeps. */
  chars: number
}

/** Tags whose text block is a paragraph of its container rather than a container itself. */
const PARAGRAPH_TAGS = new Set(['p', 'li', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'figcaption', 'caption', 'th', 'address'])

/** Not a candidate: the document element scores everything and so says nothing. */
const NEVER_CANDIDATE = new Set(['html', 'head'])

/**
 * Named as furniture (Readability's unlikely candidates). Unlike Readability, a body-ish name
 * beside it does not rescue it: "content--recommend" and "article-related" hold other articles.
 * What does: holding most of the page's text, as a single-page app's `#app` root does.
 */
function isUnlikely(el: Element, m: Measured, pageChars: number): boolean {
  if (el.tagName === 'body' || el.tagName === 'article' || el.tagName === 'main') return false
  return !!kindOfTokens(tokensOf(el)) && m.get(el)!.chars < pageChars * UNLIKELY_MAX_SHARE
}

interface Scored {
  /** Final candidate scores: (tag weight + class weight + paragraph votes) × (1 − link density). */
  scores: Map<Element, number>
  /** Characters of paragraph text under each element. */
  prose: Map<Element, number>
}

/** Paragraphs vote for the block holding them and their ancestors. */
export function scoreCandidates(root: Root, m: Measured, flags: AttemptFlags): Scored {
  const raw = new Map<Element, number>()
  const prose = new Map<Element, number>()
  const credit = (el: Element, points: number) => {
    if (NEVER_CANDIDATE.has(el.tagName)) return
    if (!raw.has(el)) raw.set(el, tagWeight(el.tagName) + (flags.weightClasses ? classWeight(el) : 0))
    raw.set(el, raw.get(el)! + points)
  }
  const pageChars = Math.max(0, ...root.children.map((c) => (c.type === 'element' ? m.get(c)!.chars : 0)))
  const walk = (el: Element, unlikely: boolean) => {
    const s = m.get(el)!
    if (s.hidden) return
    const skip = unlikely || (flags.stripUnlikely && isUnlikely(el, m, pageChars))
    if (!skip && isParagraph(el, s)) {
      const points = paragraphScore(s)
      // A div or td that holds its text directly is a container of its own paragraphs.
      let level = PARAGRAPH_TAGS.has(el.tagName) ? -1 : 0
      if (level === 0) credit(el, points)
      for (const a of ancestors(m, el)) {
        level++
        if (level >= SCORE_LEVELS) break
        credit(a, level === 0 ? points : level === 1 ? points / 2 : points / (level * 3))
      }
      for (const a of [el, ...ancestors(m, el)]) prose.set(a, (prose.get(a) ?? 0) + s.ownChars)
    }
    for (const c of el.children) if (c.type === 'element') walk(c, skip)
  }
  for (const c of root.children) if (c.type === 'element') walk(c, false)
  const scores = new Map<Element, number>()
  for (const [el, score] of raw) scores.set(el, score * (1 - linkDensity(m.get(el)!)))
  return { scores, prose }
}

/** The best candidate, lifted to the ancestor that several near-best candidates share. */
function topCandidate(m: Measured, ranked: [Element, number][]): Element {
  const [best, bestScore] = ranked[0]
  const others = ranked.slice(1, N_TOP_CANDIDATES).filter(([, s]) => s >= bestScore * SHARED_CANDIDATE_RATIO).map(([el]) => el)
  if (others.length >= MIN_SHARED_CANDIDATES) {
    for (const a of ancestors(m, best)) {
      if (NEVER_CANDIDATE.has(a.tagName)) break
      if (others.filter((o) => contains(m, a, o)).length >= MIN_SHARED_CANDIDATES) return a
    }
  }
  return best
}

/**
 * The article's container. An article follows its headline: when the page prints the headline it
 * declares (`anchor`) and the top candidate neither holds it nor follows it closely, the best
 * candidate that does follow it wins if it scores at least ANCHOR_MIN_SHARE of the top — a short
 * article beside a long teaser feed.
 */
export function bestCandidate(m: Measured, scores: Map<Element, number>, anchor: Element | null = null): Element | null {
  const ranked = [...scores].sort((a, b) => b[1] - a[1])
  if (!ranked.length) return null
  const top = topCandidate(m, ranked)
  if (!anchor) return top
  const end = m.get(anchor)!.end
  const follows = (el: Element) => m.get(el)!.order > end && textBetween(m, end, m.get(el)!.order) <= ANCHOR_GAP
  if (contains(m, top, anchor) || follows(top)) return top
  const near = ranked.find(([el]) => follows(el))
  return near && near[1] >= ranked[0][1] * ANCHOR_MIN_SHARE ? near[0] : top
}

function endsSentence(el: Element): boolean {
  let last = ''
  const walk = (node: Element) => {
    for (const c of node.children) {
      if (c.type === 'text' && c.value.trim()) last = c.value.trim()
      else if (c.type === 'element') walk(c)
    }
  }
  walk(el)
  return /[。！？!?…][”」』]?$/.test(last)
}

function scoresOf(el: Element, s: Stats, relation: 'sibling' | 'inside', share: number, score = 0, threshold = 0, caption = false) {
  return {
    relation,
    kind: regionKind(el),
    hidden: s.hidden,
    chars: s.chars,
    linkDensity: linkDensity(s),
    punctDensity: punctuationDensity(s),
    share,
    score,
    threshold,
    leaf: s.ownChars === s.chars,
    endsSentence: relation === 'sibling' && endsSentence(el),
    debris: s.ownChars > 0 && hasDebris(el),
    caption,
  }
}

/** Furniture inside the kept parts: blocks `decide` drops, each with its reason; the rest is descended into. */
function cleanInside(parts: Element[], m: Measured, prose: Map<Element, number>, total: number): Map<Element, string> {
  const dropped = new Map<Element, string>()
  const walk = (el: Element) => {
    let previous: Element | null = null
    for (const c of el.children) {
      if (c.type !== 'element') continue
      const s = m.get(c)!
      const before = previous
      // An empty paragraph or a line break between a picture and its caption is spacing, not content.
      if (s.chars || hasImage(c)) previous = c
      if (s.hidden) {
        // Scripts and styles are not text; a hidden block with text is reported.
        if (!NEVER_TEXT.has(c.tagName) && c.children.length) dropped.set(c, 'dom:hidden')
        continue
      }
      if (!BLOCK.has(c.tagName) || !s.chars) continue
      const caption = isCaption(c, s, before, before && m.get(before)!, !!before && dropped.get(before) === 'dom:caption')
      const verdict = decide(scoresOf(c, s, 'inside', total ? (prose.get(c) ?? 0) / total : 0, 0, 0, caption))
      if (verdict.keep) walk(c)
      else dropped.set(c, verdict.reason)
    }
  }
  for (const p of parts) walk(p)
  return dropped
}

function keptChars(parts: Element[], m: Measured, dropped: Map<Element, string>): number {
  let chars = parts.reduce((n, p) => n + m.get(p)!.chars, 0)
  for (const el of dropped.keys()) if (!m.get(el)!.hidden) chars -= m.get(el)!.chars
  return chars
}

/** One attempt: score, choose the candidate, let siblings join, clean inside. */
export function runAttempt(root: Root, m: Measured, name: string, flags: AttemptFlags, anchor: Element | null = null): Attempt {
  const { scores, prose } = scoreCandidates(root, m, flags)
  const best = bestCandidate(m, scores, anchor)
  if (!best) return { name, parts: [], dropped: new Map(), chars: 0 }
  const bestScore = scores.get(best) ?? 0
  const parent = m.get(best)!.parent
  let parts = [best]
  if (parent && parent.tagName !== 'html') {
    const threshold = Math.max(SIBLING_MIN_SCORE, bestScore * SIBLING_SCORE_RATIO)
    const bestClass = tokensOf(best).join(' ')
    const bestProse = prose.get(best) ?? 0
    parts = []
    for (const c of parent.children) {
      if (c.type !== 'element') continue
      if (c === best) {
        parts.push(c)
        continue
      }
      const s = m.get(c)!
      if (s.hidden || !s.chars) continue
      const bonus = bestClass && tokensOf(c).join(' ') === bestClass ? bestScore * SIBLING_SCORE_RATIO : 0
      // Share of the prose of the candidate and this sibling together: more than half means the sibling is the larger part.
      const siblingProse = prose.get(c) ?? 0
      const share = siblingProse ? siblingProse / (bestProse + siblingProse) : 0
      if (decide(scoresOf(c, s, 'sibling', share, (scores.get(c) ?? 0) + bonus, threshold)).keep) parts.push(c)
    }
  }
  const total = parts.reduce((n, p) => n + (prose.get(p) ?? 0), 0)
  const dropped = cleanInside(parts, m, prose, total)
  return { name, parts, dropped, chars: keptChars(parts, m, dropped) }
}

/**
 * Every attempt is kept; the first (most cautious) whose article reaches CHAR_THRESHOLD wins,
 * else the one that keeps the most text.
 */
export function pickAttempt(attempts: Attempt[]): Attempt {
  return attempts.find((a) => a.chars >= CHAR_THRESHOLD) ?? attempts.reduce((a, b) => (b.chars > a.chars ? b : a))
}

/** `anchor`: the element printing the page's declared headline, if found (headline.ts `titleAnchor`). */
export function findArticle(root: Root, m: Measured, anchor: Element | null = null): { chosen: Attempt; attempts: Attempt[] } {
  const attempts: Attempt[] = []
  for (const { name, flags } of ATTEMPTS) {
    const attempt = runAttempt(root, m, name, flags, anchor)
    attempts.push(attempt)
    if (attempt.chars >= CHAR_THRESHOLD) break
  }
  return { chosen: pickAttempt(attempts), attempts }
}
