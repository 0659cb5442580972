import { describe, expect, it } from 'vitest'
import { sampleScript } from '../ingest/clean/script.js'
import { detectScript } from '../ingest/text/script.js'

/**
 * Words whose script a phrase decides (头发/发展, 里面/公里, 干部/干净…), in one script and the
 * other, words both scripts write alike, and characters OpenCC steps over differently.
 */
const SIMPLIFIED = ['头发', '发展', '里面', '干部', '干净', '后来', '面条', '于是', '显著', '台风', '一目了然', '小区', '业主', '物业', '社区', '楼栋', '电梯', '议事', '二恶英', '么', '系统', '云', '只']
const TRADITIONAL = ['頭髮', '發展', '裡面', '幹部', '乾淨', '後來', '麵條', '於是', '顯著', '颱風', '一目瞭然', '小區', '業主', '物業', '社區', '樓棟', '電梯', '議事', '麽', '係統', '雲', '隻', '祇', '繫']
const SHARED = ['公里', '乾坤', '皇后', '方面', '著名', '居民', '改造', '系', '的', '是', '在', '，', '。', '、', '“', '”', '（', '）', ' ', '\n', '2024', 'abc']
const ODD = ['⿰木木', '𠀀', '豈', '兀', '二噁英']

/** A small seeded generator: the same strings on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** Up to 160 characters, mostly of one script, with words of the other and odd ones mixed in. */
function sample(next: () => number): string {
  const pick = (words: string[]) => words[Math.floor(next() * words.length)]
  const [main, other] = next() < 0.5 ? [SIMPLIFIED, TRADITIONAL] : [TRADITIONAL, SIMPLIFIED]
  const mix = next() * 0.5
  const words = 1 + Math.floor(next() * 60)
  let text = ''
  for (let i = 0; i < words; i++) {
    const r = next()
    text += r < 0.02 ? pick(ODD) : r < 0.02 + mix / 2 ? pick(other) : r < 0.4 ? pick(SHARED) : pick(main)
  }
  return text.slice(0, 160)
}

describe('sampleScript: the script of a report opening', () => {
  it('names the script of plain openings as detectScript does', () => {
    const simplified = '这个小区，没有物业；业主们，成立了议事会，楼栋长，每周收集问题。'
    const traditional = '這個小區，沒有物業；業主們，成立了議事會，樓棟長，每週收集問題。'
    expect(sampleScript(simplified)).toBe('simplified')
    expect(sampleScript(traditional)).toBe('traditional')
    expect(sampleScript('Residents met on Monday, 2024.')).toBe('unknown')
    expect(sampleScript(simplified.slice(0, 16) + traditional.slice(16))).toBe(detectScript(simplified.slice(0, 16) + traditional.slice(16)))
  })

  it('gives detectScript its say where a table cannot vouch for a character', () => {
    // An ideographic description sequence and a character outside the BMP change how OpenCC steps.
    for (const text of ['⿰木木小区业主', '𠀀小區業主說', '二噁英，社区排放']) expect(sampleScript(text)).toBe(detectScript(text))
  })

  it('agrees with detectScript on 3,000 strings of words a phrase decides, in one script or both', () => {
    const next = rng(20261207)
    const differ: string[] = []
    for (let i = 0; i < 3000; i++) {
      const text = sample(next)
      if (sampleScript(text) !== detectScript(text)) differ.push(text)
    }
    expect(differ).toEqual([])
  })
})
