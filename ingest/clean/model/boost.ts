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

/**
 * The booster as one function over a feature vector, its trees laid out in typed arrays and walked
 * in the order they are stored (round by round, class by class), so each class's sum is the same
 * double whatever the layout. Judging a page runs every tree on every line (300 trees a line).
 *
 * Not compiled to JavaScript source: one function of 300 nested conditionals ran about twice as
 * fast once optimized, but each thread judging lines (every ingest worker) paid TurboFan ~0.2 s of
 * CPU to compile it, two or three times over, since a branch first reached after optimization had
 * no type feedback and threw the optimized code away; at a few thousand reports that cost more
 * than the walk (bench/README.md, "End to end", branch wt-e2e7).
 */
export function compileBoost(model: Booster): (x: ArrayLike<number>) => number[] {
  const classes = model.base.length
  const trees = model.trees.flat()
  const classOf = Int32Array.from(model.trees.flatMap((round) => round.map((_, k) => k)))
  const nodeAt = new Int32Array(trees.length + 1)
  const leafAt = new Int32Array(trees.length + 1)
  let width = 0
  trees.forEach((tree, t) => {
    nodeAt[t + 1] = nodeAt[t] + tree.feature.length
    leafAt[t + 1] = leafAt[t] + tree.leaf.length
    for (const f of tree.feature) width = Math.max(width, f + 1)
  })
  // A node that does not split (feature -1) reads a slot past the features holding -Infinity
  // against a threshold of +Infinity: always left, as in the walk over the stored trees.
  const feature = new Int32Array(nodeAt[trees.length])
  const threshold = new Float64Array(nodeAt[trees.length])
  const leaf = new Float64Array(leafAt[trees.length])
  trees.forEach((tree, t) => {
    tree.feature.forEach((f, i) => {
      feature[nodeAt[t] + i] = f === -1 ? width : f
      threshold[nodeAt[t] + i] = f === -1 ? Infinity : tree.threshold[i]
    })
    leaf.set(tree.leaf, leafAt[t])
  })
  const v = new Float64Array(width + 1)
  v[width] = -Infinity
  const z = new Float64Array(classes)
  return (x) => {
    // Copied as doubles, the number each comparison sees; a missing feature becomes NaN, which, like
    // undefined, is never at or below a threshold.
    for (let f = 0; f < width; f++) v[f] = x[f]
    z.set(model.base)
    for (let t = 0; t < trees.length; t++) {
      const at = nodeAt[t]
      const internal = nodeAt[t + 1] - at
      let n = 0
      while (n < internal) n = v[feature[at + n]] <= threshold[at + n] ? 2 * n + 1 : 2 * n + 2
      z[classOf[t]] += leaf[leafAt[t] + n - internal]
    }
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
