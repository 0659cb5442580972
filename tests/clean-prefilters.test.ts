/**
 * The cheap checks clean runs before a costly one must never change a decision: an inline rule's
 * `needs` (a line holding none of them is not tried) and `holdsCue` (sprinkled spam's question,
 * "does this line hold a spam cue word?", without counting every group).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cutInline } from '../ingest/clean/inline.js'
import { CUE_GROUPS, cueCounts, holdsCue } from '../ingest/clean/model/cues.js'
import { INLINE_RULES } from '../ingest/clean/rules/inline.js'

describe('given inline rules that name what a paragraph must hold for them to cut', () => {
  const withNeeds = INLINE_RULES.filter((r) => r.needs)
  // Pieces of lines these rules are about: their needed strings, the marks and gaps around them,
  // ASCII debris and plain text.
  const needed = [...new Set(withNeeds.flatMap((r) => r.needs!))]
  const piece = fc.constantFrom(...needed, '。', '！', '？', '”', '）', '，', '、', ' ', '  ', '\u3000', '(', ')', '（', '）', '|', '｜', '?', '!', '.', '..', '…', 'a1', '/ y&', '记者', '张三', '编辑：', '社区议事会', '摄', '供图', '查看', '返回', '云江网', '123')
  it('finds one of them in every paragraph a rule cuts from', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const text = parts.join('')
        for (const rule of withNeeds) {
          rule.pattern.lastIndex = 0
          if (rule.pattern.test(text)) expect(rule.needs!.some((w) => text.includes(w)), `${rule.id} ${rule.pattern} on ${JSON.stringify(text)}`).toBe(true)
        }
      }),
      { numRuns: 5000, seed: 15 },
    )
  })

  // One line of our own for each rule given a `needs` this round: the prefilter lets each through.
  const cuts: [string, string[], string][] = [
    ['line', ['社区开了议事会，增设了休息座椅??'], '??'],
    ['paragraph', ['居民们说这样更方便了 ...'], '...'],
    ['paragraph', ['居民们说这样更方便了 …'], '…'],
    ['line', ['议事会定下了三条规矩。 |'], '|'],
    ['paragraph', ['议事会定下了三条规矩。（张三 李四）'], '（张三 李四）'],
    ['paragraph', ['议事会定下了三条规矩。（编辑：王五）'], '（编辑：王五）'],
    ['paragraph', ['议事会定下了三条规矩。返回云江网，查看更多'], '返回云江网，查看更多'],
  ]
  for (const [where, lines, cut] of cuts) {
    it(`still cuts "${cut}"`, () => {
      expect(cutInline(lines, where as 'line' | 'paragraph').removed.map((r) => r.text)).toEqual([cut])
    })
  }
  it('still cuts a view count after a headline that asks', () => {
    expect(cutInline(['老楼装电梯，钱由谁来出？313'], 'lead', 1).removed.map((r) => r.text)).toEqual(['313'])
  })
})

describe('given lines with cue words of several groups', () => {
  const words = CUE_GROUPS.flatMap((g) => g.words)
  const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom('社', '的', '，', ' ', 'A', '下', '载', '大', '全', '视', '频'))
  it('holdsCue answers what cueCounts counts, group by group', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
        const line = parts.join('')
        const counts = cueCounts(line)
        CUE_GROUPS.forEach((_, g) => expect(holdsCue(line, g)).toBe(counts[g] > 0))
      }),
      { numRuns: 3000, seed: 15 },
    )
  })
})
