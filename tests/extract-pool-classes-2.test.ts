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
