import type { Funding, FundingMix, FundingSource } from '../schema.js'
import { type Doc, clauseAfter, clauseAt, clausesBefore, evidence, quoteClause } from './document.js'
import { NUMBER_SOURCE, parseNumber, withTwoUnitHead } from './numerals.js'

// "89万元", "3000余万元", "5万余元", "1.5亿元", "一百二十万元", "十二万五千元", "8000元"; and 万 or 亿
// without 元 when a word for money follows within a few characters ("下达1311万中央预算内投资").
const AMOUNT = new RegExp(`(${NUMBER_SOURCE})(余|多)?(万|亿)?(余|多)?(?:元|(?<=万|亿|万余|万多|亿余|亿多)(?=[\u4e00-\u9fff]{0,8}?(?:资金|投资|经费|补助|补贴|预算|拨款|奖补|捐款|资助)))`, 'g')
// A price or a per-head figure is not money raised: "每平方米0.5元", "元/月", "人均3万元".
// A cap per grantee ("最高不超过5000元") is a rule, like a price.
const PER_UNIT_BEFORE = /(每|人均|户均|单价|均价|年收入|月收入|工资)[\u4e00-\u9fff]{0,4}$|(?:最高|不超过|最多|上限为?|封顶)$/
// "每年20万元的党组织服务群众经费": a yearly allotment of a named fund is money spent, not a rate.
const RECURRING_FUND = { before: /每年$/, after: /^的[\u4e00-\u9fff]{0,12}(?:经费|资金)/ }
const PER_UNIT_AFTER = /^\s*(?:\/|每|一次|\/月|\/年|\/平)/
// The clause must be about money being put in; otherwise "收入3万元" or a price would pass.
// 列支, 动用, 拿出 draw on a fund ("从小区公共收益中列支86000元"); the fund's name alone is not
// enough, since "公共收益达5万元" is money earned, not spent.
// 配套 and 下达 are how budget lines arrive ("旗级财政配套120万元", "下达彩票公益金20万元").
// 投向 and 基金 split a grant between its uses ("其中150万元投向5个社区", "其余88万元设为微基金").
// Discounts a programme gives ("累计提供助浴优惠300余万元") are money it puts in, as a subsidy is.
const FUNDING_CONTEXT = /(?:提供|给予|让利)[\u4e00-\u9fff]{0,4}优惠|投入|资金|筹|拨|补|经费|出资|捐|投资|费用|募|奖|争取|支持|资助|款|预算|花费|支出|集资|总额|金额|造价|工程|改造|建设|用于|列支|动用|拿出|提取|配套|财政|下达|公益金|投向|基金/
// "列支26.8万元，共同用于停车场建设": the purpose in the next clause shows the money is put in.
const PURPOSE_NEXT = /^(?:共同|全部|主要|专项|专门|统一)?用于/
// "每个小区10万元至30万元不等", "3萬元至5萬元獎勵": a range is a rule for each grantee, like a price,
// not money this case received, so neither end is taken as a funding amount.
const RANGE_AFTER = new RegExp(`^\\s*(?:至|到|-|—|–|～|~)\\s*(?:${NUMBER_SOURCE})`)
const RANGE_BEFORE = new RegExp(`(?:${NUMBER_SOURCE})(?:余|多)?(?:万|亿)?元?\\s*(?:至|到|-|—|–|～|~)\\s*$`)
// Money saved, recovered or earned is an outcome of the work, not money put into it.
// A shortfall ("资金缺口8万元") is money still missing.
const NOT_FUNDING = /节约|节省|节支|挽回|创收|增收|收入|营收|产值|盈利|租金收益|缺口/
// "维修资金账上还有60万元", "余额为3万元": what is left in a fund is a balance, not money put into the
// case. 结余 is not among them: "动用物业费结余5万元" spends the surplus.
const BALANCE_BEFORE = /(?:余额|还有|还剩|尚有|仅剩|只剩|剩余|结存)(?:为|约|仅|不足|不到|近)?$/
// "从500万元提高到800万元": the first figure of a change is what it was before.
const CHANGED_FROM = /^\s*(?:提高|增加|增长|提升|上升|扩大|降低|减少|下降|压缩)(?:至|到|为)/
// Amounts in plain 元 under a thousand are prices, fees and per-head sums ("抵扣租赁费5元"), not
// money put into a case.
const SMALL_YUAN = 1000

interface PayerRule {
  source: Exclude<FundingSource, 'mixed' | 'unknown'>
  pattern: RegExp
  why: string
}

/**
 * Who paid, by the words the sentence uses for them. Where matches overlap, the longest one names
 * the payer ("彩票公益金" is public money, not 公益; "共建单位某供电公司" is a firm); otherwise order
 * does not matter, and several sources → mixed.
 */
