/**
 * What a page region is, read from its class/id names and from the label it opens with. Rules are
 * data: each row has the kind it names, the tokens or words that name it, and why. A region of a
 * named kind is dropped with the reason `dom:<kind>` unless it holds most of the article's prose
 * (decide.ts), so a wrongly named article body still survives.
 */

export type RegionKind =
  | 'comments'
  | 'related'
  | 'share'
  | 'app-wall'
  | 'disclaimer'
  | 'navigation'
  | 'page-tools'
  | 'footer'
  | 'ad'
  | 'sidebar'
  | 'tags'

export interface RegionRule {
  kind: RegionKind
  /** Whole tokens of a class or id, split at -, _, digits and camelCase ("post_comment_area" → post, comment, area). */
  tokens: string[]
  why: string
}

export const REGION_NAMES: RegionRule[] = [
  {
    kind: 'comments',
    tokens: ['comment', 'comments', 'cmt', 'pinglun', 'pl', 'reply', 'replies', 'tie', 'gentie', 'changyan', 'sohucs', 'disqus', 'discuss', 'liuyan'],
    why: 'Comment threads and their boxes: English names, pinyin (pinglun/pl 评论, gentie 跟帖, liuyan 留言) and the common hosted comment widgets.',
  },
  {
    kind: 'related',
    tokens: ['related', 'relate', 'recommend', 'recommends', 'recommended', 'tuijian', 'xgxw', 'xgyd', 'xgwz', 'xgtj', 'xiangguan', 'reldocuments', 'reldocs', 'relnews', 'glgj', 'hot', 'hotnews', 'rank', 'ranking', 'paihang', 'feed', 'feeds', 'guess'],
    why: 'Related, recommended, hot and ranked teaser feeds (xgxw/xgyd = 相关新闻/相关阅读 in pinyin initials; reldocuments/glgj = 关联稿件, the related-documents list of government CMS pages).',
  },
  {
    kind: 'share',
    tokens: ['share', 'sharing', 'bdshare', 'bshare', 'jiathis', 'fenxiang', 'social', 'qrcode', 'qr', 'ewm', 'erweima'],
    why: 'Share bars and QR-code boxes (fenxiang 分享, ewm/erweima 二维码).',
  },
  {
    kind: 'app-wall',
    tokens: ['app', 'openapp', 'callapp', 'downapp', 'appdown', 'download', 'appbanner'],
    why: '"Open in our app" walls and download prompts.',
  },
  {
    kind: 'disclaimer',
    tokens: ['disclaimer', 'statement', 'declare', 'declaration', 'shengming', 'mianze'],
    why: 'Platform disclaimers (shengming 声明, mianze 免责).',
  },
  {
    kind: 'navigation',
    tokens: ['nav', 'navi', 'navbar', 'navigation', 'menu', 'menus', 'crumb', 'crumbs', 'breadcrumb', 'breadcrumbs', 'bread', 'position', 'location', 'weizhi', 'dqwz', 'topbar', 'pagination', 'pager'],
    why: 'Menus, breadcrumbs (weizhi/dqwz = 位置/当前位置) and pagers.',
  },
  {
    kind: 'page-tools',
    tokens: ['print', 'tool', 'tools', 'toolbar', 'fontsize'],
    why: 'Print / close-window / font-size bars.',
  },
  {
    kind: 'footer',
    tokens: ['footer', 'foot', 'copyright', 'banquan', 'beian'],
    why: 'Site footers, copyright and licence (备案) lines.',
  },
  {
    kind: 'ad',
    tokens: ['ad', 'ads', 'adv', 'advert', 'advertisement', 'gg', 'guanggao', 'banner', 'sponsor', 'promo', 'promotion'],
    why: 'Advertising slots (gg/guanggao 广告).',
  },
  {
    kind: 'sidebar',
    tokens: ['sidebar', 'side', 'aside'],
    why: 'Side columns beside the article.',
  },
  {
    kind: 'tags',
    tokens: ['tag', 'tags', 'keyword', 'keywords'],
    why: 'Tag and keyword link clouds.',
  },
]

/**
 * Labels a widget opens with when its markup names nothing ("相关阅读", "网友评论", "分享到").
 * Only a region's first short line is tested, so an article sentence that mentions 评论 is safe.
 */
export const REGION_LABELS: { kind: RegionKind; pattern: RegExp; why: string }[] = [
  {
    kind: 'related',
    pattern: /^(?:相关|相關|关联|關聯)(?:新闻|新聞|阅读|閱讀|文章|推荐|推薦|链接|鏈接|报道|報道|资讯|資訊|稿件)|^(?:推荐|推薦|延伸|扩展|擴展)阅读|^(?:热门|熱門|热点|熱點)(?:推荐|推薦|文章|新闻|新聞|资讯|資訊)|^猜你喜欢|^为[你您]推荐|^大家都在看|^(?:精彩|今日)推荐|^更多(?:精彩|新闻|新聞|资讯|推荐)|^最新(?:文章|新闻|新聞|资讯|发布)|^(?:点击|點擊|阅读|閱讀|新闻|新聞)排行/,
    why: 'Teaser feeds announce themselves ("相关阅读", "为您推荐", "点击排行").',
  },
  {
    kind: 'comments',
    pattern: /^(?:网友|網友|全部|热门|熱門|最新|精彩)?(?:评论|評論|跟帖|跟贴|留言)|^(?:发表|發表|我要)(?:评论|評論|留言)|\d\s*条(?:评论|跟帖|跟贴)$/,
    why: 'Comment sections open with their count or a "发表评论" box.',
  },
  {
    kind: 'share',
    pattern: /^分享(?:到|至)/,
    why: 'Share bars open with "分享到".',
  },
]

/** Class/id tokens of article bodies (+weight): English, pinyin (zhengwen 正文, zw) and common CMS names. */
export const POSITIVE_TOKENS = new Set(['article', 'content', 'contents', 'body', 'text', 'entry', 'story', 'post', 'detail', 'main', 'zhengwen', 'zw', 'artibody', 'trs'])

/** Class/id tokens of page furniture beyond the region kinds (−weight). */
export const NEGATIVE_TOKENS = new Set(['hidden', 'meta', 'widget', 'masthead', 'contact', 'scroll', 'popup', 'modal', 'login'])

const NAMED = new Map<string, RegionKind>()
for (const rule of REGION_NAMES) for (const t of rule.tokens) NAMED.set(t, rule.kind)

/**
 * Class names that describe looks or switches, not roles: CSS utilities ("position-relative",
 * "text-center", "d-none") and feature flags ("disableAsideSection", "enableInArticleAd"), where
 * "position" would read as a breadcrumb, "aside" as a side column and "ad" as an advert.
 */
const UTILITY_CLASS = /^(?:position|float|text|font|align|justify|flex|d|m[trblxy]?|p[trblxy]?|w|h|bg|border|rounded|shadow|overflow)-|^(?:enable|disable|has|is|no|with|show|hide|filter)[A-Z]/

/** "post_commentArea-2" → ["post", "comment", "area"]. */
export function nameTokens(name: string): string[] {
  return name
    .split(/\s+/)
    .filter((part) => !UTILITY_CLASS.test(part))
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean)
}

/** The first region kind any token names, or null. */
export function kindOfTokens(tokens: string[]): RegionKind | null {
  for (const t of tokens) {
    const kind = NAMED.get(t)
    if (kind) return kind
  }
  return null
}

/** The kind a region's opening label announces, or null. */
export function kindOfLabel(label: string): RegionKind | null {
  for (const rule of REGION_LABELS) if (rule.pattern.test(label)) return rule.kind
  return null
}
