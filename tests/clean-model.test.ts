import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { classify } from '../ingest/clean/engine.js'
import { compileBoost, trainBoost, type Booster } from '../ingest/clean/model/boost.js'
import { CUE_GROUPS, cueCounts } from '../ingest/clean/model/cues.js'
import { FEATURES, lineFeatures } from '../ingest/clean/model/features.js'
import { judgeLines, LINE_MODEL, type LineModel } from '../ingest/clean/model/judge.js'
import { crossValidate, fit, loadTrainingSet } from '../ingest/clean/model/train.js'
import { prepareLines } from '../ingest/clean/prepare.js'

const PARA = '桂香社区在28个楼道设立议事角，由楼栋长召集，每月至少议事一次，一年来收集居民意见156条。'
const page = (lines: string[]) => classify(prepareLines(lines.join('\n')).lines)

describe('line features', () => {
  const lines = page(['某某网首页', '', '社区议事角让小事不出楼', '来源：某某日报  2024-03-18', PARA, '扫码关注我们'])
  const feats = lineFeatures(lines)

  it('gives every non-blank line a vector of FEATURES.length numbers in [0, 1], and blank lines none', () => {
    expect(feats[1]).toBeNull()
    for (const [i, v] of feats.entries()) {
      if (i === 1) continue
      expect(v).toHaveLength(FEATURES.length)
      for (const x of v!) expect(x >= 0 && x <= 1, `${FEATURES[v!.indexOf(x)]} = ${x}`).toBe(true)
    }
  })

  it('names every feature once', () => {
    expect(new Set(FEATURES).size).toBe(FEATURES.length)
  })

  it('describes a line by its place, its neighbours and the rules it trips', () => {
    const f = (i: number, name: string) => feats[i]![FEATURES.indexOf(name)]
    expect(f(0, 'pos.first')).toBe(1)
    expect(f(5, 'pos.last')).toBe(1)
    expect(f(3, 'rule.meta')).toBe(1)
    expect(f(3, 're.date')).toBe(1)
    expect(f(4, 'kind.bodyish')).toBe(1)
    expect(f(4, 'prev.meta')).toBe(1)
    expect(f(5, 'cue.prompt')).toBeGreaterThan(0)
    expect(f(5, 'next.none')).toBe(1)
  })

  it('skips the lines it is not asked for but still counts them as neighbours', () => {
    const some = lineFeatures(lines, (l) => l.index === 4)
    expect(some.filter(Boolean)).toHaveLength(1)
    expect(some[4]![FEATURES.indexOf('prev.meta')]).toBe(1)
  })
})

describe('cue words', () => {
  it('counts simplified and traditional spellings, Latin in any case, the longest word once', () => {
    const counts = cueCounts('責任編輯：张三 扫码关注 APP下载')
    const of = (id: string) => counts[CUE_GROUPS.findIndex((g) => g.id === id)]
    expect(of('meta')).toBe(1)
    expect(of('prompt')).toBe(4)
  })
})

