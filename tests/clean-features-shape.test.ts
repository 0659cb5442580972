import { describe, expect, it } from 'vitest'
import { classify } from '../ingest/clean/engine.js'
import { FEATURES, lineFeatures } from '../ingest/clean/model/features.js'

const at = (name: string) => FEATURES.indexOf(name)

describe('line features, as the workers compute them', () => {
  it('gives every classified line the same properties, an edge rule or not', () => {
    // A source line and a photo credit are taken by edge rules, the credit also by an 'any' rule.
    const lines = classify(['街道召开议事会', '', '来源：某某区融媒体中心', '居民代表围绕加装电梯的费用分摊展开讨论，最后形成了三条共识。', '本报记者 李某 摄'])
    expect(lines[4].anyRule?.id).toBe('image-credit')
    expect(lines[2].anyRule).toBeUndefined()
    const shapes = new Set(lines.map((l) => Object.keys(l).join(',')))
    expect(shapes.size).toBe(1)
    expect([...shapes][0]).toBe('index,text,kind,rule,anyRule')
  })

  it('reads a list of short terms as a term list, and not when an item is long, the items few or a clause is there', () => {
    const termList = (text: string) => lineFeatures(classify([text]))[0]![at('re.termList')]
    expect(termList('关键词：加装电梯；议事协商；楼道自治')).toBe(1)
    expect(termList('物业服务  业主委员会  红色网格')).toBe(1)
    expect(termList('关键词：加装电梯；议事协商')).toBe(0)
    expect(termList('关键词：加装电梯；一个远远超过十四个字的很长很长的条目；楼道自治')).toBe(0)
    expect(termList('加装电梯；议事协商，楼道自治；红色网格')).toBe(0)
  })

  it('places a lone line first and last, above no body, and leaves blank and unwanted lines without a vector', () => {
    const one = lineFeatures(classify(['', '社区动态', '']))
    expect(one[0]).toBeNull()
    expect(one[2]).toBeNull()
    const v = one[1]!
    expect(v).toHaveLength(FEATURES.length)
    expect([v[at('pos.first')], v[at('pos.last')], v[at('pos.aboveBody')], v[at('pos.belowBody')]]).toEqual([1, 1, 1, 0])
    expect(lineFeatures(classify([]))).toEqual([])
    const some = lineFeatures(classify(['社区动态', '第二行文字']), (l) => l.index === 1)
    expect(some[0]).toBeNull()
    expect(some[1]).not.toBeNull()
  })
})
