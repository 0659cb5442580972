import type { Count } from './counts.js'
import { type Doc, clauseAt, sentenceAt } from './document.js'
import { gazetteer, pairKey } from './gazetteer.js'
import { verbSet } from './words.js'

/** What a feature reads around one count, all on the simplified copy. */
export interface CountContext {
  count: Count
  /** The clause up to the number, and the sentence up to the number. */
  pre: string
  sentPre: string
  /** The line (paragraph) up to the number: a heading opening it covers every sentence in it. */
  linePre: string
  /** Unbroken Chinese (quoted names included) right before the number. */
  run: string
  /** From the unit to the clause end (at most 16 characters), and to the sentence end. */
  post: string
  sentPost: string
  /** Cues several features share, tested once: a verb of work in the run, in the clause before, after the count; a verb of result after it; a change arrived at; people taking part. */
  verbRun: boolean
  verbPre: boolean
  verbPost: boolean
  resultPost: boolean
  changeResult: boolean
  participants: boolean
  /** The page reads as a policy text, plan or study rather than a report of work done (normativePage). */
  normativePage: boolean
  /** The page speaks of itself as a paper, essay or study (essayPage). */
  essayPage: boolean
  /** The sentence opens on a province, on a page where sentences open on two provinces or more (examplePlaces). */
  exampleSentence: boolean
}

export interface OutcomeFeature {
  id: string
  /** Which way the cue points. Training keeps a cue's weight on its side of zero, so a few odd labels cannot turn it round. */
  points: 'achievement' | 'baseline' | 'either'
  why: string
  test: (c: CountContext) => boolean
}

const HAN_RUN_END = /(?:[\u4e00-\u9fff]|[“「『‘][^“”「」『』‘’\n]{1,12}[”」』’])*$/
export const TRAILING_SPACE = /[ \t\u3000]+$/

export function countContext(doc: Doc, count: Count): CountContext {
  const clause = clauseAt(doc, count.start)
  const sentence = sentenceAt(doc, count.start)
  // Pages typeset with a space around figures ("累计交办热线 298 件") read as if it were not there.
  const pre = doc.simp.slice(Math.min(clause[0], count.start), count.start).replace(TRAILING_SPACE, '')
  const run = pre.slice(-24).match(HAN_RUN_END)![0]
  const post = doc.simp.slice(count.end, Math.max(count.end, Math.min(clause[1], count.end + 16)))
  // A verb governs the count only when no size or having word comes between ("实施垃圾分类的小区总数为122个").
  const verbEnd = lastVerbEnd(run)
  const verbRun = (verbEnd >= 0 && !STATE_AFTER_VERB.test(run.slice(verbEnd))) || (ITEMS.test(count.measure) && CHANNEL_ITEMS.test(run))
  const sentPre = doc.simp.slice(Math.min(sentence[0], count.start), count.start).replace(TRAILING_SPACE, '')
  const verbPre = verbRun || DONE_VERBS.test(pre) || continuesList(doc, count, clause[0], sentence[0]) || setUpUnder(run, sentPre)
  return {
    count,
    pre,
    sentPre,
    linePre: doc.simp.slice(doc.simp.lastIndexOf('\n', count.start - 1) + 1, count.start),
    run,
    post,
    sentPost: doc.simp.slice(count.end, Math.max(count.end, sentence[1])),
    verbRun,
    verbPre,
    // "为30个家庭提供送餐服务": a verb after the count governs it when the count is whom it was for.
    verbPost: BENEFICIARY.test(pre) && DONE_VERBS.test(post.slice(0, 12)),
    resultPost: RESULT_AFTER.test(post) || GAINED_AFTER.test(post),
    changeResult: CHANGE_RESULT.test(pre),
    participants: PARTICIPANTS.test(run),
    normativePage: normativePage(doc),
    essayPage: essayPage(doc),
    exampleSentence: exampleSentence(doc, sentence[0]),
  }
}

// "巡查看到占道晾晒40余处，楼道堆物30余处": a clause that is only a noun and a count, after a clause
// that ends on a count of the same measure governed by a verb of work, is the next item of the same
// list; the verb governs it too. One that opens on 包括 or 其中 ("…31名，包括3名儿童") breaks the
// count before it down and is no new item, and one that opens on a verb of its own ("…讲座6次，
// 分享家风故事4次") is another action, left to its own cues.
const LIST_ITEM = /^(?!包括|包含|其中|含)[\u4e00-\u9fff“”]{1,12}(?:共|约|近|超过|超|达)?$/
function continuesList(doc: Doc, count: Count, clauseStart: number, sentenceStart: number): boolean {
  if (clauseStart <= sentenceStart) return false
  const item = doc.simp.slice(clauseStart, count.start).replace(TRAILING_SPACE, '')
  if (!LIST_ITEM.test(item) || DONE_VERBS.test(item) || (item.length >= 2 && verbSet().has(pairKey(item, 2)))) return false
  const before = clauseAt(doc, clauseStart - 2)
  if (before[1] >= clauseStart || before[0] < sentenceStart) return false
  const prev = doc.simp.slice(before[0], before[1])
  const m = prev.match(/(\d+(?:\.\d+)?)\s?[余多]?[万亿]?[余多]?([^\d\s]{1,4})$/)
  return !!m && m[2].startsWith(count.measure) && DONE_VERBS.test(prev.slice(0, prev.length - m[0].length))
}

// "成立片区联合党委，下设6个功能党支部": units set up under a body the same sentence says was founded
// were founded with it; 下设 alone ("社区党委下设5个支部") describes a structure as it stands.
const SET_UP_UNDER = /下设$/
const FOUNDED = /成立|组建|设立|建立/
const setUpUnder = (run: string, sentPre: string) => SET_UP_UNDER.test(run) && FOUNDED.test(sentPre.slice(0, sentPre.length - run.length))

