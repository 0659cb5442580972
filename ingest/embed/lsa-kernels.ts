/**
 * The heavy products of LSA training (./lsa.ts), each over a range of its output so that several
 * threads can share one product. A range never changes how an output value is summed (same terms,
 * same order), so any split gives the model of the unsplit product, bit for bit. Arrays handed to
 * another thread must sit on a SharedArrayBuffer (`shared*`); a kernel task is plain data.
 *
 * Each kernel has two engines that give the same bits: WebAssembly SIMD (./lsa-simd.wat, two
 * float64 lanes an instruction, ~2–3× the JavaScript loops) where the runtime has it, and the
 * JavaScript loops below otherwise.
 */
import { LSA_SIMD_WASM } from './lsa-simd.wasm.js'

export interface Csr {
  rows: number
  cols: number
  rowPtr: Int32Array
  col: Int32Array
  val: Float64Array
}

/**
 * One slice of a product, writing only its own part of `out`:
 * - `ax`: out = A x (rows × l), rows [from, to), whatever they held before (training reuses its
 *   buffers: memory touched for the first time costs more than the product's own stores); Aᵀ y
 *   is `ax` over the transpose (`transpose`), whose rows list their entries by ascending row of A:
 *   each output value then sums the terms a walk of A's rows would add to it, in that order;
 * - `gram`: out = zᵀ z (l × l, upper triangle), rows [from, to) of it (z is n × l, n = A.cols);
 * - `project`: out = bt w (cols × k, float32), rows [from, to) (bt cols × l, w l × k);
 * - `flip`: out = mᵀ (m is rows × cols, row-major), rows [from, to) of out (columns of m);
 * - `embed`: out = each row of A (rows [from, to), A's values the raw term weights) folded into
 *   the model (`proj`, cols × k, float32) and scaled to unit length, as float32: lsa.ts embedLsa
 *   of a passage whose weighted terms training kept, each value summed in the row's term order;
 * - `normal`: out[i] = the i-th draw of the seeded standard normal stream, i in [from, to) (the
 *   random matrix of the range finder; any split draws the values one thread would);
 * - `deflate`: a step of Gram-Schmidt over `cols` (column-major, n rows a column): columns
 *   [from, to) each lose their part along the unit columns [by, upTo), one after another in that
 *   order. Every column still meets the columns before it in ascending order, however the steps
 *   are cut, so the basis is the one column-by-column Gram-Schmidt makes, bit for bit.
 */
export type KernelTask =
  | { op: 'ax'; a: Csr; x: Float64Array; l: number; out: Float64Array; from: number; to: number }
  | { op: 'gram'; z: Float64Array; n: number; l: number; out: Float64Array; from: number; to: number }
  | { op: 'project'; bt: Float64Array; w: Float64Array; l: number; k: number; out: Float32Array; from: number; to: number }
  | { op: 'deflate'; cols: Float64Array; n: number; by: number; upTo: number; from: number; to: number }
  | { op: 'embed'; a: Csr; proj: Float32Array; k: number; out: Float32Array; from: number; to: number }
  | { op: 'normal'; seed: number; out: Float64Array; from: number; to: number }
  | { op: 'flip'; m: Float64Array; rows: number; cols: number; out: Float64Array; from: number; to: number }

/** Runs kernel tasks that write disjoint parts of their outputs; `parts` is how many to split a product into. */
export interface KernelRunner {
  parts: number
  run(tasks: KernelTask[]): Promise<void>
}

export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT))
}

export function sharedFloat32(n: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(n * Float32Array.BYTES_PER_ELEMENT))
}

export function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * Int32Array.BYTES_PER_ELEMENT))
}

/** a[0..n) · b[0..n), in four running sums (summed in this order wherever it is used: results depend on it). */
export function dotN(a: Float64Array, b: Float64Array, n: number): number {
  const n4 = n - (n % 4)
  let s0 = 0
  let s1 = 0
  let s2 = 0
  let s3 = 0
  let i = 0
  for (; i < n4; i += 4) {
    s0 += a[i] * b[i]
    s1 += a[i + 1] * b[i + 1]
    s2 += a[i + 2] * b[i + 2]
    s3 += a[i + 3] * b[i + 3]
  }
  for (; i < n; i++) s0 += a[i] * b[i]
  return s0 + s1 + s2 + s3
}

/** y[yo..yo+l) += v · x[xo..xo+l), unrolled by four (V8 does not vectorize; this is ~1.5× faster). */
export function axpy(y: Float64Array, yo: number, x: Float64Array, xo: number, v: number, l: number): void {
  const l4 = l - (l % 4)
  let c = 0
  for (; c < l4; c += 4) {
    y[yo + c] += v * x[xo + c]
    y[yo + c + 1] += v * x[xo + c + 1]
    y[yo + c + 2] += v * x[xo + c + 2]
    y[yo + c + 3] += v * x[xo + c + 3]
  }
  for (; c < l; c++) y[yo + c] += v * x[xo + c]
}

