/** Case → table rows. */
import { createHash } from 'node:crypto'
import type { Case } from '../schema.js'
import { chunk, type Passage } from '../embed/chunk.js'
import { facetRow } from '../search/facets.js'
import { searchNormal } from '../search/normalize.js'
import type { Card } from './layout.js'

/** sha256 of the Case JSON: a case whose hash is unchanged keeps its rows and vectors. */
export function caseHash(c: Case): string {
  return createHash('sha256').update(JSON.stringify(c)).digest('hex')
}

export function card(c: Case): Card {
  return {
    displayTitle: c.displayTitle,
    published: c.published,
    place: c.place,
    models: c.models,
    scale: c.scale,
    tags: [
      ...c.problems.map((t) => ({ kind: 'problem' as const, id: t.id, en: t.en })),
      ...c.mechanisms.map((t) => ({ kind: 'mechanism' as const, id: t.id, en: t.en })),
      ...c.actors.map((t) => ({ kind: 'actor' as const, id: t.id, en: t.en })),
    ],
  }
}

export function caseRow(c: Case, hash: string): Record<string, unknown> {
  return {
    id: c.id,
    title: c.title,
    displayTitle: c.displayTitle,
    published: c.published,
    ...facetRow(c),
    hash,
    card: JSON.stringify(card(c)),
    json: JSON.stringify(c),
  }
}

/**
 * The passages a case is ranked by. The display title leads the first passage's search text when
 * the body does not start with it, so a title-only match still lands on the case.
 */
export function passagesOf(c: Case): Passage[] {
  const parts = chunk(c.body)
  if (parts.length === 0) return [{ text: c.displayTitle, span: [0, 0] }]
  return parts
}

export function passageText(c: Case, p: Passage, ord: number): string {
  return ord === 0 && !c.body.startsWith(c.displayTitle) ? `${c.displayTitle}\n${p.text}` : p.text
}

export function passageRows(c: Case, passages: Passage[], vectors: Float32Array[]): Record<string, unknown>[] {
  const facets = facetRow(c)
  return passages.map((p, ord) => ({
    caseId: c.id,
    ord,
    text: p.text,
    norm: searchNormal(passageText(c, p, ord)),
    spanStart: p.span[0],
    spanEnd: p.span[1],
    vector: Array.from(vectors[ord]),
    ...facets,
  }))
}
