/**
 * Gradient-boosted decision trees for several classes (one small tree per class per round, softmax
 * over the summed scores): the line classifier's learner. Trees see combinations a linear model
 * cannot ("a short line, in a paper, above the text"). Deterministic: fixed split candidates per
 * feature, ties broken by feature order, no sampling.
 */

export interface BoostOptions {
  /**
   * Boosting rounds. More rounds fit the training pages closer and cost more per line judged: on the
   * labelled lines 30 rounds of depth 3 matched 80 of depth 2 with half the tree walks. Default 30.
   */
  rounds: number
  /** Depth of each tree: 3 lets a tree combine three conditions ("short, in a paper, above the text"). Default 3. */
  depth: number
  /** Shrinkage applied to each tree's output. Default 0.4. */
  rate: number
  /** L2 penalty on leaf values; larger keeps rare patterns from swinging the score. Default 1. */
  lambda: number
  /** Least summed hessian on each side of a split: no leaf is built from a handful of lines. Default 2. */
  minHessian: number
  /** Most split candidates per feature (quantiles of its values). Default 24. */
  bins: number
}

const DEFAULTS: BoostOptions = { rounds: 30, depth: 3, rate: 0.4, lambda: 1, minHessian: 2, bins: 24 }

/**
 * A complete binary tree of fixed depth in arrays: node n has children 2n+1 and 2n+2; internal
 * node n tests x[feature[n]] <= threshold[n] (feature -1: no split, go left); leaves follow the
 * internal nodes and hold the score.
 */
export interface Tree {
  feature: number[]
  threshold: number[]
  leaf: number[]
}

export interface Booster {
  /** Starting score per class (log of its share of the training lines). */
  base: number[]
  /** trees[round][class] */
  trees: Tree[][]
}

function score(tree: Tree, x: ArrayLike<number>): number {
  const internal = tree.feature.length
  let n = 0
  while (n < internal) {
    const f = tree.feature[n]
    n = f === -1 || x[f] <= tree.threshold[n] ? 2 * n + 1 : 2 * n + 2
  }
  return tree.leaf[n - internal]
}

/** A number as JavaScript source that reads back as the same double (-0 included). */
const literal = (v: number) => (Object.is(v, -0) ? '-0' : String(v))

/**
 * A tree as one JavaScript expression over `x`: nested conditionals with the features and
 * thresholds written in as constants (a number prints as the shortest text that reads back as the
 * same double, so every comparison and leaf is the stored one).
 */
function treeSource(tree: Tree, n = 0): string {
  const internal = tree.feature.length
  if (n >= internal) return literal(tree.leaf[n - internal])
  const f = tree.feature[n]
  const left = treeSource(tree, 2 * n + 1)
  return f === -1 ? left : `(x[${f}] <= ${literal(tree.threshold[n])} ? ${left} : ${treeSource(tree, 2 * n + 2)})`
}

/**
 * The booster as one function over a feature vector, compiled to JavaScript once: judging a page
 * runs every tree on every line (300 trees a line), and straight-line code with its constants in
 * place runs several times faster than walking the trees' arrays. The scores are added in the
 * order the trees are stored, so each class's sum is the one a walk over them gives, bit for bit.
 */
export function compileBoost(model: Booster): (x: ArrayLike<number>) => number[] {
  const classes = model.base.length
  const lines: string[] = []
  model.trees.forEach((round) => round.forEach((tree, k) => lines.push(`z[${k}] += ${treeSource(tree)}`)))
  const addTrees = new Function('x', 'z', lines.join('\n')) as (x: ArrayLike<number>, z: Float64Array) => void
  const z = new Float64Array(classes)
  return (x) => {
    z.set(model.base)
    addTrees(x, z)
    let max = -Infinity
    for (let k = 0; k < classes; k++) if (z[k] > max) max = z[k]
    let sum = 0
    const p = new Array<number>(classes)
    for (let k = 0; k < classes; k++) sum += p[k] = Math.exp(z[k] - max)
    for (let k = 0; k < classes; k++) p[k] /= sum
    return p
  }
}

/** Split candidates per feature: midpoints between distinct values, thinned to quantiles. */
function candidates(xs: ArrayLike<number>[], d: number, bins: number): number[][] {
  const out: number[][] = []
  for (let f = 0; f < d; f++) {
    const values = [...new Set(xs.map((x) => x[f]))].sort((a, b) => a - b)
    const mids: number[] = []
    for (let i = 1; i < values.length; i++) mids.push((values[i - 1] + values[i]) / 2)
    if (mids.length <= bins) out.push(mids)
    else out.push(Array.from({ length: bins }, (_, b) => mids[Math.floor(((b + 0.5) * mids.length) / bins)]))
  }
  return out
}