// Papers, essays, explainers and study reports say what they are: an abstract with its keywords,
// an introduction heading, a reference list, a research team, an author who argues ("笔者认为"), a
// text that announces what it will do ("本文将从…"). A case report speaks of its place and its
// people; a news page's summary field ("摘要：" with no keywords), a repost notice ("本文来源于…",
// "本文由…整理") or a reporter ("笔者了解到") says nothing of the kind. On such a page a figure is
// an example, a statistic or a proposal, not a case's result.
const ABSTRACT = /摘\s*要\s*[:：】\]]/
const KEYWORDS = /关\s*键\s*[词字]\s*[:：】\]]/
const ESSAY_SIGNS = [
  /(?:^|\n)\s*[【\[]?\s*引\s*言\s*[:：】\]\n]/,
  /参考文献/,
  /课题组/,
  /笔者(?:认为|以为|看来|建议|主张|提出|试图|拟|将|对)/,
  /本文(?:将|从|以|通过|旨在|认为|探讨|分析|提出|主要|试图|拟|结合|基于|围绕|对|在)/,
]
// Numbered notes after a sentence or a phrase ("…的目标。[3]"), twice or more, are a paper's
// references; a news page cites no sources that way.
const NOTE_MARK = /(?<=[\u4e00-\u9fff。，；”》）)])\[\d{1,2}\]/g
const NOTE_MARKS = 2
const essayOf = new WeakMap<Doc, boolean>()
function essayPage(doc: Doc): boolean {
  let yes = essayOf.get(doc)
  if (yes === undefined) {
    yes =
      (ABSTRACT.test(doc.simp) && KEYWORDS.test(doc.simp)) ||
      ESSAY_SIGNS.some((re) => re.test(doc.simp)) ||
      (doc.simp.match(NOTE_MARK)?.length ?? 0) >= NOTE_MARKS
    essayOf.set(doc, yes)
  }
  return yes
}

// An explainer surveys places: "如甲省推行了…；乙省…覆盖了…". A case report is set in one place, so
// sentences opening on two provinces or more mark a page of examples, and a figure in a sentence
// opening on a province belongs to an example, not to the case's work.
const EXAMPLE_WORD = /^(?:如|比如|例如|譬如|像)?[，,：:]?/
const examplesOf = new WeakMap<Doc, Set<number>>()
function provinceOpening(doc: Doc, start: number): string | null {
  const head = doc.simp.slice(start, start + 12).replace(/^\s+/, '').replace(EXAMPLE_WORD, '')
  const g = gazetteer()
  for (let n = 2; n <= 3; n++) {
    const full = g.shortProvince.get(head.slice(0, n))
    if (full) return full
  }
  return null
}
function exampleSentence(doc: Doc, start: number): boolean {
  let openers = examplesOf.get(doc)
  if (!openers) {
    const byProvince = new Map<string, number[]>()
    for (const [s] of doc.sentences) {
      const p = provinceOpening(doc, s)
      if (p) byProvince.set(p, [...(byProvince.get(p) ?? []), s])
    }
    openers = new Set(byProvince.size >= 2 ? [...byProvince.values()].flat() : [])
    examplesOf.set(doc, openers)
  }
  return openers.has(start)
}

// Policy texts, plans and studies say what should or could be done ("应当", "须", "鼓励", "可以");
// reports say what was done ("已", "了", "累计", "近日"). Where the first kind of word outnumbers the
// second two to one, the page's figures are targets, rules and statistics, not a case's results.
const SHOULD = /应当|应该|应予|要求|必须|鼓励|建议|需要|有利于|旨在|可以|能够|进一步/g
const DID = /已经|已|了|累计|先后|截至|目前|如今|近日|日前|以来|共计|记者/g
const NORMATIVE_RATIO = 2
const normativeOf = new WeakMap<Doc, boolean>()
function normativePage(doc: Doc): boolean {
  let yes = normativeOf.get(doc)
  if (yes === undefined) {
    const should = doc.simp.match(SHOULD)?.length ?? 0
    const did = doc.simp.match(DID)?.length ?? 0
    yes = should >= NORMATIVE_RATIO * (did + 1)
    normativeOf.set(doc, yes)
  }
  return yes
}

const words = (list: string[]) => new RegExp(list.join('|'))
// "在6个社区开展…" names where the work was done the same way (现在, 所在 are no 在 of place).
const BENEFICIARY = /(?:[为给向替帮]|(?<![现正存所实自])在)[^，。；]{0,8}$/
// "服务中心", "维修资金", "管理办法": a verb word naming a thing is no verb. "服务人口", "服务面积"
// are the people and the area a body covers, the size of its place.
const NOUN_AFTER_VERB = '(?!中心|站|队|点|室|所|大厅|窗口|热线|平台|品牌|资金|基金|项目|人员|机构|企业|公司|单位|体系|机制|制度|办法|费|圈|人口|面积)'

