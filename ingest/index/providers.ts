/** Embedders by name: what the CLI's --embedder picks, and what a reader rebuilds from the store. */
import type { Embedder } from '../embed/types.js'
import { LsaEmbedder, lsaFromBytes } from '../embed/lsa.js'
import type { EmbedderId } from './layout.js'
import { describeEmbedder, lsaProvider, type EmbedderProvider } from './embedders.js'
import { UsageError } from '../cli/args.js'

export const EMBEDDER_KINDS = ['auto', 'lsa'] as const
export type EmbedderKind = (typeof EMBEDDER_KINDS)[number]

export function parseEmbedderKind(raw: string | undefined): EmbedderKind {
  const kind = raw ?? 'auto'
  if (!(EMBEDDER_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown embedder "${kind}" (known: ${EMBEDDER_KINDS.join(', ')})`)
  return kind as EmbedderKind
}

export async function providerFor(kind: EmbedderKind, log: (line: string) => void): Promise<EmbedderProvider> {
  if (kind === 'auto') log('embedder: auto → lsa, the offline model trained on this corpus')
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
  return { error: `the embedders this casebook has (${EMBEDDER_KINDS.filter((k) => k !== 'auto').join(', ')}), none named "${id.name}"` }
}
