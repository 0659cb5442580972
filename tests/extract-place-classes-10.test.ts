import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'
import { normalPlace } from '../ingest/extract/place-names.js'
import type { Script } from '../ingest/schema.js'

// Place classes from the pool's freshly labelled dev pages (round 10), each in invented wording and
// checked from both sides: what must now be read, and the look-alike that must not be.
const run = (body: string, script: Script = 'simplified', title: string | null = null) => extract({ body, title, script }).place

// The lead is the first paragraph of forty characters or more: names after it are outside the lead.
const LEAD_ZH = '志愿者们每天下午都去敬老院陪老人聊天，陪他们下棋、读报纸，已经坚持了整整三年时间。\n'
const LEAD_TW = '高齡化越來越明顯，很多舊公寓沒有電梯，住戶上下樓很辛苦，申請補助的案子卻一直不多，進度緩慢。\n'

describe('place: a city named before a place it withholds or counts', () => {
  it('reads the city before 某 or a count of places in it', () => {
    expect(run('深圳某小区的业主们上个月自发组织起来，轮流值守地下车库的消防通道。')).toMatchObject({ city: '深圳', province: '广东省' })
    expect(run('北京一些社区办起了老年餐桌，请志愿者帮厨，老人吃饭便宜了不少。')).toMatchObject({ city: '北京', province: '北京' })
  })

  it('still leaves a municipality named as a backdrop alone', () => {
    expect(run('北京、上海等地早就推行了垃圾分类，我们这里今年才开始。').city).toBeNull()
  })
})

describe('place: divisions anonymised by one or two capitals', () => {
  it('reads the placeholder XX and pinyin initials, a street office too', () => {
    expect(run('本文以 XX 区的三个安置小区为对象，分析了安置小区治理的难点。').district).toBe('XX 区')
    expect(run('笔者在LC街道办事处蹲点半年，记录了社区服务外包的全过程。').street).toBe('LC街道')
  })

  it('does not read three capitals: an acronym, or a form left blank', () => {
    expect(run('附表：XXX县城市社区联系方式一览表，请各单位按表填写后上报。').district).toBeNull()
    expect(run('我们调研了PPP区的运营情况，也走访了周边的居民。').district).toBeNull()
  })
})

describe('place: Taiwan press forms of a city, and a ward chief sharing the 里', () => {
  it('reads 北市 before a district of Taipei, outside the lead too, and the ward after the district', () => {
    const place = run(`${LEAD_TW}北市大安區和平里長表示，今年里內有兩棟公寓完成了電梯加裝。`, 'traditional')
    expect(place).toMatchObject({ city: '北市', district: '大安區', community: '和平里' })
    expect(normalPlace('city', '北市')).toBe('台北市')
  })

  it('keeps the full names whose tail is a press form', () => {
    expect(run('台北市中正區的老舊公寓今年也開始申請增設電梯補助。', 'traditional').city).toBe('台北市')
    expect(run('新北市中和區的老舊公寓今年也開始申請增設電梯補助。', 'traditional').city).toBe('新北市')
  })

  it('does not take 里 before 長 for a ward away from a district', () => {
    expect(run('這裡長期缺少停車位，居民意見很大。', 'traditional').community).toBeNull()
  })
})

describe('place: a short city with its district after it, anywhere in the text', () => {
  it('reads the chain outside the lead', () => {
    expect(run(`${LEAD_ZH}杭州西湖的这支队伍后来还成立了党支部。`)).toMatchObject({ city: '杭州', district: '西湖' })
  })

  it('does not read a district whose name an airport carries', () => {
    expect(run('今年春天，广州白云机场又开通了一条飞往欧洲的货运航线，出口企业多了一条通道。').district).toBeNull()
    expect(run('广州白云区的网格员每天巡查两次。').district).toBe('白云区')
  })
})

describe('place: names the old code cut or missed', () => {
  it('reads a building named by its road and house number, the road named after a place', () => {
    expect(run('楼道灯坏了好几个月，一直没人来修，住户只好摸黑上下楼，很不方便。\n后来，海棠湾道18号大厦的业主们凑钱换了灯。').compound).toBe('海棠湾道18号大厦')
    expect(run('公司总部设在国贸大厦，员工大多住在附近。').compound).toBeNull()
  })

  it('reads a prefecture by its older name with 地区', () => {
    expect(run('1985年，广西百色地区田阳、田东两县的村民自发成立了议事会，商量修路架桥的事情。')).toMatchObject({ province: '广西', city: '百色' })
    expect(run('全国地区差距仍然较大，需要统筹推进。').city).toBeNull()
  })

  it('counts a headline zone written straight before the community the body names', () => {
    const body = '3月2日，青禾社区在小广场举办了第一届邻里节，居民们带着自家做的菜来参加，气氛热烈。'
    const named = '黄陂经济开发区青禾社区举办邻里节'
    expect(run(`${named}\n${body}`, 'simplified', named)).toMatchObject({ district: '黄陂经济开发区', community: '青禾社区' })
    // The zone alone in the headline, the body naming nothing after it: a headline-only name.
    const alone = '黄陂经济开发区举办邻里节'
    expect(run(`${alone}\n${body.replace('青禾社区', '社区')}`, 'simplified', alone).district).toBeNull()
  })

  it('takes the first of communities listed before 等社区, straight after a division even as a common word', () => {
    expect(run('近期，柳河镇东方、红旗、胜利等社区先后办起了百家宴，居民各做一道菜，一起品尝。').community).toBe('东方')
    expect(run('东方、红旗、胜利等社区先后办起了百家宴，居民各做一道菜，一起品尝。').community).toBeNull()
  })
})

describe('place: phrases that are not names', () => {
  it('does not read a negated verb before 社区 as a community', () => {
    expect(run('这样一来，老人离家不离社区，照样能参加社区的活动。').community).toBeNull()
    expect(run('和平街道红星社区的老人食堂开张了，老人离家不离社区。').community).toBe('红星社区')
  })

  it('does not read old flats counted by 很多 as an estate', () => {
    expect(run('高龄化越来越明显，很多旧公寓没有电梯，住户上下楼很辛苦。').compound).toBeNull()
  })
})