/** Added to mulberry32's state at every draw: the state after m draws is seed + m·STEP (mod 2³²). */
const MULBERRY_STEP = 0x6d2b79f5

/** The m-th value (from 1) of mulberry32(seed), in [0, 1), reached without drawing the ones before. */
function mulberryAt(seed: number, m: number): number {
  let t = (seed + Math.imul(m, MULBERRY_STEP)) >>> 0
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** The i-th (from 0) standard normal of the seeded stream: Box-Muller over uniform draws 2i + 1 and 2i + 2. */
export function normalDraw(seed: number, i: number): number {
  const u = 1 - mulberryAt(seed, 2 * i + 1)
  const v = mulberryAt(seed, 2 * i + 2)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

/** The JavaScript engine: the reference every other engine must match bit for bit. */
function runJs(t: KernelTask): void {
  switch (t.op) {
    case 'ax': {
      const { a, x, l, out } = t
      out.fill(0, t.from * l, t.to * l)
      for (let i = t.from; i < t.to; i++) {
        const yo = i * l
        for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) axpy(out, yo, x, a.col[p] * l, a.val[p], l)
      }
      return
    }
    case 'gram': {
      const { z, n, l, out } = t
      for (let i = 0; i < n; i++) {
        const o = i * l
        for (let r = t.from; r < t.to; r++) {
          const zr = z[o + r]
          if (zr === 0) continue
          const row = r * l
          for (let b = r; b < l; b++) out[row + b] += zr * z[o + b]
        }
      }
      return
    }
    case 'project': {
      const { bt, w, l, k, out } = t
      const row = new Float64Array(k)
      for (let j = t.from; j < t.to; j++) {
        row.fill(0)
        const bo = j * l
        for (let r = 0; r < l; r++) if (bt[bo + r] !== 0) axpy(row, 0, w, r * k, bt[bo + r], k)
        out.set(row, j * k)
      }
      return
    }
    case 'embed': {
      const { a, proj, k, out } = t
      const acc = new Float64Array(k)
      for (let i = t.from; i < t.to; i++) {
        acc.fill(0)
        for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
          const w = a.val[p]
          const o = a.col[p] * k
          for (let c = 0; c < k; c++) acc[c] += w * proj[o + c]
        }
        let norm = 0
        for (let c = 0; c < k; c++) norm += acc[c] * acc[c]
        // A row with no direction (no term, or only zero weights) embeds to the zero vector.
        if (norm === 0) {
          out.fill(0, i * k, (i + 1) * k)
          continue
        }
        const inv = 1 / Math.sqrt(norm)
        for (let c = 0; c < k; c++) out[i * k + c] = acc[c] * inv
      }
      return
    }
    case 'normal': {
      for (let i = t.from; i < t.to; i++) t.out[i] = normalDraw(t.seed, i)
      return
    }
    case 'flip': {
      const { m, rows, cols, out } = t
      for (let j = t.from; j < t.to; j++) for (let i = 0; i < rows; i++) out[j * rows + i] = m[i * cols + j]
      return
    }
    case 'deflate': {
      const { cols, n } = t
      for (let c = t.from; c < t.to; c++) {
        const v = cols.subarray(c * n, (c + 1) * n)
        for (let b = t.by; b < t.upTo; b++) {
          const u = cols.subarray(b * n, (b + 1) * n)
          const d = dotN(u, v, n)
          if (d !== 0) axpy(v, 0, u, 0, -d, n)
        }
      }
      return
    }
  }
}

export type KernelEngine = 'simd' | 'js'

interface SimdExports {
  memory: WebAssembly.Memory
  ax(rowPtr: number, col: number, val: number, base: number, x: number, l: number, out: number, rows: number): void
  gram(z: number, n: number, l: number, out: number, from: number, to: number): void
  embed(rowPtr: number, col: number, w: number, base: number, proj: number, k: number, out: number, rows: number, acc: number): void
  project(bt: number, w: number, l: number, k: number, out: number, rows: number, row: number): void
  deflate(u: number, nu: number, v: number, nv: number, n: number): void
  rotate(a: number, vt: number, l: number, p: number, q: number, c: number, s: number): void
}

let simd: SimdExports | null | undefined

/** This thread's SIMD kernels, compiled on first use (~1 ms); null where WebAssembly SIMD is missing. */
function simdKernels(): SimdExports | null {
  if (simd === undefined) {
    try {
      simd = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(LSA_SIMD_WASM, 'base64')), {}).exports as unknown as SimdExports
    } catch {
      simd = null
    }
  }
  return simd
}

let preferred: KernelEngine = 'simd'

