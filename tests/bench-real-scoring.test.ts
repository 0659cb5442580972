import { describe, expect, it } from 'vitest'
import { BodyIndex, hashText, normalise, sameText } from '../bench/real/hashed.js'
import { hashLabelFile } from '../bench/real/hash-labels.js'
import { pageLabel, percent, scorePages } from '../bench/real/pages-score.js'
import { refLabel, resolveRefLabel } from '../bench/real/ref-labels.js'
import { hashWebLabel, scoreWeb, type WebOutput } from '../bench/real/web-score.js'
import type { Case } from '../ingest/schema.js'

describe('hashed label strings', () => {
  it('normalise like the shared scorer: NFKC, every kind of space removed', () => {
    expect(normalise('青　松 小区\u200b（一期）\n')).toBe('青松小区(一期)')
  })

  it('given a body, finds a label string by its hash whatever the spacing, and not a string that is absent', () => {
    const body = new BodyIndex('柳岸街道 青松小区\n\n　　去年加装电梯四部，居民满意。')
    expect(body.has(hashText('加装电梯 四部'))).toBe(true)
    expect(body.has(hashText('柳岸街道青松'))).toBe(true)
    expect(body.has(hashText('加装电梯五部'))).toBe(false)
    expect(body.has(hashText('柳岸街道青松小区去年加装电梯四部，居民满意。还有一句'))).toBe(false)
  })

  it('compares a whole text by hash, and an empty label never matches', () => {
    expect(sameText(hashText('青松小区的新电梯'), ' 青松小区的 新电梯 ')).toBe(true)
    expect(sameText(hashText('青松小区的新电梯'), '青松小区的电梯')).toBe(false)
    expect(sameText(hashText(''), '')).toBe(false)
  })

  it('turns a label file into ids, dates and hashes only', () => {
    const line = JSON.stringify({ id: 'x_1', title: '青松小区加装电梯', published: '2024-03-02', author: '林一', body_first: '第一段', body_last: '最后一段', body_must_keep: ['中间一句'], boilerplate: ['分享到', '图为电梯'], boilerplate_soft: ['图为电梯'], notes: '标注说明' })
    const [label] = hashLabelFile(`${line}\n\n`)
    const stored = JSON.stringify(label)
    expect(stored).not.toMatch(/[\u4e00-\u9fff]/)
    expect(label.id).toBe('x_1')
    expect(label.published).toBe('2024-03-02')
    expect(label.boilerplate.map((b) => b.soft ?? false)).toEqual([false, true])
  })
})

describe('page labels kept as references into their page', () => {
  const page = '首页 > 社区动态\n柳岸街道青松小区加装电梯\n\n　　柳岸街道青松小区(xiǎo qū)去年加装电梯4部，惠及居民120户。\n责任编辑：林一'
  const label = pageLabel({
    id: 'p900',
    title: '柳岸街道青松小区加装电梯',
    published: null,
    boilerplate: ['首页 > 社区动态', '责任编辑：林一'],
    body_must_keep: ['去年加装电梯4部'],
    place: { province: null, street: '柳岸街道', compound: '青松小区', community: '青松社区' },
    model_names: [],
    money: [{ amount_wan: 12.5, source: 'government', quote: '无' }],
    outcomes: [{ value: 4, unit: '部', label: '电梯', quote: '加装电梯4部' }],
  })

  it('stores offsets, numbers and hashes but no page text, and gives the same label back', () => {
    const { label: ref, dropped } = refLabel(label, page)
    expect(JSON.stringify(ref)).not.toMatch(/[\u4e00-\u9fff]/)
    // 青松社区 is not written in the page: it cannot be kept as a reference
    expect(dropped).toBe(1)
    const back = resolveRefLabel(ref, page)
    expect(back.title).toBe('柳岸街道青松小区加装电梯')
    expect(back.boilerplate).toEqual(['首页>社区动态', '责任编辑:林一'])
    expect(back.place).toEqual({ province: null, street: '柳岸街道', compound: '青松小区', community: null })
    expect(back.outcomes).toEqual([{ value: 4, quote: '加装电梯4部' }])
    expect(back.money).toEqual([{ amountWan: 12.5 }])
  })

  it('scores the same from the references as from the plain label', () => {
    const got = new Map([['p900', { id: 'p900', title: '柳岸街道青松小区加装电梯', displayTitle: '', body: '柳岸街道青松小区去年加装电梯4部，惠及居民120户。', place: { street: '柳岸街道', compound: '青松小区' }, models: [], funding: [], outcomes: [{ value: 4, quote: '去年加装电梯4部' }], published: null }]]) as unknown as Parameters<typeof scorePages>[1]
    const plain = { ...label, place: { ...label.place, community: null } }
    expect(scorePages([resolveRefLabel(refLabel(label, page).label, page)], got)).toEqual(scorePages([plain], got))
  })

  it('refuses a page that is not the one labelled, naming the label', () => {
    const { label: ref } = refLabel(label, page)
    expect(() => resolveRefLabel(ref, page.replace('加装电梯4部', '加装电梯5部'))).toThrow(/p900: the page differs/)
  })
})

