import type { Case } from '../../ingest/schema'
import type { SimilarHit } from '../../ingest/search/types'
import { getStore } from './store.server'

/**
 * Case ids are file names without extension, any characters but path separators and control
 * characters (ingest replaces those); anything else is not a case we could have stored.
 */
const CASE_ID = /^[^\p{Cc}\p{Zl}\p{Zp}/\\]{1,200}$/u

export function isCaseId(id: string): boolean {
  return CASE_ID.test(id) && !id.startsWith('.') && !id.includes('..')
}

export async function getCase(id: string): Promise<Case | null> {
  if (!isCaseId(id)) return null
  return (await getStore()).get(id)
}

export async function getCases(ids: string[]): Promise<{ found: Case[]; missing: string[] }> {
  const found: Case[] = []
  const missing: string[] = []
  for (const id of ids) {
    const c = await getCase(id)
    if (c) found.push(c)
    else missing.push(id)
  }
  return { found, missing }
}

export async function similarCases(id: string, limit = 5): Promise<SimilarHit[]> {
  return (await getStore()).similar(id, { limit })
}
