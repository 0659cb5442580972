import { describe, expect, it } from 'vitest'
import { classify } from '../ingest/clean/engine.js'
import { prepareLines } from '../ingest/clean/prepare.js'
import { findTitle } from '../ingest/clean/title.js'
import type { Judgement } from '../ingest/clean/model/judge.js'

// A portal page that prints its headline again as the caption of each picture.
const HEADLINE = '青禾区12个老旧小区改造项目获专项资金支持'
const PAGE = [
  HEADLINE,
  '',
  '近日，记者从区发展改革局获悉，青禾区申报的12个老旧小区改造项目获得上级专项资金支持，总投资共计8600万元，涉及居民3200余户。',
  HEADLINE,
  '改造内容包括管网更新、屋面防水和加装电梯，预计年底前全部完工，居民可以通过小区公示栏了解进度。',
  HEADLINE,
].join('\n')

const doubted: Judgement = { cls: 'caption', p: 0.3, junk: 0.62, title: 0.2 }
const body: Judgement = { cls: 'body', p: 0.97, junk: 0.03, title: 0 }

function judgedFor(lines: { kind: string }[], first: Judgement): (Judgement | null)[] {
  return lines.map((l, i) => (l.kind === 'blank' ? null : i === 0 ? first : body))
}

describe('the headline of a page that repeats it as picture captions', () => {
  it('stays the headline though the classifier doubts it', () => {
    const lines = classify(prepareLines(PAGE).lines)
    expect(findTitle(lines, undefined, judgedFor(lines, doubted))).toBe(0)
  })

  it('while a doubted first line the page never repeats is still passed over', () => {
    const lines = classify(prepareLines(PAGE.split('\n').filter((l, i) => i < 3).join('\n')).lines)
    expect(findTitle(lines, undefined, judgedFor(lines, doubted))).not.toBe(0)
  })
})
