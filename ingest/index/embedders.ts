/**
 * How the writer gets an embedder: restore the one that built the store (so unchanged cases keep
 * their vectors) or make a fresh one for this corpus (training the offline model on it).
 */
import type { Embedder } from '../embed/types.js'
import { LSA_DEFAULTS, LsaEmbedder, lsaFromBytes, lsaToBytes, trainLsa, trainLsaOn, TrainingSample, type LsaParams } from '../embed/lsa.js'
import type { KernelRunner } from '../embed/lsa-kernels.js'
import type { EmbedderId } from './layout.js'

export interface EmbedderProvider {
  /** Whether `id` (the store's embedder) is the kind this provider makes. */
  sameKind(id: EmbedderId): boolean
  /** The store's embedder from its id and saved state; null when it cannot be rebuilt here. */
  restore(id: EmbedderId, state: Uint8Array | null): Promise<Embedder | null>
  /**
   * Gathers the passages a fresh embedder is trained on as the corpus streams by (`create` gets
   * it); null for an embedder that needs no training, which the writer can then make before the
   * corpus has streamed by. With `analyse` (training is certain) the sample also does training's
   * text analysis as texts get in, while the writer's thread would otherwise wait.
   */
  sample(analyse?: boolean): TrainingSample | null
  /**
   * A fresh embedder for `sample` (of the corpus's passages, made by `sample()`; null for a
   * provider that needs none), and the state to save, if any.
   */
  create(sample: TrainingSample | null): Promise<{ embedder: Embedder; state: Uint8Array | null }>
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
    sample: () => null,
    restore: async (id) => (sameId(id, idOf(embedder)) ? embedder : null),
    create: async () => ({ embedder, state: null }),
  }
}

/**
 * The offline embedder: trained on the corpus's passages, its model saved in the store. With
 * `threads` (ingest's worker pool) the training products are split over them: the same model.
 */
export function lsaProvider(params: Partial<LsaParams> = {}, threads?: KernelRunner): EmbedderProvider {
  return {
    sameKind: (id) => id.name === 'lsa',
    sample: (analyse) =>
      new TrainingSample(params.maxPassages ?? LSA_DEFAULTS.maxPassages, analyse ? { bigramWeight: params.bigramWeight ?? LSA_DEFAULTS.bigramWeight } : undefined),
    restore: async (id, state) => {
      if (!state) return null
      const model = lsaFromBytes(state)
      return model.model === id.model ? new LsaEmbedder(model) : null
    },
    create: async (sample) => {
      const texts = sample ?? []
      const model = threads ? await trainLsaOn(threads, texts, params) : trainLsa(texts, params)
      return { embedder: new LsaEmbedder(model), state: lsaToBytes(model) }
    },
  }
}
