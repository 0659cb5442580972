/**
 * The offline default embedder: latent semantic analysis trained on the corpus itself.
 *
 * Why LSA: an intranet machine often has no neural weights, and the index still needs vectors
 * that carry meaning beyond keyword overlap. LSA needs no weights — it learns from the passages
 * being indexed. Terms are jieba words (with the governance user dictionary, so 红栋力 and
 * 五位一体 are single features) plus CJK character bigrams (which catch what jieba splits and
 * partial matches like 物业 inside 红色物业), computed on the search-normal form, so traditional
 * and simplified texts produce the same vector. TF-IDF with sublinear tf, then a truncated SVD:
 * terms that occur in the same contexts (物管会 and 自管会, 停车难 and 车位紧张) land near each
 * other even when two passages share no term. The SVD is a seeded randomized range finder over a
 * deterministic, order-independent training sample, so the same corpus gives the same vectors
 * bit for bit, and training stays in seconds at 100k cases (sample ≤ 8k passages, ≤ 50k terms).
 * Embedding is a sparse × dense product: thousands of passages per second on one core.
 * Limits: it knows only the corpus's own words — no cross-lingual meaning (English queries reach
 * it through the glossary), no word order, and a small corpus gives a coarse latent space.
 * No hashed-bigram block is appended to the vectors: search fuses the full-text (n-gram) ranking
 * with the vector ranking, so exact overlap is already counted there; repeating it in the vector
 * would count it twice and dilute the latent signal that is the vector side's reason to exist.
 */
import { createHash } from 'node:crypto'
import { addWords, addWordsLater, analyze, eachBigramUnits, pairKey, prepareSegmenter, userDictionary, wordsOfNormalized } from '../text/segment.js'
import { normalizeForSearch } from '../text/script.js'
import { fnv1a } from '../text/fnv1a.js'
import type { EmbedKind, Embedder } from './types.js'
import { releaseKernels, rotations, runKernel, sharedFloat32, sharedFloat64, sharedInt32, split, transpose, type Csr, type KernelRunner, type KernelTask } from './lsa-kernels.js'

export interface LsaParams {
  /** Latent dimensions at most; fewer when the corpus is small (see dimsPerSqrtDoc). */
  k: number
  /**
   * k ≤ dimsPerSqrtDoc·√docs (and ≤ min(docs, terms) − 1). With nearly as many dimensions as
   * passages LSA degenerates into keyword matching and even pushes synonyms apart (each synonym
   * pair's contrast becomes a dimension); on synthetic topic corpora (tests/embed-lsa.test.ts)
   * synonym recall held up to about the number of topics and collapsed beyond it. 2·√docs gives
   * 40 dimensions at 400 passages and reaches the 256 cap at 16k.
   */
  dimsPerSqrtDoc: number
  /**
   * Training sample size: passages beyond this are embedded but not trained on. Training time
   * grows with sample × k (and k with √sample, see dimsPerSqrtDoc). On the 10k-case bench corpus
   * (32k passages) 8k instead of 20k cut training from 83 s to 28 s on a loaded machine, and the
   * latent space held: mean cosine of vocabulary synonym pairs 0.35 → 0.39, of unrelated terms
   * 0.03 → 0.04. 8k passages of one corpus already carry its vocabulary's co-occurrences.
   */
  maxPassages: number
  /** Terms in fewer passages than this are noise to the SVD (applied once the sample has 20+ passages). */
  minDf: number
  /** Vocabulary cap, most frequent (by document frequency) first. */
  maxTerms: number
  /** Extra random directions for the range finder; improves the accuracy of the top k. */
  oversample: number
  /** Subspace iterations; sharpen the separation of the top singular values. */
  powerIterations: number
  seed: number
  /** Weight of bigram features relative to words. */
  bigramWeight: number
  /**
   * Vectors are (fold-in q V_k Σ_k⁻¹) × Σ_k^sigmaScale. Raw fold-in (0) weighs every latent
   * direction alike, so small contrast directions outvote the topic; Deerwester's LSI compares
   * after rescaling by Σ (1). Measured on synthetic topic corpora with synonym pairs (mean cosine
   * of the two synonyms; P@10 of passage-to-passage topic retrieval): 10 topics, k=40:
   * −0.46 / −0.13 / +0.24 for 1 / 1.5 / 2; 150 topics, k=78: P@10 0.87 / 0.85 / 0.81. 1.5 keeps
   * synonyms together when k overshoots the corpus's topics and costs little discrimination.
   */
  sigmaScale: number
}

export const LSA_DEFAULTS: LsaParams = {
  k: 256,
  dimsPerSqrtDoc: 2,
  maxPassages: 8_000,
  minDf: 2,
  maxTerms: 50_000,
  oversample: 10,
  powerIterations: 2,
  seed: 20240611,
  bigramWeight: 1,
  sigmaScale: 1.5,
}

// Below this many training passages a term seen once may still be the only link between two.
const MIN_DF_FROM = 20
// Singular values this small relative to the largest are numerical noise, not directions.
const RANK_EPS = 1e-6
// Bigram features live beside words in one vocabulary; the prefix keeps 物业 (word) and 物业 (bigram) apart.
const BIGRAM_PREFIX = '~'

