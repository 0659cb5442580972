import type { PlaceLevel } from '../schema.js'
import { toSimplified } from '../text/script.js'
import { gazetteer } from './gazetteer.js'

/**
 * A place name in one canonical form: simplified script and, for provinces, cities and
 * districts the gazetteer knows, the official full name (安徽 → 安徽省, 廈門 → 厦门市). Names it
 * does not know (streets, communities, compounds, unlisted places) are only simplified. This is
 * how exports spell places, so two cases in 安徽 and 安徽省 land in one spreadsheet group.
 */
export function normalPlace(level: PlaceLevel, name: string): string {
  const simp = toSimplified(name.normalize('NFKC')).replace(/\s+/g, '')
  if (level !== 'province' && level !== 'city' && level !== 'district') return simp
  const g = gazetteer()
  const known = (candidate: string) => g.byName.get(candidate)?.some((e) => e.level === level) ?? false
  // A short form filed as a name of its own ("凉山州", "石柱县") is spelt as the official name.
  const own = g.byName.get(simp)?.find((e) => e.level === level)
  if (own) return own[level]!
  const short = level === 'province' ? g.shortProvince.get(simp) : level === 'city' ? (g.shortCity.get(simp) ?? g.chainedShortCity.get(simp)) : undefined
  if (short) return short
  if (level === 'district') for (const suffix of ['区', '县', '市']) if (known(`${simp}${suffix}`)) return `${simp}${suffix}`
  return simp
}
