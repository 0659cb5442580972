import { relative } from 'node:path'
import { LsaEmbedder, deserializeLsa, trainLsa, type LsaParams, type SerializedLsa } from './lsa.js'
import { DEFAULT_MODEL, createTransformersEmbedder, downloadAllowed, modelFile, modelsDir } from './transformers.js'
import type { Embedder } from './types.js'

export type { EmbedKind, Embedder } from './types.js'
export { chunk, type ChunkOptions, type Passage } from './chunk.js'
export {
  LSA_DEFAULTS, LsaEmbedder, deserializeLsa, embedLsa, lsaFromBytes, lsaToBytes, serializeLsa, trainLsa,
  type LsaModel, type LsaParams, type SerializedLsa,
} from './lsa.js'
export { DEFAULT_MODEL, MODEL_CONFIGS, TransformersEmbedder, modelFile, modelsDir, type ModelConfig } from './transformers.js'

export type EmbedderKind = 'auto' | 'transformers' | 'lsa'

export interface EmbedderOptions {
  /** auto (default): transformers when the model folder is in MODELS_DIR, else lsa. */
  kind: EmbedderKind
  /** Transformers model id. Default Xenova/multilingual-e5-small. */
  model: string
  /** Default $MODELS_DIR or models/. */
  modelsDir: string
  /** Passages to train the lsa model on (at ingest). */
  trainingTexts: string[]
  /** A stored lsa model (at search). */
  lsa: SerializedLsa
  lsaParams: Partial<LsaParams>
  /** Where the one-line notice goes. Default stderr. */
  log: (line: string) => void
}

let noticed = false

/**
 * The embedder for ingest or search. `auto` falls back to the offline lsa embedder when no model
 * folder is present, saying so once per process; lsa needs `trainingTexts` or a stored `lsa`.
 */
export async function createEmbedder(options: Partial<EmbedderOptions> = {}): Promise<Embedder> {
  const kind = options.kind ?? 'auto'
  const model = options.model ?? DEFAULT_MODEL
  if (kind === 'transformers') return createTransformersEmbedder({ model, modelsDir: options.modelsDir })
  if (kind === 'auto') {
    if (modelFile(modelsDir(options.modelsDir), model) || downloadAllowed()) {
      return createTransformersEmbedder({ model, modelsDir: options.modelsDir })
    }
    if (!noticed) {
      noticed = true
      const where = relative(process.cwd(), modelsDir(options.modelsDir)) || '.'
      const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'))
      log(`casebook: no model in ${where}/${model}; using the offline lsa embedder (see README: Embeddings)`)
    }
  }
  if (options.lsa) return new LsaEmbedder(deserializeLsa(options.lsa))
  if (options.trainingTexts) return new LsaEmbedder(trainLsa(options.trainingTexts, options.lsaParams))
  throw new Error('casebook: the lsa embedder needs passages to train on (ingest) or the model stored with the index (search)')
}