export interface LsaModel {
  params: LsaParams
  /** Actual latent dimension. */
  k: number
  /** Passages the model was trained on (after de-duplication and sampling). */
  docs: number
  terms: string[]
  idf: Float32Array
  /** V_k, terms × k, row-major. */
  components: Float32Array
  /** Σ_k, descending. */
  singular: Float32Array
  /** "lsa-" + hash of vocabulary, weights and params. */
  model: string
  /** V_k Σ_k⁻¹ Σ_k^sigmaScale (terms × k), derived: what a TF-IDF vector is multiplied by. */
  projection: Float32Array
  index: Map<string, number>
  /** User dictionary the model was trained with (see SerializedLsa.meta.words). */
  words: string[]
  /**
   * The vectors of the training passages (and of passages analysed for the sample that the last
   * trim pushed out), kept by a freshly trained model so ingest does not segment them twice (once
   * for the sample, once to embed); embedding a text drops its entry.
   */
  trained?: Map<string, TrainedRow>
}

/** A passage training had the weighted terms of, embedded from them as it finished (the `embed` kernel). */
interface TrainedRow {
  /** embedLsa's vector for the text, bit for bit: a view of the vectors training made together. */
  vector: Float32Array
  /** The text's normalizeForSearch form, when the sample analysed it as it streamed by. */
  normal?: string
}

/** The model as plain data: what the store keeps (as table rows, on disk or s3). */
export interface SerializedLsa {
  meta: {
    kind: 'lsa'
    version: 1
    model: string
    k: number
    docs: number
    params: LsaParams
    /**
     * The segmenter's user dictionary at training time. Loading the model teaches these words back,
     * so a search process cuts text as ingest did even when ingest added words (addWords) of its own.
     */
    words?: string[]
  }
  terms: string[]
  idf: Float32Array
  /** V_k, terms × k, row-major. */
  components: Float32Array
  singular: Float32Array
}

// ---------- features ----------

/** Raw term counts of one text (before vocabulary selection). */
function termCounts(text: string, bigramWeight: number): Map<string, number> {
  const { words, bigrams } = analyze(text)
  const counts = new Map<string, number>()
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1)
  if (bigramWeight > 0) {
    for (const b of bigrams) {
      const key = BIGRAM_PREFIX + b
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  }
  return counts
}

/** Term ids in first-seen order: a text's counts kept as two small arrays instead of a Map of strings. */
class Vocabulary {
  readonly names: string[] = []
  private ids = new Map<string, number>()
  /** Bigram term ids by pairKey: a bigram's string is made once, when first seen, not per occurrence. */
  private pairs = new Map<number, number>()
  /** countTerms' tally by term id, all zero between texts. */
  tally = new Float64Array(1024)

  id(term: string): number {
    let id = this.ids.get(term)
    if (id === undefined) {
      id = this.names.length
      this.ids.set(term, id)
      this.names.push(term)
    }
    return id
  }

  /** id(BIGRAM_PREFIX + the pair), the same id, looked up by number. */
  bigramId(first: number, second: number): number {
    const key = pairKey(first, second)
    let id = this.pairs.get(key)
    if (id === undefined) {
      id = this.id(BIGRAM_PREFIX + String.fromCharCode(first, second))
      this.pairs.set(key, id)
    }
    return id
  }
}

/** A streamed sample's analysis (TrainingSample.analysed): each text's counts and normal form, and the spare texts'. */
interface Analysed {
  docs: Counted[]
  vocabulary: Vocabulary
  spare: { texts: string[]; normals: string[]; docs: Counted[] }
}

/** One text's term counts (ids into a Vocabulary), in the order termCounts meets them. */
interface Counted {
  terms: Int32Array
  counts: Float64Array
}

/**
 * termCounts by term id: each occurrence looked up once, in the vocabulary (termCounts' own map
 * of strings, then the vocabulary, took two or three lookups). Ids are given on first sight and
 * words come before bigrams, so terms and counts are termCounts' entries, in its order.
 */
function countTerms(text: string, bigramWeight: number, vocabulary: Vocabulary, normalized?: string): Counted {
  const { words, normal } = wordsOfNormalized(normalized ?? normalizeForSearch(text))
  const order: number[] = []
  const see = (id: number) => {
    if (id >= vocabulary.tally.length) {
      const grown = new Float64Array(Math.max(2 * vocabulary.tally.length, id + 1))
      grown.set(vocabulary.tally)
      vocabulary.tally = grown
    }
    if (vocabulary.tally[id]++ === 0) order.push(id)
  }
  for (const w of words) see(vocabulary.id(w))
  if (bigramWeight > 0) eachBigramUnits(normal, (first, second) => see(vocabulary.bigramId(first, second)))
  const terms = Int32Array.from(order)
  const counts = new Float64Array(order.length)
  order.forEach((id, i) => {
    counts[i] = vocabulary.tally[id]
    vocabulary.tally[id] = 0
  })
  return { terms, counts }
}

function isBigramTerm(term: string): boolean {
  return term.startsWith(BIGRAM_PREFIX)
}

