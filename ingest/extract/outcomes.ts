import type { Outcome } from '../schema.js'
import { type Doc, clauseAt, quoteClause } from './document.js'
import { NUMBER_SOURCE, parseNumber } from './numerals.js'

// Counted results: measure words for things done, installed, cleared or handed out (加装电梯23台,
// 清运垃圾230余吨, 发放宣传资料500份). Households, people, buildings and areas are scale; years,
// ages and money have their own places, so these units leave them out by construction.
const UNITS = [
  '场次', '人次', '户次', '车次', '条', '项', '件', '起', '个', '次', '场', '处', '家', '批', '宗', '例', '部', '台', '盏',
  '辆', '棵', '株', '公里', '米', '吨', '车', '座', '块', '套', '间', '根', '份', '张', '箱', '袋',
]
// "1.2万件", "3万余人次": 万 multiplies the number, the unit is the measure word after it.
const COUNT = new RegExp(`(${NUMBER_SOURCE})(万)?(余|多)?(${UNITS.sort((a, b) => b.length - a.length).join('|')})(?!方)`, 'g')
// "满意度达98%", "满意率提升至95%以上", "投诉量下降40%".
const PERCENT = /(\d+(?:\.\d+)?)\s*(%|％|个百分点)/g
const PERCENT_LABEL = /满意|率|度$|下降|减少|增长|降低/
const BASELINE_AFTER = /^(?:提升|提高|上升|增长|增加|下降|降低|减少)(?:至|到)|^(?:升|降)(?:至|到)/
// "纠纷从过去每年20多起下降到去年的2起": the first count is the baseline; the result after it is
// labelled by what the baseline counted ("纠纷", not "从过去每年").
const COUNT_BASELINE_AFTER = /^(?:提升|提高|上升|增长|增加|下降|降低|减少|缩减|压降)(?:至|到|为)|^(?:升|降|减)(?:至|到|为)/
const FROM_BASELINE = /[从由][^从由]*$/
// "居民参与率从30%提升到85%": the rate named earlier in the clause labels the result.
const RATE_NOUN = /[\u4e00-\u9fff]{0,8}(?:满意度|满意率|率)/g
function lastRateNoun(text: string): string | null {
  const all = text.match(RATE_NOUN)
  return all ? all[all.length - 1].replace(LABEL_TRIM_START, '') : null
}

// An outcome is something done or solved: one of these verbs before the number, or a result noun counted.
const VERBS = [
  '解决', '处理', '办结', '办理', '化解', '调解', '调处', '收集', '梳理', '征集', '破获', '调停', '办', '完成', '整改',
  '排查', '开展', '帮助', '帮扶', '服务', '受理', '回应', '答复', '消除', '清理', '清运', '修复', '修缮', '维修',
  '改造', '新增', '增设', '安装', '建成', '新建', '硬化', '举办', '召开', '组织', '走访', '提供', '协调', '落实',
  '推动', '吸纳', '招募', '培育', '挽回', '实施', '实现', '解答', '惠及', '劝导', '制止', '整治', '拆除', '发放',
  '收到', '采纳', '上报', '减少', '加装', '铺设', '更换', '配备', '种植', '粉刷', '增加', '补植', '疏通', '参与',
  // Bodies set up and partners brought in count as results ("成立小区党支部418个", "引入物业企业28家");
  // parking bays marked out are built, not planned ("新划停车位56个").
  '成立', '组建', '引入', '引进', '新划', '施划', '拖走', '拖离',
]
// Verbs that are also nouns ("志愿服务", "小区改造"), so they may end the counted thing's name.
const NOUN_LIKE_VERBS = new Set(['服务', '改造', '整治', '维修', '处理', '办理', '帮扶', '参与', '培育', '实施', '组织', '协调', '落实'])
const VERB_RE = new RegExp(VERBS.sort((a, b) => b.length - a.length).join('|'), 'g')
const RESULT_NOUN = /问题|矛盾|纠纷|案件|实事|好事|建议|诉求|隐患|难题|心愿|微心愿|事项|议题/
// Before the number: filler that belongs to neither label nor verb.
const LABEL_TRIM_START = /^(?:共计|共|累计|先后|已经|已|了|共有|合计|总计|截至目前|目前|今年来|今年以来|近年来|全年|此外)+/
const LABEL_TRIM_END = /(?:达到|达|为|约|近|超过|共计|共|累计|计|了|多达|高达|提升至|提高到|提升到|保持在)+$/
const LABEL_CUT = /[等的了及]/g
// "三个机制", "12个自治小组", "5类事项": counts of structures set up, not results.
const STRUCTURE_COUNTED = /^(?:机制|制度|平台|体系|小组|队伍|网格|支部|党小组|阵地|载体|方面|环节|步骤|原则|方式|渠道|类|大区|自治|中心|工作室|服务站)/
// Ordinals and numbering ("第3次", "3号") are not counts.
const ORDINAL_BEFORE = /第$/

function labelBefore(run: string): { label: string; verb: boolean; verbAtEnd: boolean } {
  let cut = 0
  LABEL_CUT.lastIndex = 0
  let m: RegExpExecArray | null
  let lastVerb = -1
  let lastVerbEnd = -1
  VERB_RE.lastIndex = 0
  while ((m = VERB_RE.exec(run))) {
    // A verb that doubles as a noun at the very end ("开展…志愿服务" ends in 服务) is the object's
    // last word, not the verb; any other verb there ("成立后破获") is the verb right before the count.
    if (m.index + m[0].length < run.length || lastVerb < 0 || !NOUN_LIKE_VERBS.has(m[0])) {
      lastVerb = m.index
      lastVerbEnd = m.index + m[0].length
    }
  }
  while ((m = LABEL_CUT.exec(run))) if (m.index + 1 > lastVerb) cut = m.index + 1
  const from = Math.max(cut, lastVerb)
  const label = run.slice(from).replace(LABEL_TRIM_START, '').replace(LABEL_TRIM_END, '')
  return { label: label.slice(-12), verb: lastVerb >= 0, verbAtEnd: lastVerbEnd === run.length }
}

