import { FUNDING_SOURCES, type Case, type FundingSource } from './schema.js'

/** Funding at a glance: what a result card, a sort and a group comparison need. */
export interface FundingSummary {
  /** Sum of the amounts the report states, in 万元; null when it states none. */
  totalWan: number | null
  /** Who paid (from amounts and from statements of the mix), in FUNDING_SOURCES order. */
  sources: FundingSource[]
  /** found: amounts or payers read in the text; none: the case says there was none; not-found: the text says nothing. */
  state: 'found' | 'none' | 'not-found'
}

export function fundingSummary(c: Pick<Case, 'funding' | 'fundingMix' | 'none'>): FundingSummary {
  const amounts = c.funding.filter((f) => f.amountWan !== null)
  const named = new Set<FundingSource>([...c.funding.map((f) => f.source), ...c.fundingMix.flatMap((m) => m.sources)])
  const sources = FUNDING_SOURCES.filter((s) => named.has(s))
  const totalWan = amounts.length ? Math.round(amounts.reduce((sum, f) => sum + (f.amountWan ?? 0), 0) * 100) / 100 : null
  const state = sources.length || totalWan !== null ? 'found' : c.none?.funding !== undefined ? 'none' : 'not-found'
  return { totalWan, sources, state }
}
