import type { Evidence } from '../schema.js'
import { type Doc, quoteSentence, salience } from './document.js'
import { namesPayerShare } from './funding.js'

const QUOTED = /“([^“”\n]{1,24})”|"([^"\n]{1,24})"|「([^「」\n]{1,24})」|『([^『』\n]{1,24})』/g
// Sentences, lists and org chains ("社区党组织-小区党支部-楼道党小组") are quoted too but are not names.
const NOT_A_NAME = /[，。；！？,;!?：:、]|[\u4e00-\u9fff)）]\s*(?:—|-|－|→|―|–|─)\s*[\u4e00-\u9fff]/
// …except a short slogan list that a cue makes a name: "街道吹哨、部门报到"工作机制, 推进"战区制、
// 主官上、权下放"改革. Two or three parts of two to five characters; longer lists are the steps of
// a workflow ("居民点单、中心派单、部门接单、群众评单").
const LIST_NAME = /^[\u4e00-\u9fff]{2,5}(?:、[\u4e00-\u9fff]{2,5}){1,2}$/
// "“i海沧”微信小程序", "“e家通”APP": apps, accounts and hotlines are channels, not approaches.
const APP_NAME = /^[a-zA-Z]{1,3}[\u4e00-\u9fff]/
const CHANNEL_AFTER = /^(?:微信)?(?:小程序|APP|App|app|公众号|客户端|微信群|网站|热线|服务号|视频号)/
// "建立“三张清单”", "落实“四项机制”": a count of items, usually a section heading, not a name.
const COUNTED_HEADING = /^[一二两三四五六七八九十]+(?:个|项|张|条|类|种|份|本)[\u4e00-\u9fff]{1,4}$/
// …unless a method word follows at once: "“五个一”工作法", "“三个一”服务机制" name the method by its
// count of items, as numeric names do ("“168”模式"). A count of items has no such word after it.
const EXPLICIT_CUE_AFTER = /^[\u4e00-\u9fff]{0,4}?(?:工作法|模式|机制|体系|制度)/
const QUOTE_MARKS = /[“”‘’"'「」『』\s]/g

// A quoted phrase names the approach when a model word follows it closely ("“168”治理模式",
// "“五位一体”小区治理模式", "构建“三驾”马车", "“…”老旧小区治理新路子"), up to ten characters on
// but not across punctuation. 治理 alone is too common ("…在推进小区治理中") unless it follows at once.
const MODEL_WORDS = ['模式', '工作法', '体系', '机制', '模型', '路子', '新路', '路径', '品牌', '马车', '经验', '做法', '理念']

interface Cue {
  id: string
  /** Which text the pattern reads: the quoted name, the 14 characters after it, or the 6 before it. */
  side: 'inner' | 'after' | 'before'
  pattern: RegExp
  /** Shortest quoted name the cue accepts. */
  minLength?: number
  why: string
}

/** What makes a quoted phrase the name of a governance approach. Any one cue is enough. */
export const MODEL_CUES: Cue[] = [
  {
    id: 'model-word-after',
    side: 'after',
    pattern: new RegExp(`^(?:[\\u4e00-\\u9fff]{0,10}?(?:${MODEL_WORDS.join('|')})|(?:小区|社区|基层)?治理)`),
    why: 'the name of a model, method, mechanism or system the report describes',
  },
  {
    id: 'carrier-after',
    side: 'after',
    pattern: /^为(?:抓手|载体|平台|依托|切入点|突破口|纽带|主线|牵引|支点|阵地|引擎|核心|引领)/,
    why: '以“积分超市”为抓手, 以小区“红色议事厅”为平台: the vehicle the work is built on',
  },
  {
    id: 'activity-after',
    side: 'after',
    pattern: /^(?:活动|行动|工程|建设|改革|平台|[\u4e00-\u9fff]{0,2}制度|服务队|工作室|议事厅|议事会)/,
    why: '发起“周末卫生日”活动, 推行“红色业委会”建设, 深化“吹哨报到”改革, 推行“小区议事会”制度: a named, standing programme. 制度 only right after the quote ("“红色网格”管理制度"): further on it is another rule ("建立“两委”班子联系楼栋制度")',
  },
  {
    id: 'launch-verb-before',
    side: 'before',
    pattern: /(?:推行|推广|探索|创建|引入|引进|实施|实行|开展|发起|首创|推出|建立|构建|启动|试行|深化|擦亮|创新|升级|依托)了?$/,
    // "建立“两委”班子联系制度": two characters after a verb are an abbreviation of a body.
    minLength: 3,
    why: '推行“三长制”, 引入“红色物业”: a practice the community started or brought in. 打造/建成 build things and 组建/成立/设立 set up teams and posts ("组建“楼道清洁队”"), so they are left out',
  },
  {
    id: 'model-word-inside',
    side: 'inner',
    pattern: /(?:模式|工作法|机制|体系|制度|[\u4e00-\u9fff]{2,}制|[\u4e00-\u9fff]+(?:协商|议事|调解|治理|管理|服务|工作|[一二三四五六七八九十]步)法)$/,
    why: '“五联工作法”, “三长制”, “四步协商法”: the model word is part of the quoted name (a bare 法 would take laws: “物权法”)',
  },
]

// Shaped like the name of a body, place or standing event ("院坝会", "红色议事厅", "积分超市",
// "周末卫生日", "红色物业"): such a name counts without a cue only when the headline quotes it,
// or the report quotes it twice ("中庭的“邻里议事亭”里" once is a place in the story). A bare
// “管家” is a role, not a name, hence three characters at least.
const NAME_SHAPED = /^[\u4e00-\u9fff]{3,}$/
const NAME_END = /(?:[\u4e00-\u9fff]{2,}会|议事[厅堂亭廊]|工作室|超市|银行|驿站|联盟|管家|物业|[\u4e00-\u9fff]{3,}日)$/

interface Candidate {
  key: string
  value: string
  start: number
  end: number
  score: number
  cued: boolean
  mentions: number
  inTitle: boolean
}

const keyOf = (simpText: string) => simpText.replace(QUOTE_MARKS, '').toLowerCase()

function cued(doc: Doc, inner: string, open: number, close: number): boolean {
  const text = {
    inner,
    after: doc.simp.slice(close, close + 14),
    before: doc.simp.slice(Math.max(0, open - 6), open),
  }
  return MODEL_CUES.some((c) => inner.length >= (c.minLength ?? 1) && c.pattern.test(text[c.side]))
}

/**
 * "吹哨报到" is short for "街乡吹哨、部门报到": a piece of each of two list parts or more, in order.
 * The full form takes the short one's weight and cue, so the name is reported as the report
 * first gives it.
 */
function mergeAbbreviations(all: Candidate[]): void {
  const lists = all.filter((c) => c.key.includes('、'))
  if (lists.length === 0) return
  for (const c of all) {
    if (c.key.includes('、') || c.key.length < 4) continue
    const full = lists.filter((l) => abbreviates(c.key, l.key.split('、'), 0, 0)).sort((x, y) => y.score - x.score)[0]
    if (!full) continue
    full.score += c.score
    full.mentions += c.mentions
    full.cued ||= c.cued
    full.inTitle ||= c.inTitle
    c.score = 0
  }
}

/** Whether short[from..] is made of a non-empty piece of each of two parts or more from parts[part..], in order. */
function abbreviates(short: string, parts: string[], part: number, from: number, used = 0): boolean {
  if (from === short.length) return used >= 2
  for (let k = part; k < parts.length; k++) {
    const p = parts[k]
    for (let len = Math.min(p.length, short.length - from); len >= 1; len--) {
      if (p.includes(short.slice(from, from + len)) && abbreviates(short, parts, k + 1, from + len, used + 1)) return true
    }
  }
  return false
}

/**
 * Quoted names of the approach, most salient first: each quoted mention weighs by where it stands
 * (headline 5, lead 3, body 1) and a cued mention one more, so the name the headline and lead
 * carry ranks above one mentioned in passing ("三方联席" in a report about "红色业委会").
 */
export function extractModels(doc: Doc, max: number): { models: string[]; evidence: Record<string, Evidence> } {
  const byKey = new Map<string, Candidate>()
  QUOTED.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = QUOTED.exec(doc.simp))) {
    const inner = m[1] ?? m[2] ?? m[3] ?? m[4]
    const list = LIST_NAME.test(inner)
    const close = m.index + m[0].length
    const counted = COUNTED_HEADING.test(inner) && !EXPLICIT_CUE_AFTER.test(doc.simp.slice(close, close + 9))
    // "“政府补一点、企业让一点、居民出一点”的办法" is how the money was raised (funding mix), not an approach.
    if ((NOT_A_NAME.test(inner) && !list) || APP_NAME.test(inner) || counted || namesPayerShare(inner)) continue
    if (CHANNEL_AFTER.test(doc.simp.slice(close, close + 5))) continue
    const key = keyOf(inner)
    if (!key) continue
    const start = m.index + 1
    const end = start + inner.length
    const cue = cued(doc, inner, m.index, close)
    const s = salience(doc, start)
    const w = s + (cue ? 1 : 0)
    const c = byKey.get(key)
    if (c) {
      c.score += w
      c.mentions++
      c.inTitle ||= s === 5
      if (cue && !c.cued) Object.assign(c, { start, end, value: doc.body.slice(start, end), cued: true })
    } else {
      byKey.set(key, { key, value: doc.body.slice(start, end), start, end, score: w, cued: cue, mentions: 1, inTitle: s === 5 })
    }
  }
  mergeAbbreviations([...byKey.values()])
  const list = [...byKey.values()].filter(
    (c) => c.score > 0 && (c.cued || (!c.key.includes('、') && NAME_SHAPED.test(c.key) && NAME_END.test(c.key) && (c.inTitle || c.mentions >= 2))),
  )
  // "红缎带168" and "168" are one name: the more salient spelling keeps both weights.
  list.sort((a, b) => b.score - a.score || a.start - b.start)
  const kept: Candidate[] = []
  for (const c of list) {
    const same = kept.find((k) => k.key.includes(c.key) || c.key.includes(k.key))
    if (same) same.score += c.score
    else kept.push(c)
  }
  kept.sort((a, b) => b.score - a.score || a.start - b.start)
  const models = kept.slice(0, max)
  const evidence: Record<string, Evidence> = {}
  models.forEach((c, i) => (evidence[`models.${i}`] = quoteSentence(doc, c.start, c.end)))
  return { models: models.map((c) => c.value), evidence }
}
