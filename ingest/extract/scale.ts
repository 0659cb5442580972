import type { Evidence, Scale } from '../schema.js'
import { type Doc, clauseAt, quoteClause, sentenceAt } from './document.js'
import { NUMBER_SOURCE, parseNumber } from './numerals.js'

interface ScaleRule {
  field: keyof Scale
  pattern: RegExp
  /** Words in the clause before the number that make it the compound's size rather than a count of work done. */
  context: RegExp
  /** Words that make it something else ("走访200户" is work, not size). */
  against?: RegExp
  /** Words right after the number that make it something else ("680平方米的“邻里中心”"). */
  notBefore?: RegExp
  multiplier?: (m: RegExpExecArray) => number
  why: string
}

const N = `(${NUMBER_SOURCE})(?:余|多)?`
const tenThousand = (m: RegExpExecArray) => (m[2] === '万' ? 1e4 : 1)

export const SCALE_RULES: ScaleRule[] = [
  {
    field: 'households',
    pattern: new RegExp(`${N}(万)?(?:户|套)(?!均)`, 'g'),
    context: /住户|居民|共|有|计|总|入住|户数|居住|涵盖|辖|约|小区|楼|住宅|涉及/,
    against: /走访|入户|帮扶|慰问|服务了?|联系|覆盖了?|惠及|发放|安装|改造了/,
    multiplier: tenThousand,
    why: 'dwellings: "现有住户232户", "住宅楼2栋共计48套", "1.2万户"',
  },
  {
    field: 'population',
    pattern: new RegExp(`${N}(万)?(?:人|口人)(?!次|员|均|民)`, 'g'),
    context: /人口|居民|村民|住户|常住|居住|户籍|总|现有|约|达/,
    against: /参与|参加|服务|志愿|党员|干部|下派|走访|受益|惠及|培训|组建|招募|吸纳/,
    multiplier: tenThousand,
    why: 'residents: "总人口110人", "约600余人", "常住人口1.2万人", "村民1520人"',
  },
  {
    field: 'buildings',
    pattern: new RegExp(`(?:住宅楼|居民楼|楼房|楼栋)${N}(?:栋|幢|座)|${N}(?:栋|幢|座)(?:楼|住宅|居民楼|楼房)`, 'g'),
    context: /./,
    why: 'buildings, only with a word for building so "11栋一处下水堵塞" (a building number) stays out',
  },
  {
    field: 'areaM2',
    pattern: new RegExp(`${N}(万)?(平方米|平米|㎡|m²|m2|平方公里)`, 'g'),
    context: /面积|占地|总|约/,
    against: /建成|新建|改造|改建|腾退|拆除|让出|整治|硬化|铺设|绿化|粉刷|修缮|清理|打造|盘活|利用|中心|驿站|活动室|食堂|广场|议事厅|会客厅|用房|阵地|停车场|车棚|菜园|书屋|服务站/,
    notBefore: /^的?[“"「]?[\u4e00-\u9fff]{0,8}?(?:中心|驿站|活动室|食堂|广场|议事厅|会客厅|用房|阵地|停车场|车棚|菜园|书屋|服务站|室|厅|馆)/,
    multiplier: (m) => (m[m.length - 1] === '平方公里' ? 1e6 : 1) * (m[m.length - 2] === '万' ? 1e4 : 1),
    why: 'area of the compound or community: "总面积约16900平方米", "占地3.2万平方米", "辖区面积0.8平方公里"; not a room or yard built or cleared ("建成面积约680平方米的“邻里中心”")',
  },
]

const numberOf = (m: RegExpExecArray) => m[1] ?? m[2]

// Words that put a figure at the level of the whole community: "辖区面积0.8平方公里，有老旧小区11个、
// 居民4870户". The last of these or of the compound's own words before the number says whose size it is.
const COMMUNITY_WIDE = /辖区|社区|街道|全村|全镇|全乡|(?:小区|楼院|院落)(?:\d+|[一二三四五六七八九十]+)个|(?:\d+|[一二三四五六七八九十]+)个(?:住宅|居民|老旧)?小区/g
const COMPOUND_WORD = /小区(?!\d|[一二三四五六七八九十]+个)|家属院|家属区|宿舍/g

function lastEnd(re: RegExp, text: string): number {
  re.lastIndex = 0
  let end = -1
  let m: RegExpExecArray | null
  while ((m = re.exec(text))) end = m.index + m[0].length
  return end
}

/** 0 when the sentence so far speaks of the whole community, 2 when of the compound, 1 when of neither. */
function compoundRank(doc: Doc, start: number, compound: string | null): number {
  const s = sentenceAt(doc, start)
  const before = doc.simp.slice(s[0], start)
  const wide = lastEnd(COMMUNITY_WIDE, before)
  const named = compound ? before.lastIndexOf(compound) : -1
  const own = Math.max(lastEnd(COMPOUND_WORD, before), named >= 0 ? named + compound!.length : -1)
  if (wide >= 0 && wide >= own) return 0
  return own >= 0 ? 2 : 1
}

/**
 * Size of the place the report is about. With a compound named (`compound`, simplified), a figure
 * said of the compound wins over one said of neither, and one said of the whole community is not
 * the compound's size at all; without a compound the first figure is taken.
 */
export function extractScale(doc: Doc, compound: string | null = null): { scale: Scale; evidence: Record<string, Evidence> } {
  const scale: Scale = {}
  const evidence: Record<string, Evidence> = {}
  for (const rule of SCALE_RULES) {
    rule.pattern.lastIndex = 0
    let best: { value: number; start: number; end: number; rank: number } | null = null
    let m: RegExpExecArray | null
    while ((m = rule.pattern.exec(doc.simp))) {
      const start = m.index
      const end = start + m[0].length
      if (/[\d.第]/.test(doc.simp[start - 1] ?? '')) continue
      const clause = clauseAt(doc, start)
      const before = doc.simp.slice(clause[0], start)
      if (!rule.context.test(before + m[0]) || rule.against?.test(before) || rule.notBefore?.test(doc.simp.slice(end, end + 12))) continue
      const written = numberOf(m)
      const n = parseNumber(written)
      // "一户一档", "一人一策": slogans, not sizes.
      if (n === null || n === 0 || written === '一') continue
      const rank = compound ? compoundRank(doc, start, compound) : 2
      if (rank === 0) continue
      if (!best || rank > best.rank) best = { value: Math.round(n * (rule.multiplier?.(m) ?? 1) * 100) / 100, start, end, rank }
      if (rank === 2) break
    }
    if (!best) continue
    scale[rule.field] = best.value
    evidence[`scale.${rule.field}`] = quoteClause(doc, best.start, best.end)
  }
  return { scale, evidence }
}
