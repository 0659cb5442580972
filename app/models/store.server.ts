import { openStore, type Store } from '../../ingest/search'
import { storageOptionsFromEnv } from '../../ingest/index'
import { refreshMs, storeUri } from './config.server'

/**
 * One open store per server process, opened on first use. Loaders and actions call into it; no
 * route touches LanceDB directly.
 */
let opening: Promise<Store> | null = null

export function getStore(): Promise<Store> {
  if (!opening) {
    opening = openStore(storeUri(), { storageOptions: storageOptionsFromEnv(), refreshMs: refreshMs() }).catch((error: unknown) => {
      opening = null
      throw error
    })
  }
  return opening
}

/**
 * Opens the store and runs one search with facets, so the first reader does not wait for what
 * every later one reuses: the embedder rebuilt from the store, the facet catalog, the segmenter's
 * dictionary and the glossary (2.8 s for the first search page at 10k cases before), then reads
 * every passage's norm (stores up to 50,000 passages) and the common bigrams' posting lists
 * (Store.warm). Called, not awaited, when the server starts; a missing store is left to the pages
 * to report.
 */
export async function warmStore(): Promise<void> {
  try {
    const store = await getStore()
    await store.search('小区', { facets: true })
    await store.facets({})
    // Last, so the first reader waits only for what every search needs.
    await store.warm()
  } catch {
    // No store yet (run npm run ingest first): the search page says so.
  }
}

/** The next request looks for a newer build (an upload just wrote one); searches in flight go on. */
export async function refreshStore(): Promise<void> {
  if (opening) (await opening.catch(() => null))?.refresh()
}

/** Drop the open store (tests switch stores between runs). */
export async function reopenStore(): Promise<void> {
  const previous = opening
  opening = null
  if (previous) (await previous.catch(() => null))?.close()
}

/**
 * Serve from a store opened elsewhere (tests hand in one they built in a temp directory).
 * Passing null returns to opening `LANCEDB_URI` on demand.
 */
export function setStore(store: Store | null): void {
  opening = store ? Promise.resolve(store) : null
}
