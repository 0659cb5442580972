/**
 * Needs (ingest/text/needs.json): how an official's words about a situation are understood, and
 * what a query understood that way asks the index for. Phrasings are invented for the tests.
 */
import { describe, expect, it } from 'vitest'
import { needs, understand } from '../ingest/text/needs.js'
import { normalizeForSearch } from '../ingest/text/script.js'
import { loadVocabulary } from '../ingest/extract/vocabulary.js'
import needsData from '../ingest/text/needs.json'
import { prepareQuery } from '../ingest/search/query.js'

const ids = (text: string) => understand(normalizeForSearch(text)).map((u) => u.need.id)

describe('the needs data', () => {
  it('has one row per need, each with an English label, a reason and ways to say and find it', () => {
    const rows = needsData as { id: string; en: string; why: string; says: string[]; terms: string[]; remedies: string[]; tags?: string[] }[]
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
    for (const r of rows) {
      expect(r.en, r.id).toMatch(/^[A-Za-z]/)
      expect(r.why.length, r.id).toBeGreaterThan(20)
      expect(r.says.length, r.id).toBeGreaterThan(0)
      expect(r.terms.length, r.id).toBeGreaterThan(0)
      expect(Array.isArray(r.remedies), r.id).toBe(true)
    }
  })

  it('labels a vocabulary problem in English as the vocabulary does', () => {
    const problems = new Map(loadVocabulary().problems.map((p) => [p.id, p.en]))
    for (const r of needsData as { id: string; en: string }[]) if (problems.has(r.id)) expect(r.en, r.id).toBe(problems.get(r.id))
  })

  it('names only vocabulary problems as tags, and every vocabulary problem is a need', () => {
    const problems = new Set(loadVocabulary().problems.map((p) => p.id))
    for (const n of needs()) for (const t of n.tags) expect(problems.has(t.id), `${n.id} → ${t.kind}:${t.id}`).toBe(true)
    const all = new Set(needs().map((n) => n.id))
    for (const p of problems) expect(all.has(p), p).toBe(true)
  })
})

describe('understanding an official’s words', () => {
  it.each([
    ['我们小区没人管', ['无物业']],
    ['电梯三天两头坏', ['设施老化']],
    ['业主和物业吵起来了', ['物业纠纷']],
    ['老人孩子没地方去', ['老龄化', '活动场地缺乏']],
    ['居民凑钱修车棚', ['居民自筹']],
    ['想给大家办点事，可是没有钱', ['资金不足']],
  ])('%s → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected)
  })

  it.each([
    ['合同到期以后，没有一家公司愿意接', ['无物业']],
    ['就三栋楼，居民能不能自己管起来', ['居民自管']],
    ['业委会任期满了，一直选不出新的', ['业委会', '换届难']],
    ['想在每栋楼找个人负责通知大家', ['楼栋联络']],
    ['帮残疾人家庭实现小愿望', ['困难群体']],
    ['村民有意见，想找个地方一起说说', ['村民议事']],
    ['居民习惯用手机app报修', ['数字治理']],
    ['村里卫生搞不好，大家都不愿意动', ['环境脏乱', '参与度低']],
  ])('%s → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected)
  })

  it('a fault nobody fixes is the fault, not a compound without a company', () => {
    expect(ids('雨水管堵了半年也没人管')).toEqual(['管线老化'])
    expect(ids('电梯坏了好几天没人管')).toEqual(['设施老化'])
    expect(ids('物业跑了，没人管')).toEqual(['无物业'])
  })

  it('a stairwell full of junk is both a mess and a fire hazard', () => {
    expect(ids('楼道堆满杂物').sort()).toEqual(['安全隐患', '环境脏乱'].sort())
  })

  it('reads traditional script as simplified', () => {
    expect(ids('樓道堆滿雜物').sort()).toEqual(ids('楼道堆满杂物').sort())
    expect(ids('社區沒人管')).toEqual(['无物业'])
  })

  it('lets the longer phrasing win: 没地方停车 is parking, not a lack of space to gather', () => {
    expect(ids('晚上没地方停车')).toEqual(['停车难'])
    expect(ids('电动车没地方充电')).toEqual(['充电难'])
  })

  it('does not join the halves of a phrasing across a clause', () => {
    expect(ids('电梯刚修好，停车位紧张')).toEqual(['停车难'])
    expect(ids('电梯用了二十年总停运')).toEqual(['设施老化'])
  })

  it('counts each need once, said by the first words that say it', () => {
    const found = understand(normalizeForSearch('没人管，物业跑了以后更没人管'))
    expect(found.map((u) => u.need.id)).toEqual(['无物业'])
    expect(found[0].said).toBe('没人管')
  })

  it('takes a vocabulary problem’s two-character form only as a whole query part', () => {
    expect(ids('纠纷')).toEqual(['邻里纠纷'])
    expect(ids('合同纠纷')).toEqual([])
  })

  it('understands English phrasings as whole words', () => {
    expect(ids('old buildings without lifts')).toEqual(['老旧小区', '加装电梯'])
    expect(ids('sleeping arrangements')).toEqual([])
  })
})

describe('a query understood as needs', () => {
  it('reports the needs, what said them, and searches their report terms', () => {
    const q = prepareQuery('小区没人管')
    expect(q.needs).toEqual([{ id: '无物业', en: 'no property management', said: '没人管' }])
    expect(q.expansions).toEqual(expect.arrayContaining(['无物业', '物业撤离']))
  })

  it('in the user’s own words: paraphrases count in full, include remedies and are embedded', () => {
    const q = prepareQuery('想给居民办点实事但是没有钱')
    expect(q.colloquial).toBe(true)
    expect(q.paraphrases.split(' ')).toEqual(expect.arrayContaining(['资金不足', '社区基金']))
    expect(q.embed).toContain('资金不足')
  })

  it('beside report words, needs are searched by their names only and not embedded', () => {
    const q = prepareQuery('无物业小区 引入物业')
    expect(q.colloquial).toBe(false)
    expect(q.paraphrases.split(' ')).toContain('物业撤离')
    expect(q.paraphrases.split(' ')).not.toContain('物管会')
    expect(q.embed).toBe('无物业小区 引入物业')
  })

  it('drops a need the user removed, searching the words as typed', () => {
    const q = prepareQuery('小区没人管', { without: ['无物业'] })
    expect(q.needs).toEqual([])
    expect(q.expansions).toEqual([])
    expect(q.fulltext).toBe('小区没人管')
  })

  it('a need said in English is asked by its commonest term when the glossary maps nothing', () => {
    const q = prepareQuery('neighbours quarrel')
    expect(q.needs.map((n) => n.id)).toEqual(['邻里纠纷'])
    expect(q.fulltext.split(' ')).toContain('邻里纠纷')
    expect(q.translated).toBe(true)
  })
})