describe('web page scoring (gne semantics)', () => {
  const labels = [
    hashWebLabel({
      id: 'p1',
      title: '青松小区加装电梯',
      published: '2024-03-02',
      author: '林一',
      body_first: '去年小区加装电梯四部。',
      body_last: '居民都说好。',
      body_must_keep: ['去年小区加装电梯四部', '居民都说好'],
      boilerplate: ['分享到微信', '相关阅读：老街新貌', '图为新电梯'],
      boilerplate_soft: ['图为新电梯'],
    }),
    hashWebLabel({ id: 'p2', title: '河畔社区议事会', published: null, body_first: '议事会每月开一次。', body_last: '议事会每月开一次。', body_must_keep: ['议事会每月开一次'], boilerplate: ['网站首页'] }),
    hashWebLabel({ id: 'p3', title: '没有输出的页面', published: '2024-01-01', body_first: '一', body_last: '二', body_must_keep: ['一句'], boilerplate: ['页脚'] }),
  ]
  const outputs = new Map<string, WebOutput>([
    ['p1', { id: 'p1', title: '青松小区 加装电梯', published: '2024-03-02T08:00:00+08:00', author: '记者 林一', body: '青松小区加装电梯\n\n去年小区加装电梯四部。\n\n图为新电梯\n\n居民都说好。' }],
    ['p2', { id: 'p2', title: '河畔社区', published: null, body: '网站首页\n议事会每月开一次。' }],
  ])

  it('scores title, date (null = null), kept, removed (all and hard), boundary, clean F and missing pages', () => {
    const f = scoreWeb(labels, outputs)
    expect(f.pages).toBe(3)
    expect(f.missing).toBe(1)
    expect(f.title).toBeCloseTo(100 / 3)
    expect(f.date).toBeCloseTo(200 / 3)
    expect(f.keep).toBeCloseTo(75)
    // p1 removed 2 of 3 (kept the caption), p2 removed 0 of 1, p3 (missing) removed 1 of 1.
    expect(f.removed).toBeCloseTo(60)
    expect(f.removedHard).toBeCloseTo(75)
    expect(f.boundary).toBeCloseTo(200 / 3)
    expect(f.cleanF).toBeCloseTo((2 * 75 * 60) / 135)
    expect(f.author).toBe(100)
    expect(f.authorN).toBe(1)
  })
})

describe('text excerpt scoring (score_extract semantics, plus outcome precision)', () => {
  const label = pageLabel({
    id: 'a1',
    title: '青松小区加装电梯',
    boilerplate: ['责任编辑：王五', '扫码关注'],
    body_must_keep: ['加装电梯四部', '居民满意'],
    place: { province: '浙江省', city: '青溪市', district: null, street: '柳岸街道', community: null, compound: '青松小区' },
    model_names: ['红色议事厅'],
    money: [{ amount_wan: 45 }],
    outcomes: [{ value: 4, quote: '加装电梯四部' }, { value: 63, quote: '收集意见63条' }],
    published: '2024-03-02',
  })
  const kase = {
    id: 'a1',
    title: '【青溪日报】青松小区加装电梯',
    displayTitle: '【青溪日报】青松小区加装电梯',
    body: '青松小区加装电梯\n\n柳岸街道筹资45万元，加装电梯四部，居民满意。扫码关注\n\n社(she)区',
    place: { province: '浙江', city: null, district: '青溪市', street: '柳岸街道', community: null, compound: null, inferred: [] },
    models: ['“红色议事厅”'],
    funding: [{ amountWan: 45, source: 'government', payer: null, quote: '筹资45万元', span: [0, 0] }],
    outcomes: [
      { value: 4, unit: '部', label: '电梯', quote: '加装电梯四部', span: [0, 0] },
      { value: 45, unit: '万元', label: '筹资', quote: '筹资45万元', span: [0, 0] },
    ],
    published: '2024-03-02',
  } as unknown as Case

  it('counts each metric as the shared scorer does', () => {
    const f = scorePages([label], new Map([['a1', kase]]))
    expect([f.boiler.hits, f.boiler.total]).toEqual([1, 2])
    expect([f.keep.hits, f.keep.total]).toEqual([2, 2])
    // A column tag before the headline may go either way.
    expect([f.title.hits, f.title.total]).toEqual([1, 1])
    // A county-level city found in `district` counts; a missing compound does not.
    expect([f.place.hits, f.place.total]).toEqual([3, 4])
    expect([f.money.hits, f.model.hits, f.date.hits]).toEqual([1, 1, 1])
    expect([f.outcome.hits, f.outcome.total]).toEqual([1, 2])
    expect([f.outcomePrecision.hits, f.outcomePrecision.total]).toEqual([1, 2])
    expect(f.artifacts).toBe(1)
    expect(percent(f.outcomePrecision)).toBe('50.0')
  })

  it('counts a page with no output as missing, everything on it failed', () => {
    const f = scorePages([label], new Map())
    expect(f.missing).toBe(1)
    expect(f.keep.hits).toBe(0)
    expect(f.boiler.hits).toBe(2)
    expect(f.outcomePrecision.total).toBe(0)
  })
})