// ---------- deterministic randomness and sampling ----------

interface Keyed {
  t: string
  h: number
  /** The text's terms, when the sample analyses texts as they get in. */
  doc?: Counted
  /**
   * The normalizeForSearch form it was analysed from: pass two's full-text column needs it again,
   * and OpenCC's conversion was most of what pass two spent per passage beside the vector.
   */
  n?: string
}

const byKey = (a: Keyed, b: Keyed) => a.h - b.h || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0)

/**
 * Distinct texts ordered by hash, first `max` of them: the same corpus in any order gives the
 * same sample in the same order, so the floating-point sums (and the model) are identical.
 */
function trainingSample(texts: string[], max: number): string[] {
  const sample = new TrainingSample(max)
  for (const t of texts) sample.add(t)
  return sample.texts()
}

/**
 * The training sample gathered while passages stream by (ingest never holds the corpus): the
 * texts `trainLsa` would pick from all of them, in memory bounded by 2 × `max` texts.
 *
 * With `analyse`, each text is also segmented into its term counts as it gets in, so training
 * finds the sample already analysed. Ingest's main thread mostly waits while the workers stream
 * the reports, and segmenting the sample after the stream (~2 s of 8,000 passages) left the
 * second core idle. The counts are the ones training would compute, so the model is the same.
 */
export class TrainingSample {
  private kept: Keyed[] = []
  private held = new Set<string>()
  /** Hash of the max-th text once the sample is full: texts above it can never get in. */
  private ceiling = Infinity
  private vocabulary = new Vocabulary()

  constructor(
    readonly max: number = LSA_DEFAULTS.maxPassages,
    private readonly analyse?: { bigramWeight: number },
  ) {}

  /** `normalized` gives the text's normalizeForSearch form, asked only when the text is analysed. */
  add(text: string, normalized?: () => string): void {
    if (!text.trim()) return
    const h = fnv1a(text)
    if (h > this.ceiling || this.held.has(text)) return
    if (this.analyse) {
      const n = normalized?.() ?? normalizeForSearch(text)
      this.kept.push({ t: text, h, doc: countTerms(text, this.analyse.bigramWeight, this.vocabulary, n), n })
    } else this.kept.push({ t: text, h })
    this.held.add(text)
    if (this.kept.length >= 2 * this.max) this.trim()
  }

  /** Builds what analysing a text needs, ahead of the first text. */
  prepare(): void {
    if (this.analyse) prepareSegmenter()
  }

  texts(): string[] {
    this.trim()
    return this.kept.map((x) => x.t)
  }

  /**
   * The sample analysed as training with `p` would analyse it, or null when it was not; `spare`
   * holds the analysed texts the last trim pushed out (fewer than `max`: the sample is trimmed
   * whenever it reaches twice that). They are passages to embed like any other, and their counts
   * save segmenting them again (at 3,000 reports ~1,000 of 9,000 passages).
   */
  analysed(p: LsaParams): ({ texts: string[]; normals: string[] } & Analysed) | null {
    if (!this.analyse || this.analyse.bigramWeight !== p.bigramWeight || this.max !== p.maxPassages) return null
    const out = this.trim()
    return {
      texts: this.kept.map((x) => x.t),
      normals: this.kept.map((x) => x.n!),
      docs: this.kept.map((x) => x.doc!),
      vocabulary: this.vocabulary,
      spare: { texts: out.map((x) => x.t), normals: out.map((x) => x.n!), docs: out.map((x) => x.doc!) },
    }
  }

  /** Keeps the first `max` texts by key; returns the ones pushed out. */
  private trim(): Keyed[] {
    this.kept.sort(byKey)
    if (this.kept.length <= this.max) return []
    const out = this.kept.slice(this.max)
    for (const x of out) this.held.delete(x.t)
    this.kept.length = this.max
    this.ceiling = this.kept[this.max - 1].h
    return out
  }
}

// ---------- dense linear algebra ----------

/**
 * Columns finished one at a time before the later ones are deflated by them together: a later
 * column then meets a block's columns while they are in cache, and that deflation, nearly all the
 * work, is split over the threads.
 */
const GRAM_SCHMIDT_BLOCK = 8

/**
 * Orthonormal columns spanning those of Y (n × l row-major), by modified Gram-Schmidt: each column
 * loses its part along every earlier (finished) column in order, then is scaled to unit length.
 * They are written over Y (returned), which is not needed once its columns are copied out.
 */
