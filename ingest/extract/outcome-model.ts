import type { Count } from './counts.js'
import type { Doc } from './document.js'
import { NOT_AN_OUTCOME, OUTCOME_FEATURES, countContext } from './outcome-features.js'
import model from './outcome-model.json'

export interface OutcomeModel {
  /** Logistic regression over the yes/no features of outcome-features.ts, by feature id. */
  bias: number
  weights: Record<string, number>
  /** A count is an achievement when its probability reaches this. */
  threshold: number
}

/** The features that fire for a count, by id; null when an override rules it out. */
export function featuresOf(doc: Doc, count: Count): string[] | null {
  const c = countContext(doc, count)
  if (NOT_AN_OUTCOME.some((f) => f.test(c))) return null
  return OUTCOME_FEATURES.filter((f) => f.test(c)).map((f) => f.id)
}

export function probability(m: OutcomeModel, features: string[]): number {
  let z = m.bias
  for (const f of features) z += m.weights[f] ?? 0
  return 1 / (1 + Math.exp(-z))
}

/** How likely the count reports an achievement rather than a baseline, with the model trained by train-outcomes.ts. */
export function achievement(doc: Doc, count: Count): { p: number; yes: boolean } {
  const m = model as OutcomeModel
  const features = featuresOf(doc, count)
  const p = features ? probability(m, features) : 0
  return { p, yes: p >= m.threshold }
}
