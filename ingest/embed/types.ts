/** What a query or a stored passage is; e5-style models prefix them differently. */
export type EmbedKind = 'query' | 'passage'

/**
 * One interface for every embedder. The store records `name`, `model` and `dims` beside its
 * vectors, so a store built by one embedder is never searched with another.
 */
export interface Embedder {
  /** "transformers" or the offline embedder's name. */
  readonly name: string
  /** Model id (e.g. "Xenova/multilingual-e5-small") or a fingerprint of the corpus-trained model. */
  readonly model: string
  readonly dims: number
  /** Unit-length vectors, one per text. */
  embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]>
  /**
   * A passage's normalizeForSearch form when the embedder made it already and still holds it (a
   * freshly trained offline model keeps its training sample's), asked before the passage is
   * embedded: the writer then does not convert the same text again for its full-text column.
   */
  normalizedForm?(text: string): string | undefined
}