function* orthonormalize(y: Float64Array, n: number, l: number, parts: number): Generator<KernelTask[], Float64Array, undefined> {
  const cols = sharedFloat64(l * n)
  yield split(l, parts, (c) => c).map(([from, to]) => ({ op: 'flip', m: y, rows: n, cols: l, out: cols, from, to }))
  for (let start = 0; start < l; start += GRAM_SCHMIDT_BLOCK) {
    const end = Math.min(l, start + GRAM_SCHMIDT_BLOCK)
    for (let c = start; c < end; c++) {
      // One pass: orthogonality to ~κ·ε is ample for a range basis; a second pass doubled training time.
      runKernel({ op: 'deflate', cols, n, by: start, upTo: c, from: c, to: c + 1 })
      const v = cols.subarray(c * n, (c + 1) * n)
      let norm = 0
      for (let i = 0; i < n; i++) norm += v[i] * v[i]
      norm = Math.sqrt(norm)
      // A dependent column (rank below l) becomes zero; its eigenvalue is 0 and it is cut from k.
      const inv = norm > 1e-10 ? 1 / norm : 0
      for (let i = 0; i < n; i++) v[i] *= inv
    }
    if (end < l) yield split(l - end, parts, (c) => c).map(([from, to]) => ({ op: 'deflate', cols, n, by: start, upTo: end, from: end + from, to: end + to }))
  }
  yield split(n, parts, (i) => i).map(([from, to]) => ({ op: 'flip', m: cols, rows: l, cols: n, out: y, from, to }))
  return y
}

/**
 * Unit columns. Between power iterations this is all the conditioning the range finder needs in
 * float64: the spread (σ₁/σ_k)^(2q+1) stays far inside double precision for LSA spectra, and one
 * Gram-Schmidt at the end replaces one per iteration (a third of training time).
 */
function scaleColumns(y: Float64Array, n: number, l: number): void {
  const norms = new Float64Array(l)
  for (let i = 0; i < n; i++) for (let c = 0; c < l; c++) norms[c] += y[i * l + c] * y[i * l + c]
  for (let c = 0; c < l; c++) norms[c] = norms[c] > 0 ? 1 / Math.sqrt(norms[c]) : 0
  for (let i = 0; i < n; i++) for (let c = 0; c < l; c++) y[i * l + c] *= norms[c]
}

/** Mirrors the upper triangle of an l × l matrix into the lower (the gram kernel fills the upper). */
function symmetrize(m: Float64Array, l: number): void {
  for (let a = 0; a < l; a++) for (let b = a + 1; b < l; b++) m[b * l + a] = m[a * l + b]
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (accurate and simple at
 * the few hundred dimensions we need). Returns eigenvalues descending and eigenvectors as columns.
 */
function symmetricEigen(input: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const { a, vt, rotate } = rotations(l)
  a.set(input)
  for (let i = 0; i < l; i++) vt[i * l + i] = 1
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0
    let diag = 0
    for (let p = 0; p < l; p++) {
      diag += a[p * l + p] * a[p * l + p]
      for (let q = p + 1; q < l; q++) off += a[p * l + q] * a[p * l + q]
    }
    if (off <= 1e-30 * diag || off === 0) break
    for (let p = 0; p < l - 1; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]
        if (Math.abs(apq) < 1e-300) continue
        const app = a[p * l + p]
        const aqq = a[q * l + q]
        const theta = (aqq - app) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        rotate(p, q, c, t * c)
      }
    }
  }
  const order = Array.from({ length: l }, (_, i) => i).sort((x, y) => a[y * l + y] - a[x * l + x] || x - y)
  const values = new Float64Array(l)
  const vectors = new Float64Array(l * l)
  order.forEach((src, dst) => {
    values[dst] = a[src * l + src]
    for (let k = 0; k < l; k++) vectors[k * l + dst] = vt[src * l + k]
  })
  return { values, vectors }
}

// ---------- training ----------

/**
 * The sample's TF-IDF matrix. Term ids may come in any order (a streamed sample meets its terms in
 * stream order): the vocabulary kept is ordered by document frequency, then by the term itself.
 */
function buildMatrix(
  sample: string[],
  p: LsaParams,
  analysed?: Analysed & { normals: string[] },
): { terms: string[]; idf: Float32Array; fill: () => { a: Csr } & Cached } {
  const vocabulary = analysed?.vocabulary ?? new Vocabulary()
  const docs = analysed?.docs ?? sample.map((text) => countTerms(text, p.bigramWeight, vocabulary))
  const names = vocabulary.names
  // Each text's terms are distinct (termCounts keys), so this counts the texts a term occurs in.
  const df = new Int32Array(names.length)
  for (const d of docs) for (let i = 0; i < d.terms.length; i++) df[d.terms[i]]++
  const docTerms = docs.map((d) => d.terms)
  const docCounts = docs.map((d) => d.counts)

  const minDf = sample.length >= MIN_DF_FROM ? p.minDf : 1
  const kept = names
    .map((_, id) => id)
    .filter((id) => df[id] >= minDf)
    .sort((x, y) => df[y] - df[x] || (names[x] < names[y] ? -1 : names[x] > names[y] ? 1 : 0))
    .slice(0, p.maxTerms)
  const remap = new Int32Array(names.length).fill(-1)
  kept.forEach((id, j) => (remap[id] = j))
  const terms = kept.map((id) => names[id])
  const n = sample.length
  const idf = Float32Array.from(kept, (id) => Math.log((1 + n) / (1 + df[id])) + 1)
  return { terms, idf, fill: () => fillMatrix(sample, analysed?.normals, p, terms, idf, remap, docTerms, docCounts, analysed?.spare ?? { texts: [], normals: [], docs: [] }) }
}

/**
 * The passages whose weighted terms training has: its rows of A, then the spare rows. `m` holds
 * their raw weights (before each row's scaling to unit length), which is what a text folds in with.
 */
