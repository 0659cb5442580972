/**
 * The one keep/drop decision of main-content extraction. Everything it needs arrives as plain
 * numbers and names, so a test can call it with hand-made scores; the reason it gives is what
 * lands in `Case.removed`.
 */
import type { RegionKind } from './regions.js'
import { KEEP_SHARE, LINK_DENSE, PROSE_PUNCT_PER_100, SIBLING_LINK_DENSITY, SIBLING_PARAGRAPH_CHARS } from './tunables.js'

export interface BlockScores {
  /**
   * Where the block stands: `outside` the chosen article, a `sibling` of the best candidate (it may
   * join), or `inside` the article (it may be cleaned out).
   */
  relation: 'outside' | 'sibling' | 'inside'
  /** The furniture kind its name or opening label announces. */
  kind: RegionKind | null
  hidden: boolean
  /** Visible characters, share of them in links, sentence marks per 100 characters. */
  chars: number
  linkDensity: number
  punctDensity: number
  /** Share of the article's paragraph text the block holds (0–1). */
  share: number
  /** For siblings: the block's candidate score and the score a sibling needs to join. */
  score: number
  threshold: number
  /** All its text flows in the block itself (no nested blocks): a paragraph rather than a section. */
  leaf: boolean
  /** For siblings: its own text ends like a sentence. */
  endsSentence: boolean
  /** Its own text carries markup or template residue (leaked attributes, unfilled placeholders). */
  debris: boolean
  /** A short line under a picture: the photo's caption or credit. */
  caption: boolean
}

export type Verdict = { keep: true } | { keep: false; reason: string }

const KEEP: Verdict = { keep: true }
const drop = (reason: string): Verdict => ({ keep: false, reason: `dom:${reason}` })

export function decide(b: BlockScores): Verdict {
  if (b.hidden) return drop('hidden')
  if (b.relation === 'outside') return drop(b.kind ?? 'outside-article')
  // Most of the article's prose: whatever the block is called, it is the article.
  if (b.share >= KEEP_SHARE) return KEEP
  if (b.kind) return drop(b.kind)
  if (b.debris) return drop('template-debris')
  if (b.caption) return drop('caption')
  const linkDense = b.linkDensity > LINK_DENSE && b.punctDensity < PROSE_PUNCT_PER_100
  if (b.relation === 'inside') return linkDense ? drop('link-dense') : KEEP
  // A sibling joins when it scores like article text, or is a plain paragraph of it.
  if (b.score >= b.threshold) return linkDense ? drop('link-dense') : KEEP
  if (b.leaf && b.chars >= SIBLING_PARAGRAPH_CHARS && b.linkDensity < SIBLING_LINK_DENSITY) return KEEP
  if (b.leaf && b.chars > 0 && b.chars < SIBLING_PARAGRAPH_CHARS && b.linkDensity === 0 && b.endsSentence) return KEEP
  return drop(linkDense ? 'link-dense' : 'outside-article')
}
