import { isBodyish, type Line } from '../engine.js'
import { cutInline } from '../inline.js'
import type { LineRule } from '../rules/boilerplate.js'
import { eachLineVector, FEATURES } from './features.js'
import stored from './line-model.json'
import { compileBoost, type Booster } from './boost.js'

/** Classes a line is kept for; every other class is furniture. */
export const KEEP_CLASSES = new Set(['body', 'title'])

/** A trained line classifier as stored in line-model.json. */
export interface LineModel {
  /** Feature names in the order the weights expect them (features.ts FEATURES when trained). */
  features: string[]
  classes: string[]
  /** Boosted trees over the features, one per class per round. */
  booster: Booster
  /** A line goes when the furniture classes together reach this probability. */
  threshold: number
}

export interface Judgement {
  /** Most likely furniture class when the line is furniture, else 'body' or 'title'. */
  cls: string
  /** How sure the decision is: the furniture classes together, or the kept class alone. */
  p: number
  /** Probability of the furniture classes together. */
  junk: number
  /** Probability of 'title'. */
  title: number
}

export const LINE_MODEL: LineModel = stored as LineModel

/** Each model's trees compiled once, on first use. */
const compiled = new WeakMap<LineModel, (x: ArrayLike<number>) => number[]>()

/**
 * One judgement per line (null for blank lines and lines a rule removes wherever they stand). A model trained on another feature list than
 * today's cannot be read safely and is refused.
 */
export function judgeLines(lines: Line[], model: LineModel = LINE_MODEL): (Judgement | null)[] {
  if (model.features.length !== FEATURES.length || model.features.some((f, i) => f !== FEATURES[i])) {
    throw new Error('line model was trained on another feature list: run npm run train:lines')
  }
  let predict = compiled.get(model)
  if (!predict) compiled.set(model, (predict = compileBoost(model.booster)))
  const titleIdx = model.classes.indexOf('title')
  // Asked per class of every line: a Set lookup each time showed in the workers' profiles.
  const kept = model.classes.map((c) => KEEP_CLASSES.has(c))
  // A line an 'any' rule took goes wherever it stands: nothing the classifier says would change that.
  const out: (Judgement | null)[] = new Array(lines.length).fill(null)
  eachLineVector(lines, (l) => !(l.kind === 'junk' && l.rule?.zone === 'any'), (index, x) => {
    const p = predict(x)
    let junk = 0
    let best = -1
    let keepBest = -1
    for (let k = 0; k < p.length; k++) {
      if (kept[k]) {
        if (keepBest === -1 || p[k] > p[keepBest]) keepBest = k
        continue
      }
      junk += p[k]
      if (best === -1 || p[k] > p[best]) best = k
    }
    const furniture = junk >= model.threshold && best !== -1
    const k = furniture ? best : keepBest
    out[index] = { cls: model.classes[k], p: furniture ? junk : p[k], junk, title: titleIdx === -1 ? 0 : p[titleIdx] }
  })
  return out
}

/**
 * Marks the lines no rule took and the classifier calls furniture as junk under a rule named for
 * the decision ("model:nav 0.93"), so that they go wherever they stand and no longer count as text
 * when clean looks for the headline and the first and last paragraphs. A line an edge rule took
 * stays under the zones: the classifier's verdict on it leans on that same rule, so it is no second
 * opinion on a line between paragraphs. In an article the DOM chose (`article`), a paragraph-sized
 * line is the page's own structure speaking: the classifier alone does not remove it.
 */
export function applyJudgements(lines: Line[], judged: (Judgement | null)[], article = false): void {
  for (const line of lines) {
    const j = judged[line.index]
    if (!j || line.kind === 'junk' || KEEP_CLASSES.has(j.cls)) continue
    if (NEVER_PROSE.has(j.cls) && PROSE.test(line.text)) continue
    if (article && line.text.length >= ARTICLE_PARAGRAPH_MIN) continue
    if (creditedParagraph(line.text)) continue
    line.kind = 'junk'
    line.rule = modelRule(j)
  }
}

/**
 * Classes whose labelled lines are almost never a finished sentence of several clauses: of the
 * labelled lines, 1 of 30 spam, 2 of 39 debris and none of 73 captions, 85 nav, 43 comment or 20
 * related lines read so, against half of all body lines (meta and prompt lines do: author notes,
 * abstracts, long prompts). The classifier, trained on text excerpts, has called the paragraphs of
 * a web article dense with Latin product names and figures spam or debris; such a paragraph is
 * kept: losing text is worse than keeping a line of junk.
 */
const NEVER_PROSE = new Set(['spam', 'caption', 'debris', 'nav', 'comment', 'related'])
/** At least 40 characters, two clause marks, ending a sentence. */
const PROSE = /^(?=.{40,})(?=(?:[^，,、；;]*[，,、；;]){2}).*[。！？!?][”’」』）)]*$/s

/**
 * In an article the DOM chose, the classifier alone removes only lines shorter than this. It was
 * trained on text excerpts and has called paragraphs of web articles (product prices, protocol
 * names, quoted specifications, a wire story's first paragraph) meta or spam; on the gne and
 * html-pool pages every line of 40 characters or more it removed from a DOM article was text (9 of 9) and every
 * labelled shorter one was furniture (editor lines, print-edition lines, share prompts). Longer
 * furniture inside an article still goes by the rules and by the DOM step's own decisions.
 */
const ARTICLE_PARAGRAPH_MIN = 40

/**
 * A paragraph with a reporter's credit or a dateline glued to its start ("(通讯员 某某)10月9日，…"):
 * the classifier sees the credit's words and shape and has called such a line meta or nav whole,
 * which loses the paragraph. The lead-in rules (rules/inline.ts) cut the credit off once the line
 * is kept; what they leave is judged by its own shape, and a paragraph stays.
 */
function creditedParagraph(text: string): boolean {
  const cut = cutInline([text], 'lead', 1)
  return cut.removed.length > 0 && isBodyish(cut.paragraphs[0] ?? '')
}

function modelRule(j: Judgement): LineRule {
  return { id: `model:${j.cls} ${j.p.toFixed(2)}`, zone: 'any', maxLen: Infinity, meta: j.cls === 'meta', why: 'The line classifier (model/line-model.json) called it furniture.' }
}
