import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { localDir } from '../../ingest/index/lock'

/** Where the LanceDB store lives: a directory or an object-store URI (`s3://…`). */
export function storeUri(): string {
  return process.env.LANCEDB_URI || 'data/lancedb'
}

/**
 * How often (ms) a replica looks for a newer build of the store: what an ingest elsewhere (the one
 * writer) takes to show on every replica. Default 5000.
 */
export function refreshMs(): number {
  const raw = process.env.CASEBOOK_REFRESH_MS
  const ms = raw ? Number(raw) : NaN
  return Number.isFinite(ms) && ms >= 0 ? ms : 5000
}

/**
 * A read-only replica (`CASEBOOK_READONLY=1`): it serves searches, cases, comparisons, packs and
 * exports from the store, writes nothing to it (no uploads, no pack edits, no deletes, not even
 * the empty packs table a first visit would create) and hides the forms that would. Replicas over
 * one bucket run this way; the one writer does not (README "Deploying").
 */
export function readOnly(): boolean {
  const raw = process.env.CASEBOOK_READONLY
  return raw === '1' || raw === 'true'
}

/**
 * Processes serving the app (`CASEBOOK_WORKERS`; default one). Node renders pages on one thread,
 * so on one process four readers at once wait for each other's pages; more processes help only
 * where cores are spare: on a 2-core machine two processes gave a worse search p97.5 at 4
 * connections under other load (229–289 ms against 215–232) and a slightly better one when quiet
 * (101–111 against 112–141), always twice the memory (bench/README, "Search page"), so more than
 * one is asked for, not assumed. Uploads from any
 * process take turns at the store's lock file (ingest/index/lock.ts); an object store has no such
 * lock, so a writable server over one runs a single process (read-only replicas run any number).
 */
export function serveWorkers(): number {
  const asked = Number(process.env.CASEBOOK_WORKERS)
  const workers = Number.isInteger(asked) && asked >= 1 ? asked : 1
  return localDir(storeUri()) === null && !readOnly() ? 1 : workers
}

/** What a serving process tells the others after it wrote a build: look for it now, not at the next refresh. */
export const NEW_BUILD_MESSAGE = 'casebook:new-build'

/** Where corpus Markdown files are written (one `<id>.md` per case). */
export function casesDir(): string {
  return path.resolve(process.env.CASEBOOK_CASES || 'corpus/cases')
}

/** Where uploaded raw reports are kept, beside the ones `npm run ingest` reads. */
export function rawDir(): string {
  return path.resolve(process.env.CASEBOOK_RAW || 'corpus/raw')
}

/** When set, write actions (upload, packs, delete) need this token. Unset: a single-user local app, open. */
export function adminToken(): string | null {
  return process.env.CASEBOOK_ADMIN_TOKEN || null
}

/** Uploads larger than this are refused before they are read. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

/**
 * The most any request body may carry (an upload plus its form fields); the server refuses more
 * while it reads, chunked bodies included, with a 413.
 */
export const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024

/**
 * The most a write may carry when the site has an admin token and the request brings it in
 * neither the admin cookie nor a header: enough for a form with the token as a field (and a
 * small report), so an anonymous client cannot make the server hold megabytes before it knows.
 */
export const ANONYMOUS_BODY_BYTES = 1024 * 1024

/** The interface to listen on. Loopback by default: the app is open when no admin token is set. */
export function listenHost(): string {
  return process.env.HOST || '127.0.0.1'
}

export function listenPort(): number {
  return Number(process.env.PORT) || 3000
}

/**
 * Served over HTTPS (directly or behind a TLS proxy): cookies get `Secure`, responses HSTS.
 * `CASEBOOK_HTTPS=1`; a request that arrives as https counts too.
 */
export function httpsDeployment(): boolean {
  return process.env.CASEBOOK_HTTPS === '1'
}

export function secureCookies(request: Request): boolean {
  return httpsDeployment() || new URL(request.url).protocol === 'https:'
}

/**
 * Origins allowed to send writes, when the public address differs from the Host header the
 * server sees (a proxy that rewrites it): `CASEBOOK_ORIGIN=https://cases.example.gov.cn`.
 * Unset: a write's Origin must name the host it was sent to.
 */
export function allowedOrigins(): string[] {
  return (process.env.CASEBOOK_ORIGIN ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean)
}

/**
 * The key that signs form tokens. `CASEBOOK_SECRET` when set (several replicas, or forms that
 * survive a restart); otherwise one random key per server process, kept in the environment so
 * that every copy of this module in the process (the server's and the built app's) uses it.
 */
export function formSecret(): string {
  if (!process.env.CASEBOOK_SECRET) process.env.CASEBOOK_SECRET = randomBytes(32).toString('hex')
  return process.env.CASEBOOK_SECRET
}
