import { describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { norm } from './clean-helpers.js'

// Failure classes of real case pages, in invented text: characters lost in transit, image file
// names saved from a headline, a "more" ellipsis, and the short lines under an article that has
// visibly ended (a closing credit, or a footer prompt further down).

const reasonOf = (r: ReturnType<typeof clean>, text: string) => r.removed.find((x) => x.text === text)?.reason

describe('question marks where characters were lost', () => {
  const page = [
    '桂香苑小区加装电梯交付使用',
    '桂香苑小区建成于2004年，共有12栋楼，多数居民年过六旬，上下楼一直是难事。',
    '????为解决老人出行难题，青松社区召集楼栋长逐户征求意见，三个月里促成了5部电梯加装。',
    '?',
    '?',
  ].join('\n')
  const r = clean(page)

  it('cuts the run opening a paragraph and keeps the paragraph', () => {
    expect(r.body).toContain('为解决老人出行难题，青松社区召集楼栋长逐户征求意见')
    expect(norm(r.body)).not.toContain('??')
    expect(reasonOf(r, '????')).toBe('lost-characters')
  })

  it('leaves a question in the text alone', () => {
    const q = clean(['议事会上的一问', '居民问：“电梯什么时候装？”社区主任当场答复，下月开工。'].join('\n'))
    expect(q.body).toContain('“电梯什么时候装？”')
  })
})

describe('image file names', () => {
  it('takes a file name saved from a headline, punctuation and spaces included', () => {
    const r = clean(
      [
        '柳湾社区：开展燃气排查 守护居民安全',
        '3月2日上午，柳湾社区联合物业对辖区6个小区的燃气管道开展排查，发现并整改隐患9处。',
        '柳湾社区：开展燃气排查 守护居民安全.jpg',
      ].join('\n'),
    )
    expect(reasonOf(r, '柳湾社区：开展燃气排查 守护居民安全.jpg')).toBe('image-file')
    expect(r.body).not.toContain('.jpg')
  })

  it('keeps a sentence that mentions a picture file', () => {
    const line = '居民把照片存成“全家福.jpg”发到群里，大家都说拍得好。这张.jpg'
    expect(clean(['一张全家福', line].join('\n')).body).toContain('居民把照片存成')
  })
})

describe('a "more" ellipsis the page printed after the text', () => {
  it('cuts " ..." closing the last paragraph and keeps the writer\'s own ellipsis', () => {
    const r = clean(
      [
        '丰禾社区的红色物业',
        '丰禾社区党委牵头组建物业服务队，居民说：“以前报修要等……现在一个电话就来。”',
        '服务队每月开展义诊、维修等活动，覆盖辖区4个小区 ...',
      ].join('\n'),
    )
    expect(r.body).toContain('以前报修要等……现在')
    expect(r.body).toMatch(/覆盖辖区4个小区$/)
    expect(reasonOf(r, '...')).toBe('more-ellipsis')
  })
})

describe('short lines under an article that has ended', () => {
  it('drops headline-sized lines after a closing credit', () => {
    const r = clean(
      [
        '石桥社区整治楼道堆物',
        '近日，石桥社区网格员联合物业对辖区8栋楼开展楼道堆物清理，清出杂物3车。（石桥社区供稿）',
        '智慧网格护平安',
        '一根网线连起千家万户',
      ].join('\n'),
    )
    expect(reasonOf(r, '智慧网格护平安')).toBe('after-credit')
    expect(reasonOf(r, '一根网线连起千家万户')).toBe('after-credit')
    expect(r.body).toContain('清出杂物3车。')
  })

  it('drops an account slogan standing above the QR prompt and editor line', () => {
    const r = clean(
      [
        '青禾社区选出首批楼长',
        '青禾社区通过居民自荐、党支部推荐，选出首批楼长26名，负责收集意见、联络邻里。',
        '下一步，社区将定期为楼长开展培训，让小区治理更有温度。',
        '“邻里一家亲”',
        '长按二维码关注我们',
        '编辑：周小禾',
      ].join('\n'),
    )
    expect(reasonOf(r, '“邻里一家亲”')).toBe('above-footer')
    expect(r.body).toContain('让小区治理更有温度。')
  })

  it('keeps short closing lines when nothing says the article ended', () => {
    const r = clean(
      [
        '青禾社区选出首批楼长',
        '青禾社区通过居民自荐、党支部推荐，选出首批楼长26名，负责收集意见、联络邻里。',
        '楼长名单',
        '一、东区：周小禾',
      ].join('\n'),
    )
    expect(r.removed.map((x) => x.reason)).not.toContain('after-credit')
    expect(r.removed.map((x) => x.reason)).not.toContain('above-footer')
    expect(r.body).toContain('一、东区：周小禾')
  })

  it('keeps a closing appeal set as short lines, commas and all, above the editor line', () => {
    const r = clean(
      [
        '南苑路下周起分段施工',
        '为改善出行条件，南苑路将于下周一起分段施工，工期约20天，请居民绕行北侧便道。',
        '施工期间难免不便，',
        '短暂的等待换来的是',
        '一条平整的回家路',
        '编辑：周小禾',
      ].join('\n'),
    )
    expect(r.body).toContain('短暂的等待换来的是')
    expect(r.removed.map((x) => x.reason)).not.toContain('above-footer')
  })

  it('keeps a numbered item above a footer prompt', () => {
    const r = clean(
      [
        '青禾社区选出首批楼长',
        '青禾社区通过居民自荐、党支部推荐，选出首批楼长26名，负责收集意见、联络邻里。',
        '一、楼长职责',
        '长按二维码关注我们',
      ].join('\n'),
    )
    expect(r.body).toContain('一、楼长职责')
  })
})
