/** What the store commands (search, similar, show) share: --db, --filter, --limit, error lines. */
import { defaultUri, storageOptionsFromEnv } from '../index/layout.js'
import { openStore, SearchError, FACET_FIELDS, type FacetField, type Filters, type Store } from '../search/index.js'
import { UsageError, USAGE_EXIT } from './args.js'

export const STORE_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  limit: { type: 'string' },
  filter: { type: 'string', multiple: true },
} as const

export function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--limit must be a whole number ≥ 1, not "${raw}"`)
  return Number(raw)
}

/** `--filter field=value`, repeatable; values of one field are OR-ed, fields AND-ed. */
export function parseFilters(raw: string[] | undefined): Filters {
  const filters: Filters = {}
  for (const f of raw ?? []) {
    const eq = f.indexOf('=')
    if (eq <= 0) throw new UsageError(`--filter takes field=value, not "${f}" (fields: ${FACET_FIELDS.join(', ')})`)
    const field = f.slice(0, eq).trim() as FacetField
    if (!(FACET_FIELDS as readonly string[]).includes(field)) throw new UsageError(`unknown filter field "${field}" (fields: ${FACET_FIELDS.join(', ')})`)
    ;(filters[field] ??= []).push(f.slice(eq + 1))
  }
  return filters
}

export async function openFromArgs(db: string | undefined): Promise<Store> {
  return openStore(db ?? defaultUri(), { storageOptions: storageOptionsFromEnv() })
}

/** A store/search error as one line; input errors exit 2 like usage errors, store trouble 1. */
export function failure(err: unknown): number {
  if (err instanceof SearchError) {
    process.stderr.write(`casebook: ${err.message}\n`)
    return err.isInputError ? USAGE_EXIT : 1
  }
  if (err instanceof UsageError) {
    process.stderr.write(`casebook: ${err.message}\n`)
    return USAGE_EXIT
  }
  throw err
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