describe('boosted trees', () => {
  // Two features; class 1 exactly when the first is high, class 2 when only the second is.
  const xs: number[][] = []
  const ys: number[] = []
  for (let i = 0; i < 90; i++) {
    const a = (i % 10) / 10
    const b = Math.floor(i / 10) / 10
    xs.push([a, b])
    ys.push(a >= 0.5 ? 1 : b >= 0.5 ? 2 : 0)
  }

  it('learns a rule over two features and gives probabilities that sum to one', () => {
    const predict = compileBoost(trainBoost(xs, ys, 3))
    for (const [x, y] of [[[0.9, 0.1], 1], [[0.1, 0.9], 2], [[0.1, 0.1], 0]] as const) {
      const p = predict(x)
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9)
      expect(p.indexOf(Math.max(...p))).toBe(y)
    }
  })

  it('trains the same trees from the same examples', () => {
    expect(JSON.stringify(trainBoost(xs, ys, 3))).toBe(JSON.stringify(trainBoost(xs, ys, 3)))
  })

  /** The softmax of the stored trees walked one at a time and added in their stored order: what the booster means. */
  function reference(model: Booster, x: ArrayLike<number>): number[] {
    const z = [...model.base]
    for (const round of model.trees) {
      round.forEach((tree, k) => {
        let n = 0
        while (n < tree.feature.length) {
          const f = tree.feature[n]
          n = f === -1 || x[f] <= tree.threshold[n] ? 2 * n + 1 : 2 * n + 2
        }
        z[k] += tree.leaf[n - tree.feature.length]
      })
    }
    const max = Math.max(...z)
    const e = z.map((v) => Math.exp(v - max))
    const sum = e.reduce((s, v) => s + v, 0)
    return e.map((v) => v / sum)
  }

  it('scores a line as the stored trees do, bit for bit: at, just above and just below every threshold, and past an unsplit node', () => {
    // A round with a node that does not split (feature -1) and one tree deeper than the others.
    const odd: Booster = {
      base: [0.25, -0.5],
      trees: [
        [{ feature: [-1, 0, 1], threshold: [0, 0.5, 0.25], leaf: [0.1, -0.2, 0.3, -0.4] }, { feature: [1], threshold: [0.75], leaf: [0.5, -0.5] }],
        [{ feature: [0, -1, 1], threshold: [0.3, 0, 0.6], leaf: [1e-3, 2e-3, -3e-3, 4e-3] }, { feature: [0], threshold: [-0], leaf: [-0, 0.125] }],
      ],
    }
    for (const model of [LINE_MODEL.booster, odd]) {
      const width = Math.max(...model.trees.flat().flatMap((t) => t.feature)) + 1
      const values: number[][] = Array.from({ length: width }, () => [0, 1, -1, -0, NaN])
      for (const t of model.trees.flat()) {
        t.feature.forEach((f, i) => {
          if (f >= 0) values[f].push(t.threshold[i], t.threshold[i] + 1e-12, t.threshold[i] - 1e-12)
        })
      }
      const predict = compileBoost(model)
      let seed = 11
      const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647
      for (let i = 0; i < 3000; i++) {
        const x = values.map((vs) => vs[Math.floor(next() * vs.length)])
        expect(predict(x)).toEqual(reference(model, x))
      }
      // A feature vector shorter than the trees expect: a missing feature goes right, as undefined compares.
      expect(predict([])).toEqual(reference(model, []))
    }
  })
})

/** A model whose verdict a test sets by hand: one tree per class, splitting on one feature. */
function handMade(feature: string, furniture: string, threshold = 0.8): LineModel {
  const classes = ['body', 'title', furniture]
  const f = FEATURES.indexOf(feature)
  // Depth-1 trees: feature at or below 0.5 scores left, above scores right.
  const tree = (left: number, right: number) => ({ feature: [f], threshold: [0.5], leaf: [left, right] })
  const booster: Booster = { base: [0, -3, -3], trees: [[tree(3, -3), tree(0, 0), tree(-3, 4)]] }
  return { features: FEATURES, classes, booster, threshold }
}

describe('the classifier in clean', () => {
  const text = ['社区议事角让小事不出楼', PARA, '转发收藏本页', PARA.replace('156', '160'), '扫码关注我们', PARA.replace('156', '170')].join('\n')

  it('removes a line no rule took when the model calls it furniture, and says so with its probability', () => {
    const r = clean(text, { model: handMade('cue.prompt', 'prompt') })
    expect(r.removed.find((x) => x.text === '转发收藏本页')?.reason).toMatch(/^model:prompt 0\.\d\d$/)
    expect(r.body).toContain(PARA)
  })

  it('leaves a line an edge rule took between paragraphs to the zones, whatever the model says', () => {
    const r = clean(text, { model: handMade('cue.prompt', 'prompt') })
    expect(r.body).toContain('扫码关注我们')
  })

  it('never lets the model take a paragraph of several clauses as spam, debris or caption, but still as meta', () => {
    // pos.rel is high in the page's second half: the hand-made model calls those lines furniture.
    const spam = clean(text, { model: handMade('pos.rel', 'spam') })
    expect(spam.body).toContain(PARA.replace('156', '170'))
    const meta = clean(text, { model: handMade('pos.rel', 'meta') })
    expect(meta.body).not.toContain(PARA.replace('156', '170'))
  })

  it('in an article the DOM chose, never lets the model alone remove a paragraph-sized line, but still a short one', () => {
    const specs = '青松网关 2.0 售价 1299 元，青松网关 Mini 售价 699 元，两款均支持 Zigbee 3.0 与 Matter 1.2 协议'
    const article = ['社区议事角让小事不出楼', PARA, PARA.replace('156', '160'), specs, '楼道故事', PARA.replace('156', '170')].join('\n')
    // pos.rel is high in the page's second half: the hand-made model calls those lines meta.
    const asText = clean(article, { model: handMade('pos.rel', 'meta') })
    expect(asText.body).not.toContain(specs)
    const asArticle = clean(article, { model: handMade('pos.rel', 'meta'), article: true })
    expect(asArticle.body).toContain(specs)
    expect(asArticle.body).toContain(PARA.replace('156', '170'))
    expect(asArticle.removed.find((x) => x.text === '楼道故事')?.reason).toMatch(/^model:meta/)
  })

  it('keeps everything when the model is never sure enough', () => {
    const r = clean(text, { model: handMade('cue.prompt', 'prompt', 1.01) })
    expect(r.body).toContain('转发收藏本页')
  })

  it('refuses a model trained on another feature list', () => {
    const stale = { ...LINE_MODEL, features: LINE_MODEL.features.slice(1) }
    expect(() => judgeLines(page([PARA]), stale)).toThrow(/train:lines/)
  })

  it('leaves alone the lines a rule removes wherever they stand', () => {
    const judged = judgeLines(page(['分享到：', PARA]))
    expect(judged[0]).toBeNull()
    expect(judged[1]?.cls).toBe('body')
  })
})

