/**
 * Every knob of main-content extraction, named and explained once (STYLE.md, Readability section).
 * Figures were set on the development pages of ../shared/realdev (gne and html-pool, blind parts
 * excluded); `npm run bench -- real` prints what they give.
 */

/** Own text a block needs before it votes for its ancestors as a paragraph: about one clause of Chinese. */
export const MIN_PARAGRAPH_CHARS = 20

/**
 * How far a paragraph's score climbs (Readability's propagation): its container gets it whole —
 * the parent of a <p>, or the div/td itself when it holds its text directly, as Chinese pages often
 * do — the next ancestor half, older ancestors score / (level × 3), up to this many levels.
 */
export const SCORE_LEVELS = 5

/** Readability: when 3 of the 5 best candidates share an ancestor, the article is that ancestor. */
export const N_TOP_CANDIDATES = 5
export const MIN_SHARED_CANDIDATES = 3
/** …counting only candidates scoring at least this share of the best. */
export const SHARED_CANDIDATE_RATIO = 0.75

/** A sibling of the best candidate joins the article above max(SIBLING_MIN_SCORE, best × SIBLING_SCORE_RATIO). */
export const SIBLING_MIN_SCORE = 10
export const SIBLING_SCORE_RATIO = 0.2
/** A plain sibling paragraph joins on its own when it is this long with links under SIBLING_LINK_DENSITY… */
export const SIBLING_PARAGRAPH_CHARS = 50
export const SIBLING_LINK_DENSITY = 0.25

/**
 * Share of a block's text inside links above which it is a menu, link list or tag cloud. Prose with
 * a few linked names stays far below; a teaser list with dates and sources sits around 0.6–0.9.
 */
export const LINK_DENSE = 0.5
/** …unless it reads as prose: this many sentence marks per 100 characters. */
export const PROSE_PUNCT_PER_100 = 2

/** A region named as furniture holding more than this share of the page's text is a page root (`#app`), not furniture. */
export const UNLIKELY_MAX_SHARE = 0.5

/** The article starts within this many visible characters after its headline (bylines, share bars between). */
export const ANCHOR_GAP = 300
/** A candidate right after the headline beats a higher-scoring one elsewhere when it scores at least this share of it. */
export const ANCHOR_MIN_SHARE = 0.1

/** Class/id weights (Readability's ±25): a named article body pulls the choice, a named widget pushes. */
export const CLASS_WEIGHT = 25

/** A block holding at least this share of the article's paragraph text is never dropped, whatever its name. */
export const KEEP_SHARE = 0.5

/**
 * An attempt is accepted when its article keeps this many characters; below it the next, less
 * cautious attempt runs. Readability's 500 characters of English would be ~200 of Chinese, but
 * news briefs of three or four sentences (150–200 characters) are articles too.
 */
export const CHAR_THRESHOLD = 140

/** An article keeping less than this is a fragment or a stub page: the page goes to line cleaning whole. */
export const MIN_PAGE_PROSE = 60

/** Longest line under a picture that is read as its caption rather than a paragraph. */
export const CAPTION_MAX_CHARS = 50

/** A headline is a line, not a paragraph. */
export const HEADLINE_MIN_CHARS = 4
export const HEADLINE_MAX_CHARS = 80
/**
 * Headline points: a heading tag gives h1 3, h2 2, h3–h6 1 (a title-named element or a bold line 1);
 * agreeing with a declared title adds 4 (1 more word for word), being the last heading before the
 * article 2, sitting within HEADLINE_CLOSE_CHARS of it 1. A heading needs HEADLINE_MIN_SCORE: a
 * strong heading next to the article, or any heading a declared title confirms.
 */
export const HEADLINE_AGREES = 4
export const HEADLINE_AGREES_EXACTLY = 1
export const HEADLINE_LAST = 2
export const HEADLINE_CLOSE = 1
export const HEADLINE_CLOSE_CHARS = 200
export const HEADLINE_MIN_SCORE = 4
/** A declared title this short with nothing printed to confirm it is a place or site name ("东街社区"), not a headline. */
export const HEADLINE_DECLARED_MIN_CHARS = 6

/**
 * Longest text kept for one removed region; the rest is counted ("…（+1234）"). A portal's
 * furniture or a hidden keyword-spam block can run to 100 000 characters, which would swamp the
 * case file and the audit list without telling a reader more.
 */
export const REMOVED_TEXT_MAX = 3000

/** The dateline sits within this many characters of visible text below the headline. */
export const DATELINE_WINDOW = 160

/** A table cell after a date label holds the value alone: a date and time, at most this many characters. */
export const VALUE_CELL = 40
