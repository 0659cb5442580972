import cluster from 'node:cluster'
import { hostname } from 'node:os'
import type { Case } from '../../ingest/schema'
import type { Embedder } from '../../ingest/embed/types'
import { idOf, sameId } from '../../ingest/index/embedders'
import { indexCases, providerFor, StoreBusyError, storageOptionsFromEnv, type EmbedderKind, type EmbedderProvider, type IndexStats } from '../../ingest/index'
import { NEW_BUILD_MESSAGE, storeUri } from './config.server'
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
 * megabytes to decode. Model ids name their content (lsa's carries a hash of the trained model),
 * so the embedder the open store restored for its queries is that same model: the first upload
 * takes it instead of decoding a second copy (~0.3 s of the main thread at 10k cases, which held
 * every search in flight, and the model's memory twice).
 */
function remembering(provider: EmbedderProvider): EmbedderProvider {
  let last: { key: string; embedder: Embedder } | null = null
  return {
    ...provider,
    restore: async (id, state) => {
      const key = `${id.name}\u0000${id.model}\u0000${id.dims}`
      if (last?.key === key) return last.embedder
      const serving = await getStore()
        .then((store) => store.embedder())
        .catch(() => null)
      if (serving && sameId(idOf(serving), id)) {
        last = { key, embedder: serving }
        return serving
      }
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

/**
 * How long an upload waits for the store's lock while another serving process of this server
 * indexes its own upload before it fails with the lock's message. An `npm run ingest`
 * holding it is not waited for: it may write for an hour, and the upload says so at once.
 */
const LOCK_WAIT_MS = 120_000

function heldBySibling(error: unknown): boolean {
  if (!cluster.isWorker || !(error instanceof StoreBusyError)) return false
  // No holder read: the lock file was caught between its creation and its content.
  return !error.holder || (error.holder.host === hostname() && error.holder.ppid === process.ppid)
}

async function upsert(cases: Case[]): Promise<IndexStats> {
  const provider = await storeProvider()
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      const stats = await indexCases(cases, { uri: storeUri(), storageOptions: storageOptionsFromEnv(), provider, mode: 'upsert', log: () => {} })
      await refreshStore()
      // The other serving processes (app/server/main.server.ts) look for the build now, so the
      // page the upload redirects to finds the case whichever process serves it.
      if (cluster.isWorker) process.send?.({ type: NEW_BUILD_MESSAGE })
      return stats
    } catch (error) {
      if (!heldBySibling(error) || Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}
