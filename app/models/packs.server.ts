import { randomBytes } from 'node:crypto'
import * as lancedb from '@lancedb/lancedb'
import { Field, Int32, Schema, Utf8 } from 'apache-arrow'
import { openTableIfAny, storageOptionsFromEnv } from '../../ingest/index'
import { readOnly, storeUri } from './config.server'

/**
 * Course packs live in the same LanceDB store as the cases, in a `packs` table with one row per
 * pack. Every write touches only its own row (merge-insert keyed by id, guarded by a revision
 * number), so two trainers editing different packs at once never overwrite each other, and two
 * edits of the same pack are applied one after the other instead of one being lost.
 */
export interface PackItem {
  caseId: string
  note: string
}

export interface Pack {
  id: string
  name: string
  items: PackItem[]
  created: string
  updated: string
  rev: number
}

const TABLE = 'packs'
const SCHEMA = new Schema([
  new Field('id', new Utf8(), false),
  new Field('name', new Utf8(), false),
  new Field('items', new Utf8(), false),
  new Field('created', new Utf8(), false),
  new Field('updated', new Utf8(), false),
  new Field('rev', new Int32(), false),
])
const ID_PATTERN = /^[a-z0-9]{6,32}$/
const MAX_ATTEMPTS = 8

export class PackNotFound extends Error {}

const tables = new Map<string, Promise<lancedb.Table | null>>()

/** The packs table; null on a read-only replica until the writer has made it (it creates nothing). */
async function openPacks(uri: string): Promise<lancedb.Table | null> {
  // Read consistency 0: every read sees the latest committed version, also when another
  // process (a second app replica) wrote it.
  const db = await lancedb.connect(uri, { readConsistencyInterval: 0, storageOptions: storageOptionsFromEnv() })
  if (readOnly()) return openTableIfAny(db, TABLE)
  return db.createEmptyTable(TABLE, SCHEMA, { mode: 'create', existOk: true })
}

function table(uri = storeUri()): Promise<lancedb.Table | null> {
  let opened = tables.get(uri)
  if (!opened) {
    opened = openPacks(uri).then(
      (packs) => {
        // Looked for again next time: the writer may make it meanwhile.
        if (!packs) tables.delete(uri)
        return packs
      },
      (error: unknown) => {
        tables.delete(uri)
        throw error
      },
    )
    tables.set(uri, opened)
  }
  return opened
}

/** The table to write to; a read-only replica refuses before it touches the store. */
async function writable(uri?: string): Promise<lancedb.Table> {
  if (readOnly()) throw new Error('this server is a read-only replica (CASEBOOK_READONLY=1): course packs are edited on the writer')
  return (await table(uri))!
}

/** Forget open handles (tests switch stores between runs). */
export function closePacks(): void {
  tables.clear()
}

export function isPackId(id: string): boolean {
  return ID_PATTERN.test(id)
}

function fromRow(row: Record<string, unknown>): Pack {
  return {
    id: String(row.id),
    name: String(row.name),
    items: JSON.parse(String(row.items)) as PackItem[],
    created: String(row.created),
    updated: String(row.updated),
    rev: Number(row.rev),
  }
}

function toRow(pack: Pack): Record<string, unknown> {
  return { ...pack, items: JSON.stringify(pack.items) }
}

export async function listPacks(uri?: string): Promise<Pack[]> {
  const packs = await table(uri)
  if (!packs) return []
  const rows = await packs.query().toArray()
  return rows.map(fromRow).sort((a, b) => b.updated.localeCompare(a.updated))
}

export async function getPack(id: string, uri?: string): Promise<Pack | null> {
  // The id pattern is checked before it reaches the filter string.
  if (!isPackId(id)) return null
  const packs = await table(uri)
  if (!packs) return null
  const rows = await packs.query().where(`id = '${id}'`).limit(1).toArray()
  return rows.length ? fromRow(rows[0]) : null
}

export async function createPack(name: string, uri?: string): Promise<Pack> {
  const now = new Date().toISOString()
  const pack: Pack = { id: randomBytes(6).toString('hex'), name, items: [], created: now, updated: now, rev: 1 }
  await (await writable(uri)).add([toRow(pack)])
  return pack
}

/**
 * Apply `change` to the current version of one pack and write that row only. If someone else
 * wrote the pack in between (its revision moved), read it again and re-apply.
 */
export async function updatePack(id: string, change: (pack: Pack) => void, uri?: string): Promise<Pack> {
  const packs = await writable(uri)
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await getPack(id, uri)
    if (!current) throw new PackNotFound(id)
    const next: Pack = structuredClone(current)
    change(next)
    next.rev = current.rev + 1
    next.updated = new Date().toISOString()
    const result = await packs
      .mergeInsert('id')
      .whenMatchedUpdateAll({ where: `target.rev = ${current.rev}` })
      .execute([toRow(next)])
    if (result.numUpdatedRows === 1) return next
  }
  throw new Error(`course pack ${id} is being edited by many people at once; try again`)
}

export async function deletePack(id: string, uri?: string): Promise<void> {
  if (!isPackId(id)) throw new PackNotFound(id)
  await (await writable(uri)).delete(`id = '${id}'`)
}

export function addItem(pack: Pack, caseId: string): void {
  if (!pack.items.some((item) => item.caseId === caseId)) pack.items.push({ caseId, note: '' })
}

export function removeItem(pack: Pack, caseId: string): void {
  pack.items = pack.items.filter((item) => item.caseId !== caseId)
}

export function moveItem(pack: Pack, caseId: string, direction: 'up' | 'down'): void {
  const from = pack.items.findIndex((item) => item.caseId === caseId)
  const to = direction === 'up' ? from - 1 : from + 1
  if (from < 0 || to < 0 || to >= pack.items.length) return
  const [item] = pack.items.splice(from, 1)
  pack.items.splice(to, 0, item)
}

export function setNote(pack: Pack, caseId: string, note: string): void {
  const item = pack.items.find((entry) => entry.caseId === caseId)
  if (item) item.note = note
}
