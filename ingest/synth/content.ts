import { chineseNumber } from './numerals.js'
import { pickPlace, type SynthPlace } from './places.js'
import type { Rng } from './rng.js'

/** What a generated report is known to contain, for tests and benchmarks to check against. */
export interface SynthTruth {
  title: string
  date: string
  source: string
  place: SynthPlace
  model: string
  orgTiers: string[]
  fundingWan: number[]
  outcomes: { value: number; label: string }[]
  scale: { households: number; population: number; buildings: number }
  /** Body paragraphs and section headings, in order, as they should survive cleaning. */
  paragraphs: string[]
}

const MODELS = ['小区管家', '红色议事厅', '1+3+N', '五位一体', '三事分流', '红‘邻’驿站', '四议两公开', '邻里守望', '党建引领+自治物业', '一核多元', '135', '双报到双服务', '红‘楼’管家']
const MODEL_KINDS = ['治理模式', '工作法', '治理体系', '工作机制']
const TIERS = ['街道党工委', '社区党委', '小区党支部', '楼栋党小组', '党员中心户']
const SOURCES = ['北方新闻网', '东南网', '城市晚报', '区融媒体中心', '社区建设在线', '民生日报', '河畔时报']
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡']
const GIVEN = ['建国', '秀英', '晓东', '丽华', '志强', '海燕', '文博', '桂兰', '明', '静', '伟', '芳']
const PROBLEMS = ['楼道堆物、停车难、垃圾清运不及时', '管网老化、路面破损、雨天积水', '没有物业管理、公共设施无人维护', '私搭乱建、飞线充电、安全隐患多']
const MECHANISMS = ['议事协商', '网格化管理', '积分评比', '志愿服务', '双报到']

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN)
}

function amount(rng: Rng, wan: number): string {
  return rng.chance(0.3) && Number.isInteger(wan) ? `${chineseNumber(wan)}万元` : `${wan}万元`
}

const HEADLINES: ((p: SynthPlace, model: string, kind: string) => string)[] = [
  (p, m, k) => `${p.community}：“${m}”${k}破解老旧小区治理难题`,
  (p, m) => `${p.street}${p.community}探索“${m}” 让老旧小区焕发新活力`,
  (p) => `${p.district}：党建引领${p.compound}走出治理新路子`,
  (p, m) => `“${m}”激活${p.compound}治理“一池春水”`,
  (p, m, k) => `${p.city}${p.district}以“${m}”${k}推动${p.compound}蝶变`,
]

export function composeCase(rng: Rng): SynthTruth {
  const place = pickPlace(rng)
  const model = rng.pick(MODELS)
  const kind = rng.pick(MODEL_KINDS)
  const year = rng.int(2018, 2024)
  const date = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
  const tierCount = rng.int(3, 4)
  const start = rng.int(0, TIERS.length - tierCount)
  const orgTiers = TIERS.slice(start, start + tierCount)
  const dash = rng.pick(['—', '-', '—'])
  const households = rng.int(40, 1800)
  const population = households * rng.int(2, 3) + rng.int(0, 99)
  const buildings = rng.int(2, 40)
  const government = rng.int(10, 300)
  const residents = rng.chance(0.5) ? rng.int(2, 40) : Number((rng.int(5, 200) / 10).toFixed(1))
  const solved = rng.int(5, 80)
  const deeds = rng.int(3, 40)
  const satisfaction = rng.int(85, 99)
  const mechanisms = rng.sample(MECHANISMS, 2)
  const resident = personName(rng)
  const title = rng.pick(HEADLINES)(place, model, kind)
  const volunteers = rng.int(20, 300)
  const teams = rng.int(2, 9)
  const enterprise = rng.chance(0.4) ? rng.int(2, 30) : null
  const fundingWan = enterprise === null ? [government, residents] : [government, residents, enterprise]
  const sections: string[][] = [
    [
      `${place.compound}位于${place.district}${place.street}${place.community}，建于${rng.int(1978, 2002)}年，共有住宅楼${buildings}栋、居民${households}户${population}人，其中60岁以上老年人占比超过${rng.int(20, 45)}%。过去，小区${rng.pick(PROBLEMS)}等问题长期困扰居民，${rng.pick(['群众意见很大', '信访投诉居高不下', '居民怨声载道'])}。`,
      `${rng.pick(['如何让老旧小区“旧貌换新颜”', '怎样把居民的“烦心事”变成“暖心事”', '小区治理“谁来管、怎么管、钱从哪来”'])}，是摆在${place.community}面前的一道难题。`,
    ],
    [
      rng.pick(['党建引领聚合力', '建强组织强根基', '织密网络筑堡垒']),
      `${year}年以来，${place.community}党委探索“${model}”${kind}，建立“${orgTiers.join(dash)}”${chineseNumber(tierCount)}级组织体系，通过${mechanisms[0]}和${mechanisms[1]}，把居民的事交给居民商量着办。`,
      `一是建强组织体系。推动党支部建在小区、党小组建在楼栋，选优配强${rng.int(3, 12)}名楼栋长，实现“小区有支部、楼栋有小组、单元有党员”。二是完善议事机制。每月召开一次居民议事会，涉及小区公共事务的事项一律“居民提、大家议、集体定”。三是健全服务队伍。组建志愿服务队${teams}支，吸纳志愿者${volunteers}名，常态化开展环境整治、邻里互助等活动。`,
    ],
    [
      rng.pick(['多元共治添活力', '共建共享解难题', '聚力攻坚办实事']),
      `在资金保障上，${place.street}争取财政资金${amount(rng, government)}，居民自筹${amount(rng, residents)}${enterprise === null ? '' : `，辖区企业捐助${amount(rng, enterprise)}`}，按照“政府补一点、社会筹一点、居民凑一点”的思路，完成了雨污分流、路面硬化和楼道粉刷。`,
      `改造过程中，社区坚持“改不改、改什么、怎么改”由居民说了算，先后召开${rng.int(3, 20)}次协调会，逐户上门征求意见${rng.int(100, 900)}余份，确保改造项目件件有回音、事事有着落。`,
      `“以前下雨天楼下全是积水，现在路平了、灯亮了，住着舒心多了。”居民${resident}说。`,
    ],
    [
      rng.pick(['长效管理见实效', '治理成效惠民生']),
      `截至目前，累计解决群众急难愁盼问题${solved}件，为居民办实事${deeds}件，居民满意度达到${satisfaction}%。`,
    ],
  ]
  if (rng.chance(0.5)) sections.push([`下一步，${place.community}将继续深化“${model}”${kind}，推动小区治理从“有人管”向“管得好”转变，让居民的获得感、幸福感、安全感更加充实。`])
  // Section headings are short body lines the cleaner must keep; some reports have none.
  const withHeadings = rng.chance(0.6)
  const paragraphs = sections.flatMap((section, i) => (withHeadings || i === 0 || section.length === 1 ? section : section.slice(1)))
  return {
    title,
    date,
    source: rng.pick(SOURCES),
    place,
    model,
    orgTiers,
    fundingWan,
    outcomes: [
      { value: solved, label: '问题' },
      { value: deeds, label: '办实事' },
      { value: satisfaction, label: '满意度' },
    ],
    scale: { households, population, buildings },
    paragraphs,
  }
}
