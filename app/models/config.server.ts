import path from 'node:path'

/** Where the LanceDB store lives: a directory or an object-store URI (`s3://…`). */
export function storeUri(): string {
  return process.env.LANCEDB_URI || 'data/lancedb'
}

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
