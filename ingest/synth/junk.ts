import { personName, type SynthTruth } from './content.js'
import type { Rng } from './rng.js'

/**
 * The junk that surrounds report text on real sites, one generator per kind (the kinds the clean
 * stage must remove). Each returns the lines it adds.
 */
type Junk = (rng: Rng, t: SynthTruth) => string[]

const SPAM_WORDS = ['蜘蛛池', '快速排名', '网站收录', '外链代发', '免费影视', '在线观看', '彩票平台', '高清资源', '秒收录', '泛目录']
const MENU = ['首页', '新闻', '时政', '民生', '社区', '专题', '视频', '图片', '评论', 'English', '政务', '文旅', '教育', '健康']
const TEASERS = ['老旧小区改造提速增效', '社区食堂开进居民家门口', '“红色物业”让小区旧貌换新颜', '网格员变身“小巷管家”', '垃圾分类积分兑换受欢迎', '加装电梯惠及千户居民']

function dateBefore(t: SynthTruth, rng: Rng): string {
  const [y] = t.date.split('-')
  return `${y}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
}

export const TOP_JUNK: { id: string; make: Junk }[] = [
  { id: 'spam-keywords', make: (rng) => [rng.sample(SPAM_WORDS, rng.int(4, 7)).join(',')] },
  { id: 'menu', make: (rng) => [rng.sample(MENU, rng.int(6, 10)).join(rng.pick(['|', ' | ', '  ']))] },
  { id: 'breadcrumb', make: (rng) => [`${rng.pick(['您所在的位置：', '当前位置：', '您现在的位置:'])}${rng.pick(['首页', '网站首页'])} > ${rng.pick(['新闻中心', '基层动态', '社区'])} > 正文`] },
  { id: 'crawler-notice', make: (rng, t) => [`本页面为网页快照，抓取时间：${t.date} 0${rng.int(1, 9)}:1${rng.int(0, 9)}:3${rng.int(0, 9)}，原网页可能已更新`] },
]

export const BYLINE: Junk = (rng, t) => {
  const author = personName(rng)
  return [rng.pick([
    `${t.date} ${String(rng.int(8, 18)).padStart(2, '0')}:${rng.int(10, 59)}  来源：${t.source}  作者：${author}`,
    `发布时间：${t.date}　来源：${t.source}　【字体：大 中 小】`,
    `${t.source} ${t.date.replace(/-/g, '/')}  记者 ${author}`,
  ])]
}

export const BOTTOM_JUNK: { id: string; make: Junk }[] = [
  { id: 'editor', make: (rng) => [`${rng.pick(['责任编辑', '编辑', '审核'])}：${personName(rng)}`] },
  { id: 'share-bar', make: (rng) => [rng.pick(['分享到：微信 微博 QQ空间', '【打印】【关闭】【收藏】', '打印 | 收藏 | 发给好友 | 我要纠错'])] },
  { id: 'related', make: (rng, t) => ['相关阅读', ...rng.sample(TEASERS, rng.int(2, 4)).map((s) => `· ${s}  ${dateBefore(t, rng)}`), '更多>>'] },
  { id: 'app-prompt', make: (rng) => [rng.pick(['下载客户端 看更多精彩内容', '打开APP阅读全文，体验更佳'])] },
  { id: 'qr-prompt', make: (rng) => [rng.pick(['扫一扫 在手机上查看当前页面', '扫描二维码关注我们'])] },
  { id: 'copyright', make: (rng, t) => [`版权所有：${t.source} 未经授权禁止转载、摘编、复制或建立镜像`, `${rng.pick(['京', '闽', '晋', '苏', '粤'])}ICP备${rng.int(10000000, 99999999)}号-${rng.int(1, 9)}`] },
  { id: 'report-hotline', make: (rng) => [`违法和不良信息举报电话：0${rng.int(10, 99)}-${rng.int(1000000, 9999999)}`] },
  { id: 'spam-keywords', make: (rng) => [rng.sample(SPAM_WORDS, rng.int(4, 7)).join(',')] },
]
