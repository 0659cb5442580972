import type { Evidence } from '../schema.js'
import { type Doc, quoteSentence, salience } from './document.js'

// A quoted phrase names the approach when one of these words follows it closely
// ("“168”治理模式", "“五位一体”小区治理模式", "构建“三驾”马车", "“…”老旧小区治理新路子").
const MODEL_WORDS = ['模式', '工作法', '体系', '机制', '模型', '路子', '新路', '路径', '品牌', '马车', '经验', '做法', '理念']
const QUOTED = /“([^“”\n]{1,24})”|"([^"\n]{1,24})"|「([^「」\n]{1,24})」|『([^『』\n]{1,24})』/g
// Up to ten characters (a "的" or "小区治理新" in between is fine) but not across punctuation.
// 治理 alone is too common ("…在推进小区治理中") unless it follows at once ("“168”治理", "“…”小区治理").
const FOLLOWED_BY_MODEL_WORD = new RegExp(`^(?:[\\u4e00-\\u9fff]{0,10}?(?:${MODEL_WORDS.join('|')})|(?:小区|社区|基层)?治理)`)
// Sentences, lists and org chains ("社区党组织-小区党支部-楼道党小组") are quoted too but are not names.
const NOT_A_NAME = /[，。；！？,;!?：:、]|[\u4e00-\u9fff)）]\s*(?:—|-|－|→|―|–|─)\s*[\u4e00-\u9fff]/
const QUOTE_MARKS = /[“”‘’"'「」『』\s]/g

interface Candidate {
  key: string
  value: string
  start: number
  end: number
  score: number
  nearWord: boolean
}

const keyOf = (simpText: string) => simpText.replace(QUOTE_MARKS, '').toLowerCase()

export function extractModels(doc: Doc, max: number): { models: string[]; evidence: Record<string, Evidence> } {
  const byKey = new Map<string, Candidate>()
  QUOTED.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = QUOTED.exec(doc.simp))) {
    const inner = m[1] ?? m[2] ?? m[3] ?? m[4]
    if (NOT_A_NAME.test(inner)) continue
    const key = keyOf(inner)
    if (!key) continue
    const start = m.index + 1
    const end = start + inner.length
    const near = FOLLOWED_BY_MODEL_WORD.test(doc.simp.slice(m.index + m[0].length, m.index + m[0].length + 14))
    // Near a model word a quote counts fully; elsewhere it only adds weight to a name already
    // known as a model (a report repeats its "紅‘棟’力" in many sentences).
    const w = near ? salience(doc, start) + 1 : 0.5
    const c = byKey.get(key)
    if (c) {
      c.score += w
      if (near && !c.nearWord) Object.assign(c, { start, end, value: doc.body.slice(start, end), nearWord: true })
    } else {
      byKey.set(key, { key, value: doc.body.slice(start, end), start, end, score: w, nearWord: near })
    }
  }
  const list = [...byKey.values()].filter((c) => c.nearWord)
  // "红缎带168" and "168" are one name: the more salient spelling keeps both weights.
  list.sort((a, b) => b.score - a.score || a.start - b.start)
  const kept: Candidate[] = []
  for (const c of list) {
    const same = kept.find((k) => k.key.includes(c.key) || c.key.includes(k.key))
    if (same) same.score += c.score
    else kept.push(c)
  }
  const models = kept.slice(0, max)
  const evidence: Record<string, Evidence> = {}
  models.forEach((c, i) => (evidence[`models.${i}`] = quoteSentence(doc, c.start, c.end)))
  return { models: models.map((c) => c.value), evidence }
}
