/**
 * The retrieval bar on the judged sets of bench/retrieval (reports written and queries judged by
 * evaluators who saw neither the code nor its results): the offline default embedder, through the
 * whole pipeline, must keep hybrid at Recall@5 ≥ 0.8 and MRR ≥ 0.7 and ahead of full-text alone.
 * Deterministic (the lsa model is seeded), so a change that lowers a figure fails here.
 */
import { describe, expect, it } from 'vitest'
import { evaluate, ownSets, score } from '../bench/retrieval.js'

describe('the judged retrieval sets', () => {
  // Sets whose reports live in ../shared run in the bench only: no test may need it.
  it('with their own reports are there', () => {
    expect(ownSets()).toEqual(['set1', 'set2'])
  })

  it.each(ownSets())('%s: hybrid meets the bar and beats full-text alone', async (set) => {
    const r = (await evaluate(set))!
    const hybrid = r.modes.hybrid.all
    const fulltext = r.modes.fulltext.all
    expect(hybrid.recall5).toBeGreaterThanOrEqual(0.8)
    expect(hybrid.mrr).toBeGreaterThanOrEqual(0.7)
    expect(hybrid.recall5).toBeGreaterThan(fulltext.recall5)
    expect(hybrid.mrr).toBeGreaterThanOrEqual(fulltext.mrr)
  }, 60_000)
})

describe('the scores', () => {
  it('are recall of the relevant cases in the top 5 and the reciprocal rank of the first in the top 10', () => {
    expect(score(['a', 'x', 'b', 'y', 'z', 'c'], ['a', 'b', 'c'])).toEqual({ recall5: 2 / 3, mrr: 1 })
    expect(score(['x', 'y', 'a'], ['a', 'b'])).toEqual({ recall5: 0.5, mrr: 1 / 3 })
    expect(score(['x', 'y', 'z', 'w', 'v', 'u', 't', 's', 'r', 'q', 'a'], ['a'])).toEqual({ recall5: 0, mrr: 0 })
  })
})
