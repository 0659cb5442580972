import { describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { classify } from '../ingest/clean/engine.js'
import { nameShare } from '../ingest/clean/model/features.js'
import { applyJudgements, type Judgement } from '../ingest/clean/model/judge.js'
import { emptyTally, sourceOf, tallyPage } from '../ingest/clean/model/groups.js'
import { prepareLines } from '../ingest/clean/prepare.js'
import { cutSprinkled } from '../ingest/clean/sprinkled.js'
import { norm, reasonOf } from './clean-helpers.js'

// What cross-validation by source found the classifier missing on pages of a set it had not
// trained on (issue 8, round 8), in invented text: author lines of names with a gap inside a
// name, a name with a role, a masthead with serial numbers above the headline, a paragraph with a
// reporter credit glued to its start, and a brand name pasted through a hijacked page.

const PARA = '去年以来，某市青禾街道在六个老旧小区试行楼道议事会，共收集居民意见420条，办结386条。'
const PARA2 = '议事会每月开一次，由楼栋长主持，物业和居委会列席，议定的事项在楼道公示栏张贴。'

describe('the share of a short line that is people\'s names', () => {
  it('is whole for an author line, spaced names and footnote marks included', () => {
    expect(nameShare('程青 韩 素 罗一舟')).toBe(1)
    expect(nameShare('陳大文, 吳小玲[2]')).toBe(1)
    expect(nameShare('许可1, 林立2*')).toBe(1)
  })
  it('is partial for a name and a role, and nothing for words or a sentence', () => {
    const mixed = nameShare('罗一舟 某某协会秘书长')
    expect(mixed).toBeGreaterThan(0)
    expect(mixed).toBeLessThan(0.5)
    expect(nameShare('社区，街道，物业')).toBe(0)
    expect(nameShare('王大妈笑着说。')).toBe(0)
    expect(nameShare(PARA)).toBe(0)
  })
})

describe('a headline under a newspaper masthead', () => {
  it('is the headline, not the masthead\'s serial-number line', () => {
    const r = clean(['国内统一刊号：CN12-3456 某某日报社出版', '', '上一篇  下一篇', '', '楼道议事会让小事不出楼', '', PARA, '', PARA2].join('\n'))
    expect(r.title).toBe('楼道议事会让小事不出楼')
  })
})

describe('a paragraph with a reporter credit glued to its start', () => {
  const line = '（通讯员 罗一舟）3月9日，青禾街道在六个老旧小区试行楼道议事会，居民提了42条意见。'
  const lines = classify(prepareLines(['楼道议事会让小事不出楼', '', line, '', PARA2].join('\n')).lines)
  const sure: Judgement = { cls: 'nav', p: 0.95, junk: 0.95, title: 0.01 }

  it('is not dropped whole when the classifier calls the line furniture: the credit is cut', () => {
    applyJudgements(lines, lines.map((l) => (l.index === 2 ? sure : null)))
    expect(lines[2].kind).toBe('body')
    const r = clean(['楼道议事会让小事不出楼', '', line, '', PARA2].join('\n'))
    expect(norm(r.body)).toContain(norm('3月9日，青禾街道在六个老旧小区试行楼道议事会'))
    expect(norm(r.body)).not.toContain(norm('通讯员'))
  })

  it('while a credit line alone still goes', () => {
    const alone = classify(prepareLines(['楼道议事会让小事不出楼', '', '（通讯员 罗一舟）', '', PARA2].join('\n')).lines)
    applyJudgements(alone, alone.map((l) => (l.index === 2 && l.kind !== 'junk' ? sure : null)))
    expect(alone[2].kind).toBe('junk')
  })
})

describe('a brand name pasted through a hijacked page', () => {
  const pasted = ['金沙娱乐楼道议事会让小事不出楼', '去年以来金沙娱乐，青禾街道在六个小区试行楼道议事会。', '议事会每月开一次，楼栋长主持金沙娱乐。', '居民提了42条意见金沙娱乐，办结38条。']

  it('is cut from every line, each cut with its reason, and the text around it stays', () => {
    const r = cutSprinkled(pasted)
    expect(r.lines).toEqual(['楼道议事会让小事不出楼', '去年以来，青禾街道在六个小区试行楼道议事会。', '议事会每月开一次，楼栋长主持。', '居民提了42条意见，办结38条。'])
    expect(r.removed).toHaveLength(4)
    expect(r.removed.every((x) => x.text === '金沙娱乐' && x.reason === 'sprinkled-spam')).toBe(true)
  })

  it('reaches clean\'s removed list', () => {
    const r = clean([...pasted, '', PARA].join('\n\n'))
    expect(reasonOf(r, '金沙娱乐')).toBe('sprinkled-spam')
    expect(r.body).not.toContain('金沙娱乐')
  })

  it('is told from a phrase a report repeats behind its clauses, or pastes fewer times', () => {
    const own = ['社区开展全民体育，居民参与。', '今年又办全民体育，人更多。', '明年还办全民体育。', '后年也办全民体育。']
    expect(cutSprinkled(own).removed).toEqual([])
    expect(cutSprinkled(pasted.slice(0, 3)).removed).toEqual([])
  })

  it('is told from the subject of an article, which also stands inside its sentences', () => {
    const about = ['短视频改变了社区宣传，', '短视频让居民看见议事会。', '楼长也拍起了短视频，', '社区说短视频的点击量不低。', '下一步还要用短视频。']
    expect(cutSprinkled(about).removed).toEqual([])
  })
})

describe('cross-validation by source', () => {
  it('names the source set of a labelled page, each of which is a fold of its own', () => {
    expect(['a001', 'b044', 'p007', 'p120', 'p170'].map(sourceOf)).toEqual(['pages-a', 'pages-b', 'pool 1-99', 'pool 101-149', 'pool 151-199'])
  })

  it('scores a cleaned page as the bench does: furniture gone, text kept, headline equal but for a column tag', () => {
    const t = emptyTally()
    tallyPage(t, { id: 'x', title: '楼道议事会', boilerplate: ['来源：某某日报', '扫码关注'], body_must_keep: ['共收集居民意见420条'] }, `【要闻】楼道议事会\n\n${PARA}\n\n扫码 关注`, '【要闻】楼道议事会')
    expect(t).toEqual({ boiler: [1, 2], keep: [1, 1], title: [1, 1] })
  })
})
