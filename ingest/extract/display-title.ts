import type { Place } from '../schema.js'
import type { Doc } from './document.js'

const CLAUSE = /^[^。！？!?；;\n，,：:]+/

/**
 * The headline when there is one; otherwise "<place>“<model>”案例" from the fields, or the first
 * clause of the body, cut to `max` characters.
 */
export function displayTitle(doc: Doc, title: string | null, place: Place, models: string[], max: number): string {
  if (title?.trim()) return title.trim()
  const where = place.compound ?? place.community ?? place.street ?? place.district ?? place.city ?? place.province
  if (where) {
    const t = models[0] ? `${where}“${models[0]}”案例` : `${where}案例`
    if (t.length <= max) return t
  }
  const first = doc.body.trim().match(CLAUSE)?.[0].trim() ?? ''
  return first.length > max ? `${first.slice(0, max - 1)}…` : first
}