describe('the stored model', () => {
  it('was trained on today\'s features and keeps body and title lines', () => {
    expect(LINE_MODEL.features).toEqual(FEATURES)
    expect(LINE_MODEL.classes.slice(0, 2)).toEqual(['body', 'title'])
    expect(LINE_MODEL.threshold).toBeGreaterThanOrEqual(0.5)
    expect(LINE_MODEL.threshold).toBeLessThan(1)
  })

  it('tells a site link, a headline, a byline and a paragraph apart', () => {
    const judged = judgeLines(page(['青禾网首页', '楼道议事角让小事不出楼', '2024-03-18 08:40 来源：青禾日报', PARA, PARA.replace('156', '160')]))
    expect(judged.map((j) => j?.cls)).toEqual(['nav', 'title', 'meta', 'body', 'body'])
  })
})

describe('the trainer, on pages written for this test', () => {
  let dir = ''
  const sources = () => ({ labels: join(dir, 'labels'), realdev: join(dir, 'realdev'), split: join(dir, 'split.json') })

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-train-'))
    mkdirSync(join(dir, 'labels'))
    mkdirSync(join(dir, 'realdev/pool/docs'), { recursive: true })
    const rows: string[] = []
    for (let d = 0; d < 10; d++) {
      const id = `p9${String(d).padStart(2, '0')}`
      const lines = [`第${d + 1}个社区办起议事会`, `来源：某某日报 2024-0${(d % 9) + 1}-1${d}`, PARA.replace('156', String(100 + d)), '摘要：这是一段论文摘要，讲的是社区议事会怎样开、谁来参加、议定了哪些事项，以及居民怎样评价议事会的效果。', '扫码关注我们', PARA]
      writeFileSync(join(dir, 'realdev/pool/docs', `${id}.txt`), lines.join('\n'))
      const cls = ['title', 'meta', 'body', 'meta', 'prompt', 'body']
      lines.forEach((l, i) => rows.push(JSON.stringify({ id, line: i + 1, len: [...l].length, cls: cls[i] })))
      rows.push(JSON.stringify({ id, doc: 'case' }))
    }
    writeFileSync(join(dir, 'labels/set.jsonl'), rows.join('\n'))
    writeFileSync(join(dir, 'split.json'), JSON.stringify({ pool: { blind: ['p999'] } }))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads labelled lines with their page text and keeps a paper\'s abstract as text', () => {
    const { docs, classes } = loadTrainingSet(sources())
    expect(docs).toHaveLength(10)
    expect(classes).toEqual(['body', 'title', 'meta', 'prompt'])
    expect(docs[0].items.map((it) => classes[it.y])).toEqual(['title', 'meta', 'body', 'body', 'prompt', 'body'])
  })

  it('judges every page by a model of the other folds, and trains the same model twice over', () => {
    const { docs, classes } = loadTrainingSet(sources())
    const held = crossValidate(docs, classes)
    expect(held.map((h) => h.doc.id).sort()).toEqual(docs.map((d) => d.id))
    expect(JSON.stringify(fit(docs, classes))).toBe(JSON.stringify(fit(docs, classes)))
  })

  it('leaves out the lines of a page held blind, and says so', () => {
    writeFileSync(join(dir, 'labels/zz-blind.jsonl'), JSON.stringify({ id: 'p999', line: 1, len: 3, cls: 'body' }))
    const { docs, notes } = loadTrainingSet(sources())
    expect(docs.map((d) => d.id)).not.toContain('p999')
    expect(docs).toHaveLength(10)
    expect(notes).toContain('left out: 1 pages held blind in bench/real/split.json')
    rmSync(join(dir, 'labels/zz-blind.jsonl'))
  })
})
