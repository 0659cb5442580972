import type { Case } from '../../ingest/schema'
import type { Embedder } from '../../ingest/embed/types'
import { indexCases, providerFor, storageOptionsFromEnv, type EmbedderKind, type EmbedderProvider, type IndexStats } from '../../ingest/index'
import { storeUri } from './config.server'
import { getStore, refreshStore } from './store.server'

/**
 * Uploaded cases into the store, one `upsert` build at a time (the store takes one writer):
 * uploads that arrive while a build runs wait together and go into the next build as one batch,
 * so ten uploads at once cost two builds, not ten. Each build writes only its own cases' rows;
 * searches go on answering from the previous build until its pointer is written.
 */
interface Waiting {
  c: Case
  resolve: () => void
  reject: (error: unknown) => void
}

let waiting: Waiting[] = []
let running: Promise<void> | null = null

export function indexUpload(c: Case): Promise<void> {
  return new Promise((resolve, reject) => {
    waiting.push({ c, resolve, reject })
    running ??= drain()
  })
}

async function drain(): Promise<void> {
  while (waiting.length) {
    const batch = waiting
    waiting = []
    try {
      const stats = await upsert(batch.map((w) => w.c))
      const failed = new Map(stats.failed.map((f) => [f.id, f.problem]))
      for (const w of batch) {
        const problem = failed.get(w.c.id)
        if (problem) w.reject(new Error(`${w.c.id}: cannot be indexed (${problem})`))
        else w.resolve()
      }
    } catch (error) {
      for (const w of batch) w.reject(error)
    }
  }
  running = null
}

// Kept across uploads: a neural model loads once per server, not once per upload.
const providers = new Map<string, Promise<EmbedderProvider>>()

/**
 * The store's embedder restored once, not on every upload: an offline model of a large corpus is
 * megabytes to decode. Model ids name their content (lsa's carries a hash of the trained model).
 */
function remembering(provider: EmbedderProvider): EmbedderProvider {
  let last: { key: string; embedder: Embedder } | null = null
  return {
    ...provider,
    restore: async (id, state) => {
      const key = `${id.name}\u0000${id.model}\u0000${id.dims}`
      if (last?.key === key) return last.embedder
      const embedder = await provider.restore(id, state)
      if (embedder) last = { key, embedder }
      return embedder
    },
  }
}

/** The kind of embedder that built the store, so the new vectors sit beside comparable ones. */
async function storeProvider(): Promise<EmbedderProvider> {
  const name = await getStore()
    .then((store) => store.info())
    .then((info) => info.embedder.name)
    .catch(() => 'auto')
  const kind: EmbedderKind = name === 'lsa' || name === 'transformers' ? name : 'auto'
  let provider = providers.get(kind)
  if (!provider) providers.set(kind, (provider = providerFor(kind, () => {}).then(remembering)))
  return provider
}

async function upsert(cases: Case[]): Promise<IndexStats> {
  const stats = await indexCases(cases, {
    uri: storeUri(),
    storageOptions: storageOptionsFromEnv(),
    provider: await storeProvider(),
    mode: 'upsert',
    log: () => {},
  })
  await refreshStore()
  return stats
}
