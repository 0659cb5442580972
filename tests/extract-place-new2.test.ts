import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'

// From the first look at pool-new-2: a development zone named after a city or district and its
// kind ("某某经济技术开发区") was cut inside its kind words or lost to the district it is named
// after. Sentences written for these tests.
const place = (body: string) => extract({ body, title: null, script: 'simplified' }).place

describe('place: a development zone named after a division', () => {
  it('keeps the whole name, the place it is named after included', () => {
    expect(place('长沙经济技术开发区星沙街道组织了一场邻里集市。').district).toBe('长沙经济技术开发区')
    expect(place('昆明高新技术产业开发区的两个社区联合开展义诊。').district).toBe('昆明高新技术产业开发区')
  })

  it('is the district where it is named before the district it comes from', () => {
    const p = place('活动由江宁经济技术开发区党工委牵头。江宁区民政局派员参加了评审。')
    expect(p.district).toBe('江宁经济技术开发区')
  })

  it('leaves the district where the district is named first, and a zone named by its kind alone', () => {
    expect(place('江宁区民政局派员参加评审。活动由江宁经济技术开发区党工委牵头。').district).toBe('江宁区')
    expect(place('我市经济开发区今年新建了一座公园。').district).toBeNull()
  })
})
