/**
 * Realistic Case objects for index/search tests, without the read/clean/extract stages: bodies
 * written like 经验做法 reports (simplified and traditional), tags with real quotes and spans.
 */
import type { Case, FundingSource, Place, Tag } from '../../ingest/schema.js'

export interface CaseSpec {
  id: string
  title: string | null
  body: string
  published?: string | null
  place?: Partial<Place>
  models?: string[]
  problems?: [id: string, en: string][]
  mechanisms?: [id: string, en: string][]
  actors?: [id: string, en: string][]
  orgTierCount?: number | null
  funding?: FundingSource[]
  scale?: Case['scale']
  script?: Case['script']
}

function tag(body: string, [id, en]: [string, string]): Tag {
  const at = Math.max(0, body.indexOf(id))
  const end = body.indexOf('。', at)
  const quote = body.slice(at, end > at ? end + 1 : Math.min(body.length, at + 20))
  return { id, en, quote, span: [at, at + quote.length] }
}

export function makeCase(spec: CaseSpec): Case {
  const body = spec.title && !spec.body.startsWith(spec.title) ? `${spec.title}\n${spec.body}` : spec.body
  const place: Place = { province: null, city: null, district: null, street: null, community: null, compound: null, inferred: [], ...spec.place }
  return {
    id: spec.id,
    title: spec.title,
    displayTitle: spec.title ?? body.slice(0, 20),
    published: spec.published ?? null,
    source: { name: null, url: null },
    author: null,
    editor: null,
    place,
    models: spec.models ?? [],
    orgTiers: null,
    orgTierCount: spec.orgTierCount ?? null,
    funding: (spec.funding ?? []).map((source) => ({ source, amountWan: null, payer: null, quote: body.slice(0, 5), span: [0, 5] as [number, number] })),
    fundingMix: [],
    outcomes: [],
    scale: spec.scale ?? {},
    problems: (spec.problems ?? []).map((t) => tag(body, t)),
    mechanisms: (spec.mechanisms ?? []).map((t) => tag(body, t)),
    actors: (spec.actors ?? []).map((t) => tag(body, t)),
    evidence: {},
    script: spec.script ?? 'simplified',
    body,
    removed: [],
    flags: [],
    messages: [],
    origin: { file: `${spec.id}.txt`, format: 'txt', encoding: 'utf-8', sha256: '0'.repeat(64) },
    locked: [],
  }
}