export function trainBoost(xs: ArrayLike<number>[], ys: number[], classes: number, options: Partial<BoostOptions> = {}): Booster {
  const o = { ...DEFAULTS, ...options }
  const n = xs.length
  const d = xs[0]?.length ?? 0
  const cuts = candidates(xs, d, o.bins)
  // Bin index of every value: the number of cuts below it, so "bin <= b" is "x <= cuts[b]".
  const binned = xs.map((x) => {
    const row = new Uint8Array(d)
    for (let f = 0; f < d; f++) {
      const c = cuts[f]
      let b = 0
      while (b < c.length && x[f] > c[b]) b++
      row[f] = b
    }
    return row
  })
  const counts = new Array<number>(classes).fill(0)
  for (const y of ys) counts[y]++
  const base = counts.map((c) => Math.log(Math.max(c, 1) / n))
  const F = xs.map(() => base.slice())
  const trees: Tree[][] = []
  const internal = 2 ** o.depth - 1
  const g = new Float64Array(n)
  const h = new Float64Array(n)

  for (let r = 0; r < o.rounds; r++) {
    const p = F.map((z) => {
      const m = Math.max(...z)
      const e = z.map((v) => Math.exp(v - m))
      const s = e.reduce((a, b) => a + b, 0)
      return e.map((v) => v / s)
    })
    const round: Tree[] = []
    for (let k = 0; k < classes; k++) {
      for (let i = 0; i < n; i++) {
        g[i] = p[i][k] - (ys[i] === k ? 1 : 0)
        h[i] = Math.max(p[i][k] * (1 - p[i][k]), 1e-6)
      }
      const tree: Tree = { feature: new Array(internal).fill(-1), threshold: new Array(internal).fill(0), leaf: new Array(internal + 1).fill(0) }
      // Samples at each node of the current level, level by level.
      let level: number[][] = [Array.from({ length: n }, (_, i) => i)]
      for (let depth = 0; depth < o.depth; depth++) {
        const next: number[][] = []
        level.forEach((samples, j) => {
          const node = 2 ** depth - 1 + j
          const split = bestSplit(samples, binned, g, h, cuts, o)
          if (split) {
            tree.feature[node] = split.f
            tree.threshold[node] = cuts[split.f][split.b]
            next.push(samples.filter((i) => binned[i][split.f] <= split.b), samples.filter((i) => binned[i][split.f] > split.b))
          } else next.push(samples, [])
        })
        level = next
      }
      level.forEach((samples, j) => {
        let G = 0
        let H = 0
        for (const i of samples) {
          G += g[i]
          H += h[i]
        }
        tree.leaf[j] = samples.length ? (-G / (H + o.lambda)) * o.rate : 0
      })
      round.push(tree)
    }
    for (let i = 0; i < n; i++) for (let k = 0; k < classes; k++) F[i][k] += score(round[k], xs[i])
    trees.push(round)
  }
  return { base, trees }
}

function bestSplit(samples: number[], binned: Uint8Array[], g: Float64Array, h: Float64Array, cuts: number[][], o: BoostOptions): { f: number; b: number } | null {
  if (samples.length < 2) return null
  let G = 0
  let H = 0
  for (const i of samples) {
    G += g[i]
    H += h[i]
  }
  const parent = (G * G) / (H + o.lambda)
  let best: { f: number; b: number } | null = null
  let bestGain = 1e-9
  const d = cuts.length
  for (let f = 0; f < d; f++) {
    const bins = cuts[f].length
    if (!bins) continue
    const hg = new Float64Array(bins + 1)
    const hh = new Float64Array(bins + 1)
    for (const i of samples) {
      const b = binned[i][f]
      hg[b] += g[i]
      hh[b] += h[i]
    }
    let GL = 0
    let HL = 0
    for (let b = 0; b < bins; b++) {
      GL += hg[b]
      HL += hh[b]
      const HR = H - HL
      if (HL < o.minHessian || HR < o.minHessian) continue
      const GR = G - GL
      const gain = (GL * GL) / (HL + o.lambda) + (GR * GR) / (HR + o.lambda) - parent
      if (gain > bestGain) {
        bestGain = gain
        best = { f, b }
      }
    }
  }
  return best
}
