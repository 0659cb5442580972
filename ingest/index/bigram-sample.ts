/**
 * The cases whose passages estimate how common each bigram is (`bigramShares` in the pointer,
 * which plans full-text queries): the ~2000 cases with the smallest hash of their id. Picked as
 * cases stream by without knowing how many will come, the same corpus gives the same sample in
 * any order, and only a case that gets in is normalized (about 2000 · ln(corpus / 2000) of them).
 */
import type { Case } from '../schema.js'
import type { Passage } from '../embed/chunk.js'
import { passagesOf, passageText } from './rows.js'
import { searchNormal, searchNormalOf } from '../search/normalize.js'
import { fnv1a } from '../text/fnv1a.js'

/** Enough passages to tell a bigram in 20% of them from one in 25% (the planner's thresholds). */
const CASES = 2000

interface Entry {
  key: number
  id: string
  normals: string[]
}

export class BigramSample {
  private kept: Entry[] = []
  private ceiling = Infinity

  constructor(private readonly max = CASES) {}

  /** `passages` and their `normalized` forms (rows.ts, normalizedPassages) when the caller has them. */
  offer(c: Case, passages: Passage[] = passagesOf(c), normalized?: (ord: number) => string): void {
    const key = fnv1a(c.id)
    if (key > this.ceiling) return
    this.kept.push({ key, id: c.id, normals: passages.map((p, ord) => (normalized ? searchNormalOf(normalized(ord)) : searchNormal(passageText(c, p, ord)))) })
    if (this.kept.length >= 2 * this.max) this.trim()
  }

  /** Search-normal passages of the sampled cases. */
  normals(): string[] {
    this.trim()
    return this.kept.flatMap((e) => e.normals)
  }

  private trim(): void {
    this.kept.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : 1))
    if (this.kept.length > this.max) {
      this.kept.length = this.max
      this.ceiling = this.kept[this.max - 1].key
    }
  }
}
