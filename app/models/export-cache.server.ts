import type { Case } from '../../ingest/schema'
import { getStore } from './store.server'

/**
 * Whole-store exports (JSON, REFI-QDA) cost seconds at thousands of cases and change only when
 * the store does. One build per kind and store version: requests that arrive while it runs share
 * it, later ones get its bytes, and a client holding them gets a 304 by ETag. Only the newest
 * version of each kind is kept.
 */
export interface Built {
  body: Uint8Array
  etag: string
}

const cache = new Map<string, { version: number; built: Promise<Built> }>()

export async function cachedExport(kind: string, make: (cases: Case[]) => Promise<Uint8Array>): Promise<Built> {
  const store = await getStore()
  const { version } = await store.info()
  const hit = cache.get(kind)
  if (hit && hit.version === version) return hit.built
  const built = store
    .list()
    .then(make)
    .then((body) => ({ body, etag: `"${kind}-${version}"` }))
  cache.set(kind, { version, built })
  built.catch(() => cache.delete(kind))
  return built
}

/** The export as a download, or 304 when the client already has this version. */
export async function exportResponse(request: Request, kind: string, make: (cases: Case[]) => Promise<Uint8Array>, headers: Record<string, string>): Promise<Response> {
  const { body, etag } = await cachedExport(kind, make)
  if (request.headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } })
  return new Response(Buffer.from(body), { headers: { ...headers, ETag: etag, 'Cache-Control': 'no-cache' } })
}
