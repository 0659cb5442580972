/**
 * Neural embedder: a transformers.js feature-extraction pipeline over a model folder in MODELS_DIR.
 * Nothing is fetched unless CASEBOOK_ALLOW_DOWNLOAD=1; an intranet machine gets the folder copied.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { EmbedKind, Embedder } from './types.js'

export interface ModelConfig {
  /** Prepended to queries / passages, as the model was trained. */
  queryPrefix: string
  passagePrefix: string
  /** How token vectors become one vector. */
  pooling: 'mean' | 'cls'
  /** Output size as published (the embedder reports what the model actually returns). */
  dims: number
}

/** Per-model conventions, from the model cards. Unknown models get GENERIC. */
export const MODEL_CONFIGS: Record<string, ModelConfig> = {
  // Cross-lingual (English queries reach Chinese passages); trained with these prefixes, mean pooled.
  'Xenova/multilingual-e5-small': { queryPrefix: 'query: ', passagePrefix: 'passage: ', pooling: 'mean', dims: 384 },
  // Chinese only; retrieval queries carry the instruction, passages nothing, CLS pooled.
  'Xenova/bge-small-zh-v1.5': { queryPrefix: '为这个句子生成表示以用于检索相关文章：', passagePrefix: '', pooling: 'cls', dims: 512 },
}
const GENERIC: ModelConfig = { queryPrefix: '', passagePrefix: '', pooling: 'mean', dims: 0 }

export const DEFAULT_MODEL = 'Xenova/multilingual-e5-small'

/** Where model folders live: $MODELS_DIR, else models/ (git-ignored). */
export function modelsDir(dir?: string): string {
  return resolve(dir ?? process.env.MODELS_DIR ?? 'models')
}

/** The ONNX file transformers.js will load from a model folder, or null when there is none. */
export function modelFile(dir: string, model: string): { path: string; quantized: boolean } | null {
  const base = join(modelsDir(dir), ...model.split('/'))
  if (!existsSync(join(base, 'config.json')) || !existsSync(join(base, 'tokenizer.json'))) return null
  // Quantized first, as transformers.js prefers it; a folder holding only the full model works too.
  for (const [file, quantized] of [['model_quantized.onnx', true], ['model.onnx', false]] as const) {
    const path = join(base, 'onnx', file)
    if (existsSync(path)) return { path, quantized }
  }
  return null
}

export function downloadAllowed(): boolean {
  return process.env.CASEBOOK_ALLOW_DOWNLOAD === '1'
}

/** Inputs beyond this are cut before tokenizing; the tokenizer truncates to the model's window anyway. */
const MAX_CHARS = 2000
const BAR_WIDTH = 24

interface Progress {
  status: string
  file?: string
  loaded?: number
  total?: number
  progress?: number
}

/** A one-line progress bar per file on stderr, redrawn in place. */
function progressBar(): (p: Progress) => void {
  return (p) => {
    if (p.status === 'progress' && p.total) {
      const filled = Math.round(((p.progress ?? 0) / 100) * BAR_WIDTH)
      const mb = (n = 0) => (n / 1024 / 1024).toFixed(1)
      process.stderr.write(`\r${p.file} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${mb(p.loaded)}/${mb(p.total)} MB`)
    } else if (p.status === 'done' && p.file) {
      process.stderr.write(`\r${p.file} done${' '.repeat(BAR_WIDTH + 20)}\n`)
    }
  }
}

export interface TransformersOptions {
  model: string
  modelsDir: string
  /** Texts per forward pass. */
  batchSize: number
}

type Extractor = (texts: string[], options: { pooling: 'mean' | 'cls'; normalize: boolean }) => Promise<{ dims: number[]; data: Float32Array }>

export class TransformersEmbedder implements Embedder {
  readonly name = 'transformers'
  constructor(
    readonly model: string,
    readonly dims: number,
    private readonly config: ModelConfig,
    private readonly extract: Extractor,
    private readonly batchSize: number,
  ) {}

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    const prefix = kind === 'query' ? this.config.queryPrefix : this.config.passagePrefix
    const out: Float32Array[] = []
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize).map((t) => prefix + t.slice(0, MAX_CHARS))
      const result = await this.extract(batch, { pooling: this.config.pooling, normalize: true })
      const width = result.dims[result.dims.length - 1]
      for (let r = 0; r < batch.length; r++) out.push(Float32Array.from(result.data.subarray(r * width, (r + 1) * width)))
    }
    return out
  }
}

/**
 * Loads the pipeline. Throws a one-line error naming the folder when the model is absent and
 * downloading is not allowed.
 */
export async function createTransformersEmbedder(options: Partial<TransformersOptions> = {}): Promise<TransformersEmbedder> {
  const model = options.model ?? DEFAULT_MODEL
  const dir = modelsDir(options.modelsDir)
  const allowDownload = downloadAllowed()
  const local = modelFile(dir, model)
  if (!local && !allowDownload) {
    throw new Error(
      `casebook: no model in ${join(dir, model)} (need config.json, tokenizer.json, onnx/model_quantized.onnx or onnx/model.onnx); ` +
        'copy the folder there or set CASEBOOK_ALLOW_DOWNLOAD=1 (see README: Embeddings)',
    )
  }
  // Imported here so the offline path never loads onnxruntime.
  const { env, pipeline } = await import('@xenova/transformers')
  env.allowLocalModels = true
  env.localModelPath = dir + '/'
  env.allowRemoteModels = allowDownload
  // Downloads land where local loads look: MODELS_DIR/<org>/<name>/...
  env.cacheDir = dir
  const extract = (await pipeline('feature-extraction', model, {
    quantized: local?.quantized ?? true,
    progress_callback: allowDownload ? progressBar() : undefined,
  })) as unknown as Extractor
  const config = MODEL_CONFIGS[model] ?? GENERIC
  // Probe once: the store records the dimension the model really produces.
  const probe = await extract(['.'], { pooling: config.pooling, normalize: true })
  return new TransformersEmbedder(model, probe.dims[probe.dims.length - 1], config, extract, options.batchSize ?? 16)
}
