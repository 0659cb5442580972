import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'
import type { Script } from '../ingest/schema.js'

// Rule classes added after the third holdout run, in wording written for these tests. Each class
// is checked from both sides: what it must find and what it must leave alone.
const run = (body: string, script: Script = 'simplified', title: string | null = null) => extract({ body, title, script })
const titled = (title: string, rest: string, script: Script = 'simplified') => run(`${title}\n\n${rest}`, script, title)
const counts = (body: string, script: Script = 'simplified') => run(body, script).outcomes.map((o) => [o.value, o.unit])

describe('outcomes: meetings held, visits made, bodies set up', () => {
  it('counts a quoted meeting name after 召开/举办', () => {
    expect(counts('一年来，楼栋党小组先后召开“板凳会”14次，邀请住户一起商量。')).toEqual([[14, '次']])
    expect(counts('街道牵头举办「鄰里議事日」9場，居民踴躍參加。', 'traditional')).toEqual([[9, '場']])
  })

  it('counts household visits in 户次', () => {
    const out = run('今年以来，志愿者入户走访1800余户次，帮助独居老人解决困难。')
    expect(out.outcomes[0]).toMatchObject({ value: 1800, unit: '户次' })
  })

  it('counts bodies set up and partners brought in', () => {
    expect(counts('全县已成立小区党支部96个，引进专业物业服务企业11家。')).toEqual([[96, '个'], [11, '家']])
  })

  it('counts cleared vehicles and marked bays behind a quoted name', () => {
    expect(counts('社區拖走「殭屍車」9輛，新劃停車位40個。', 'traditional')).toEqual([[9, '輛'], [40, '個']])
  })

  it('counts a number placed before what was counted when a result verb follows', () => {
    const out = run('截至去年底，全市208个老旧小区实现物业服务全覆盖。')
    expect(out.outcomes[0]).toMatchObject({ value: 208, unit: '个', label: '老旧小区' })
  })

  it('leaves dates, phone numbers, ages and unverbed counts alone', () => {
    expect(counts('2023年3月，家住5号楼、今年72岁的王阿姨拨打了12345热线。小区有3个出入口。')).toEqual([])
  })
})

describe('outcomes: a headline figure told again', () => {
  it('keeps the body sentence and drops the headline copy', () => {
    const body = '居民满意度升至96%\n\n经过一年整治，小区居民对环境的满意度达到96%。'
    const out = run(body, 'simplified', '居民满意度升至96%')
    expect(out.outcomes).toHaveLength(1)
    expect(out.outcomes[0].quote).toContain('满意度达到96%')
    for (const o of out.outcomes) expect(body.slice(o.span[0], o.span[1])).toBe(o.quote)
  })
})

describe('place: estate names, yards and separators', () => {
  it('keeps a developer name ending in 方舟/府/湾 whole before 小区', () => {
    const out = run('在长宁街道星河社区绿城春风方舟小区，业委会每月开一次会。绿城春风方舟小区共有住户900户。')
    expect(out.place.compound).toBe('绿城春风方舟小区')
    const fu = run('走进华阳街道锦江府小区，居民正在议事。锦江府小区建于2015年。')
    expect(fu.place.compound).toBe('锦江府小区')
  })

  it('never takes the generic 物业小区 or a 老旧小区 phrase after a street as a compound', () => {
    const out = run('目前全市486个物业小区建立了党组织。东城街道着眼老旧小区集中的实际，推行“楼栋议事”。')
    expect(out.place.compound).toBeNull()
  })

  it('reads a 院落 and a 新村 as compounds', () => {
    expect(run('沙坪坝区渝碚路街道的电厂路院落建于1985年，电厂路院落共有居民210户。').place.compound).toBe('电厂路院落')
    expect(run('在虎丘街道白莲新村，小区党支部每月召开议事会。白莲新村建于1980年代。').place.compound).toBe('白莲新村')
  })

  it('drops the column separator 丨 from a community named in a headline', () => {
    const out = titled('老楼焕新颜丨春晖里社区的“加梯”故事', '春晖里社区有老楼32栋，春晖里社区党委牵头议事。')
    expect(out.place.community).toBe('春晖里社区')
  })
})

describe('funding: a yearly fund named after its amount', () => {
  it('reads "每年N万元的…经费" as government money, but leaves per-head rates alone', () => {
    const out = run('居委会统筹使用每年15万元的服务群众专项经费，更新楼道照明。')
    expect(out.funding.map((f) => [f.amountWan, f.source])).toEqual([[15, 'government']])
    expect(run('物业费每平方米每月1.2元，由业主缴纳。').funding).toEqual([])
  })
})
