import type { Evidence } from '../schema.js'
import { type Doc, quoteSentence } from './document.js'
import { parseNumber } from './numerals.js'

const SEP = String.raw`\s*(?:—{1,2}|-{1,2}|－|→|―|–|─)\s*`
const SEP_ALL = new RegExp(SEP, 'g')
const SEGMENT_CHAR = /[\u4e00-\u9fff（）()、]/
const MAX_SEGMENT = 18
const MAX_TIERS = 7

// An unquoted chain's first segment runs on from the verb before it ("形成街道党工委——…").
const LEADING_VERBS = /^.*(?:构建|建立健全完善|建立健全|建立|健全|完善|形成|打造|搭建|推行|实行|组建|探索|设置|延伸|实现|按照)(?:起了|起|了)?/
// …and its last segment runs into the noun it describes ("楼院党小组四级组织架构").
const TRAILING_NOUN = /的?(?:[一二三四五六七八九两\d]+[级层])?(?:党组织|组织|网格|治理|联络|自治|管理|服务|工作)*(?:体系|架构|网络|模式|格局|链条|机制)?的?$/
// Every tier of an organisation chain is a body or a role; a process chain
// ("网格员发现上报—纪检委员跟进—联系快速行动") has steps.
const ORG_WORD = /党|委|支部|小组|组织|代表|骨干|户|员|长|会|网格|站|中心|队|单位|社区|小区|楼|街道|镇|村/
const PROCESS_WORD = /发现|上报|跟进|行动|处理|反馈|解决|办结|受理|交办|流转|回访|收集|督办/
const PARTY_WORD = /党|委|支部|组织/
const STRUCTURE_AFTER = /^[”"」]?的?[\u4e00-\u9fff]{0,8}?(?:体系|架构|网络|组织|网格|链条)/

const TIER_COUNT_AFTER = /^[”"」]?的?[二三四五六七八九两\d][级层]/
// "四级联络体系", "三级自治管理网络", "四级网格治理体系": a tier count next to a structure word.
// "区街社三级联动", "四级联动": tiers that act together are tiers of one structure too.
const TIER_COUNT = /([二三四五六七八九两]|\d)[级层]([\u4e00-\u9fff]{0,4}?)(?:体系|架构|网络|网格|链条|组织|联动)/g

interface Chain {
  tiers: [number, number][]
  start: number
  end: number
  score: number
}

function parseChain(doc: Doc, start: number, text: string): Chain | null {
  const parts: [number, number][] = []
  const re = new RegExp(SEP, 'g')
  let last = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text))) {
    parts.push([start + last, start + m.index])
    last = m.index + m[0].length
  }
  parts.push([start + last, start + text.length])
  const first = parts[0]
  const lead = LEADING_VERBS.exec(doc.simp.slice(first[0], first[1]))
  if (lead && first[1] - first[0] - lead[0].length >= 2) first[0] += lead[0].length
  const tail = parts[parts.length - 1]
  const trail = TRAILING_NOUN.exec(doc.simp.slice(tail[0], tail[1]))
  if (trail && trail[0] && tail[1] - tail[0] - trail[0].length >= 2) tail[1] -= trail[0].length
  const texts = parts.map(([a, b]) => doc.simp.slice(a, b))
  if (texts.some((t) => !ORG_WORD.test(t) || PROCESS_WORD.test(t) || t.length < 2)) return null
  const party = texts.filter((t) => PARTY_WORD.test(t)).length
  const next = doc.simp.slice(tail[1], tail[1] + 12)
  const after = STRUCTURE_AFTER.test(next) || TIER_COUNT_AFTER.test(next) ? 2 : 0
  // "街道—社区—网格—楼栋" has no party word but is a structure when a structure word or tier count follows.
  if (party === 0 && after === 0) return null
  return { tiers: parts, start: parts[0][0], end: tail[1], score: parts.length + party + after }
}

export interface OrgResult {
  orgTiers: string[] | null
  orgTierCount: number | null
  evidence: Record<string, Evidence>
}

/**
 * Chains as [start, end) in the simplified text: runs of tier text joined by separators. Found from
 * the separators outwards, so the scan is linear in the text.
 */
function findChains(simp: string): [number, number][] {
  const chains: [number, number][] = []
  let chainStart = -1
  let chainEnd = -1
  let tiers = 0
  SEP_ALL.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = SEP_ALL.exec(simp))) {
    const s = m.index
    const e = s + m[0].length
    let left = s
    while (left > 0 && s - left < MAX_SEGMENT && SEGMENT_CHAR.test(simp[left - 1])) left--
    let right = e
    while (right < simp.length && right - e < MAX_SEGMENT && SEGMENT_CHAR.test(simp[right])) right++
    if (s - left < 2 || right - e < 2) continue
    // The previous tier text runs right up to this separator: the chain goes on.
    if (chainStart >= 0 && chainEnd === s && tiers < MAX_TIERS) {
      chainEnd = right
      tiers++
    } else {
      if (chainStart >= 0) chains.push([chainStart, chainEnd])
      chainStart = left
      chainEnd = right
      tiers = 2
    }
  }
  if (chainStart >= 0) chains.push([chainStart, chainEnd])
  return chains
}

export function extractOrgTiers(doc: Doc): OrgResult {
  let best: Chain | null = null
  for (const [start, end] of findChains(doc.simp)) {
    const c = parseChain(doc, start, doc.simp.slice(start, end))
    if (c && (!best || c.score > best.score)) best = c
  }
  const evidence: Record<string, Evidence> = {}
  let orgTiers: string[] | null = null
  if (best) {
    orgTiers = best.tiers.map(([a, b]) => doc.body.slice(a, b))
    evidence.orgTiers = quoteSentence(doc, best.start, best.end)
  }
  // A count written next to the chosen chain ("…”四级联络体系", "四级组织体系:…") wins over its
  // length; without a chain, the first count in the text stands alone ("三级自治管理网络").
  const counts: { value: number; start: number; end: number }[] = []
  TIER_COUNT.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = TIER_COUNT.exec(doc.simp))) {
    const value = parseNumber(m[1])
    if (value && value >= 2 && value <= 8) counts.push({ value, start: m.index, end: m.index + m[0].length })
  }
  const count = best ? counts.find((c) => c.start >= best.end - 2 ? c.start - best.end <= 12 : best.start - c.end <= 20) : counts[0]
  let orgTierCount: number | null = null
  if (count) {
    orgTierCount = count.value
    evidence.orgTierCount = quoteSentence(doc, count.start, count.end)
  } else if (best && orgTiers) {
    orgTierCount = orgTiers.length
    evidence.orgTierCount = evidence.orgTiers
  }
  return { orgTiers, orgTierCount, evidence }
}
