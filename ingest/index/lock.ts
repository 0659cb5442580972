/**
 * One writer at a time. An ingest starts by rolling the tables back to the last complete build
 * (write.ts), so a second writer running beside the first would undo the first's half-written
 * versions. For a store on local disk the writer holds a lock file in the store's directory for
 * the whole run. Object stores (s3://…) offer no exclusive create through this API; there the
 * deployment keeps to one writer (README).
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

export const LOCK_FILE = '.ingest.lock'

interface Holder {
  pid: number
  /** The holder's parent: serving processes of one app server share it (app/models/upload-index.server.ts). */
  ppid?: number
  host: string
  since: string
}

export class StoreBusyError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: Holder | null,
  ) {
    const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.since}` : 'unknown process'
    super(`another ingest (${who}) is writing this store; wait for it to finish, or delete ${lockFile} if that process is gone`)
    this.name = 'StoreBusyError'
  }
}

/** The local directory of a store URI, or null for an object store. */
export function localDir(uri: string): string | null {
  if (uri.startsWith('file://')) return uri.slice('file://'.length)
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) ? null : uri
}

/**
 * Takes the store's write lock; returns its release. A lock left by a process of this host that
 * no longer runs (a killed ingest) is taken over.
 */
export function lockStore(uri: string): () => void {
  const dir = localDir(uri)
  if (dir === null) return () => {}
  mkdirSync(dir, { recursive: true })
  const file = join(dir, LOCK_FILE)
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      const me: Holder = { pid: process.pid, ppid: process.ppid, host: hostname(), since: new Date().toISOString() }
      writeSync(fd, JSON.stringify(me))
      closeSync(fd)
      return () => rmSync(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = readHolder(file)
      if (attempt > 0 || !holder || !gone(holder)) throw new StoreBusyError(file, holder)
      rmSync(file, { force: true })
    }
  }
}

function readHolder(file: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Holder
    return Number.isInteger(h.pid) && typeof h.host === 'string' ? h : null
  } catch {
    return null
  }
}

/** Only a holder on this host can be checked; one elsewhere is assumed alive. */
function gone(holder: Holder): boolean {
  if (holder.host !== hostname()) return false
  try {
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
