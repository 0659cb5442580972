import type { Case } from '../../ingest/schema'
import { getCases } from './case.server'
import { getPack, type Pack } from './packs.server'

/** A pack and the cases it names (ids the store no longer has are reported, not fatal). */
export async function loadPack(id: string): Promise<{ pack: Pack; cases: Map<string, Case>; missing: string[] } | null> {
  const pack = await getPack(id)
  if (!pack) return null
  const { found, missing } = await getCases(pack.items.map((item) => item.caseId))
  return { pack, cases: new Map(found.map((c) => [c.id, c])), missing }
}