/** Which engine this thread's kernels use when not told (tests train with each: the same model). */
export function preferKernels(engine: KernelEngine): void {
  preferred = engine
}

/** The engine runKernel uses on this thread. */
export function kernelEngine(): KernelEngine {
  return preferred === 'simd' && simdKernels() ? 'simd' : 'js'
}

/**
 * Lets this thread's SIMD memory go (it grows to the largest task, ~35 MB a worker at 8,000
 * passages, and WebAssembly memory never shrinks); a later kernel compiles the module again.
 */
export function releaseKernels(): void {
  simd = undefined
}

/**
 * Places arrays in the module's memory for one task: `reserve` each region, then `view` them (a
 * grown memory has a new buffer, so views are made only once everything is reserved).
 */
class Arena {
  private end = 0
  constructor(private readonly memory: WebAssembly.Memory) {}

  reserve(bytes: number): number {
    const at = this.end
    this.end += (bytes + 15) & ~15
    return at
  }

  get buffer(): ArrayBuffer {
    const short = this.end - this.memory.buffer.byteLength
    if (short > 0) this.memory.grow(Math.ceil(short / 65536))
    return this.memory.buffer
  }

  /** `buffer`, or null when the memory cannot grow that far. */
  bufferIfRoom(): ArrayBuffer | null {
    try {
      return this.buffer
    } catch (e) {
      if (e instanceof RangeError) return null
      throw e
    }
  }
}

/**
 * Room in the arena for rows [from, to) of `a`; `copy` fills it, called once every reservation of
 * the task is made (growing the memory detaches the buffers taken before).
 */
function reserveRows(arena: Arena, a: Csr, from: number, to: number) {
  const base = a.rowPtr[from]
  const nnz = a.rowPtr[to] - base
  const rows = to - from
  const rowPtr = arena.reserve(4 * (rows + 1))
  const col = arena.reserve(4 * nnz)
  const val = arena.reserve(8 * nnz)
  const copy = (b: ArrayBuffer) => {
    new Int32Array(b, rowPtr, rows + 1).set(a.rowPtr.subarray(from, to + 1))
    new Int32Array(b, col, nnz).set(a.col.subarray(base, base + nnz))
    new Float64Array(b, val, nnz).set(a.val.subarray(base, base + nnz))
  }
  return { rows, rowPtr, col, val, base, copy }
}

/** The SIMD engine: each task's inputs copied into the module's memory, its output copied back. */
function runSimd(m: SimdExports, t: KernelTask): void {
  const arena = new Arena(m.memory)
  switch (t.op) {
    case 'ax': {
      const { a, x, l, out, from, to } = t
      const { rows, rowPtr, col, val, base, copy } = reserveRows(arena, a, from, to)
      const xs = arena.reserve(8 * x.length)
      const o = arena.reserve(8 * rows * l)
      const b = arena.buffer
      copy(b)
      new Float64Array(b, xs, x.length).set(x)
      const result = new Float64Array(b, o, rows * l)
      result.fill(0)
      m.ax(rowPtr, col, val, base, xs, l, o, rows)
      out.set(result, from * l)
      return
    }
    case 'embed': {
      const { a, proj, k, out, from, to } = t
      const { rows, rowPtr, col, val: w, base, copy } = reserveRows(arena, a, from, to)
      const ps = arena.reserve(4 * proj.length)
      const o = arena.reserve(4 * rows * k)
      const acc = arena.reserve(8 * k)
      const b = arena.buffer
      copy(b)
      new Float32Array(b, ps, proj.length).set(proj)
      m.embed(rowPtr, col, w, base, ps, k, o, rows, acc)
      out.set(new Float32Array(b, o, rows * k), from * k)
      return
    }
    case 'gram': {
      const { z, n, l, out, from, to } = t
      const zs = arena.reserve(8 * n * l)
      const o = arena.reserve(8 * l * l)
      const b = arena.buffer
      new Float64Array(b, zs, n * l).set(z.subarray(0, n * l))
      // Rows [from, to) only: another thread writes the others.
      const result = new Float64Array(b, o + 8 * from * l, (to - from) * l)
      result.set(out.subarray(from * l, to * l))
      m.gram(zs, n, l, o, from, to)
      out.set(result, from * l)
      return
    }
    case 'project': {
      const { bt, w, l, k, out, from, to } = t
      const rows = to - from
      const bts = arena.reserve(8 * rows * l)
      const ws = arena.reserve(8 * l * k)
      const o = arena.reserve(4 * rows * k)
      const row = arena.reserve(8 * k)
      const b = arena.buffer
      new Float64Array(b, bts, rows * l).set(bt.subarray(from * l, to * l))
      new Float64Array(b, ws, l * k).set(w.subarray(0, l * k))
      m.project(bts, ws, l, k, o, rows, row)
      out.set(new Float32Array(b, o, rows * k), from * k)
      return
    }
    case 'deflate': {
      const { cols, n, by, upTo, from, to } = t
      const u = arena.reserve(8 * n * (upTo - by))
      const v = arena.reserve(8 * n * (to - from))
      const b = arena.buffer
      new Float64Array(b, u, n * (upTo - by)).set(cols.subarray(by * n, upTo * n))
      const result = new Float64Array(b, v, n * (to - from))
      result.set(cols.subarray(from * n, to * n))
      m.deflate(u, upTo - by, v, to - from, n)
      cols.set(result, from * n)
      return
    }
    case 'normal':
    // Math.log and Math.cos have no WebAssembly instruction; a flip only moves values.
    case 'flip':
      return runJs(t)
  }
}

