/** Embedders by name: what the CLI's --embedder picks, and what a reader rebuilds from the store. */
import { relative } from 'node:path'
import type { Embedder } from '../embed/types.js'
import { LsaEmbedder, lsaFromBytes } from '../embed/lsa.js'
import { DEFAULT_MODEL, createTransformersEmbedder, downloadAllowed, modelFile, modelsDir } from '../embed/transformers.js'
import type { EmbedderId } from './layout.js'
import { describeEmbedder, idOf, lsaProvider, sameId, type EmbedderProvider } from './embedders.js'
import { UsageError } from '../cli/args.js'
import type { KernelRunner } from '../embed/lsa-kernels.js'

export const EMBEDDER_KINDS = ['auto', 'transformers', 'lsa'] as const
export type EmbedderKind = (typeof EMBEDDER_KINDS)[number]

export function parseEmbedderKind(raw: string | undefined): EmbedderKind {
  const kind = raw ?? 'auto'
  if (!(EMBEDDER_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown embedder "${kind}" (known: ${EMBEDDER_KINDS.join(', ')})`)
  return kind as EmbedderKind
}

/** The neural embedder: nothing to train or save; the model folder must be on this machine. */
export function transformersProvider(model = DEFAULT_MODEL): EmbedderProvider {
  let loaded: Promise<Embedder> | null = null
  const load = () => (loaded ??= createTransformersEmbedder({ model }))
  return {
    sameKind: (id) => id.name === 'transformers' && id.model === model,
    sample: () => null,
    restore: async (id) => {
      const e = await load()
      return sameId(id, idOf(e)) ? e : null
    },
    create: async () => ({ embedder: await load(), state: null }),
  }
}

/**
 * auto: the neural model when its folder is present (or downloading is allowed), else lsa, said
 * once; lsa trains on `threads` when given.
 */
export async function providerFor(kind: EmbedderKind, log: (line: string) => void, threads?: KernelRunner): Promise<EmbedderProvider> {
  if (kind === 'transformers') return transformersProvider()
  if (kind === 'auto' && (modelFile(modelsDir(), DEFAULT_MODEL) || downloadAllowed())) return transformersProvider()
  if (kind === 'auto') {
    const where = relative(process.cwd(), modelsDir()) || '.'
    log(`casebook: no model in ${where}/${DEFAULT_MODEL}; using the offline lsa embedder, trained on this corpus`)
  }
  return lsaProvider({}, threads)
}

/** The embedder that built a store, for its queries; `error` says why it cannot be had here. */
export async function restoreEmbedder(id: EmbedderId, state: Uint8Array | null): Promise<{ embedder: Embedder } | { error: string }> {
  if (id.name === 'lsa') {
    if (!state) return { error: `${describeEmbedder(id)} without its saved model (store damaged?)` }
    const model = lsaFromBytes(state)
    if (model.model !== id.model) return { error: `a saved model ${model.model} that does not match ${id.model}` }
    return { embedder: new LsaEmbedder(model) }
  }
  if (id.name === 'transformers') {
    try {
      const e = await createTransformersEmbedder({ model: id.model })
      if (e.dims !== id.dims) return { error: `${describeEmbedder(idOf(e))}, whose dimension differs` }
      return { embedder: e }
    } catch (err) {
      return { error: `transformers, which cannot load it here (${(err as Error).message.replace(/^casebook: /, '')})` }
    }
  }
  return { error: `the embedders this casebook has (${EMBEDDER_KINDS.filter((k) => k !== 'auto').join(', ')}), none named "${id.name}"` }
}
