import { toTraditional } from '../../text/script.js'

/**
 * Generic words that tell page furniture from report text, one group per kind of furniture. The
 * line classifier sees, per group, whether a line holds one of the words; it learns from labelled
 * lines how much each group counts and where. Written in simplified script; the traditional
 * spellings are added at load time. Words only, no phrases from any page: a new kind of furniture is a new group here
 * plus labelled lines, not a new rule.
 */
export interface CueGroup {
  id: string
  words: string[]
  why: string
}

export const CUE_GROUPS: CueGroup[] = [
  {
    id: 'meta',
    words: ['来源', '作者', '编辑', '责编', '记者', '通讯员', '发布时间', '发布日期', '发表于', '日期', '时间', '审核', '校对', '摄影', '供稿', '稿源', '浏览', '点击数', '阅读数', '字号', '报道', '一审', '二审', '终审', '出品', '源自', '原载', '首发', '刊发'],
    why: 'Byline and dateline words: who wrote, edited or published the page, and when.',
  },
  {
    id: 'nav',
    words: ['首页', '当前位置', '您的位置', '正文', '栏目', '频道', '导航', '网站地图', '返回', '上一篇', '下一篇', '上一页', '下一页', '搜索', '检索', '登录', '注册'],
    why: 'Navigation: breadcrumbs, menus, pagers and search boxes.',
  },
  {
    id: 'prompt',
    words: ['扫码', '扫一扫', '二维码', '关注', '点击', '长按', '下载', '客户端', 'app', '分享', '收藏', '打印', '转发', '点赞', '在看', '订阅', '公众号', '小程序'],
    why: 'Share, follow, QR-code and app prompts addressed to the reader.',
  },
  {
    id: 'related',
    words: ['相关', '推荐', '热门', '热点', '往期', '更多', '猜你喜欢', '延伸阅读', '排行', '专题', '热搜', '关键词'],
    why: 'Headings and items of related, recommended and trending feeds.',
  },
  {
    id: 'comment',
    words: ['回复', '评论', '网友', '留言', '跟帖', '楼主', '来自', '举报', '匿名', '游客'],
    why: 'Comment threads: replies, commenters and where they post from.',
  },
  {
    id: 'disclaimer',
    words: ['版权', '转载', '声明', '侵权', '删除', '仅代表', '不代表', '观点', '立场', '授权', '所有', 'icp', '备案', '违法', '不良信息'],
    why: 'Platform disclaimers, copyright and licence footers.',
  },
  {
    id: 'caption',
    words: ['图为', '资料图', '图片', '照片', '供图', '摄', '现场', '航拍', '效果图', '示意图', '截图', '配图'],
    why: 'Photo captions and credits.',
  },
  {
    id: 'journal',
    words: ['摘要', '关键词', '分类号', '文献标识码', '文章编号', '基金项目', '作者简介', '收稿日期', '引用本文', '学报', '期刊', 'doi', 'vol', 'issue', '[j]', '出版社', '主编', '研究方向', '副教授', '教授', '博士', '硕士', '学院', '大学'],
    why: 'Journal and book apparatus: masthead, citation, classification codes, funding and affiliation lines.',
  },
  {
    id: 'role',
    words: ['秘书长', '主任', '研究员', '讲师', '博士生', '硕士生', '研究生', '导师', '院长', '系主任', '研究中心', '研究所', '研究院', '建筑师', '工程师', '委员', '会长', '理事'],
    why: 'Roles and institutions that follow a name in author and affiliation lines ("某某 研究员", "某某大学某研究中心").',
  },
  {
    id: 'spam',
    words: ['在线观看', '免费', '无码', '视频', '高清', '国产', '精品', '久久', '亚洲', '日韩', '欧美', '人妻', '少妇', '激情', '成人', 'av', '彩票', '体育', '娱乐', '博彩', '棋牌', '官网', '平台登录', '手机版', '下载大全'],
    why: 'Porn, gambling and SEO vocabulary of hijacked and mirror pages; a governance report rarely uses more than one of them in a line.',
  },
  {
    id: 'governance',
    words: ['社区', '居民', '小区', '街道', '治理', '物业', '业主', '党员', '党建', '网格', '志愿', '村民', '群众', '服务', '开展', '工作', '推进', '通过', '问题', '建设', '改造', '组织', '活动', '协商', '议事'],
    why: 'Words of the reports themselves: a line full of them is more likely text than furniture.',
  },
  {
    id: 'site-voice',
    words: ['小编', '本站', '本网', '本平台', '为大家', '大家好', '欢迎', '点击这里', '请点击', '网友', '本文档', '原创'],
    why: 'The site talking about itself or to its visitors ("小编为大家介绍…", "欢迎访问本站"), not the report.',
  },
  {
    id: 'lead-in',
    words: ['讯', '电', '消息', '报道'],
    why: 'Wire and paper datelines ("本报讯", "…日电") open a paragraph whose rest is text.',
  },
]

