import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { chunk } from '../ingest/embed/chunk.js'
import { toTraditional } from '../ingest/text/script.js'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/embed/${name}`, import.meta.url), 'utf8')
const report = fixture('report-sections.txt')

function expectFaithful(body: string, passages: ReturnType<typeof chunk>) {
  let last = 0
  for (const p of passages) {
    expect(body.slice(p.span[0], p.span[1])).toBe(p.text)
    expect(p.span[0]).toBeGreaterThanOrEqual(last)
    expect(p.text).toBe(p.text.trim())
    last = p.span[1]
  }
  // Nothing but whitespace falls between or around passages.
  const covered = passages.map((p) => p.text).join('').replace(/\s/g, '')
  expect(covered).toBe(body.replace(/\s/g, ''))
}

describe('chunk', () => {
  it('spans point at the passage text and cover the whole body', () => {
    const passages = chunk(report)
    expect(passages.length).toBeGreaterThan(3)
    expectFaithful(report, passages)
  })

  it('merges short paragraphs up to min and keeps passages within max', () => {
    const passages = chunk(report)
    for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(500)
    // The 背景 section is three short lines: one passage, not three.
    const background = passages.find((p) => p.text.startsWith('一、背景'))!
    expect(background.text).toContain('停车难、环境脏乱')
    expect(background.text).toContain('60岁以上老人')
  })

  it('starts a passage at every section heading, heading and first paragraph together', () => {
    const passages = chunk(report)
    for (const heading of ['一、背景', '三、取得成效', '四、经验启示', '（二）多方筹集资金', '（三）完善议事规则']) {
      const p = passages.find((x) => x.text.startsWith(heading))
      expect(p, heading).toBeDefined()
      expect(p!.text.split('\n').filter((l) => l.trim()).length).toBeGreaterThan(1)
    }
    expect(passages.some((p) => p.text.startsWith('二、主要做法\n（一）建强组织体系'))).toBe(true)
  })

  it('splits a long paragraph at sentence ends', () => {
    const long = report.split('\n').find((l) => l.length > 500)!
    const start = report.indexOf(long)
    const inside = chunk(report).filter((p) => p.span[1] > start && p.span[0] < start + long.length)
    expect(inside.length).toBeGreaterThanOrEqual(2)
    for (const p of inside.slice(0, -1)) expect(p.text).toMatch(/[。！？；]$/)
  })

  it('cuts a run-on text with no sentence ends at clause marks or, failing that, at max', () => {
    const runOn = '居民议事会讨论停车位划分，'.repeat(80) + '无标点'.repeat(300)
    const passages = chunk(runOn, { max: 300 })
    expectFaithful(runOn, passages)
    for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(300)
    expect(passages[0].text.endsWith('，')).toBe(true)
  })

  it('treats traditional text the same way', () => {
    const trad = toTraditional(report)
    const a = chunk(report).map((p) => p.span)
    const b = chunk(trad).map((p) => p.span)
    expect(b).toEqual(a)
    expectFaithful(trad, chunk(trad))
  })

  it('gives one passage for a short body and none for an empty one', () => {
    expect(chunk('小区成立自管会。')).toEqual([{ text: '小区成立自管会。', span: [0, 8] }])
    expect(chunk('  \n\n ')).toEqual([])
    expect(chunk('')).toEqual([])
  })

  it('honours min and max options', () => {
    const small = chunk(report, { min: 50, max: 120 })
    expectFaithful(report, small)
    expect(small.length).toBeGreaterThan(chunk(report).length)
    for (const p of small) expect(p.text.length).toBeLessThanOrEqual(120)
  })
})
