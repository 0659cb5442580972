/** The one import of LanceDB, so its log level is set before the native module loads. */
import './quiet-log.js'
import * as lancedb from '@lancedb/lancedb'

export { lancedb }
export type { Connection, Table } from '@lancedb/lancedb'

/**
 * `cacheBytes` caps LanceDB's index and file-metadata caches (default 6 GB and 1 GB), which
 * otherwise grow with the store: the writer reads little back and passes a small cap, so an
 * ingest's memory stays bounded at a million cases; readers keep the defaults, which make
 * searches fast.
 */
export async function connect(uri: string, storageOptions?: Record<string, string>, cacheBytes?: number): Promise<lancedb.Connection> {
  const session = cacheBytes === undefined ? undefined : new lancedb.Session(BigInt(cacheBytes), BigInt(cacheBytes))
  return lancedb.connect(uri, storageOptions ? { storageOptions } : {}, session)
}