/**
 * Every cue word in both scripts (Latin in lower case), indexed by the code of its first
 * character, so that a line is scanned once, character by character, rather than once per group
 * with a regular expression.
 */
const BY_FIRST = new Map<number, { word: string; group: number }[]>()
CUE_GROUPS.forEach((g, group) => {
  for (const w of g.words) {
    for (const word of new Set([w.toLowerCase(), toTraditional(w).toLowerCase()])) {
      const list = BY_FIRST.get(word.charCodeAt(0)) ?? []
      list.push({ word, group })
      BY_FIRST.set(word.charCodeAt(0), list)
    }
  }
})
// Longest first: "关键词" counts once, not also as a shorter word inside it.
for (const list of BY_FIRST.values()) list.sort((a, b) => b.word.length - a.word.length)
/**
 * BY_FIRST's lists by UTF-16 code unit (-1: no cue word starts with it): every character of every
 * line is looked up, and indexing a table costs a fraction of a Map lookup.
 */
const LISTS = [...BY_FIRST.values()]
const LIST_OF = new Int16Array(0x10000).fill(-1)
for (const [code, list] of BY_FIRST) LIST_OF[code] = LISTS.indexOf(list)

/** ASCII capitals read as lower case; every other code as it is. */
const fold = (u: number) => (u >= 65 && u <= 90 ? u + 32 : u)

function matchesAt(text: string, i: number, word: string): boolean {
  if (i + word.length > text.length) return false
  for (let k = 1; k < word.length; k++) if (fold(text.charCodeAt(i + k)) !== word.charCodeAt(k)) return false
  return true
}

/**
 * Counts cue words of each group (CUE_GROUPS order) into `out` from `at` on, which the caller has
 * zeroed; a match is not counted again inside itself. Writing into the feature vector spares the
 * line classifier an array per line.
 */
export function addCueCounts(line: string, out: { [k: number]: number }, at: number): void {
  for (let i = 0; i < line.length; i++) {
    const list = LIST_OF[fold(line.charCodeAt(i))]
    if (list === -1) continue
    for (const { word, group } of LISTS[list]) {
      if (!matchesAt(line, i, word)) continue
      out[at + group]++
      i += word.length - 1
      break
    }
  }
}

/** How many cue words of each group (CUE_GROUPS order) the line holds; a match is not counted again inside itself. */
export function cueCounts(line: string): number[] {
  const counts = new Array<number>(CUE_GROUPS.length).fill(0)
  addCueCounts(line, counts, 0)
  return counts
}

/**
 * Whether cueCounts(line)[group] > 0, without counting the rest: the same longest-first scan,
 * stopped at the group's first word. Sprinkled spam asks it of every line of every page.
 */
export function holdsCue(line: string, group: number): boolean {
  for (let i = 0; i < line.length; i++) {
    const list = LIST_OF[fold(line.charCodeAt(i))]
    if (list === -1) continue
    for (const { word, group: g } of LISTS[list]) {
      if (!matchesAt(line, i, word)) continue
      if (g === group) return true
      i += word.length - 1
      break
    }
  }
  return false
}