export const PAYER_RULES: PayerRule[] = [
  { source: 'government', pattern: /(?:区|市|县|省|旗|镇|乡)?财政|政府|区委|市委|县委|街道|专项资金|以奖代补|奖补|上级|民政|住建|城建|部门|国家|中央|省级|市级|区级|县级|旗级|镇级|乡级|补助资金|争取/g, why: 'public budget lines and the bodies that hold them, banners, towns and streets included; money "争取"-ed comes from a higher-level programme' },
  { source: 'government', pattern: /(?:党组织)?服务群众(?:专项)?经费/g, why: 'the fund for Party organisations serving residents is allotted from the county or district budget each year' },
  { source: 'government', pattern: /(?:福利|体育)?彩票公益金|福彩公益金|体彩公益金/g, why: 'lottery welfare funds are allotted by civil affairs and sports bureaus: public money' },
  {
    source: 'government',
    pattern: /[\u4e00-\u9fff]{0,4}?(?:[^社小园景校片街辖专营战库\s\d，。、；：,.;:]区|[^超菜夜集门股早花\s\d，。、；：,.;:]市|县|旗)(?=(?:累计|先后|共|每年|统一|统筹|投入|拨付|出资|安排|筹措|配套|筹集|下拨|整合))/g,
    why: '"和平区统筹…960万元", "蜀山区累计投入…": a district, county or city paying is its government paying (社区, 小区, 园区… are not divisions, nor 超市, 菜市… cities)',
  },
  {
    source: 'resident',
    pattern: /(?<!服务|为|惠及|帮扶|方便|帮助)(?:居民|群众)|业主|自筹|众筹|住户|业委会|维修基金|维修资金|小区党员|党员|(?:公共|停车|广告|场地)收益|物业费结余|物业费盈余|村集体/g,
    why: 'residents and their own bodies paying from their pockets or the repair fund. Public income of a compound (parking, advertising on common parts) and surplus property fees belong to the owners together (Civil Code art. 282), so spending them is the owners paying; a village collective likewise belongs to its villagers. Residents served ("服务群众专项经费") are not payers',
  },
  { source: 'enterprise', pattern: /企业|物业公司|开发商|公司|商户|商家|银行/g, why: 'firms, including the property company' },
  {
    source: 'enterprise',
    pattern: /(?:共建单位|驻区单位|结对单位|驻区|辖区|爱心)(?:(?![和与及同])[\u4e00-\u9fff]){0,12}?(?:公司|企业|银行|集团)/g,
    why: '"共建单位国网某供电公司", "驻区单位某通信公司捐赠": a partner unit that is a firm pays as a firm. Not across 和/与/及: "共建单位和爱心企业" are two payers',
  },
  { source: 'social', pattern: /社会|慈善|公益|基金会|共建单位|爱心人士|社会组织|乡贤|结对单位|驻区单位/g, why: 'donors and partner units outside government and the compound' },
]
// "多方筹资" says mixed even when only one payer is named.
const MANY_PAYERS = /多方|多渠道|多元/
// A clause that opens with the act of paying has its payer in the clause before ("发动业委会、
// 共建单位和小区党员、居民不等不靠,多方筹资22万元"); one that opens otherwise ("总投资1.2亿元")
// does not borrow the previous clause's people.
const OPENS_WITH_PAYING = /^(?:共|累计|先后|共同|积极|通过|多方|多渠道|再|又|还)*(?:筹资|筹集|筹措|出资|捐|投入|集资|众筹|自筹|募集|凑)/

// "每户提前预交三年车位费，总计12万元，用来把空地改成停车场": a clause that is only a total sums what
// the clause before it says was paid, and what it pays for comes in the clause after. The payer,
// the context and the quote are read across all three.
const TOTAL_ONLY = /^(?:总计|合计|共计|总共|一共|共)$/

function classify(text: string): { sources: Set<FundingSource>; first: number; last: number } {
  const hits: { source: FundingSource; start: number; end: number }[] = []
  for (const rule of PAYER_RULES) {
    rule.pattern.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = rule.pattern.exec(text))) hits.push({ source: rule.source, start: m.index, end: m.index + m[0].length })
  }
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: typeof hits = []
  for (const h of hits) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h)
  const sources = new Set(kept.map((h) => h.source))
  const first = kept.length ? kept.reduce((min, h) => Math.min(min, h.start), Infinity) : -1
  const last = kept.length ? kept.reduce((max, h) => Math.max(max, h.end), -Infinity) : -1
  return { sources, first, last }
}

function sourceOf(sources: Set<FundingSource>, many: boolean): FundingSource {
  if (sources.size > 1 || (many && sources.size > 0)) return 'mixed'
  if (sources.size === 1) return [...sources][0]
  return many ? 'mixed' : 'unknown'
}

const UNIT_WAN: Record<string, number> = { '': 1 / 1e4, 万: 1, 亿: 1e4 }

