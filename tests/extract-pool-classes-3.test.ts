import { describe, expect, it } from 'vitest'
import { findCounts } from '../ingest/extract/counts.js'
import { makeDoc } from '../ingest/extract/document.js'
import { extract } from '../ingest/extract/index.js'
import { featuresOf } from '../ingest/extract/outcome-model.js'

// Failure classes found on the pool's development pages (issue 8, round 6), in wording written for
// these tests (invented estates, people and numbers), each checked from both sides.
const run = (body: string, script: 'simplified' | 'traditional' = 'simplified') => extract({ body, title: null, script })
const values = (body: string) => run(body).outcomes.map((o) => o.value)
const overruled = (body: string) => {
  const doc = makeDoc(body, null, 'simplified', 200)
  return findCounts(doc).map((k) => featuresOf(doc, k) === null)
}

describe('place: Hong Kong and Macao districts written without 区', () => {
  it('reads a bare district where the text names the region, by its name or by one of its areas', () => {
    expect(run('香港的旧楼维修一直是难题。观塘一座五十年楼龄的大厦，业主上月自发组成了维修小组。').place).toMatchObject({ city: '香港', district: '观塘' })
    expect(run('走遍港九新界，我們在荃灣找到一群自發清潔後巷的街坊。', 'traditional').place.district).toBe('荃灣')
    expect(run('澳门的街坊会在望德堂设了一个长者饭堂。').place.district).toBe('望德堂')
  })

  it('reads the region\'s district even where a mainland county shares its stem (大埔)', () => {
    expect(run('香港大埔一条屋邨的居民组成了互助队。').place).toMatchObject({ city: '香港', district: '大埔' })
  })

  it('leaves a bare stem alone where the region is not named, or only inside another division\'s name', () => {
    expect(run('观塘一座五十年楼龄的大厦，业主上月自发组成了维修小组。').place.district).toBeNull()
    expect(run('重庆市九龙坡区的居民到荃湾考察了一次。').place.district).toBe('九龙坡区')
  })
})

describe('place: an estate named after a visit or a home, in a long unbroken run', () => {
  it('takes the name after the visit even where the run before it fills the window', () => {
    expect(run('上午，垃圾分类督导员老周到了锦绣花苑，开始一天的巡检。').place.compound).toBe('锦绣花苑')
    expect(run('刚退休的社区老党员赵阿姨家住翠湖花苑，每天都去巡楼。').place.compound).toBe('翠湖花苑')
  })

  it('still leaves a long run without such a cut alone', () => {
    expect(run('上午，垃圾分类督导员老周前往锦绣花苑，开始一天的巡检。').place.compound).toBeNull()
  })
})

describe('place: a street\'s own name written straight after its district, without 街道', () => {
  it('reads it as that district\'s street', () => {
    expect(run('近日，武昌区积玉桥物业服务中心组织党员开展义务维修。').place).toMatchObject({ district: '武昌区', street: '积玉桥' })
    expect(run('姑苏区金阊新城的一处老小区完成了消防通道整治。').place.street).toBe('金阊')
  })

  it('leaves a road or an old town named after the street, a street of another district, and a street also written in full alone', () => {
    expect(run('近日，姑苏区金阊路一处店铺完成了招牌整治。').place.street).toBeNull()
    expect(run('丰台区宛平城西门外的广场上热闹非凡。').place.street).toBeNull()
    expect(run('近日，天河区积玉桥物业服务中心组织党员开展义务维修。').place.street).toBeNull()
  })
})

describe('outcomes: a page that speaks of itself as a paper, essay or study', () => {
  it('keeps no figure of an essay that announces what it will do, or of a study by a research team', () => {
    const essay = '引言\n积分制正在各地推广。例如，某社区通过积分兑换将活动参与率从20%提升至70%。本文将从三个方面分析其机制。'
    expect(values(essay)).toEqual([])
    expect(overruled(essay).every(Boolean)).toBe(true)
    expect(values('课题组走访了12个街道，发放问卷3500份，梳理出四类问题。')).toEqual([])
    expect(values('笔者建议，居民参与巡逻满3小时可兑换积分，试点社区的参与率已提升至60%。')).toEqual([])
    expect(values('摘要：本研究考察村委会的定位。\n关键词：村民自治\n调查中已回收问卷800份。')).toEqual([])
  })

  it('keeps the figures of a report with a summary field, a repost notice or a reporter writing 笔者', () => {
    expect(values('摘要：桂园社区服务中心扩建完工。\n今年以来，桂园社区已新建口袋公园3个。')).toEqual([3])
    expect(values('本文来源于区融媒体中心。今年以来，桂园社区已新建口袋公园3个。')).toEqual([3])
    expect(values('笔者了解到，今年以来，桂园社区已新建口袋公园3个。')).toEqual([3])
  })
})
