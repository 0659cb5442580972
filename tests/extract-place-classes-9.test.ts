import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'
import { normalPlace } from '../ingest/extract/place-names.js'
import type { Script } from '../ingest/schema.js'

// Place classes found by the gazetteer sweep (bench/places.ts, round 9): each written in invented
// wording, checked from both sides — what must be read, and the look-alike that must not.
const run = (body: string, script: Script = 'simplified') => extract({ body, title: null, script }).place

describe('place: two places, the first named', () => {
  it('keeps the first chain when a later one is equally supported', () => {
    expect(run('木兰县柳河镇的做法，后来也被古城区开南街道学了去。')).toMatchObject({ district: '木兰县', street: '柳河镇' })
    expect(run('朝阳区三里屯街道的经验，被东辽县辽河源镇拿去用了。')).toMatchObject({ district: '朝阳区', street: '三里屯街道' })
  })

  it('does not let a town written with the first county vote for a second county that has one of that name', () => {
    // 新圩镇 is a town of 惠阳区 and of 蓝山县 too.
    expect(run('惠阳区新圩镇的做法，后来也被蓝山县浆洞瑶族乡学了去。').district).toBe('惠阳区')
  })

  it('reads a district shared by several cities from the street written after it', () => {
    expect(run('江苏省鼓楼区中央门街道把闲置的粮站改成了议事厅。')).toMatchObject({ city: '南京市', district: '鼓楼区' })
  })
})

describe('place: autonomous divisions by their short names', () => {
  it('reads 某某州 as the autonomous prefecture and 某某县 as the autonomous county', () => {
    expect(run('凉山州金阳县的驻村干部帮村民卖出了两万斤苦荞。')).toMatchObject({ province: '四川省', city: '凉山州', district: '金阳县' })
    expect(run('石柱县下路街道今年办起了老年食堂。')).toMatchObject({ province: '重庆市', district: '石柱县', street: '下路街道' })
    expect(run('这位老师来自凉山，讲了彝族年的习俗。').city).toBe('凉山')
  })

  it('does not take a county-level city named after its prefecture for the prefecture written short', () => {
    // 昌吉市 lies in 昌吉回族自治州: the prefecture is filled in, not read out of the city's name.
    const place = run('这个家属院在昌吉市建国路街道，楼龄四十多年。')
    expect(place).toMatchObject({ city: '昌吉回族自治州', district: '昌吉市', street: '建国路街道' })
    expect(place.inferred).toContain('city')
    expect(run('临夏市东区街道的网格员每天巡查两遍。')).toMatchObject({ city: '临夏回族自治州', district: '临夏市' })
  })

  it('spells them as the official names for grouping', () => {
    expect(normalPlace('city', '凉山州')).toBe('凉山彝族自治州')
    expect(normalPlace('district', '石柱县')).toBe('石柱土家族自治县')
  })
})

describe('place: a municipality or region by its short name before a district', () => {
  it('reads 北京 before a district shared with another city as Beijing', () => {
    // 通州区 is in Beijing and in Nantong.
    expect(run('北京通州区的志愿者每周去敬老院陪老人聊天。')).toMatchObject({ province: '北京', city: '北京', district: '通州区' })
  })

  it('does not read a municipality named only as a backdrop', () => {
    expect(run('北京、上海等地早就推行了垃圾分类，我们这里今年才开始。').province).toBeNull()
  })

  it('reads a Hong Kong district written with the region, not a mainland district spelt across them', () => {
    // "香港南区" spells 港南区, a district of 贵港市, across the seam.
    expect(run('香港南区的义工每周上门陪伴独居长者。')).toMatchObject({ city: '香港', district: '南区' })
    expect(run('香港中西区的义工每周上门陪伴独居长者。').district).toBe('中西区')
  })

  it('reads a Taiwan district named by a direction after its city', () => {
    expect(run('台中市南区的里长带着志工清理水沟。')).toMatchObject({ city: '台中市', district: '南区' })
  })
})

describe('place: a short city straight before one of its divisions', () => {
  it('reads the two of them, not a town or county spelt across the seam', () => {
    // "河南新乡" spells 南新乡 (a township elsewhere), "南阳镇平县" 南阳镇, "信阳新县" 阳新县.
    expect(run('来自河南新乡红旗区的社区干部到这里交流经验。')).toMatchObject({ city: '新乡', district: '红旗区' })
    expect(run('来自河南南阳镇平县的社区干部到这里交流经验。')).toMatchObject({ city: '南阳', district: '镇平县' })
    expect(run('来自河南信阳新县的社区干部到这里交流经验。')).toMatchObject({ city: '信阳', district: '新县' })
  })

  it('reads a district written without its suffix after its city, but not a road named after it', () => {
    expect(run('杭州西湖的志愿者每逢周末就到湖边捡垃圾。')).toMatchObject({ city: '杭州', district: '西湖' })
    expect(run('上海浦东的一个老小区装上了电梯。')).toMatchObject({ city: '上海', district: '浦东' })
    expect(run('他在南京江宁路开了一家早点铺子。').district).toBeNull()
  })

  it('reads a generic district name after the short city as after the full one', () => {
    expect(run('来自山西阳泉城区的社区干部到这里交流经验。')).toMatchObject({ city: '阳泉', district: '城区' })
  })
})

describe('place: names OpenCC spells differently', () => {
  it('reads a county whose official character the simplifier changes, only where the text writes it', () => {
    expect(run('去年夏天，一支来自乾县的志愿服务队在这里驻扎了两个月。')).toMatchObject({ province: '陕西省', district: '乾县' })
    expect(run('陝西省咸陽市乾縣的志願者每週都來。', 'traditional')).toMatchObject({ district: '乾縣' })
    expect(run('全省若干县的干部来这里取经。').district).toBeNull()
    expect(normalPlace('district', '乾縣')).toBe('乾县')
  })

  it('reads a county-level city of one character and its suffix', () => {
    expect(run('芒市西山乡的干部挨家挨户走访。')).toMatchObject({ city: '德宏傣族景颇族自治州', district: '芒市', street: '西山乡' })
  })
})