// Verbs of work done: the count is what the verb produced, handled or reached.
const DONE_VERB_LIST = [
  '解决', '处理', '办结', '办理', '化解', '调解', '调处', '收集', '梳理', '征集', '破获', '完成', '整改', '排查', '开展',
  '帮助', '帮扶', '受理', '回应', '答复', '消除', '清理', '清运', '清除', '铲除', '疏通', '修复', '修缮', '维修', '改造',
  '新增', '增设', '增加', '安装', '加装', '建成', '新建', '硬化', '铺设', '更换', '配备', '种植', '栽种', '补植', '粉刷',
  '举办', '召开', '举行', '组织', '走访', '慰问', '提供', '协调', '落实', '推动', '吸纳', '招募', '培育', '孵化', '挽回',
  '实施', '实现', '解答', '惠及', '劝导', '制止', '查处', '拆除', '发放', '收到', '采纳', '上报', '减少', '成立', '组建',
  '引入', '引进', '新划', '施划', '拖离', '拖走', '抽调', '调度', '动员', '发动', '邀请', '推荐', '选派', '培训', '接待', '服务',
  '扶持', '资助', '确定', '设置', '划分', '编订', '编制', '印发', '张贴', '登记', '注册', '报名', '签约', '认领', '兑换',
  '上线', '覆盖', '深入', '救助', '捐赠', '募集', '筹集', '达成', '签订', '选出', '推选', '建立', '搭建', '打造', '开设',
  '设立', '回收', '收运', '巡查', '巡逻', '宣传', '入户', '培养', '发展', '帮办', '代办', '调动', '召集', '补种', '栽植',
  '植树', '绿化', '复绿', '新植', '交办', '带动', '安排', '收缴', '发布', '推送', '授牌', '挂牌', '完工', '创建',
  // People moved out of danger or talked out of a place are what the work achieved.
  '劝离', '劝返', '转移', '疏散',
  // People enrolled into a team or a grid are what organising produced ("楼组编入调解员120名").
  '编入',
  // Inspections report what they found: "排查发现隐患48处".
  '发现', '摸排', '查出',
  // Visits are counted by whom they reached, as 走访 and 慰问 are ("探访独居老人26位"); funds
  // disbursed by the projects they reached ("拨付给14个项目"); and a team split up by its groups
  // ("兵分6路").
  '探访', '看望', '探望', '拜访', '拨付', '下拨', '兵分',
  // Round 11: verbs of work done that the dev pages happen not to write before a count, by kind,
  // so that a fresh page's result is not left verbless for want of its verb. Gifts and goods
  // handed over,
  '送去', '送出', '送上', '送达', '赠送', '捐献', '捐助', '分发', '派发', '配送', '投放',
  // lessons and shows given,
  '讲授', '授课', '宣讲', '开办', '承办', '主办', '演出', '放映',
  // building and repair,
  '修建', '改建', '扩建', '翻新', '翻修', '整修', '修补', '加固', '铺装', '亮化', '美化', '清洗', '清掏', '清淤', '消杀',
  '布设', '架设', '补建', '配建', '配置', '配齐', '开通', '接入', '打通', '启用', '投用',
  // care and services given,
  '安置', '救治', '收治', '筛查', '义诊', '体检', '接种', '护送', '接送', '陪诊', '代购', '代缴', '回访', '接听',
  '结对', '对接', '促成', '办成', '办妥', '聘请', '招聘', '评选', '评出', '表彰', '颁发', '授予',
  // enforcement and clearing,
  '查获', '抓获', '捣毁', '侦破', '查办', '取缔', '劝阻', '纠正', '约谈', '拆违', '腾退', '清退', '排除',
  // records made.
  '核查', '核实', '建档', '录入', '采集', '编印', '制作', '拍摄', '录制',
]
const DONE_VERBS = new RegExp(`(?:${DONE_VERB_LIST.join('|')})${NOUN_AFTER_VERB}`)
const DONE_VERBS_ALL = new RegExp(DONE_VERBS.source, 'g')
// "交办热线86件", "受理平台诉求…": items counted straight after the channel they came through
// (a hotline, a platform, a window) are what the verb before the channel handled, though the verb
// and the channel also make a facility's name ("服务热线").
const CHANNEL_ITEMS = new RegExp(`(?:${DONE_VERB_LIST.join('|')})(?:热线|平台|窗口|信箱)$`)
function lastVerbEnd(run: string): number {
  let end = -1
  DONE_VERBS_ALL.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = DONE_VERBS_ALL.exec(run))) end = m.index + m[0].length
  return end
}
// Verbs that say a count was reached, after the thing counted ("…12个项目通过验收", "100多位居民参加").
const RESULT_AFTER = words([
  '完成', '建成', '通过', '参加', '参与', '报到', '入选', '实现', '受益', '获得', '交付', '投入使用', '落地', '前来',
  '赴', '驰援', '达标', '签约', '注册', '报名', '加入', '到场', '出动', '上岗', '获评', '评为', '被评', '验收', '齐聚',
  '出席', '欢聚', '领取', '受惠', '来到', '完工', '开工', '进入', '晋级', '同意', '签字', '入驻', '进驻', '上榜', '授牌',
  '挂牌', '得到解决', '得到妥善', '解决', '办结', '化解', '处置', '编入',
  // Winning a selection is reaching a result, as 入选 and 晋级 are ("其中7个方案脱颖而出").
  '脱颖而出', '胜出',
  // Those counted who became something through the work ("420户业主成为楼道议事的发起人", "…名居民
  // 成为志愿者") are what it produced, as those who joined (加入) are.
  '成为',
  // Round 11: the same for results the dev pages happen not to write after a count: agreements
  // signed, help and benefits received, things put back or reconnected, wishes and proposals taken up,
  // prizes and honours won, training finished, jobs found ("46户签订搬迁协议", "3处路灯恢复照明",
  // "12个微心愿被认领", "8名学员结业").
  '签订', '签署', '得到', '享受到', '住进', '搬进', '恢复', '接通', '被认领', '被采纳', '获奖', '获批',
  '受到表彰', '获表彰', '被表彰', '结业', '就业', '脱贫', '整改到位', '销号',
])
// Those counted who gained something ("300户居民用上了天然气", "…名骑手有了新身份") are what the
// work reached: the perfective marks the change. Only for the count right before it ("16个村中已有
// 14个村有了…": the 14, not the 16).
const GAINED_AFTER = /^[^\d，。；]{0,10}(?:有了|用上了|住上了|告别了)/
// "受益人数超70万", "就餐人数约130人": a count of people taking part or served, unlike 人口 (who live there).
// "服务站12个", "服务大厅2处": a verb word naming a facility counts no one taking part.
const PARTICIPANTS = /(?:参与|参加|受益|服务|就餐|参选|报名|投票|到场|覆盖|惠及|接待|培训|帮扶|救助|志愿者|使用)(?!人口|面积|窗口|中心|站|点|室|大厅|热线|平台|设施)(?:人数|人次|户数|群众|居民)?[^，。；]{0,3}$/
// "服务人口近3万人", "辖区面积": a size noun right before the figure.
const SIZE_NOUN = /(?:人口|户数|面积|总量|规模|体量|户籍|常住|楼龄)[^，。；]{0,3}$/
// 已有 is a total reached (REACHED below), not a having word.
const HAS_BEFORE = /(?:共有|现有|拥有|(?<!已|已经)有|只有|仅有|还有)(?:约|近|超过|超|逾)?$/
const STATE_AFTER_VERB = /人口|户数|面积|总量|总数|规模|共有|现有|拥有|只有|仅有/
// "面向尚无党支部的31家商户", "面向辖区12所学校": the count is who or what the work was aimed at, its scope.
const ADDRESSED_TO = /(?:针对|对于|面向)[^，。；]{0,12}$/
// "已到社区报到的355名党员", "参加培训的120名居民": a verb of result in a clause describing the people counted.
const RESULT_RELATIVE = /(?:报到|参加|参与|注册|报名|加入|受益|签约|入驻|结业|毕业)了?的$/
// "上线3个多月已为…", "实施24小时巡逻": a duration before more words is the frame or the schedule of
// the work; one standing alone ("服务300小时。"), within (内) or of something (的) is what was given.
const DURATION_FRAME = /^(?!内|之内|的|以上|以内)[\u4e00-\u9fff]/
// "没有党组织的24家", "无物业的": the count is of what lacks something, a starting point.
const NEGATION = /没有|尚未|未|无|缺/
// "2023年以来", "2023年底" open a tally up to now, so they do not date the figure to the past.
// "到2018年2月底", "截至2023年" date a tally reached by then, not a before.
const YEAR_BEFORE = /(?<![到至止])(?:19|20)\d\d年(?!以来|来|至今|起|底|末|年底|\d{1,2}月(?:底|末))/
// Things done that are counted in their own right ("问题12条", "实事17件").
const RESULT_NOUNS = words([
  '问题', '矛盾', '纠纷', '案件', '实事', '好事', '建议', '诉求', '隐患', '难题', '心愿', '事项', '议题', '意见', '项目',
  '活动', '会议',
])
// How much there is, not what was done: residents, dwellings, area, what a place has.
const SCOPE_BEFORE = words([
  '共有', '现有', '拥有', '辖有', '辖', '下辖', '所辖', '涉及', '居住', '常住', '人口', '户籍', '面积', '占地', '建于',
  '始建', '原来', '原有', '原先', '只有', '仅有', '仅', '才有', '容纳', '其中', '总人数', '总数', '规模', '楼龄', '住户',
  '入住', '在册', '登记在册', '老年人', '以上的', '总人口', '总户数',
])
// Plans and targets are not results yet.
// "到2030年" is a target date as often as the date a tally was reached by ("到2022年6月底…达到"),
// so it is no plan word: the other cues weigh it.
const PLAN = words([
  '计划', '预计', '拟', '力争', '目标', '规划', '还将', '即将', '将于', '将会', '将全部', '将在', '明年', '下一步', '今后',
  '未来', '争取', '预期', '年底前', '年内', '要求', '确保', '应当', '须', '每年将', '届时', '年后',
  '都将', '也将', '均将', '将要', '将达到', '将实现', '将新增', '将建成', '将覆盖', '将继续', '将进一步', '将陆续', '将逐步',
])
// "由76%提升至95%", "原来71个…合并成7个": the first figure of a change is the baseline.
const CHANGE_TO_AFTER = /^[\u4e00-\u9fff]{0,8}?(?:提升|提高|上升|增长|增加|下降|降低|减少|缩减|压降|合并|整合|缩小|扩大)(?:至|到|为|成)|^(?:升|降|减|增)(?:至|到|为)/
// "收缴率仅为60%，如今提高到96%": the change may open the next clause, after a word of time at most
// (a new subject there, "…62吨，满意度提升至96%", is another figure's change).
// "2020年收取率为70%，2021年达到85%": a later year reaching a figure makes the first one its before.
const NEXT_CLAUSE_CHANGE = /^[^，,。；\u4e00-\u9fff]{0,2}[，,]\s*(?:(?:如今|现在|目前|今年|去年|后来|此后|随后|之后|到\d{4}年)?(?:已经|已)?(?:提升|提高|上升|增长|增加|下降|降低|减少)了?(?:至|到|为)|\d{4}年(?:已经|已)?(?:达到|升至|提高到|提升到|增至|降至))/
const FROM_BEFORE = /[从由][^从由，。]{0,12}$/
// "下降40%", "减少了35%", "提高了12个百分点": a change is a result.
const CHANGE_BEFORE = /(?:提升|提高|上升|增长|增加|下降|降低|减少|缩短|压缩|节约|节省)了?(?:约|近|超过|超)?$/
const RATE_NOUN = /率|度|占比|比例|满意|覆盖面|完成比|参与比/
// "占常住人口的40%", "60岁以上老人占比20%": a share of a population is context, not a result.
// "其中党员占比达80%": the make-up of a group described is context too, and so is a figure "of the
// total households" ("安置户数达到总户数的80%").
const POPULATION_SHARE = /(?:总户数|总人口|人口)的$|占[^，。；]{0,6}(?:人口|居民|户数|住户|总户)[^，。；]{0,2}$|其中[^，。；]{0,8}(?:占比|比例|占)[^，。；]{0,3}$|(?:岁以上|老人|老年人|长者|人口|农民|外来|租住|流动)[^，。；]{0,8}(?:占比|比例|占)[^，。；]{0,6}$/
// "补助比例最高可达60%", "最多10个": a cap is a rule.
const CAP = /(?:最高|上限|不超过|不高于|最多|封顶)(?:可|可达|为|达|是)?$/
// "补贴上限由20万调到25万": a cap raised or lowered is still a rule, not a result.
const CAP_CHANGED = /(?:上限|封顶|最高额)[从由][^，。；]{0,12}(?:提高|提升|调|上调|下调|降低|增加)(?:至|到|为)$/
// "每300至500户", "3至4小时": either end of a range is a rule or an estimate.
const RANGE_BEFORE = /\d\s*(?:至|到|-|—|~|～)\s*$/
const RANGE_AFTER = /^\s*(?:至|到|-|—|~|～)\s*\d/
// "彩陶小区5栋2单元", "3幢101室": a building number in an address.
const ADDRESS_AFTER = /^\s*[\d一二三四五六七八九十]+(?:单元|号楼|层|室|号)/
// "扬天小区11栋一处下水堵塞": a building count written straight after an estate's or a community's
// kind word is the building's number; a count of buildings is written with a word between
// ("小区的3栋楼", "小区共有3栋").
const ESTATE_BEFORE_BUILDING = /(?:小区|花园|家园|苑|新村|公寓|大院|社区|村)$/
// "提供总计5.4万的项目资助": a bare 万 before a word for money is an amount, for funding.
const MONEY_AFTER = /^的?[\u4e00-\u9fff]{0,4}?(?:资助|资金|经费|补助|补贴|投入|投资|拨款)/
// The clause opens on the whole country (or world) as its subject, at most a few words in.
// "各地共成立…" sums every locality of the country in the same way.
const NATIONAL_SUBJECT = /^[^，。；：]{0,4}(?:全国|我国|中国|全球|世界|各地)/
// "食堂另给予9折即10%的优惠", "返还15%的补贴": a rate of discount or refund is a price term.
const PRICE_RATE_AFTER = /^的?(?:优惠|折扣|折让|让利|返利|返还|补贴|补助|减免)/
// "享受物业费补贴10%的基础上再提高10%", "维修补贴从15%提升至25%": a percent in a clause about a
// subsidy, a reward or a fee, with no rate of anything between (收缴率, 满意度), is a term of the
// scheme, however it changed; what the scheme achieved is measured by a rate.
const TERMS_RATE = /(?:补贴|补助|奖补|奖励|减免|优惠|返还|返利|让利|物业费|管理费|服务费|租金)(?![^，。；]*(?:率|度))[^，。；]*$/
// "额度上浮10%", "减按90%计入", "按适用税额的50%征收", "下调至50%": a rate a rule sets or adjusts is
// one of its terms too; work is not said to be adjusted up or down (上调, 下调) or charged at a rate.
const RULE_RATE = /(?:上浮|下浮|减按|上调至|下调至|上调|下调|按照?[^，。；\d]{1,12}的|调整为(?:[^，。；\d]{0,8}的)?)$/
// "发现有31户没有缴纳", "仍有12家未签约": what is still lacking is the problem, not a result.
const STILL_LACKING = { before: /(?:发现|仍|还|尚|仍然|依然)有$/, after: /(?:没有|未|尚未|仍未|不愿|拒绝|拒不)/ }
// "每个楼门推选2名楼门长", "人均…": a figure per item or per head is a rule or a rate, not a total.
const PER_ITEM = /(?:每个|每户|每人|每栋|每名|每位|每幢|每家|每条|每处|每辆|每间|每套|单个|人均|户均|平均每)[\u4e00-\u9fff]{0,6}$/
// "3栋楼各推选1名业主", "两个小区各配备2名": 各 before the verb gives the figure for each of them, a
// rule of allotment, not a total. (各 before a noun, "各类问题8项", "各方代表30人", is no such rule.)
const EACH_DOES = new RegExp(`各(?:${DONE_VERB_LIST.join('|')}|配|设|派|选|出|有)了?$`)
// "日均就餐130人", "每天接待…": a daily or yearly figure is how much a service is used.
const PER_PERIOD = /(?:日均|每天|每日|每周|每月|每年|一天|全年|年均|月均)[\u4e00-\u9fff]{0,6}$/
// "建成1个服务中心、6个服务站和14个服务点": a count of one followed by more counts in its clause is the first item of a list.
const LIST_OF_COUNTS = /^[^，。；\d]{1,16}[、和及与]\s?\d/
// "请楼长们24小时轮守", "24小时在岗": a duration before a word of duty is a schedule kept, not a result.
const DUTY_AFTER = /^(?:不间断|轮流|轮班)?(?:在[\u4e00-\u9fff]{1,6})?(?:值守|值班|在岗|待命|驻守|巡逻|巡查|守护|坚守|轮值|开放|营业|运行|运转|监控|服务)/
const PERSON = /^(?:人|名|位|人次)$/
const HOUSEHOLD = /^(?:户|户次)$/
const AREA = /^(?:平方米|平米|平方|平方公里|平方千米|㎡|亩|公顷)$/
const DURATION = /^(?:小时|分钟|天|月)$/
const ITEMS = /^(?:件|项|条|起|宗|例|处|批|笔)$/
const DEVICES = /^(?:部|台|盏|辆|棵|株|座|块|套|根|份|张|箱|袋|本|吨|车|米|公里|千米|方|立方|立方米|公斤|千克|斤|双|副|册|封|桌)$/
const EVENTS = /^(?:次|场|场次|轮|期|趟|节|堂)$/
const GROUPS = /^(?:个|支|家|组|所|路)$/
const BARE_SCALE = /^(?:万|亿)$/
// "提高2倍", "下降3个百分点": a multiple or points of change after a verb of change is the change
// the work made, as a percent after one is; the verb of change is its verb. A multiple with no
// change ("是全市平均的3倍") is a comparison, left verbless.
const CHANGE_SIZE = /^(?:倍|个百分点)$/
// "全镇划分为12个网格", "分成4个片区": the parts an area is divided into are how the work is
// organised (the readers of pages-a and the pools count grids as structure), not what it produced.
const DIVIDED_INTO = /(?:划分|细分|拆分|分|划)(?:为|成)$|划分$/
// "来自9个乡镇的代表": where the people came from is the reach of the gathering, not a result.
const ORIGIN = /来自$/
// "其中包括助老类3个、文体类2个": a total broken down by kind; the total is the result, its parts are not.
const BY_KIND = /类$/
const BREAKDOWN = /其中|包括/
// "工作目标：到年底…达95%以上": figures in a sentence under a targets heading are aims, however
// the verbs read (达, 提升至, 培育).
const TARGET_HEADING = /(?:目标|指标)[:：]/
// "工作目标：到年底，…达100%；…满意度达95%以上，培育…8个以上": a targets heading opening a paragraph
// covers every item of it, though semicolons split them into sentences.
const TARGET_PARAGRAPH = /^\s*[^\n，。；:：]{0,8}(?:目标|指标)[:：]/
// "加装电梯须经三分之二以上业主同意", "需整合51%的产权人同意": a share whose consent a rule
// requires is a threshold, not a result.
const CONSENT_REQUIRED = { before: /(?:须|需|需要|必须|要|应)[^，。；]{0,8}$/, after: /^[^，。；]{0,10}同意/ }
// "三个机制", "25条办法": counts of structures set up and rules written, not results.
const STRUCTURE_AFTER = /^[\u4e00-\u9fff“”]{0,6}?(?:机制|制度|办法|规定|规则|细则|措施|原则|方面|环节|步骤|方式|渠道|清单|标准|条款|要求|任务|指标|重点|工作法|模式|理念|举措|阶段|维度|层面|特点|特征|原因|生活圈|服务圈|内容)(?![\u4e00-\u9fff])/
// "中心面积扩至600平方米", "腾出900平方米办公用房面积", "建成1200平方米的活动中心": an area that is
// the size of a place or a facility describes it; none of the current label sets counts one (the
// first readers of p101–p149 did; their pages' fresh labels do not). Land worked on ("绿化面积3000平方米", "清理…500平方米") and the floor area
// of those who voted (pages-a counts a vote's tally by area) are left to the model: such areas are
// what the work covered or won.
const PLACE_SIZE = {
  before: /面积[^，。；\d]{0,6}$/,
  after: /^[^，。；\d]{0,8}面积|^的?[\u4e00-\u9fff“”]{0,8}?(?:中心|站|室|馆|阵地|用房|大厅|驿站|食堂|广场|之家|家园|书屋|公园)/,
  covered: /绿化|硬化|铺设|清理|清除|整治|复绿|拆除|种植|补植|栽植|腾退|美化|改造|治理|修复|投票|表决|同意/,
}
// "明确5类志愿服务事项", "3种宣传资料": a count of kinds says how varied a scheme is, not how much
// it did.
const KINDS = /^(?:类|种)$/
// "参加一次2小时的巡逻可获得10积分", "满5次即可兑换": what someone may earn by doing something is a
// rule of a points or reward scheme, on either side of the condition.
const REWARD_RULE = /^[^，。；]{0,16}(?:可获得|可获|可得到|即可|可兑换|可领取|可享受|可抵扣|就能|便可)/
// "资金用于资助35个左右的提案": what money or a place is put to is its purpose, not what it did.
const PURPOSE = /(?<!适|运|应)用于[^，。；]{0,12}$/
// "9个议事平台", "3大板块": things built that are sometimes the result, sometimes the frame.
const FRAME_AFTER = /^[\u4e00-\u9fff“”]{0,6}?(?:平台|体系|板块|模块|功能|类|档次|层级|网络)(?![\u4e00-\u9fff])/
// "能容纳300人的会议室", "离家200米": a capacity or a distance describes a place.
const CAPACITY = /(?:容纳|可供|离|距|相距|距离|长约|宽约|高约|以内|左右的)$/
const CITATION = /[《[][^》\]]*$|\[J\]|\[M\]/
const MARKUP = /[<>="=]|data-|width|style/
// "原来71个…合并成7个", "由76%提升至95%": the figure after a change is the result.
const CHANGE_RESULT = /(?:提升|提高|上升|增长|增加|下降|降低|减少|缩减|压降|合并|整合|缩小|扩大|优化|升|降|减)(?:至|到|为|成)了?[^，。；\d]{0,6}$/
const PAST = /已经|已|累计|共计|先后|截至|截止|目前|至今|以来|了$|了[\u4e00-\u9fff]{0,10}$/
// "新时代文明实践站已达1141个", "参与人数达287个": a total the work has reached ("高达" more often
// stresses a cost or a problem). "已有" is one too ("20个村中已有18个村建起…"): having by now what
// the work set out to give, where plain 有 or 现有 is the place as it is.
const REACHED = /(?<!高)(?:达到|达|已有|已经有)了?(?:约|近|超过|超|逾)?$/
// "明白的不到30%", "仅覆盖总量12%": what falls short is the problem stated, not a result.
const SHORTFALL = /(?:不到|不足|仅|仅有|只有|才)[^，。；\d]{0,4}$/
// "68%的居民认为…", "20%为访客车", "55%的车辆为通勤车": a share of people holding a view, or of things of a kind, is
// what a survey or a count found about the place, not what the work did.
const APPROVAL = /满意|支持|赞成|认可|同意|点赞|好评|肯定/
const SHARE_OF_KIND = /^的?[\u4e00-\u9fff]{0,6}?(?:认为|表示|希望|觉得|反映|担心|选择|不知道|不了解)|^(?:的[\u4e00-\u9fff]{1,4}?)?(?:为|是|属于)(?!了)/

// "张某等30余名志愿者，正在开展…": people counted as the subject of a verb of work in the same
// sentence, after the noun naming them (and a comma at most), are those the work mobilised.
const SUBJECT_OF_WORK = new RegExp(`^[\u4e00-\u9fff]{1,8}[，,]?\\s*(?:正在|正|都|纷纷|积极|主动|先后|共同|一起|一同|已经|已)?(?:${DONE_VERB_LIST.join('|')})${NOUN_AFTER_VERB}`)
// "各方代表20余人，围绕停车难题展开讨论", "12名业主就…进行了协商": people who then deliberate on a
// topic are those the meeting brought together, as readers count participants.
const SUBJECT_OF_TALK = /^[\u4e00-\u9fff]{0,8}[，,]?\s*(?:围绕|就)[^，。；]{1,16}?(?:展开|进行|开展)了?[^，。；]{0,4}(?:讨论|协商|商讨|座谈|交流|议事|商议)/
const subjectOfWork = (c: CountContext) =>
  PERSON.test(c.count.measure) && (SUBJECT_OF_WORK.test(c.sentPost.slice(0, 24)) || SUBJECT_OF_TALK.test(c.sentPost.slice(0, 32)))

// "人口达600余人", "面积达…": a size that 达 reaches is the place's, not a total the work reached.
const reached = (c: CountContext) => REACHED.test(c.run) && !SIZE_NOUN.test(c.run)

// "于24小时内得到解决": a time within which something was done is itself the verb's result, so
// the count is not verbless.
const withinTime = (c: CountContext) => DURATION.test(c.count.measure) && /^内/.test(c.post)

// A count of one that neither is what a change arrived at nor opens a list of counts ("建成1个中心、
// 6个站"); "1万" is ten thousand. The model weighs it as a feature and, since round 10, the
// overrides rule it out (lone-one).
const loneOne = (c: CountContext) => c.count.value === 1 && !/[万萬亿億]/.test(c.count.unit) && !c.changeResult && !LIST_OF_COUNTS.test(c.post)

/** The features a count is scored on. Each is yes/no; the learned weights live in outcome-model.json. */
export const OUTCOME_FEATURES: OutcomeFeature[] = [
  { id: 'verb-before', points: 'achievement', why: 'a verb of work done right before the count ("加装电梯5部", "抽调30名骨干") makes it what the work produced', test: (c) => c.verbRun },
  { id: 'verb-in-clause', points: 'achievement', why: 'the verb may stand further back in the clause, past a list of what it governs', test: (c) => !c.verbRun && c.verbPre },
  { id: 'verb-after', points: 'achievement', why: '"为30个家庭提供送餐服务", "在6个社区开展": a verb of work after the count, with the count as its object or beneficiary', test: (c) => !c.resultPost && c.verbPost },
  { id: 'participants', points: 'achievement', why: '"受益人数超70万", "惠及居民260户": people taking part or served are what the work reached', test: (c) => c.participants },
  { id: 'size-noun', points: 'baseline', why: '"服务人口近3万人", "面积6平方公里": a size noun right before the figure makes it the size of the place', test: (c) => SIZE_NOUN.test(c.run) },
  { id: 'has-before', points: 'baseline', why: '"小区有5000辆电动车", "现有住户232户": having is a state, not work done', test: (c) => HAS_BEFORE.test(c.run) },
  { id: 'negation', points: 'baseline', why: '"没有党组织的24家公司": a count of what lacks something is the starting point', test: (c) => NEGATION.test(c.run.slice(-8)) },
  { id: 'year-before', points: 'baseline', why: '"2010年收取率为90%": a figure dated to a past year is usually the before of a before-and-after', test: (c) => YEAR_BEFORE.test(c.sentPre) },
  { id: 'one', points: 'baseline', why: 'a count of one ("选派1名", "清理1幢") is rarely the result reported, unless it opens a list of counts ("建成1个中心、6个站"); "1万" is ten thousand', test: loneOne },
  { id: 'change-result', points: 'achievement', why: 'the figure a change arrived at ("合并成7个", "提升至95%") is the result', test: (c) => c.changeResult },
  { id: 'result-after', points: 'achievement', why: '"129个小区完成…", "100多位居民参加活动": the count is the subject of a verb of achievement', test: (c) => c.resultPost },
  { id: 'result-noun', points: 'achievement', why: 'problems solved, cases settled and projects run are counted as results', test: (c) => RESULT_NOUNS.test(c.run.slice(-8)) || RESULT_NOUNS.test(c.post.slice(0, 6)) },
  { id: 'past', points: 'achievement', why: 'perfective and cumulative words (已, 累计, 截至目前, …了) report what has been done', test: (c) => PAST.test(c.pre) },
  { id: 'scope-before', points: 'baseline', why: 'having, housing and covering words (共有, 现有, 辖, 涉及, 常住, 面积) give the size of the place, a baseline', test: (c) => SCOPE_BEFORE.test(c.run.slice(-10)) },
  { id: 'state', points: 'baseline', why: 'having or size words before the figure ("共有住户300户、居民900人") with no verb of achievement after it: the place as it is', test: (c) => (HAS_BEFORE.test(c.run) || SCOPE_BEFORE.test(c.run.slice(-10)) || SIZE_NOUN.test(c.run) || /(?:居民|住户|人口|老人|党员)$/.test(c.run)) && !c.verbRun && !c.resultPost && !c.verbPost },
  { id: 'result-relative', points: 'achievement', why: '"已报到的355名党员": the people counted are described by what they did', test: (c) => RESULT_RELATIVE.test(c.run) },
  { id: 'duration-frame', points: 'baseline', why: '"上线3个多月已为…", "24小时巡逻": a duration followed by more words frames or schedules the work', test: (c) => DURATION.test(c.count.measure) && DURATION_FRAME.test(c.post) },
  { id: 'changed-by', points: 'achievement', why: 'a figure that went up or down ("下降40%") reports the change the work made', test: (c) => CHANGE_BEFORE.test(c.pre) },
  { id: 'percent-rate', points: 'achievement', why: 'a rate named around a percent (满意率, 覆盖率, 完成度) is how results are measured', test: (c) => c.count.measure === '%' && (RATE_NOUN.test(c.pre.slice(-12)) || RATE_NOUN.test(c.post.slice(0, 4))) },
  { id: 'subject-of-work', points: 'achievement', why: '"张某等30余名志愿者，正在开展…": people who are the subject of a verb of work are those the work mobilised', test: subjectOfWork },
  { id: 'no-verb', points: 'baseline', why: 'no verb of work before the count, none after it, no change and no total reached (达): nothing says the count was produced', test: (c) => c.count.measure !== '%' && !(CHANGE_SIZE.test(c.count.measure) && CHANGE_BEFORE.test(c.pre)) && !c.verbPre && !c.resultPost && !c.verbPost && !c.changeResult && !c.participants && !RESULT_RELATIVE.test(c.run) && !withinTime(c) && !reached(c) && !subjectOfWork(c) },
  { id: 'per-period', points: 'either', why: '"日均就餐130人", "每年…": a figure per day or year measures how much a service is used', test: (c) => PER_PERIOD.test(c.pre) },
  { id: 'frame-after', points: 'baseline', why: '"9个议事平台", "3大板块": platforms and parts of a scheme are sometimes results, sometimes its frame', test: (c) => FRAME_AFTER.test(c.post) },
  { id: 'reached', points: 'achievement', why: '"文明实践站已达1141个": a total the work has reached', test: reached },
  { id: 'shortfall', points: 'baseline', why: '"了解维修资金去向的不到25%", "仅覆盖12%": a shortfall is the problem stated', test: (c) => SHORTFALL.test(c.pre) },
  { id: 'capacity', points: 'baseline', why: 'a capacity or a distance describes a place ("能容纳300人", "离家200米")', test: (c) => CAPACITY.test(c.pre) || /^(?:不到|以内|之内)/.test(c.post) },
  { id: 'unit-person', points: 'either', why: 'people counts are results when someone was mobilised or served, population otherwise', test: (c) => PERSON.test(c.count.measure) },
  { id: 'unit-household', points: 'either', why: 'households are usually the size of a place', test: (c) => HOUSEHOLD.test(c.count.measure) },
  { id: 'unit-area', points: 'either', why: 'areas are usually the size of a place', test: (c) => AREA.test(c.count.measure) },
  { id: 'unit-duration', points: 'either', why: 'durations are usually service hours or context, results only when something was done within them', test: (c) => DURATION.test(c.count.measure) },
  { id: 'within-duration', points: 'achievement', why: '"在45分钟内完成": a time taken to get something done is a result', test: withinTime },
  { id: 'unit-items', points: 'either', why: 'cases, items and places handled (件, 项, 条, 处) are what work produces', test: (c) => ITEMS.test(c.count.measure) },
  { id: 'unit-devices', points: 'either', why: 'devices, plants and loads (台, 部, 株, 车) are installed, planted or cleared', test: (c) => DEVICES.test(c.count.measure) },
  { id: 'unit-events', points: 'either', why: 'meetings and activities held (次, 场)', test: (c) => EVENTS.test(c.count.measure) },
  { id: 'unit-groups', points: 'either', why: 'bodies, teams and places (个, 支, 家) are set up or reached, or exist already', test: (c) => GROUPS.test(c.count.measure) },
  { id: 'unit-percent', points: 'either', why: 'percentages are rates or shares', test: (c) => c.count.measure === '%' },
  { id: 'unit-ten-thousand', points: 'either', why: '"83.6万", "1.2亿": a bare 万 or 亿 counts people reached or living there', test: (c) => BARE_SCALE.test(c.count.measure) },
  { id: 'buildings', points: 'either', why: 'buildings (栋, 幢) are the size of a place', test: (c) => /^(?:栋|幢)$/.test(c.count.measure) },
]

/** Where the count cannot be a result whatever the model says: high-precision overrides. */
export const NOT_AN_OUTCOME: OutcomeFeature[] = [
  { id: 'addressed-to', points: 'baseline', why: '"面向尚无党支部的31家商户": what the work was aimed at is its scope, not what it produced (an override since round 8: learned without pages-a, the only set that writes it, the weight let "针对没有…的24家" through)', test: (c) => ADDRESSED_TO.test(c.pre) },
  { id: 'plan', points: 'baseline', why: 'plans and targets (计划, 预计, 将于, 力争), before the count or right after it ("余下12台将在明年完工"), are not results yet (an override since round 8: it rules out counts on four of the five label sets and no labelled outcome on any, while as a weight learned without pages-a it let "计划完成N个" through)', test: (c) => PLAN.test(c.sentPre.slice(-40)) || PLAN.test(c.post.slice(0, 8)) },
  { id: 'cap', points: 'baseline', why: '"补助比例最高可达60%", "最多10个": a cap is a rule, not a result', test: (c) => CAP.test(c.pre) || CAP_CHANGED.test(c.pre) },
  { id: 'range', points: 'baseline', why: '"每300至500户设置1个", "3至4小时": either end of a range is a rule or an estimate', test: (c) => RANGE_BEFORE.test(c.pre) || RANGE_AFTER.test(c.post) },
  { id: 'address', points: 'baseline', why: '"5栋2单元", "3幢101室", "某某小区11栋": a building number in an address is no count', test: (c) => ADDRESS_AFTER.test(c.post) || (/^(?:栋|幢)$/.test(c.count.measure) && ESTATE_BEFORE_BUILDING.test(c.pre)) },
  { id: 'money', points: 'baseline', why: '"提供总计5.4万的项目资助": an amount of money belongs to funding', test: (c) => BARE_SCALE.test(c.count.measure) && MONEY_AFTER.test(c.post) },
  { id: 'population-share', points: 'baseline', why: '"老人占常住人口的35%": a share of the population is a context statistic', test: (c) => c.count.measure === '%' && POPULATION_SHARE.test(c.pre) },
  { id: 'structure-after', points: 'baseline', why: '"3项机制", "25条办法": the mechanisms and rules a report lists are its method, not its results', test: (c) => STRUCTURE_AFTER.test(c.post) },
  { id: 'per-item', points: 'baseline', why: '"每个楼门推选2名楼门长", "每个充电桩有2个端口", "人均…", "3栋楼各推选1名": a figure per item or per head is a rule or a rate, not a total', test: (c) => PER_ITEM.test(c.pre) || EACH_DOES.test(c.run) },
  { id: 'change-baseline', points: 'baseline', why: 'the first figure of "从…到…" or "由76%提升至95%" is the baseline', test: (c) => CHANGE_TO_AFTER.test(c.post) || NEXT_CLAUSE_CHANGE.test(c.sentPost) || (FROM_BEFORE.test(c.pre) && /至|到|为|成/.test(c.post.slice(0, 12))) },
  { id: 'share-of-kind', points: 'baseline', why: '"68%的居民认为…", "20%为访客车": a share of opinions or of a kind is what a survey or a count found about the place, not what the work did; a share approving of the work ("95%的居民表示满意") is left to the model', test: (c) => c.count.measure === '%' && SHARE_OF_KIND.test(c.post) && !APPROVAL.test(c.post.slice(0, 14)) },
  { id: 'national-statistic', points: 'baseline', why: '"全国已有六成的村…", "我国的城镇化率提高到…": a clause about the whole country is the backdrop of a report, not what its work produced', test: (c) => NATIONAL_SUBJECT.test(c.pre) },
  { id: 'price-rate', points: 'baseline', why: '"另给予10%的优惠", "补贴10%的基础上再提高10%", "额度上浮10%": a discount, refund or subsidy rate, or a rate a rule sets, is a term of the scheme, like a price, even where it was raised', test: (c) => c.count.measure === '%' && (PRICE_RATE_AFTER.test(c.post) || TERMS_RATE.test(c.pre) || RULE_RATE.test(c.pre)) },
  { id: 'kinds', points: 'baseline', why: '"明确5类服务事项": a count of kinds is how a scheme is divided, as mechanisms listed are; no reader of the dev sets counts one', test: (c) => KINDS.test(c.count.measure) },
  { id: 'reward-rule', points: 'baseline', why: '"参加一次2小时的巡逻可获得10积分": a figure in the condition or the reward of a points scheme is a rule of the scheme, not what it achieved', test: (c) => REWARD_RULE.test(c.post) || /(?:可获得|可获|可兑换|可领取|可享受|可抵扣)$/.test(c.run) },
  { id: 'purpose', points: 'baseline', why: '"资金用于资助35个左右的提案": what money or a place is put to says what it is for, not what the work produced', test: (c) => PURPOSE.test(c.pre) },
  { id: 'lone-one', points: 'baseline', why: '"选派1名骨干担任…", "各推选1名": one of something is how a report tells what was done, not a tally of results; no reader of the dev sets counts a lone 1, only the first of a list of counts ("建成1个中心、5个站"); "1万" is ten thousand', test: loneOne },
  { id: 'still-lacking', points: 'baseline', why: '"发现有31户没有缴纳维修资金": those still lacking something are the problem the work faces', test: (c) => STILL_LACKING.before.test(c.run) && STILL_LACKING.after.test(c.post) },
  { id: 'citation', points: 'baseline', why: 'a count inside a cited title or reference list belongs to another text', test: (c) => CITATION.test(c.sentPre) },
  { id: 'markup', points: 'baseline', why: 'leftover markup ("width=100%") is not text', test: (c) => MARKUP.test(c.pre.slice(-6)) || /^["'>;]/.test(c.post) },
  { id: 'normative-page', points: 'baseline', why: 'on a page that says what should be done twice as often as what was done (a policy text, a plan, a study) figures are targets and statistics, not results', test: (c) => c.normativePage },
  { id: 'essay-page', points: 'baseline', why: 'on a page that speaks of itself as a paper, essay or study (an abstract, a research team, "本文将…", "笔者认为") figures are examples, statistics and proposals, not a case\'s results', test: (c) => c.essayPage },
  { id: 'duty-schedule', points: 'baseline', why: '"队员24小时在河堤值班", "24小时开放": a duration before a word of duty is the schedule kept, not something achieved; a time within which work was done ("24小时内解决") is not one', test: (c) => DURATION.test(c.count.measure) && DUTY_AFTER.test(c.post) },
  { id: 'example-places', points: 'baseline', why: 'on a page whose sentences open on two provinces or more ("如甲省…；乙省…"), a figure in a sentence opening on a province is an example surveyed, not the case\'s work', test: (c) => c.exampleSentence },
  { id: 'divided-into', points: 'baseline', why: '"全镇划分为12个网格": the parts an area is divided into are its structure, as readers count grids, not a result', test: (c) => DIVIDED_INTO.test(c.run) },
  { id: 'origin', points: 'baseline', why: '"来自9个乡镇的代表": where those taking part came from is the reach of the event, not something the work produced', test: (c) => ORIGIN.test(c.run) },
  { id: 'by-kind', points: 'baseline', why: '"共7个项目，其中助老类3个、文体类2个": counts by kind break a total down; the total is the result, its parts repeat it', test: (c) => BY_KIND.test(c.run) && BREAKDOWN.test(c.sentPre) },
  { id: 'target-heading', points: 'baseline', why: '"主要目标：到年底…满意度达95%以上": a sentence under a targets heading, or in a paragraph the heading opens, states aims, whatever its verbs say', test: (c) => TARGET_HEADING.test(c.sentPre) || TARGET_PARAGRAPH.test(c.linePre) },
  { id: 'consent-required', points: 'baseline', why: '"须经67%以上业主同意": the share whose consent a rule requires is a threshold, not what the work achieved', test: (c) => c.count.measure === '%' && CONSENT_REQUIRED.before.test(c.pre) && CONSENT_REQUIRED.after.test(c.post) },
  { id: 'place-size', points: 'baseline', why: '"中心面积扩至600平方米", "建成1200平方米的活动中心": the area of a place or a facility is its size, which none of the current label sets counts as a result (an area of land greened, paved or cleared, or the area of those who voted, is left to the model)', test: (c) => AREA.test(c.count.measure) && (PLACE_SIZE.before.test(c.run) || PLACE_SIZE.after.test(c.post)) && !PLACE_SIZE.covered.test(c.pre) },
  { id: 'no-words', points: 'baseline', why: 'a figure with no words around it in its clause says nothing about what it counts', test: (c) => !/[\u4e00-\u9fff]/.test(c.pre + c.post) },
]
