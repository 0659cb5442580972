import type { Doc } from './document.js'
import { UNIT_SCALE, withTwoUnitHead } from './numerals.js'

/** A number with its measure word, as the report writes it ("共计加装5部", "上线居民83.6万"). */
export interface Count {
  /** Offsets of number + unit in the body. */
  start: number
  end: number
  /** Where the number ends and the unit (万 included) begins. */
  numEnd: number
  /** The number as written: "83.6万" is 83.6 with unit "万", as the hand labels keep it. */
  value: number
  /** Unit as written in the body ("万户", "臺", "%", "个小时"). */
  unit: string
  /** The measure word alone, simplified, without 万/亿 or 个 ("户", "台", "%", "小时"; "万" or "亿" when bare). */
  measure: string
  /** "100多位", "260余户", "超50台": the writer gives a bound, not an exact count. */
  approx: boolean
}

// Measure words for anything a report counts: people (人, 名, 位), households, bodies and teams
// (个, 支, 家), cases and items (件, 项, 条, 起), events (次, 场), devices (台, 部, 盏), plants
// (株, 棵), areas, lengths, weights and durations. 元 is left to the funding extractor, and
// 年/月/日/岁/号/楼/层/届 never count results: they date, age or number things.
// Since round 11 also what the dev pages happen not to write but reports of the same kind do:
// lessons (节, 堂), transactions (笔), volumes and weights of waste cleared or goods given (方,
// 立方米, 公斤, 千克, 斤), things handed out in pairs, sets and copies (双, 副, 册, 封), tables of a
// banquet (桌), an area in 平方 without 米, and a change by a multiple (倍). Shapes are language,
// not a page's habit: which of them is a result stays the model's call.
const MEASURES = [
  '平方公里', '平方千米', '个百分点', '平方米', '立方米', '场次', '人次', '户次', '车次', '公里', '千米', '小时', '分钟',
  '平米', '公顷', '公斤', '千克', '平方', '立方',
  '人', '名', '位', '户', '个', '支', '家', '件', '项', '条', '起', '次', '场', '批', '宗', '例', '处', '部', '台',
  '盏', '辆', '棵', '株', '座', '块', '套', '间', '根', '份', '张', '箱', '袋', '本', '组', '路', '轮', '期', '篇',
  '幅', '吨', '车', '米', '亩', '天', '栋', '幢', '所', '类', '种', '只', '趟', '㎡', '%',
  '节', '堂', '笔', '方', '斤', '双', '副', '册', '封', '桌', '倍',
]
const MEASURE_SOURCE = MEASURES.sort((a, b) => b.length - a.length)
  .map((u) => (u === '%' ? '[%％]' : u))
  .join('|')

// Digits only: the hand labels leave numbers written in words out ("三个小区均…", "实现两个最优"),
// and in running text they are mostly idiom. "1,234" groups only in threes, since "," also
// separates clauses in these reports.
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`
// "260余户", "100多位", "15万余人", "10余万人", "1.2亿人次", "500+人次" (web copy writes 余 as +); 个 before 小时 and 月 is part of the
// duration ("800多个小时", "3个多月"). A bare 万 counts ("上线居民83.6万"); a bare 亿 is money or a
// nation's population ("投资2000亿"), never a case's tally, so 亿 needs its measure word.
const COUNT = new RegExp(
  `(${NUMBER})\\s?(余|多|\\+|＋)?([万亿])?(余|多|\\+|＋)?(?:个(?:余|多)?(小时|月)|(${MEASURE_SOURCE})|(?<=万|万[余多])(?=[^\\u4e00-\\u9fff]|的|$))`,
  'g',
)
// Measure words that start a longer word: "3名单" is not a count, nor "5天津", "2所在", "4期间",
// "5.1人力资源".
const NOT_A_MEASURE_AFTER: Record<string, RegExp> = {
  人: /^(?:力|才|们|士|群|生|心|性|格|文|工|身|类|大)/,
  名: /^(?:单|称|义|额|字|录|片)/,
  位: /^(?:于|置|列)/,
  家: /^(?:庭|园|属|里|人|乡|中)/,
  条: /^(?:件|例)/,
  起: /^(?:来|到|始|点)/,
  期: /^(?:间|待|望|限)/,
  天: /^(?:津|然|地)/,
  // "某某602所社区": digits and 所 before 社区 or 小区 name a research institute's compound, not a count.
  所: /^(?:在|有|属|以|谓|社区|小区)/,
  类: /^(?:似)/,
  种: /^(?:植)/,
  米: /^(?:粮|饭)/,
  次: /^(?:日|年|月)/,
  路: /^(?:段|口|线|公交|车)/,
  部: /^(?:门|分|署|队|长)/,
  台: /^(?:湾|阶|风)/,
  处: /^(?:理|置|长)/,
  项: /^(?:目)/,
  车: /^(?:辆|位|库|棚)/,
  组: /^(?:织|建|成)/,
  // "4方面", "3方协商" is parties; a volume is "清运垃圾200余方".
  方: /^(?:面|案|式|向|便|法|针|位|言|圆|正|形|舱|阵|略|可|能|才|协|联|共|参|会|代|主|合)/,
  节: /^(?:点|约|日|能|省|目)/,
  笔: /^(?:记|者|试|画|名)/,
  双: /^(?:方|向|重|休|语|周|月|号|百|拥|职|创|报|联|随|高|减|轨|亲|胞|赢)/,
  副: /^(?:主|书|局|镇|县|市|区|组|队|院|所|校|部|总|会|秘|处|科|馆|站|本|作|食|业)/,
  封: /^(?:闭|控|面|存|顶|锁|堵|条|建|装|口)/,
  倍: /^(?:数|感)/,
}
// A number that is part of something longer: a decimal, a date ("2023-5"), an ordinal ("第3次"),
// a code ("G20", "A1"), a spaced group of digits.
// "26 736万人": digits grouped by a space belong to the number before.
const NOT_A_COUNT_BEFORE = /[\d.\-/第a-zA-Z]$|\d\s$/

/** Every count in the report (digits + measure word, or digits + 万), in body order. */
export function findCounts(doc: Doc): Count[] {
  const out: Count[] = []
  COUNT.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = COUNT.exec(doc.simp))) {
    let start = m.index
    if (NOT_A_COUNT_BEFORE.test(doc.simp.slice(Math.max(0, start - 1), start))) continue
    const measure = (m[5] ?? m[6] ?? m[3] ?? '').replace('％', '%')
    if (!measure) continue
    const end = start + m[0].length
    // "1万7500人次", "2亿3500万" is one count: its head is not a count on its own, its tail reads the head back.
    if (measure in UNIT_SCALE && /\d/.test(doc.simp[end] ?? '')) continue
    if (NOT_A_MEASURE_AFTER[measure]?.test(doc.simp.slice(end, end + 2))) continue
    const tail = Number(m[1].replace(/,/g, ''))
    if (!Number.isFinite(tail) || tail === 0) continue
    const whole = withTwoUnitHead(doc.simp.slice(Math.max(0, start - 16), start), tail, m[3] ? UNIT_SCALE[m[3]] : 1)
    if (whole) start -= whole.back
    const value = whole?.value ?? tail
    const numEnd = m.index + m[1].length
    const unitStart = numEnd + (doc.simp[numEnd] === ' ' ? 1 : 0)
    const unit = doc.body.slice(unitStart, end).replace(/[余多+＋]/g, '').replace(/[餘]/g, '')
    out.push({ start, end, numEnd, value, unit, measure, approx: !!(m[2] || m[4]) })
  }
  return out
}
