/** Embedders by name: what the CLI's --embedder picks, and what a reader rebuilds from the store. */
import type { Embedder } from '../embed/types.js'
import { LsaEmbedder, lsaFromBytes } from '../embed/lsa.js'
import type { EmbedderId } from './layout.js'
import { describeEmbedder, lsaProvider, type EmbedderProvider } from './embedders.js'

export type EmbedderKind = 'auto' | 'lsa'

export function providerFor(kind: EmbedderKind): EmbedderProvider {
  return lsaProvider()
}

/** The embedder that built a store, for its queries; `error` says why it cannot be had here. */
export async function restoreEmbedder(id: EmbedderId, state: Uint8Array | null): Promise<{ embedder: Embedder } | { error: string }> {
  if (id.name === 'lsa') {
    if (!state) return { error: `${describeEmbedder(id)} without its saved model (store damaged?)` }
    const model = lsaFromBytes(state)
    if (model.model !== id.model) return { error: `a saved model ${model.model} that does not match ${id.model}` }
    return { embedder: new LsaEmbedder(model) }
  }
  return { error: `no embedder named "${id.name}" on this machine` }
}
