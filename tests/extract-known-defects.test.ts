import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'
import type { Script } from '../ingest/schema.js'

// Four defects found in review, each checked from both sides in wording written for these tests.
const run = (body: string, script: Script = 'simplified', title: string | null = null) => extract({ body, title, script })

describe('place: a name written straight after a division keeps a first stop character', () => {
  it('keeps 向 of 向阳里社区 after its street, in headline and later mentions too', () => {
    const title = '向阳里社区：楼栋议事会让老小区换新貌'
    const body = `${title}\n\n近年来，武汉市江岸区四唯街道向阳里社区推行楼栋议事会。向阳里社区共有居民1200户。`
    const out = run(body, 'simplified', title)
    expect(out.place.community).toBe('向阳里社区')
    const ev = out.evidence['place.community']
    expect(body.slice(ev.span[0], ev.span[1])).toBe(ev.quote)
    expect(ev.quote).toContain('向阳里社区')
  })

  it('keeps 和 of 和平社区 after a district in traditional script', () => {
    const out = run('去年起，成都市錦江區和平社區組建居民自治小組，和平社區的老舊小區全部完成改造。', 'traditional')
    expect(out.place.community).toBe('和平社區')
  })

  it('still cuts a preposition after ordinary text or opening a clause after a division', () => {
    expect(run('志愿者每周在三里亭社区开展义诊，三里亭社区居民踊跃参加。').place.community).toBe('三里亭社区')
    expect(run('今年，江岸区在三里亭社区试点楼栋长制，三里亭社区的经验随后推开。').place.community).toBe('三里亭社区')
  })
})

describe('models: a counted name with a method word after it', () => {
  it('takes “五个一”工作法 and 「三個一」工作機制', () => {
    expect(run('社区推行“五个一”工作法，每月走访独居老人一次。').models).toEqual(['五个一'])
    expect(run('街道推廣「三個一」工作機制，居民訴求當天有回應。', 'traditional').models).toEqual(['三個一'])
  })

  it('leaves a count of items without a method word alone', () => {
    expect(run('社区建立“三张清单”，明确每名网格员的责任。').models).toEqual([])
  })
})

describe('models: a funding mix is not a name', () => {
  it('skips “政府补一点、企业让一点、居民出一点” even before a cue word', () => {
    const out = run('小区按照“政府补一点、企业让一点、居民出一点”的模式筹集改造资金36万元，加装电梯4部。')
    expect(out.models).toEqual([])
    expect(out.fundingMix[0]?.sources).toEqual(expect.arrayContaining(['government', 'enterprise', 'resident']))
  })

  it('skips the traditional form too, and keeps a real name beside it', () => {
    const out = run('社區推行「紅色管家」模式，改造資金按「政府補一點、居民出一點」籌集。', 'traditional')
    expect(out.models).toEqual(['紅色管家'])
  })
})

describe('org tiers: a tier count with 联动', () => {
  it('reads 四级联动 and 三級聯動 when no chain gives a count', () => {
    expect(run('街道建立区、街道、社区、网格四级联动，群众诉求快速处置。').orgTierCount).toBe(4)
    expect(run('形成市區街三級聯動的工作格局，矛盾就地化解。', 'traditional').orgTierCount).toBe(3)
  })

  it('reads 五级 before a network word a few characters on', () => {
    expect(run('全县构建五级网格化服务网络，覆盖所有小区。').orgTierCount).toBe(5)
  })

  it('ignores 级 that is not about tiers', () => {
    expect(run('小区举办运动会，设三级跳远和拔河比赛。').orgTierCount).toBeNull()
  })
})

describe('outcomes: a result verb right before the count', () => {
  it('labels the count by the thing counted after the unit, not by the words before the verb', () => {
    const out = run('业委会成立后破获2起偷盗电动车案件，小区治安明显好转。')
    const found = out.outcomes.find((o) => o.value === 2)
    expect(found?.label).toBe('偷盗电动车案件')
  })

  it('still reads a noun-like verb at the end of the run as part of the counted thing', () => {
    const out = run('一年来，社区共开展志愿服务36次，惠及居民千余人。')
    const found = out.outcomes.find((o) => o.value === 36)
    expect(found?.label).toContain('志愿服务')
  })
})