/** Runs one task on this thread, by `engine` (default: SIMD where the runtime has it, see preferKernels). */
export function runKernel(t: KernelTask, engine: KernelEngine = preferred): void {
  const m = engine === 'simd' ? simdKernels() : null
  if (m) {
    try {
      return runSimd(m, t)
    } catch (e) {
      // The module's memory could not grow to the task (RangeError, before any output was
      // written): the JavaScript loops work on the arrays where they are.
      if (!(e instanceof RangeError)) throw e
    }
  }
  runJs(t)
}

/**
 * The state and step of the Jacobi eigen-decomposition (lsa.ts `symmetricEigen`), by `engine`: in
 * the SIMD module's memory (valid until this thread's next kernel) or in plain arrays.
 */
export interface Rotations {
  /** The l × l matrix being diagonalised, row-major; the caller fills it. */
  a: Float64Array
  /** The eigenvectors so far, transposed (row p is column p of V), zero; the caller fills it. */
  vt: Float64Array
  /** The rotation by (c, s) in the plane (p, q): columns p and q of a, then its rows, then rows of vt. */
  rotate(p: number, q: number, c: number, s: number): void
}

export function rotations(l: number, engine: KernelEngine = preferred): Rotations {
  const m = engine === 'simd' ? simdKernels() : null
  const arena = m && new Arena(m.memory)
  const ao = arena?.reserve(8 * l * l) ?? 0
  const vo = arena?.reserve(8 * l * l) ?? 0
  const b = arena?.bufferIfRoom()
  if (m && b) {
    const vt = new Float64Array(b, vo, l * l)
    // The memory may hold an earlier task's values.
    vt.fill(0)
    return { a: new Float64Array(b, ao, l * l), vt, rotate: (p, q, c, s) => m.rotate(ao, vo, l, p, q, c, s) }
  }
  const a = new Float64Array(l * l)
  const vt = new Float64Array(l * l)
  const rows = (m: Float64Array, p: number, q: number, c: number, s: number) => {
    for (let k = 0; k < l; k++) {
      const x = m[p * l + k]
      const y = m[q * l + k]
      m[p * l + k] = c * x - s * y
      m[q * l + k] = s * x + c * y
    }
  }
  const rotate = (p: number, q: number, c: number, s: number) => {
    for (let k = 0; k < l; k++) {
      const x = a[k * l + p]
      const y = a[k * l + q]
      a[k * l + p] = c * x - s * y
      a[k * l + q] = s * x + c * y
    }
    rows(a, p, q, c, s)
    rows(vt, p, q, c, s)
  }
  return { a, vt, rotate }
}

/** Aᵀ as a matrix of its own, each row's entries by ascending row of A (see `ax`). */
export function transpose(a: Csr): Csr {
  const rowPtr = sharedInt32(a.cols + 1)
  for (let p = 0; p < a.rowPtr[a.rows]; p++) rowPtr[a.col[p] + 1]++
  for (let j = 0; j < a.cols; j++) rowPtr[j + 1] += rowPtr[j]
  const next = rowPtr.slice(0, a.cols)
  const col = sharedInt32(a.rowPtr[a.rows])
  const val = sharedFloat64(a.rowPtr[a.rows])
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const at = next[a.col[p]]++
      col[at] = i
      val[at] = a.val[p]
    }
  }
  return { rows: a.cols, cols: a.rows, rowPtr, col, val }
}

/** Runs every task on this thread. */
export const INLINE: KernelRunner = {
  parts: 1,
  run: async (tasks) => tasks.forEach((t) => runKernel(t)),
}

/** [from, to) bounds splitting 0..n into `parts` ranges whose `cost(from, to)` is about even. */
export function split(n: number, parts: number, cumulative: (i: number) => number): [number, number][] {
  const total = cumulative(n)
  const out: [number, number][] = []
  let from = 0
  for (let part = 1; part <= parts; part++) {
    let to = n
    if (part < parts) {
      const goal = (total * part) / parts
      to = from
      while (to < n && cumulative(to) < goal) to++
    }
    out.push([from, to])
    from = to
  }
  return out.filter(([f, t]) => t > f)
}
