/**
 * The heavy products of LSA training (./lsa.ts), each over a range of its output so that several
 * threads can share one product. A range never changes how an output value is summed (same terms,
 * same order), so any split gives the model of the unsplit product, bit for bit. Arrays handed to
 * another thread must sit on a SharedArrayBuffer (`shared*`); a kernel task is plain data.
 */

export interface Csr {
  rows: number
  cols: number
  rowPtr: Int32Array
  col: Int32Array
  val: Float64Array
}

/**
 * One slice of a product, writing only its own part of `out`:
 * - `ax`: out = A x (rows × l), rows [from, to);
 * - `aty`: out = Aᵀ y (cols × l), columns [from, to) of l;
 * - `gram`: out = zᵀ z (l × l, upper triangle), rows [from, to) of it (z is n × l, n = A.cols);
 * - `project`: out = bt w (cols × k, float32), rows [from, to) (bt cols × l, w l × k);
 * - `deflate`: a step of Gram-Schmidt over `cols` (column-major, n rows a column): columns
 *   [from, to) each lose their part along the unit columns [by, upTo), one after another in that
 *   order. Every column still meets the columns before it in ascending order, however the steps
 *   are cut, so the basis is the one column-by-column Gram-Schmidt makes, bit for bit.
 */
export type KernelTask =
  | { op: 'ax'; a: Csr; x: Float64Array; l: number; out: Float64Array; from: number; to: number }
  | { op: 'aty'; a: Csr; y: Float64Array; l: number; out: Float64Array; from: number; to: number }
  | { op: 'gram'; z: Float64Array; n: number; l: number; out: Float64Array; from: number; to: number }
  | { op: 'project'; bt: Float64Array; w: Float64Array; l: number; k: number; out: Float32Array; from: number; to: number }
  | { op: 'deflate'; cols: Float64Array; n: number; by: number; upTo: number; from: number; to: number }

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

export function runKernel(t: KernelTask): void {
  switch (t.op) {
    case 'ax': {
      const { a, x, l, out } = t
      for (let i = t.from; i < t.to; i++) {
        const yo = i * l
        for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) axpy(out, yo, x, a.col[p] * l, a.val[p], l)
      }
      return
    }
    case 'aty': {
      const { a, y, l, out, from } = t
      const w = t.to - from
      for (let i = 0; i < a.rows; i++) {
        const yo = i * l + from
        for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) axpy(out, a.col[p] * l + from, y, yo, a.val[p], w)
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

/** Runs every task on this thread. */
export const INLINE: KernelRunner = {
  parts: 1,
  run: async (tasks) => tasks.forEach(runKernel),
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
