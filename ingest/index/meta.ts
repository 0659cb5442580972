/** Reading and appending `meta` rows (see layout.ts). */
import type { Connection, Table } from './lancedb.js'
import { metaSchema, TABLES, type Pointer } from './layout.js'
import { sqlInt } from '../search/facets.js'

interface MetaRow {
  kind: string
  generation: number
  ord: number
  data: string | null
  blob: Uint8Array | null
}

// Rows of a few MB keep a 50 MB model within what one object-store request carries comfortably.
const CHUNK = 4 << 20

/** The newest complete build, or null when the store has none yet. */
export async function latestPointer(meta: Table): Promise<Pointer | null> {
  const rows = (await meta.query().where("kind = 'pointer'").select(['generation', 'data']).toArray()) as MetaRow[]
  if (rows.length === 0) return null
  const newest = rows.reduce((a, b) => (b.generation > a.generation ? b : a))
  return JSON.parse(newest.data!) as Pointer
}

/** The serialized embedder state saved with `generation`, in order; null when none was saved. */
export async function embedderState(meta: Table, generation: number | null): Promise<Uint8Array | null> {
  if (generation === null) return null
  const rows = (await meta
    .query()
    .where(`kind = 'embedder' AND generation = ${sqlInt(generation)}`)
    .select(['ord', 'blob'])
    .toArray()) as MetaRow[]
  if (rows.length === 0) return null
  return Buffer.concat(rows.sort((a, b) => a.ord - b.ord).map((r) => r.blob ?? new Uint8Array()))
}

/**
 * A table by name, or null when there is none. Opened rather than looked up in `tableNames()`:
 * some S3-compatible servers (s3rver) list no tables at all.
 */
export async function openTableIfAny(db: Connection, name: string): Promise<Table | null> {
  try {
    return await db.openTable(name)
  } catch (error) {
    if (/not found|does not exist/i.test((error as Error).message)) return null
    throw error
  }
}

export async function openMeta(db: Connection, create: boolean): Promise<Table | null> {
  const meta = await openTableIfAny(db, TABLES.meta)
  if (meta || !create) return meta
  return db.createEmptyTable(TABLES.meta, metaSchema(), { existOk: true })
}

export async function appendState(meta: Table, generation: number, state: Uint8Array): Promise<void> {
  const rows = []
  for (let o = 0, ord = 0; o < state.byteLength || ord === 0; o += CHUNK, ord++) {
    rows.push({ kind: 'embedder', generation, ord, data: null, blob: Buffer.from(state.subarray(o, o + CHUNK)) })
  }
  await meta.add(rows)
}

/** The switch: once this row is written, readers answer from the new build. */
export async function appendPointer(meta: Table, pointer: Pointer): Promise<void> {
  await meta.add([{ kind: 'pointer', generation: pointer.generation, ord: 0, data: JSON.stringify(pointer), blob: null }])
}

/** Drops saved models no pointer still in use refers to (the newest two builds are kept). */
export async function pruneStates(meta: Table, keep: (number | null)[]): Promise<void> {
  const kept = keep.filter((g): g is number => g !== null).map(sqlInt)
  await meta.delete(kept.length ? `kind = 'embedder' AND generation NOT IN (${kept.join(', ')})` : "kind = 'embedder'")
}