const IDIOM_NUMBERS = new Set(['一', '百', '千', '万'])
// A quoted name is part of the object ("召开“坝坝会”26次", "清理「僵尸车」12辆"), so the run before
// the number steps over it to reach the verb.
const HAN_RUN_END = /(?:[\u4e00-\u9fff]|[“「『‘][^“”「」『』‘’\n]{1,12}[”」』’])*$/
// "全区312个物业小区实现党组织全覆盖": the number comes before what was counted, and the result verb
// follows it.
const RESULT_AFTER = /^([\u4e00-\u9fff]{2,8}?)(?:实现|完成|建成|达标)/
const LIST_SEP = /[、和及与]/

/**
 * "协商解决电动车充电难、儿童游乐设施老化等议题27项": the verb governs the whole list, so it stands
 * before the first item, outside the run of characters right before the number.
 */
function listVerb(doc: Doc, clauseStart: number, runStart: number, runEnd: number): boolean {
  if (runStart <= clauseStart || runStart === runEnd || doc.simp[runStart - 1] !== '、') return false
  const head = doc.simp.slice(Math.max(clauseStart, runStart - 40), runStart)
  const first = head.search(LIST_SEP)
  VERB_RE.lastIndex = 0
  return first > 0 && VERB_RE.test(head.slice(0, first))
}

export function extractOutcomes(doc: Doc): Outcome[] {
  const out: Outcome[] = []
  COUNT.lastIndex = 0
  let m: RegExpExecArray | null
  let baseline: { label: string; unit: string; clauseEnd: number } | null = null
  while ((m = COUNT.exec(doc.simp))) {
    const start = m.index
    const end = start + m[0].length
    const before = doc.simp.slice(Math.max(0, start - 24), start)
    if (ORDINAL_BEFORE.test(before) || /[\d.]$/.test(before)) continue
    const n = parseNumber(m[1])
    const value = n === null ? null : m[2] ? Math.round(n * 1e4 * 1e6) / 1e6 : n
    // "一处", "一批", "一次" are idiom more often than count, and so are "百家宴", "千家万户".
    if (value === null || value === 0 || (IDIOM_NUMBERS.has(m[1]) && !m[2] && !m[3])) continue
    const clause = clauseAt(doc, start)
    const run = doc.simp.slice(Math.max(clause[0], start - 24), start).match(HAN_RUN_END)![0]
    const { label: pre, verb: verbInRun, verbAtEnd } = labelBefore(run)
    // "破获三起破坏公共财物案件": the counted thing follows the unit.
    const after = doc.simp.slice(end, Math.min(clause[1], end + 12)).match(/^[\u4e00-\u9fff]*/)![0]
    if (STRUCTURE_COUNTED.test(after)) continue
    const resultAfter = verbInRun ? null : after.match(RESULT_AFTER)
    const verb = verbInRun || !!resultAfter || listVerb(doc, clause[0], start - run.length, start)
    // "受理事件1462件，办结1438件": a verb right before the number and nothing after still labels it.
    let label = resultAfter ? resultAfter[1] : (pre && !verbAtEnd ? pre : after.slice(0, 10)) || pre
    const fromBaseline = baseline && start < baseline.clauseEnd && baseline.unit === m[4] ? baseline : null
    baseline = null
    if (COUNT_BASELINE_AFTER.test(doc.simp.slice(end, end + 4))) {
      baseline = { label: label.replace(FROM_BASELINE, '') || label, unit: m[4], clauseEnd: clause[1] }
      continue
    }
    if (fromBaseline) label = fromBaseline.label
    if (!label) continue
    // A count that went down or up from a baseline is a result whatever it counts.
    if (!verb && !fromBaseline && !RESULT_NOUN.test(label)) continue
    out.push({ value, unit: doc.body.slice(end - m[4].length, end), label: labelInScript(doc, label, start, end), ...quoteClause(doc, start, end) })
  }
  PERCENT.lastIndex = 0
  while ((m = PERCENT.exec(doc.simp))) {
    const start = m.index
    const end = start + m[0].length
    // "由76%提升至95%": the first figure is the baseline, the second the result.
    if (BASELINE_AFTER.test(doc.simp.slice(end, end + 4))) continue
    const clause = clauseAt(doc, start)
    const before = doc.simp.slice(clause[0], start)
    const run = before.match(HAN_RUN_END)![0].replace(LABEL_TRIM_START, '').replace(LABEL_TRIM_END, '')
    const label = run && PERCENT_LABEL.test(run) ? run : lastRateNoun(before)
    if (!label) continue
    out.push({ value: Number(m[1]), unit: doc.body.slice(start + m[1].length, end).trim(), label: labelInScript(doc, label.slice(-10), start, end), ...quoteClause(doc, start, end) })
  }
  return withoutTitleRepeats(doc, out.sort((a, b) => a.span[0] - b.span[0]))
}

// A figure the headline announces ("满意度达97%") is told again in the body; the body sentence is the
// better evidence, so the headline copy goes.
function withoutTitleRepeats(doc: Doc, outcomes: Outcome[]): Outcome[] {
  return outcomes.filter(
    (o) => o.span[0] >= doc.titleEnd || !outcomes.some((b) => b.span[0] >= doc.titleEnd && b.value === o.value && b.unit === o.unit),
  )
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
