import type { Evidence, Scale } from '../schema.js'
import { type Doc, clauseAt, quoteClause } from './document.js'
import { NUMBER_SOURCE, parseNumber } from './numerals.js'

interface ScaleRule {
  field: keyof Scale
  pattern: RegExp
  /** Words in the clause before the number that make it the compound's size rather than a count of work done. */
  context: RegExp
  /** Words that make it something else ("走访200户" is work, not size). */
  against?: RegExp
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
    context: /人口|居民|住户|常住|居住|户籍|总|现有|约|达/,
    against: /参与|参加|服务|志愿|党员|干部|下派|走访|受益|惠及|培训|组建|招募|吸纳/,
    multiplier: tenThousand,
    why: 'residents: "总人口110人", "约600余人", "常住人口1.2万人"',
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
    multiplier: (m) => (m[m.length - 1] === '平方公里' ? 1e6 : 1) * (m[m.length - 2] === '万' ? 1e4 : 1),
    why: 'area of the compound or community: "总面积约16900平方米", "占地3.2万平方米", "辖区面积0.8平方公里"',
  },
]

const numberOf = (m: RegExpExecArray) => m[1] ?? m[2]

export function extractScale(doc: Doc): { scale: Scale; evidence: Record<string, Evidence> } {
  const scale: Scale = {}
  const evidence: Record<string, Evidence> = {}
  for (const rule of SCALE_RULES) {
    rule.pattern.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = rule.pattern.exec(doc.simp))) {
      const start = m.index
      const end = start + m[0].length
      if (/[\d.第]/.test(doc.simp[start - 1] ?? '')) continue
      const clause = clauseAt(doc, start)
      const before = doc.simp.slice(clause[0], start)
      if (!rule.context.test(before + m[0]) || rule.against?.test(before)) continue
      const written = numberOf(m)
      const n = parseNumber(written)
      // "一户一档", "一人一策": slogans, not sizes.
      if (n === null || n === 0 || written === '一') continue
      scale[rule.field] = Math.round(n * (rule.multiplier?.(m) ?? 1) * 100) / 100
      evidence[`scale.${rule.field}`] = quoteClause(doc, start, end)
      break
    }
  }
  return { scale, evidence }
}