export function extractFunding(doc: Doc): Funding[] {
  const out: Funding[] = []
  AMOUNT.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = AMOUNT.exec(doc.simp))) {
    let start = m.index
    const end = start + m[0].length
    const tail = parseNumber(m[1])
    if (tail === null || tail === 0) continue
    // "1万7500元", "2亿3000万元": one amount.
    const whole = withTwoUnitHead(doc.simp.slice(Math.max(0, start - 16), start), tail, UNIT_WAN[m[3] ?? ''] * 1e4)
    if (whole) start -= whole.back
    const wan = (whole?.value ?? tail) * UNIT_WAN[m[3] ?? '']
    if (/[\d.]/.test(doc.simp[start - 1] ?? '')) continue
    const recurring = RECURRING_FUND.before.test(doc.simp.slice(Math.max(0, start - 2), start)) && RECURRING_FUND.after.test(doc.simp.slice(end, end + 16))
    if ((!recurring && PER_UNIT_BEFORE.test(doc.simp.slice(Math.max(0, start - 8), start))) || PER_UNIT_AFTER.test(doc.simp.slice(end, end + 3))) continue
    if (RANGE_AFTER.test(doc.simp.slice(end, end + 12)) || RANGE_BEFORE.test(doc.simp.slice(Math.max(0, start - 16), start))) continue
    if (CHANGED_FROM.test(doc.simp.slice(end, end + 6)) || BALANCE_BEFORE.test(doc.simp.slice(Math.max(0, start - 6), start)) || (!m[3] && wan < SMALL_YUAN / 1e4)) continue
    const clause = clauseAt(doc, start)
    const totalOnly = TOTAL_ONLY.test(doc.simp.slice(clause[0], start))
    const summed = totalOnly ? clausesBefore(doc, start, 1)[0] : undefined
    let from = clause[0]
    // A yearly fund is named after its amount, and the name says who pays.
    let found = classify(doc.simp.slice(clause[0], recurring ? clause[1] : end))
    // The payer is often named a clause earlier ("发动业委会、共建单位和小区党员、居民不等不靠,
    // 多方筹资22万元"): look back within the sentence when this clause names none.
    if ((totalOnly || OPENS_WITH_PAYING.test(doc.simp.slice(clause[0], end))) && (found.sources.size === 0 || MANY_PAYERS.test(doc.simp.slice(clause[0], end)))) {
      for (const c of clausesBefore(doc, start, 2)) {
        const f = classify(doc.simp.slice(c[0], c[1]))
        if (f.sources.size === 0) continue
        from = c[0]
        found = classify(doc.simp.slice(from, end))
        break
      }
    }
    if (summed) from = Math.min(from, summed[0])
    const next = clauseAfter(doc, start)
    const to = next && (totalOnly || PURPOSE_NEXT.test(doc.simp.slice(next[0], next[1]))) ? next[1] : Math.max(end, clause[1])
    const region = doc.simp.slice(from, to)
    if (!FUNDING_CONTEXT.test(region) || NOT_FUNDING.test(doc.simp.slice(summed?.[0] ?? clause[0], Math.min(Math.max(end, clause[1]), end + 6)))) continue
    const many = MANY_PAYERS.test(region)
    const q = from < clause[0] ? evidence(doc, from, Math.max(clause[1], end)) : quoteClause(doc, start, end)
    out.push({
      amountWan: round(wan),
      source: sourceOf(found.sources, many),
      payer: found.first >= 0 ? doc.body.slice(from + found.first, from + found.last) : null,
      ...q,
    })
  }
  return out
}

const round = (x: number) => Math.round(x * 1e6) / 1e6

// "政府补一点、社会筹一点、居民凑一点": a payer word right before a small verb of chipping in.
// 让 is a firm giving up part of its takings ("企业让一点", 让利), which is its share of the cost.
const MIX_PART_SOURCE = '(政府|财政|街道|社区|社会|企业|单位|居民|业主|个人|群众|党员|物业)(?:出|筹|补|凑|拿|担|投|捐|助|给|让)(?:一点|一部分|部分|一些|点)'
const MIX_PART = new RegExp(MIX_PART_SOURCE, 'g')
const MIX_PART_ANY = new RegExp(MIX_PART_SOURCE)
/** Whether `text` (simplified) says who chips in what share ("居民出一点"): a way of paying, not the name of an approach. */
export const namesPayerShare = (text: string): boolean => MIX_PART_ANY.test(text)
const MIX_SOURCE: Record<string, FundingSource> = {
  政府: 'government', 财政: 'government', 街道: 'government', 社区: 'government',
  社会: 'social', 单位: 'social', 企业: 'enterprise', 物业: 'enterprise',
  居民: 'resident', 业主: 'resident', 个人: 'resident', 群众: 'resident', 党员: 'resident',
}

export function extractFundingMix(doc: Doc): FundingMix[] {
  const out: FundingMix[] = []
  for (const [a, b] of doc.sentences) {
    const text = doc.simp.slice(a, b)
    const sources = new Set<FundingSource>()
    let first = -1
    let last = -1
    MIX_PART.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = MIX_PART.exec(text))) {
      sources.add(MIX_SOURCE[m[1]])
      if (first < 0) first = m.index
      last = m.index + m[0].length
    }
    if (sources.size < 2) continue
    out.push({ sources: [...sources], ...quoteClause(doc, a + first, a + last) })
  }
  return out
}