interface Cached {
  texts: string[]
  normals: (string | undefined)[]
  m: Csr
}

/** The matrix's rows (and the spare rows) over the kept terms, L2-normalised; see buildMatrix. */
function fillMatrix(
  sample: string[],
  normals: string[] | undefined,
  p: LsaParams,
  terms: string[],
  idf: Float32Array,
  remap: Int32Array,
  docTerms: Int32Array[],
  docCounts: Float64Array[],
  spare: Analysed['spare'],
): { a: Csr } & Cached {
  const n = sample.length
  const known = (t: Int32Array) => {
    let m = 0
    for (let i = 0; i < t.length; i++) if (remap[t[i]] >= 0) m++
    return m
  }
  let nnz = 0
  for (const t of docTerms) nnz += known(t)
  let spareNnz = 0
  for (const d of spare.docs) spareNnz += known(d.terms)
  const rowPtr = sharedInt32(n + 1)
  // The spare rows sit past the matrix's entries, in the same arrays: one matrix of every cached
  // row, which the threads that train embed in one product (the `embed` kernel).
  const col = sharedInt32(nnz + spareNnz)
  const raw = sharedFloat64(nnz + spareNnz)
  const val = sharedFloat64(nnz)
  const cachedPtr = sharedInt32(n + spare.docs.length + 1)
  const texts: string[] = []
  const cachedNormals: (string | undefined)[] = []
  // weight()'s two lookups by term string (is it a bigram, the count's logarithm), made once a term
  // or a count instead of once an entry (~2M).
  const bigram = Uint8Array.from(terms, (term) => (isBigramTerm(term) ? 1 : 0))
  const logs = new Float64Array(LOG_TABLE).map((_, count) => Math.log(count))
  let at = 0
  // Terms stay in the text's order (the products do not need sorted columns), so a cached row
  // embeds with exactly the additions embedLsa would make: the same vector, bit for bit.
  const row = (text: string, normal: string | undefined, t: Int32Array, counts: Float64Array): number => {
    let norm = 0
    for (let i = 0; i < t.length; i++) {
      const j = remap[t[i]]
      if (j < 0) continue
      const count = counts[i]
      const w = tfIdf(count < LOG_TABLE ? logs[count] : Math.log(count), idf[j], bigram[j] === 1, p.bigramWeight)
      col[at] = j
      raw[at] = w
      norm += w * w
      at++
    }
    texts.push(text)
    cachedNormals.push(normal)
    cachedPtr[texts.length] = at
    return norm
  }
  for (let d = 0; d < n; d++) {
    const start = at
    const norm = row(sample[d], normals?.[d], docTerms[d], docCounts[d])
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0
    for (let e = start; e < at; e++) val[e] = raw[e] * inv
    rowPtr[d + 1] = at
  }
  spare.docs.forEach((d, i) => row(spare.texts[i], spare.normals[i], d.terms, d.counts))
  return {
    a: { rows: n, cols: terms.length, rowPtr, col: col.subarray(0, nnz), val },
    texts,
    normals: cachedNormals,
    m: { rows: texts.length, cols: terms.length, rowPtr: cachedPtr, col, val: raw },
  }
}

/** Term counts (whole numbers: occurrences) below this have their logarithm looked up when the matrix is filled. */
const LOG_TABLE = 64

/** Sublinear tf × idf, bigrams scaled against words. */
function weight(term: string, count: number, idf: number, bigramWeight: number): number {
  return tfIdf(Math.log(count), idf, isBigramTerm(term), bigramWeight)
}

/** weight() from the count's logarithm and whether the term is a bigram, as filling the matrix has them at hand. */
function tfIdf(logCount: number, idf: number, bigram: boolean, bigramWeight: number): number {
  const w = (1 + logCount) * idf
  return bigram ? w * bigramWeight : w
}

/**
 * Trains the model on passages (any script), or on a sample gathered as they streamed by (the same
 * model as on all of them). Throws only when there is nothing to learn from.
 */
export function trainLsa(texts: string[] | TrainingSample, params: Partial<LsaParams> = {}): LsaModel {
  const steps = training(texts, params, 1)
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value
    const tasks = 'start' in step.value ? step.value.start : step.value
    tasks.forEach((t) => runKernel(t))
  }
}

/**
 * `trainLsa` with its products split over `runner`'s threads (ingest hands it the worker pool,
 * idle once the reports have streamed by): the same model, bit for bit, in less wall time.
 */
export async function trainLsaOn(runner: KernelRunner, texts: string[] | TrainingSample, params: Partial<LsaParams> = {}): Promise<LsaModel> {
  const steps = training(texts, params, runner.parts)
  let started: Promise<void> | null = null
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value
    if ('start' in step.value) {
      await started
      started = runner.run(step.value.start)
      // Awaited at the next step; a failure must not count as unhandled before then.
      started.catch(() => {})
      // A turn of the event loop, so the runner has handed the tasks to its threads before this
      // one goes back to work of its own (it may await something before it posts them).
      await new Promise((resolve) => setImmediate(resolve))
      continue
    }
    await started
    started = null
    await runner.run(step.value)
  }
}

