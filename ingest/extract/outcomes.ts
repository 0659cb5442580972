import type { Outcome } from '../schema.js'
import { type Count, findCounts } from './counts.js'
import { type Doc, clauseAt, quoteClause } from './document.js'
import { TRAILING_SPACE } from './outcome-features.js'
import { achievement } from './outcome-model.js'

// Outcomes are found in two steps: every count with a measure word (counts.ts), then each is
// classified as an achievement or a baseline (households, area, population, plans, context
// statistics) by the model of outcome-model.ts over the features of outcome-features.ts. This
// file only names what each kept count counted.

// Before the number: filler that belongs to neither label nor verb.
const LABEL_TRIM_START = /^(?:共计|共有|已有|现有|共|累计|先后|已经|已|了|合计|总计|截至目前|目前|今年来|今年以来|近年来|全年|此外)+/
const LABEL_TRIM_END = /(?:达到|达|为|约|近|超过|超|共计|共|累计|计|了|多达|高达|提升至|提高到|提升到|保持在|在)+$/
const LABEL_CUT = /[等的了及]/g
// Verbs that end the label's left side: "办结群众诉求1438件" is labelled 办结群众诉求, and the
// verb alone ("办结842件") labels a count whose object was named before.
const VERB_RE =
  /解决|处理|办结|办理|化解|调解|调处|收集|梳理|征集|破获|完成|整改|排查|开展|帮助|帮扶|受理|回应|答复|消除|清理|清运|修复|修缮|维修|改造|新增|增设|安装|建成|新建|硬化|举办|召开|组织|走访|提供|协调|落实|推动|吸纳|招募|培育|挽回|实施|实现|解答|惠及|劝导|制止|整治|拆除|发放|收到|采纳|上报|减少|加装|铺设|更换|配备|种植|粉刷|增加|补植|疏通|参与|成立|组建|引入|引进|新划|施划|拖走|拖离|抽调|调度|设置|划分|编订|扶持|资助|覆盖|邀请|铲除|交办|办/g
// Verbs that are also nouns ("志愿服务", "小区改造"), so they may end the counted thing's name.
const NOUN_LIKE_VERBS = new Set(['服务', '改造', '整治', '维修', '处理', '办理', '帮扶', '参与', '培育', '实施', '组织', '协调', '落实'])
const HAN_RUN_END = /(?:[\u4e00-\u9fff]|[“「『‘][^“”「」『』‘’\n]{1,12}[”」』’])*$/
// "全区312个物业小区实现党组织全覆盖": the number comes before what was counted, and the result verb follows it.
const RESULT_AFTER = /^([\u4e00-\u9fff]{2,8}?)(?:实现|完成|建成|达标|通过|参加|参与)/
// "满意度达98%", "以82%支持率通过": a percent is labelled by the rate it measures.
const RATE_NOUN = /[\u4e00-\u9fff]{0,8}(?:满意度|满意率|率|度|占比)/g
const RATE_AFTER = /^[\u4e00-\u9fff]{0,4}?(?:满意度|满意率|率)/
// "小区治安案件从每年10余起下降到今年的1起": the result is labelled by what the baseline counted.
const CHANGE_FROM = /([\u4e00-\u9fff]{2,12})[从由][^从由，。；]*(?:提升|提高|上升|增长|增加|下降|降低|减少|缩减|压降|合并|整合|缩小|扩大|升|降|减)(?:至|到|为|成)了?[^，。；\d]{0,6}$/

function labelBefore(run: string): { label: string; verbAtEnd: boolean; verb: boolean } {
  let cut = 0
  let lastVerb = -1
  let lastVerbEnd = -1
  let m: RegExpExecArray | null
  VERB_RE.lastIndex = 0
  while ((m = VERB_RE.exec(run))) {
    // A verb that doubles as a noun at the very end ("开展…志愿服务" ends in 服务) is the object's
    // last word, not the verb; any other verb there ("成立后破获") is the verb right before the count.
    if (m.index + m[0].length < run.length || lastVerb < 0 || !NOUN_LIKE_VERBS.has(m[0])) {
      lastVerb = m.index
      lastVerbEnd = m.index + m[0].length
    }
  }
  LABEL_CUT.lastIndex = 0
  while ((m = LABEL_CUT.exec(run))) if (m.index + 1 > lastVerb) cut = m.index + 1
  const label = run.slice(Math.max(cut, lastVerb)).replace(LABEL_TRIM_START, '').replace(LABEL_TRIM_END, '')
  return { label: label.slice(-12), verbAtEnd: lastVerbEnd === run.length, verb: lastVerb >= 0 }
}

