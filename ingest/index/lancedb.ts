/** The one import of LanceDB, so its log level is set before the native module loads. */
import './quiet-log.js'
import * as lancedb from '@lancedb/lancedb'

export { lancedb }
export type { Connection, Table } from '@lancedb/lancedb'

export async function connect(uri: string, storageOptions?: Record<string, string>): Promise<lancedb.Connection> {
  return lancedb.connect(uri, storageOptions ? { storageOptions } : {})
}