/**
 * A step of training: kernel tasks that must all run before training goes on, or (`start`) tasks
 * this thread need not wait for until its next step, doing work of its own meanwhile. Every step
 * begins once the tasks started before it are done.
 */
type Step = KernelTask[] | { start: KernelTask[] }

/** Training as a sequence of products, each yielded as `parts` kernel tasks. */
function* training(texts: string[] | TrainingSample, params: Partial<LsaParams>, parts: number): Generator<Step, LsaModel, undefined> {
  const p: LsaParams = { ...LSA_DEFAULTS, ...params }
  const analysed = texts instanceof TrainingSample ? texts.analysed(p) : null
  const sample = analysed?.texts ?? trainingSample(texts instanceof TrainingSample ? texts.texts() : texts, p.maxPassages)
  const { terms, idf, fill } = buildMatrix(sample, p, analysed ?? undefined)
  const shape = { rows: sample.length, cols: terms.length }
  if (shape.rows < 2 || shape.cols < 2) {
    throw new Error(`lsa: need at least two passages with words in common to train on (got ${shape.rows} passages, ${shape.cols} terms)`)
  }
  const kWanted = Math.max(1, Math.min(p.k, Math.ceil(p.dimsPerSqrtDoc * Math.sqrt(shape.rows)), shape.rows - 1, shape.cols - 1))
  const l = Math.min(kWanted + p.oversample, shape.rows, shape.cols)

  // The random matrix is drawn on the other threads while this one fills the matrix's rows.
  const omega = sharedFloat64(shape.cols * l)
  yield { start: split(omega.length, parts, (i) => i).map(([from, to]) => ({ op: 'normal', seed: p.seed, out: omega, from, to })) }
  const { a, ...cached } = fill()
  // m x for A and Aᵀ: rows balanced by their nonzeros.
  const product = (m: Csr, x: Float64Array, out: Float64Array): KernelTask[] =>
    split(m.rows, parts, (i) => m.rowPtr[i] + i).map(([from, to]) => ({ op: 'ax', a: m, x, l, out, from, to }))
  // A Ω on the other threads while this one transposes A.
  const y = sharedFloat64(a.rows * l)
  yield { start: product(a, omega, y) }
  const at = transpose(a)
  yield []
  // Each product goes over the one of its shape whose values are used up, Ω the first of Aᵀ's:
  // on this VM memory written for the first time cost ~1.5 ms of kernel time a MB (~85 MB saved).
  const z = omega
  for (let it = 0; it < p.powerIterations; it++) {
    scaleColumns(y, a.rows, l)
    yield product(at, y, z)
    yield product(a, z, y)
  }
  const q = yield* orthonormalize(y, a.rows, l, parts)
  // Aᵀ Q = Bᵀ with B = Qᵀ A; the SVD of B comes from the eigen-decomposition of B Bᵀ = (Aᵀ Q)ᵀ (Aᵀ Q).
  const bt = z
  yield product(at, q, bt)
  const g = sharedFloat64(l * l)
  // Row r of the upper triangle costs l − r.
  yield split(l, parts, (r) => r * l - (r * (r - 1)) / 2).map(([from, to]) => ({ op: 'gram', z: bt, n: a.cols, l, out: g, from, to }))
  symmetrize(g, l)
  const { values, vectors } = symmetricEigen(g, l)
  const top = Math.sqrt(Math.max(values[0], 0))
  let k = 0
  while (k < kWanted && Math.sqrt(Math.max(values[k], 0)) > RANK_EPS * top) k++
  if (k === 0) throw new Error('lsa: the training passages have no variance to learn from')

  const singular = new Float32Array(k)
  for (let c = 0; c < k; c++) singular[c] = Math.sqrt(values[c])
  // V = Bᵀ W Σ⁻¹, accumulated row by row so every inner loop walks memory in order.
  const wk = sharedFloat64(l * k)
  for (let r = 0; r < l; r++) for (let c = 0; c < k; c++) wk[r * k + c] = vectors[r * l + c] / Math.sqrt(values[c])
  const projected = sharedFloat32(a.cols * k)
  yield split(a.cols, parts, (j) => j).map(([from, to]) => ({ op: 'project', bt, w: wk, l, k, out: projected, from, to }))
  // Off shared memory: the model is hashed, saved and kept like any other.
  const components = projected.slice()
  const words = userDictionary().sort()
  const model = assemble({ meta: { kind: 'lsa', version: 1, model: '', k, docs: a.rows, params: p, words }, terms, idf, components, singular })
  // Every passage training has the terms of is embedded now, on the threads that trained, in one
  // product: pass two (ingest's workers) then only looks their vectors up.
  const projection = sharedFloat32(model.projection.length)
  projection.set(model.projection)
  model.projection = projection
  const { texts: cachedTexts, normals, m } = cached
  const folded = sharedFloat32(m.rows * k)
  yield split(m.rows, parts, (i) => m.rowPtr[i] + i).map(([from, to]) => ({ op: 'embed', a: m, proj: projection, k, out: folded, from, to }))
  // This thread's kernel memory (all of training's, when it ran every task itself) is not kept.
  releaseKernels()
  model.trained = new Map(cachedTexts.map((t, i) => [t, { vector: folded.subarray(i * k, (i + 1) * k), normal: normals[i] }]))
  return model
}