function lastRateNoun(text: string): string | null {
  const all = text.match(RATE_NOUN)
  return all ? all[all.length - 1].replace(LABEL_TRIM_START, '') : null
}

/** What the count counted, on the simplified copy: the words before it, or the noun after it. */
function labelOf(doc: Doc, k: Count): string {
  const clause = clauseAt(doc, k.start)
  const before = doc.simp.slice(Math.min(clause[0], k.start), k.start).replace(TRAILING_SPACE, '')
  const after = doc.simp.slice(k.end, Math.max(k.end, Math.min(clause[1], k.end + 12))).match(/^[\u4e00-\u9fff]*/)![0]
  const run = before.slice(-24).match(HAN_RUN_END)![0]
  const changed = before.match(CHANGE_FROM)
  if (changed) return changed[1].replace(LABEL_TRIM_START, '').replace(LABEL_TRIM_END, '').slice(-12)
  if (k.measure === '%') {
    const rate = after.match(RATE_AFTER)?.[0] ?? lastRateNoun(before)
    return (rate ?? run.replace(LABEL_TRIM_START, '').replace(LABEL_TRIM_END, '')).slice(-10)
  }
  const { label, verbAtEnd, verb } = labelBefore(run)
  const resultAfter = after.match(RESULT_AFTER)
  if (resultAfter) return resultAfter[1]
  // "全村共有903人次参与兑换": with no verb before it, the words after the count say what it counted.
  return (label && !verbAtEnd && (verb || !after) ? label : after.slice(0, 10)) || label || k.unit
}

// Labels are found on the simplified copy; give back the same characters from the body.
function labelInScript(doc: Doc, label: string, start: number, end: number): string {
  const lo = Math.max(0, start - 40)
  const before = doc.simp.slice(lo, start).lastIndexOf(label)
  if (before >= 0) return doc.body.slice(lo + before, lo + before + label.length)
  const after = doc.simp.slice(end, end + 20 + label.length).indexOf(label)
  if (after >= 0) return doc.body.slice(end + after, end + after + label.length)
  return label
}

// A figure the headline announces ("满意度达97%") is told again in the body; the body sentence is the
// better evidence, so the headline copy goes.
function withoutTitleRepeats(doc: Doc, outcomes: Outcome[]): Outcome[] {
  return outcomes.filter(
    (o) => o.span[0] >= doc.titleEnd || !outcomes.some((b) => b.span[0] >= doc.titleEnd && b.value === o.value && b.unit === o.unit),
  )
}

// "紧急组建94个突击小组" in the lead and again in the body: the same value and unit, counting the
// same thing (one label holds the other: "突击小组", "突击小组守住路口"), is the same fact told
// twice, and a reader wants it once (the first telling); so is the same sentence quoted twice under
// the same label, however short the label. Two figures of one value that count
// different things ("12个自治小组、12个中心户") are two facts and both stay.
function withoutRepeats(outcomes: Outcome[]): Outcome[] {
  const sameFact = (a: Outcome, b: Outcome) =>
    a.value === b.value &&
    a.unit === b.unit &&
    ((Math.min(a.label.length, b.label.length) >= 2 && (a.label.includes(b.label) || b.label.includes(a.label))) || (a.label === b.label && a.quote === b.quote))
  return outcomes.filter((o, i) => !outcomes.slice(0, i).some((earlier) => sameFact(earlier, o)))
}

/** Counts that report what the work achieved, each labelled and quoted with its clause. */
export function extractOutcomes(doc: Doc): Outcome[] {
  const out: Outcome[] = []
  for (const k of findCounts(doc)) {
    if (!achievement(doc, k).yes) continue
    out.push({ value: k.value, unit: k.unit, label: labelInScript(doc, labelOf(doc, k), k.start, k.end), ...quoteClause(doc, k.start, k.end) })
  }
  return withoutRepeats(withoutTitleRepeats(doc, out))
}
