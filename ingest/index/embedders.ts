/**
 * How the writer gets an embedder: restore the one that built the store (so unchanged cases keep
 * their vectors) or make a fresh one for this corpus (training the offline model on it).
 */
import type { Embedder } from '../embed/types.js'
import { LsaEmbedder, lsaFromBytes, lsaToBytes, trainLsa, type LsaParams } from '../embed/lsa.js'
import type { EmbedderId } from './layout.js'

export interface EmbedderProvider {
  /** Whether `id` (the store's embedder) is the kind this provider makes. */
  sameKind(id: EmbedderId): boolean
  /** The store's embedder from its id and saved state; null when it cannot be rebuilt here. */
  restore(id: EmbedderId, state: Uint8Array | null): Promise<Embedder | null>
  /** A fresh embedder for `texts` (the corpus's passages), and the state to save, if any. */
  create(texts: string[]): Promise<{ embedder: Embedder; state: Uint8Array | null }>
}

export function idOf(e: Embedder): EmbedderId {
  return { name: e.name, model: e.model, dims: e.dims }
}

export function sameId(a: EmbedderId, b: EmbedderId): boolean {
  return a.name === b.name && a.model === b.model && a.dims === b.dims
}

export function describeEmbedder(id: EmbedderId): string {
  return `${id.name} (${id.model}, ${id.dims}-d)`
}

/** A ready embedder that needs no state (tests, or a caller that built one itself). */
export function fixedProvider(embedder: Embedder): EmbedderProvider {
  return {
    sameKind: (id) => id.name === embedder.name,
    restore: async (id) => (sameId(id, idOf(embedder)) ? embedder : null),
    create: async () => ({ embedder, state: null }),
  }
}

/** The offline embedder: trained on the corpus's passages, its model saved in the store. */
export function lsaProvider(params: Partial<LsaParams> = {}): EmbedderProvider {
  return {
    sameKind: (id) => id.name === 'lsa',
    restore: async (id, state) => {
      if (!state) return null
      const model = lsaFromBytes(state)
      return model.model === id.model ? new LsaEmbedder(model) : null
    },
    create: async (texts) => {
      const model = trainLsa(texts, params)
      return { embedder: new LsaEmbedder(model), state: lsaToBytes(model) }
    },
  }
}