function fingerprint(s: SerializedLsa): string {
  const h = createHash('sha256')
  h.update(JSON.stringify(s.meta.params))
  h.update((s.meta.words ?? []).join('\n'))
  h.update(s.terms.join('\n'))
  for (const arr of [s.idf, s.components, s.singular]) h.update(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength))
  return 'lsa-' + h.digest('hex').slice(0, 12)
}

function assemble(s: SerializedLsa): LsaModel {
  const { k } = s.meta
  const scale = Float64Array.from(s.singular, (sv) => Math.pow(sv, s.meta.params.sigmaScale - 1))
  const projection = new Float32Array(s.components.length)
  for (let j = 0; j < s.terms.length; j++) {
    for (let c = 0; c < k; c++) projection[j * k + c] = s.components[j * k + c] * scale[c]
  }
  const index = new Map<string, number>()
  s.terms.forEach((t, j) => index.set(t, j))
  return {
    params: s.meta.params,
    k,
    docs: s.meta.docs,
    terms: s.terms,
    idf: s.idf,
    components: s.components,
    singular: s.singular,
    model: s.meta.model || fingerprint(s),
    words: s.meta.words ?? [],
    projection,
    index,
  }
}

// ---------- embedding ----------

/** acc += w · row; unrolled by four, which nearly doubled embedding throughput in V8. */
function addRow(acc: Float64Array, m: Float32Array, o: number, w: number, k: number): void {
  const k4 = k - (k % 4)
  let c = 0
  for (; c < k4; c += 4) {
    acc[c] += w * m[o + c]
    acc[c + 1] += w * m[o + c + 1]
    acc[c + 2] += w * m[o + c + 2]
    acc[c + 3] += w * m[o + c + 3]
  }
  for (; c < k; c++) acc[c] += w * m[o + c]
}

/**
 * Fold-in: the text's TF-IDF vector × V_k Σ_k⁻¹, rescaled by Σ_k^sigmaScale, unit length. A text
 * with no term the model knows (only unseen words, or only punctuation) has no direction and
 * embeds to the zero vector.
 */
export function embedLsa(model: LsaModel, text: string): Float32Array {
  const { k, projection, idf, index } = model
  // Off the shared vectors: a caller may keep it.
  const cached = model.trained?.get(text)
  if (cached) return cached.vector.slice()
  const acc = new Float64Array(k)
  for (const [term, count] of termCounts(text, model.params.bigramWeight)) {
    const j = index.get(term)
    if (j === undefined) continue
    const w = weight(term, count, idf[j], model.params.bigramWeight)
    addRow(acc, projection, j * k, w, k)
  }
  let norm = 0
  for (let c = 0; c < k; c++) norm += acc[c] * acc[c]
  const out = new Float32Array(k)
  if (norm === 0) return out
  const inv = 1 / Math.sqrt(norm)
  for (let c = 0; c < k; c++) out[c] = acc[c] * inv
  return out
}

export class LsaEmbedder implements Embedder {
  readonly name = 'lsa'
  readonly model: string
  readonly dims: number
  constructor(readonly lsa: LsaModel) {
    this.model = lsa.model
    this.dims = lsa.k
  }

  /** Queries and passages share one space; LSA has no use for e5-style prefixes. */
  async embed(texts: string[], _kind: EmbedKind): Promise<Float32Array[]> {
    return texts.map((t) => {
      const v = embedLsa(this.lsa, t)
      // Ingest embeds each passage once; the cached training row has served its purpose.
      this.lsa.trained?.delete(t)
      return v
    })
  }

  normalizedForm(text: string): string | undefined {
    return this.lsa.trained?.get(text)?.normal
  }
}

// ---------- handing a model to another thread ----------

/**
 * A freshly trained model as another thread rebuilds it: its arrays (the derived projection too)
 * on SharedArrayBuffers, so nothing large is copied or recomputed per thread, and the vectors
 * training made that are not used yet (texts, and where each vector sits in the shared array).
 * Without them a thread would segment the training sample's passages again (~0.5 ms each, most
 * of a 3,000-report corpus); with them it embeds exactly as this thread would.
 */
export interface LsaHandover {
  model: Omit<LsaModel, 'index' | 'trained'>
  trained: { texts: string[]; normals: (string | undefined)[]; at: Int32Array; vectors: Float32Array } | null
}

/** The handover of an lsa embedder; null for any other (it cannot be rebuilt from bytes here). */
export function lsaHandover(embedder: Embedder): LsaHandover | null {
  if (!(embedder instanceof LsaEmbedder)) return null
  const { index: _index, trained: rows, ...model } = embedder.lsa
  const shared = (a: Float32Array) => {
    if (a.buffer instanceof SharedArrayBuffer) return a
    const out = sharedFloat32(a.length)
    out.set(a)
    return out
  }
  const arrays = { idf: shared(model.idf), components: shared(model.components), singular: shared(model.singular), projection: shared(model.projection) }
  if (!rows?.size) return { model: { ...model, ...arrays }, trained: null }
  const texts = [...rows.keys()]
  const normals = [...rows.values()].map((r) => r.normal)
  // Every vector is a view of the one array training filled.
  const at = Int32Array.from(rows.values(), (r) => r.vector.byteOffset / Float32Array.BYTES_PER_ELEMENT)
  const vectors = new Float32Array(rows.values().next().value!.vector.buffer as SharedArrayBuffer)
  return { model: { ...model, ...arrays }, trained: { texts, normals, at, vectors } }
}