/** A small corpus: different places, models, problems, scripts. */
export function fixtureCases(): Case[] {
  return [
    makeCase({
      id: 'fz-wuwei',
      title: '倉山區聯邦新城：“五位一體”破解老舊小區治理難題',
      script: 'traditional',
      published: '2022-12-22',
      place: { province: '福建省', city: '福州市', district: '倉山區', compound: '聯邦新城小區' },
      models: ['五位一體'],
      problems: [['老旧小区', 'old compound'], ['无物业', 'no property management']],
      mechanisms: [['网格化管理', 'grid management']],
      actors: [['小区党支部', 'compound Party branch']],
      orgTierCount: 4,
      funding: ['government'],
      scale: { households: 232, population: 600 },
      body:
        '聯邦新城小區地處金浦社區內，現有住戶232戶、約600余人。2000年房改房后，小區一度出現管理真空，無物業管理，路燈不明、馬路不平。\n\n' +
        '一、主要做法\n健全網格治理體系，建立“街道黨工委—社區黨委—小區黨組織—樓棟黨支部”四級網格，網格員每日巡查，收集居民訴求。\n\n' +
        '二、工作成效\n“五位一體”模式推行以來，小區環境明顯改善，居民滿意度大幅提升。',
    }),
    makeCase({
      id: 'yt-hongdong',
      title: '栗塘社區：凝聚“紅‘棟’力” 提升小區治理效能',
      script: 'traditional',
      published: '2024-02-08',
      place: { city: '湘潭市', district: '岳塘區', community: '栗塘社區' },
      models: ['紅‘棟’力'],
      problems: [['楼道杂物', 'clutter in stairwells']],
      mechanisms: [['积分制', 'points system'], ['评比激励', 'competitions and awards']],
      actors: [['楼栋长', 'building leader']],
      orgTierCount: 3,
      funding: ['resident'],
      scale: { buildings: 12 },
      body:
        '下攝司街道栗塘社區積極探索小區“紅‘棟’力”發展模式，以單元為單位開展評比，樓梯間的雜物收拾得井井有條。\n\n' +
        '社區為年度文明單元居民發放物業補貼費，得分最高的三個單元獲得流動紅旗，樓棟長帶頭參與積分評比。',
    }),
    makeCase({
      id: 'll-zibanwuye',
      title: '党建之光照亮老旧小区“破茧重生”之路',
      published: '2023-05-10',
      place: { province: '山西省', city: '吕梁市', district: '离石区', compound: '工行小区' },
      models: ['党建引领+自办物业'],
      problems: [['老旧小区', 'old compound'], ['无物业', 'no property management'], ['停车难', 'parking shortage']],
      mechanisms: [['自办物业', 'self-run property management'], ['居民自治', 'resident self-governance']],
      actors: [['小区党支部', 'compound Party branch'], ['业委会', 'owners committee']],
      orgTierCount: 4,
      funding: ['resident', 'government'],
      scale: { buildings: 3, households: 120 },
      body:
        '工行小区建于上世纪九十年代，共3栋楼120户，原产权单位撤离后长期无物业，停车难、垃圾乱堆问题突出。\n\n' +
        '小区党支部牵头成立自管会，推行自办物业，党员带头缴纳物业费，把废弃锅炉房改造成小区党群服务站。\n\n' +
        '如今物业费从原来上门催收到及时主动上交，车位重新规划后停车难问题得到缓解。',
    }),
    makeCase({
      id: 'cz-sanjia',
      title: '滁州市琅琊街道：深化党建引领 探索社区治理“三驾马车”',
      published: '2021-07-01',
      place: { province: '安徽省', city: '滁州市', street: '琅琊街道' },
      models: ['三驾马车'],
      problems: [['物业纠纷', 'property disputes']],
      mechanisms: [['三方联动', 'three-party coordination']],
      actors: [['业委会', 'owners committee'], ['物业公司', 'property company'], ['社区居委会', 'residents committee']],
      orgTierCount: 3,
      funding: ['mixed'],
      body:
        '琅琊街道推动社区居委会、业委会、物业公司“三驾马车”协同运转，每月召开联席会议化解物业纠纷。\n\n' +
        '街道建立物业服务质量考评机制，考评结果与物业费收缴挂钩，居民投诉下降四成。',
    }),
    makeCase({
      id: 'xm-168',
      title: '嘉福盐业小区：“168”治理模式创新推动老旧小区提升',
      published: '2020-01-09',
      place: { province: '福建省', city: '厦门市', district: '湖里区', compound: '嘉福盐业小区' },
      models: ['168'],
      problems: [['老旧小区', 'old compound'], ['停车难', 'parking shortage']],
      mechanisms: [['议事协商', 'deliberation and consultation']],
      actors: [['社工机构', 'social work agency']],
      orgTierCount: 3,
      funding: ['government', 'mixed'],
      scale: { households: 48, population: 110 },
      body:
        '湖里区高崎盐业宿舍小区共48户110人，梳理了“老大难”问题12条，其中停车难、管网老化最为突出。\n\n' +
        '小区建立议事协商会，争取财政投入89万元，多方筹资22万元，完成管网改造，12349社工服务机构把健康咨询送到家门口。',
    }),
    makeCase({
      id: 'sz-wangge',
      title: '网格连心：苏州某街道推行“网格+物业”融合治理',
      published: '2023-03-15',
      place: { province: '江苏省', city: '苏州市', district: "姑苏区" },
      models: ['网格+物业'],
      problems: [['物业纠纷', 'property disputes']],
      mechanisms: [['网格化管理', 'grid management']],
      actors: [['网格员', 'grid worker'], ['物业公司', 'property company']],
      orgTierCount: 2,
      funding: ['enterprise'],
      scale: { households: 3000 },
      body:
        '街道把物业公司管理人员纳入网格，网格员与物业管家同巡同办，居民诉求当日响应。\n\n' +
        '3000户居民通过网格群反映问题，物业服务满意度提升到95%。',
    }),
  ]
}
