/**
 * A tiny deterministic embedder for index/search tests: hashed character bigrams of the
 * search-normal text, unit length. Not semantic — the real offline model is tested separately —
 * but stable, fast, and script-agnostic like the real ones.
 */
import type { EmbedKind, Embedder } from '../../ingest/embed/types.js'
import { searchNormal } from '../../ingest/search/normalize.js'

export class HashEmbedder implements Embedder {
  readonly name = 'test-hash'
  readonly model: string
  calls = 0
  embedded = 0
  constructor(readonly dims = 64, seed = 1) {
    this.model = `hash-bigram-${dims}-${seed}`
  }

  async embed(texts: string[], _kind: EmbedKind): Promise<Float32Array[]> {
    this.calls++
    this.embedded += texts.length
    return texts.map((t) => {
      const v = new Float32Array(this.dims)
      const s = searchNormal(t).replace(/\s+/g, '')
      for (let i = 0; i + 1 < s.length; i++) {
        let h = 2166136261
        for (const ch of s.slice(i, i + 2)) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619)
        v[(h >>> 0) % this.dims] += 1
      }
      const n = Math.hypot(...v)
      if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n
      return v
    })
  }
}