/** The embedder a handover describes, on this thread: the same vectors, bit for bit. */
export function lsaFromHandover(h: LsaHandover): LsaEmbedder {
  // Segmenting a text not trained on must cut it as the training thread did.
  if (h.model.words.length) addWordsLater(h.model.words)
  const model: LsaModel = { ...h.model, index: new Map(h.model.terms.map((t, j) => [t, j])) }
  if (h.trained) {
    const { texts, normals, at, vectors } = h.trained
    const { k } = h.model
    model.trained = new Map(texts.map((t, i) => [t, { vector: vectors.subarray(at[i], at[i] + k), normal: normals[i] }]))
  }
  return new LsaEmbedder(model)
}

// ---------- serialization ----------

export function serializeLsa(model: LsaModel): SerializedLsa {
  return {
    meta: { kind: 'lsa', version: 1, model: model.model, k: model.k, docs: model.docs, params: model.params, words: model.words },
    terms: model.terms,
    idf: model.idf,
    components: model.components,
    singular: model.singular,
  }
}

/** The inverse of serializeLsa; checks the shapes so a damaged store fails with a clear message. */
export function deserializeLsa(s: SerializedLsa): LsaModel {
  // Copies (a caller's arrays stay its own), by the typed-array constructor: Float32Array.from
  // walks an iterator, ~0.2 s for a 3,000-report model's 36 MB of components.
  return checked({ ...s, idf: new Float32Array(s.idf), components: new Float32Array(s.components), singular: new Float32Array(s.singular) })
}

/** A model from arrays it may keep: shapes checked, its user dictionary taught to the segmenter. */
function checked(s: SerializedLsa): LsaModel {
  const { k } = s.meta
  const problems: string[] = []
  if (s.meta.kind !== 'lsa' || s.meta.version !== 1) problems.push(`unknown kind/version ${s.meta.kind}/${s.meta.version}`)
  if (s.idf.length !== s.terms.length) problems.push(`idf has ${s.idf.length} entries for ${s.terms.length} terms`)
  if (s.components.length !== s.terms.length * k) problems.push(`components has ${s.components.length} values, expected ${s.terms.length}×${k}`)
  if (s.singular.length !== k) problems.push(`singular has ${s.singular.length} values, expected ${k}`)
  if (problems.length) throw new Error(`lsa model ${s.meta.model}: ${problems.join('; ')}`)
  if (s.meta.words?.length) addWords(s.meta.words)
  return assemble(s)
}

const MAGIC = 'CBLSA1'

/** One self-describing byte string: magic, JSON header length, JSON {meta, terms}, then the arrays. */
export function lsaToBytes(model: LsaModel): Uint8Array {
  const s = serializeLsa(model)
  const header = new TextEncoder().encode(JSON.stringify({ meta: s.meta, terms: s.terms }))
  const arrays = [s.idf, s.components, s.singular]
  // Arrays start on a 4-byte boundary so they can be viewed in place.
  const headEnd = MAGIC.length + 4 + header.length
  const pad = (4 - (headEnd % 4)) % 4
  const total = headEnd + pad + arrays.reduce((n, a) => n + a.byteLength, 0)
  const out = new Uint8Array(total)
  out.set(new TextEncoder().encode(MAGIC), 0)
  new DataView(out.buffer).setUint32(MAGIC.length, header.length, true)
  out.set(header, MAGIC.length + 4)
  let o = headEnd + pad
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), o)
    o += a.byteLength
  }
  return out
}

export function lsaFromBytes(bytes: Uint8Array): LsaModel {
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length))
  if (magic !== MAGIC) throw new Error('lsa: not a serialized lsa model (bad magic)')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = view.getUint32(MAGIC.length, true)
  const headEnd = MAGIC.length + 4 + headerLength
  const { meta, terms } = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, headEnd))) as Pick<SerializedLsa, 'meta' | 'terms'>
  let o = headEnd + ((4 - (headEnd % 4)) % 4)
  // Copied out byte by byte: `bytes` may be a view at any offset into a larger buffer (a Node
  // Buffer from LanceDB or the pool, whose .slice() shares memory), and a Float32Array over
  // another buffer needs a 4-byte-aligned offset.
  const take = (n: number): Float32Array => {
    if (o + n * 4 > bytes.byteLength) throw new Error('lsa: serialized model is truncated')
    const out = new Float32Array(n)
    new Uint8Array(out.buffer).set(bytes.subarray(o, o + n * 4))
    o += n * 4
    return out
  }
  const idf = take(terms.length)
  const components = take(terms.length * meta.k)
  const singular = take(meta.k)
  // take() copied them already.
  return checked({ meta, terms, idf, components, singular })
}
