import { rx } from '../bilingual.js'
import {
  ACCOUNT_SUFFIXES,
  AUDIO_WORDS,
  COLUMN_TAG_WORDS,
  COLUMN_WORDS,
  COUNTER_WORDS,
  EDITOR_APPS,
  GOV_META_LABELS,
  NOTICE_CLAIMS,
  NOTICE_PLATFORMS,
  RELATED_WORDS,
  SITE_WORDS,
  SITE_WORDS_EN,
  SPAM_WORDS,
  PERSON_NAME,
  UI_WORDS,
} from './vocabulary.js'
import { dictionaryWords } from '../../text/segment.js'

/** What a rule may look at besides the line itself. */
export interface LineContext {
  /** Next non-blank line, if any. */
  next: string | null
}

/**
 * One kind of junk line. `zone` is the safety valve: 'any' rules are specific enough to remove a
 * line even between body paragraphs; 'edge' rules only fire above the first or below the last body
 * paragraph, where site chrome clusters, so a body sentence that happens to say "来源" survives.
 * `maxLen` (characters) keeps every rule away from long paragraphs that merely mention its words.
 */
export interface LineRule {
  id: string
  zone: 'any' | 'edge'
  maxLen: number
  pattern?: RegExp
  test?: (line: string, ctx: LineContext) => boolean
  /** The line carries byline metadata worth parsing before it goes. */
  meta?: boolean
  /**
   * The line's date is the day a brief was issued (masthead, "…印发" footer): the publication date
   * when no byline gives one.
   */
  issueDate?: boolean
  /** An 'edge' rule that may also remove sentence-like lines (teaser excerpts, notices). */
  prose?: boolean
  why: string
}

const wordAlternation = (words: string[]) =>
  words
    .slice()
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')

const SPAM = rx(`(?:${wordAlternation(SPAM_WORDS)})`, 'gi')
const UI_TOKEN = rx(`^(?:${wordAlternation(UI_WORDS)})$`, 'i')
const SITE_TOKEN = rx(`^(?:${wordAlternation([...SITE_WORDS, ...UI_WORDS])})$`, 'i')
const COLUMN_LINE = rx(`^[•·●■□▪◆◇>》\\s]*(?:${wordAlternation(COLUMN_WORDS)})\\s*(?:>>|»|>)?$`)
const SENTENCE_END = /[。！？!?]/
const RELATED_DECOR = '[•·●■◆▶►>【\\[\\s—\\-=▌|｜]*'
/** A related-articles heading opening the line, alone or followed by a separator ("相关阅读：…"). */
const RELATED_START = rx(`^${RELATED_DECOR}(?:${wordAlternation(RELATED_WORDS)})(?:$|[\\s】\\]:：>»|｜—\\-=▌])`)
/** The same heading with nothing else but decoration and a "更多" link: it opens a teaser list. */
const RELATED_HEADING = rx(`^${RELATED_DECOR}(?:${wordAlternation(RELATED_WORDS)})[\\s】\\]:：—\\-=▌|｜▼▽↓]*(?:更多\\s*(?:>>|»|>|＞)?)?$`)
const NOTICE_PLATFORM = rx(wordAlternation(NOTICE_PLATFORMS))
const NOTICE_CLAIM = rx(wordAlternation(NOTICE_CLAIMS))
const NOTICE_LABEL = rx('^[【\\[(（]?\\s*(?:声明|免责声明|特别声明|版权声明|平台声明|郑重声明)\\s*(?:[】\\])）]\\s*[:：]?|[:：])')
const DISCLAIMER_WORD = rx('观点|立场|侵权|版权|转载|上传|信息存储|仅供参考|联系删除|不代表|仅代表|自媒体')
/** A notice speaks about the article itself; a closing body paragraph about a platform does not. */
const NOTICE_SELF = rx('本文|该文|此文|以上内容|上述内容|文章内容|本篇')
const CJK_NAME = '[\\u4e00-\\u9fff·]{2,5}'
/**
 * Photographer credit closing a caption: "…投入使用。新华社记者 张三 摄", "王五、赵六 摄",
 * "（李四 摄）", "张三/摄", "（摄影：王五）", "（图片由某某社区提供）". "拍摄" at the end is a verb, not a credit.
 */
const CREDIT_END = new Set(['摄', '攝', '供', ')', '）', '图', '圖'])
const PHOTO_CREDIT = rx(
  `(?:(?:记者|通讯员|摄影|特约摄影)\\s*${CJK_NAME}(?:\\s*[、，,]\\s*${CJK_NAME})*\\s*|${CJK_NAME}(?:[、，,]${CJK_NAME})*(?:\\s+|\\s*[/／]\\s*))(?<!拍)摄\\s*[)）]?$` +
    `|[(（]\\s*(?:摄影|摄|图|图片|供图|图片来源|图源)\\s*[:：/／丨|]\\s*[^()（）]{2,16}[)）]$` +
    `|(?:^|[(（])\\s*(?:图片|照片|图)由[^。()（）]{2,20}提供\\s*[)）]?$` +
    `|[。！？!?\\s]\\s*图\\s*[/／]\\s*[^\\s，,。！？!?()（）/／]{2,14}$`,
)
const BYLINE_WORD = rx('来源|作者|编辑|发布|浏览|点击|阅读|字号|记者|通讯员|发表于|时间|日期|分享|评论|稿源|供稿')
const DATE = /(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}/
const BARE_TIMESTAMP = /^[(（]?(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?[)）]?$/
/**
 * A date whose year and month/day sat in separate HTML spans: the text layer joins them with a
 * space ("2023 09/18 10:25:36"), so the year has no separator of its own.
 */
const SPLIT_TIMESTAMP = /^(?:19|20)\d{2}\s+\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/

/**
 * The author line of a paper: two to ten personal names and nothing else, separated by commas,
 * enumeration commas, "++" or spaces, each name perhaps followed by the numbers of its affiliations
 * ("张三1,2，李四2"). A name opens with a common surname that jieba's dictionary reads as a word
 * of its own, so a line of ordinary words that happen to open with a surname character ("文明，和谐")
 * is not a list of names.
 */
const AFFILIATION_NO = '\\d(?:[.,，]\\d)*'
const AUTHOR = `${PERSON_NAME}(?:${AFFILIATION_NO})?`
const AUTHOR_SEP = '(?:\\s*(?:[,，、;；]|\\+\\+)\\s*|\\s+)'
const AUTHOR_LIST = rx(`^${AUTHOR}(?:${AUTHOR_SEP}${AUTHOR}){1,9}$`)
const NAME_AT = rx(`${PERSON_NAME}`, 'g')
function isAuthorList(line: string): boolean {
  if (!AUTHOR_LIST.test(line)) return false
  const names = line.match(NAME_AT) ?? []
  // A name can also be a dictionary word (李明); two of three read as names are enough.
  const read = names.filter((n) => dictionaryWords(n)[0]?.length === 1).length
  return names.length >= 2 && read >= 2 && read * 3 >= names.length * 2
}

/** A personal name alone on a line: a common surname that jieba reads as a word of its own, then one or two characters. */
const NAME_ALONE = rx(`^${PERSON_NAME}$`)
/** A post at a university or institute ("某某大学建筑学院博士生", "某某研究院副院长、教授"). */
const AFFILIATION = rx('大学|学院|研究院|研究所|研究中心|设计院|规划院|实验室|教授|研究员|博士|硕士|讲师|研究生|导师')

const isNameAlone = (line: string) => NAME_ALONE.test(line) && dictionaryWords(line)[0]?.length === 1

/**
 * A paper's author printed as a name on its own line with the post on the line under it, one
 * author after another. The post decides: a name heading a profile is followed by a paragraph,
 * not by a short line naming a university post.
 */
function isNameOverPost(line: string, next: string | null): boolean {
  if (!isNameAlone(line)) return false
  return !!next && next.length <= 60 && !/[。！？!?]/.test(next) && AFFILIATION.test(next)
}

/** An essay-template site's count of gathered pieces ("…（精选5篇）") or the label of one piece ("2.某某心得 篇二"). */
const COLLECTION_HEADING = rx('[(（]\\s*精选\\s*\\d{1,3}\\s*篇\\s*[)）]$|^(?:\\d{1,2}\\s*[.、．]\\s*[^。！？，,]{2,30}?\\s*|[^。！？，,]{2,30}?\\s+)篇[一二三四五六七八九十]{1,3}$')

/** A site menu run into its contact details with single spaces ("关于我们 广告服务 手机版 投诉：…"): it opens with two site links. */
function opensWithSiteLinks(line: string): boolean {
  return SITE_ROW.test(line) && !/[。，,！？!?]/.test(line)
}

/** Labels that open the apparatus lines of a journal article. */
const JOURNAL_LABELS = '中图分类号|文献标识码|文献标志码|文章编号|基金项目|作者简介|收稿日期|修回日期|通讯作者|doi|key\\s*words?|关键词|关键字'

/** A row of a Markdown table ("| 原则 | 内容 |"): text laid out in cells, not a menu. */
const MD_TABLE_ROW = /^\|.*\|$/

/** Forum anti-copy noise: at least four tiny ASCII tokens, three with symbols, half of the line's characters. */
function isNoise(line: string): boolean {
  const tokens = line.split(/\s+/).filter(Boolean)
  let tiny = 0
  let tinyChars = 0
  let chars = 0
  let symbolic = 0
  for (const t of tokens) {
    chars += t.length
    if (t.length > 3 || !/^[\x21-\x7e]+$/.test(t)) continue
    tiny++
    tinyChars += t.length
    if (/[^A-Za-z0-9]/.test(t)) symbolic++
  }
  // By characters, so that a paragraph with noise glued to its end is not taken for noise (the tail is cut inline).
  return tiny >= 4 && symbolic >= 3 && tinyChars >= chars * 0.5
}

/** Splits a bar of links ("打印 | 收藏 | 发给好友 【字号") into its labels. */
function tokens(line: string): string[] {
  return line.split(/[\s|｜丨·•\/【】\[\]()（）:：<>«»,，、]+/).filter(Boolean)
}

function allTokens(line: string, token: RegExp, min: number): boolean {
  const parts = tokens(line)
  return parts.length >= min && parts.every((t) => token.test(t))
}

/**
 * A keyword-stuffing line: many short comma/bar-separated items, no sentence, and a good share
 * of them spam vocabulary. Judged by shape so that new spam terms still get caught by the rest.
 */
function isSpamList(line: string): boolean {
  if (/[。！？]/.test(line)) return false
  // SPAM is a list of words: an item holds one only if the line does, and most lines hold none.
  SPAM.lastIndex = 0
  if (!SPAM.test(line)) return false
  const items = line.split(/[,，|｜、;；_\s]+/).filter(Boolean)
  if (items.length < 3) return false
  const avg = items.reduce((n, s) => n + s.length, 0) / items.length
  if (avg > 20) return false
  let hits = 0
  for (const item of items) {
    SPAM.lastIndex = 0
    if (SPAM.test(item)) hits++
  }
  return hits >= 2 && hits >= items.length * 0.3
}

/**
 * A bar of ≥4 short labels separated by | or wide spaces, or ≥5 two-to-four-character labels
 * (≥8 up to six characters) separated by single spaces: a site's channel menu.
 */
function isMenu(line: string): boolean {
  if (SENTENCE_END.test(line) || /[，,：:“”]/.test(line)) return false
  const items = line.split(/\s*[|｜丨]\s*|\s{2,}|\s+[·•]\s+/).filter(Boolean)
  if (items.length >= 4 && items.every((s) => s.length <= 8)) return true
  const words = line.split(/\s+/)
  // Long menus start with the site's own "某某网首页" link.
  return (words.length >= 5 && words.every((w) => w.length <= 4)) || (words.length >= 8 && words.every((w) => w.length <= 6))
}

const SITE_WORD = wordAlternation([...SITE_WORDS, ...SITE_WORDS_EN])
const SITE_LINK = rx(`^(?:${SITE_WORD})$`, 'i')
const SITE_ROW = rx(`^(?:${SITE_WORD})\\s+(?:${SITE_WORD})\\s+\\S`, 'i')

/**
 * Footer link rows in any separator style ("关于我们 - 联系我们 - 网站地图", "About us · Contact"):
 * at least two of the items are link labels every site has, and none is longer than a label.
 */
function isFooterMenu(line: string): boolean {
  if (/[。，,！？!?]/.test(line)) return false
  const items = line.split(/\s*[|｜丨┊•·\/]\s*|\s+[-–—]\s+|\s{2,}/).filter(Boolean)
  if (items.length < 3 || items.some((t) => t.length > 14)) return false
  let hits = 0
  for (const t of items) if (SITE_LINK.test(t)) hits++
  return hits >= 2
}

/** A row of links: several short items and no sentence. */
function isLinkRow(line: string): boolean {
  if (line.length > 400 || /[。，,！？!?；;]/.test(line)) return false
  const items = line.split(/\s*[|｜丨┊•·\/]\s*|\s+/).filter(Boolean)
  return items.length >= 2 && items.every((t) => t.length <= 20)
}

const wholeWords = (words: string[], num = '') => rx(`^(?:(?:${wordAlternation(words)})${num}\\s*[|｜·]?\\s*)+$`, 'i')
const AUDIO_LINE = rx(`${wholeWords(AUDIO_WORDS, '(?:\\s*\\d{1,2}:\\d{2}(?:\\s*/\\s*\\d{1,2}:\\d{2})?)?').source}|^\\d{1,2}:\\d{2}\\s*/\\s*\\d{1,2}:\\d{2}$`, 'i')
const COUNTER_LINE = wholeWords(COUNTER_WORDS, '\\s*(?:\\d+(?:\\.\\d+)?\\s*[万千wWkK]?\\+?)?')
const GOV_LABEL = `(?:${GOV_META_LABELS.map((l) => [...l].join('\\s*')).join('|')})`
/** A 信息公开 label standing alone: its value is on the next line. */
export const GOV_LABEL_ALONE = rx(`^(?:${[...GOV_META_LABELS, '发布日期', '信息来源'].map((l) => [...l].join('\\s*')).join('|')})\\s*[:：]?$`)
const CJK_DATE = '(?:19|20)\\d{2}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日'
const ISSUE_NO = '第\\s*[\\d一二三四五六七八九十百〇零]+\\s*期'
/** A name as bylines print it: two to four characters, two-character names padded with a space ("万 玛"). */
const SPACED_NAME = '[\\u4e00-\\u9fff](?: ?[\\u4e00-\\u9fff]){1,3}'
const REPORTERS = `(?:记者|通讯员|特约记者|见习记者|实习记者|实习生|特约撰稿人|撰稿人)`

/** The date line under a signature, alone or as a print line. */
const SIGNATURE_DATE = rx(`^(?:${CJK_DATE}|(?:19|20)\\d{2}[-/.]\\d{1,2}[-/.]\\d{1,2})\\s*(?:印发|印|发)?$`)

export const LINE_RULES: LineRule[] = [
  {
    id: 'seo-spam',
    zone: 'any',
    maxLen: 5000,
    pattern: rx('主站蜘蛛池模板|蜘蛛池'),
    why: 'Hijacked pages append a "主站蜘蛛池模板:" block of porn keywords; it is never article text.',
  },
  {
    id: 'seo-spam',
    zone: 'any',
    maxLen: 5000,
    test: isSpamList,
    why: 'Keyword-stuffing lines (porn/video terms separated by commas) injected at top or bottom.',
  },
  {
    id: 'breadcrumb',
    zone: 'any',
    maxLen: 120,
    pattern: rx('^(?:您所在的位置|您的当前位置|您的位置|你的位置|当前位置|您现在的位置|你现在的位置|所在位置|现在位置|位置)\\s*[:：]'),
    why: 'Breadcrumb trail ("您所在的位置:东南网 > 湖里区 > … > 正文").',
  },
  {
    id: 'breadcrumb',
    zone: 'any',
    maxLen: 120,
    test: (line) => {
      if (!/[>＞»›→]/.test(line)) return false
      const seps = line.match(/>>|>|＞|»|›|→/g)?.length ?? 0
      const parts = line.split(/\s*(?:>>|>|＞|»|›|→)\s*/).filter(Boolean)
      return seps >= 2 && parts.every((p) => p.length <= 16) && !SENTENCE_END.test(line) && /首页|首頁|正文|主页|主頁|网|網/.test(line)
    },
    why: 'Breadcrumb trail of section names ending in 正文 or starting at 首页.',
  },
  {
    id: 'debris',
    zone: 'any',
    maxLen: 400,
    test: isNoise,
    why: 'Anti-copy noise that forums scatter between paragraphs ("5 T( Y; b8 j# S8"): mostly one-to-three-character ASCII tokens full of symbols.',
  },
  {
    id: 'comment-thread',
    zone: 'any',
    maxLen: 12,
    pattern: rx('^(?:网友评论|最新评论|热门评论|全部评论|精彩评论|评论区|网友留言|读者评论)\\s*(?:更多|[(（]\\d+[)）]|\\d+)?\\s*(?:>>|»|>)?$'),
    why: 'The heading of a comment thread, standing alone ("网友评论 更多"); the thread under it is taken by the comment-thread block.',
  },
  {
    id: 'comment-thread',
    zone: 'any',
    maxLen: 200,
    pattern: rx('^\\d{3}\\*{3,4}\\d{4}|^\\S{1,16}\\s+回复\\s+\\S{1,16}[:：]|^(?:19|20)\\d{2}[-/.]\\d{1,2}[-/.]\\d{1,2}\\s+\\d{1,2}:\\d{2}(?::\\d{2})?\\s+(?:不?推荐|回复|举报|赞\\s*\\d*)$'),
    why: 'A comment: a commenter shown as a masked phone number ("187****1930"), a forum reply ("某某 回复 某某：…"), or a comment\'s time with its vote buttons ("2024-11-07 01:05 推荐").',
  },
  {
    id: 'seo-headline',
    zone: 'any',
    maxLen: 80,
    pattern: /^([^()（）]{4,30})[(（]\1[^()（）]{0,8}[)）]$/,
    why: 'A keyword headline that repeats itself in brackets with one more word ("某某怎么办(某某怎么办好)"): SEO farms title pages so; a headline never restates itself.',
  },
  {
    id: 'attachment',
    zone: 'any',
    maxLen: 10,
    pattern: rx('^(?:相关附件|附件下载|下载附件)\\s*[:：]?$'),
    why: 'The attachment label of a government page, left alone when the files were links.',
  },
  {
    id: 'gov-metadata',
    zone: 'edge',
    maxLen: 300,
    meta: true,
    prose: true,
    pattern: rx(`^${GOV_LABEL}\\s*(?:[:：]|\\t)`),
    why: 'Rows of the metadata table on government 信息公开 pages ("索引号：… 主题分类：…", "标　　题：…"); the title and dates in them are parsed first.',
  },
  {
    id: 'byline',
    zone: 'edge',
    maxLen: 160,
    meta: true,
    test: (line) => DATE.test(line) && (line.match(/[，,]/g)?.length ?? 0) <= 1 && BYLINE_WORD.test(line),
    why: 'Date + source/author/editor line under the headline ("2020-01-09 09:44:51 来源: 殿前街道 责任编辑: 段马水").',
  },
  {
    id: 'byline',
    zone: 'edge',
    maxLen: 100,
    meta: true,
    pattern: rx('^(?:发布时间|发布日期|发表时间|更新时间|时间|日期|发布于|发表于|类别|类型|分类|栏目)\\s*[:：]'),
    why: 'Labelled date / category line of a byline block.',
  },
  {
    id: 'source-line',
    zone: 'edge',
    maxLen: 60,
    meta: true,
    pattern: rx('^[(（【\\[]?\\s*(?:(?:本文转自|转自|转载自|转载于|原载|文章来源|稿件来源|信息来源|新闻来源|本文来源|消息来源|内容来源|来源)\\s*[:：丨|｜]|(?:素材来源|资料来源|文章来源|稿件来源|信息来源)\\s+\\S)'),
    why: 'Source attribution ("来源: 岳塘新闻网", "本文转自:吕梁日报", "素材来源 某某日报"); metadata, not text of the report. A four-character source label may take a space for its colon; plain 来源 followed by a space may open a sentence.',
  },
  {
    id: 'author-bio',
    zone: 'edge',
    maxLen: 150,
    prose: true,
    pattern: rx('^[(（]?(?:作者|笔者)(?:简介)?\\s*[:：]?\\s*[^。，,：:]{0,20}?[，,]?\\s*(?:系|为|是|曾|现为|现任|现是|任职于)'),
    why: 'A note on the author after the article ("作者某某，系某某大学教授。", "作者曾任职于多家企业…"): who wrote it, not what it reports; only outside the body, where a review\'s sentence about an author does not stand.',
  },
  {
    id: 'editor-line',
    zone: 'any',
    maxLen: 60,
    meta: true,
    pattern: rx('^[(（【\\[]?\\s*(?:责任编辑|值班编辑|本期编辑|网络编辑|编辑|责编|编审|审核|审校|校对|监制|终审|初审|复审|二审|三审|签发|制作|统筹|策划)\\s*[:：丨|｜/]'),
    why: 'Editor/reviewer credit lines ("责任编辑:郭新星", "(责任编辑：XX)").',
  },
  {
    id: 'author-line',
    zone: 'any',
    maxLen: 50,
    meta: true,
    pattern: rx('^(?!(?:本报)?记者\\s*[:：].*(?:[？?]|[，,].*[。！!])$)[(（【\\[]?\\s*(?:作者|撰稿|撰文|执笔|采写|采编|整理|编译|记者|本报记者|通讯员|摄影|摄像|图文|图/文|文/图|文|图|供稿|视频|剪辑|配音|出镜)\\s*[:：丨|｜/／]'),
    why: 'Author/photographer credits ("作者：郭奕含", "文/张三 图/李四", "执笔/张三", "采写：某某报记者 李四"). In an interview "记者：" opens the interviewer\'s question ("记者：社区怎么收集意见？"): a line that asks, or says a sentence of several clauses, is the text, not a credit.',
  },
  {
    id: 'byline-label',
    zone: 'any',
    maxLen: 12,
    pattern: rx('^[【\\[(（]?\\s*(?:作\\s*者|来\\s*源|责任编辑|编\\s*辑|摄\\s*影)(?:信息|列表)?\\s*[】\\])）]?\\s*[:：]?$'),
    why: 'A byline label on a line of its own, its value on the lines under it ("作 者" over the authors of a paper, "来源：" over an outlet): a heading of the page\'s furniture, never a line of the text.',
  },
  {
    id: 'author-line',
    zone: 'any',
    maxLen: 40,
    meta: true,
    pattern: rx(`^[\\u4e00-\\u9fff·]{1,12}?(?:社|报|网|台|新闻|客户端)${REPORTERS}\\s*${SPACED_NAME}(?:\\s*[、，,]\\s*${SPACED_NAME})+$`),
    why: 'An outlet\'s reporters listed by name ("某某社记者张三、李四、王五"), which may stand under a subtitle, between two long lines: a list of names after 记者 is never a sentence.',
  },
  {
    id: 'author-line',
    zone: 'edge',
    maxLen: 40,
    meta: true,
    pattern: rx('^[(（]?[\\u4e00-\\u9fff]{0,8}(?:记者|通讯员|特约撰稿人|撰稿人)\\s*[:：]?\\s*[\\u4e00-\\u9fff]{2,4}(?:[\\s、，,]+(?:通讯员\\s*)?[\\u4e00-\\u9fff]{2,4})*[)）]?$'),
    why: 'Reporter lines under the headline ("澎湃新闻记者 陈斯斯", "本报记者 张三 通讯员 李四").',
  },
  {
    id: 'author-line',
    zone: 'edge',
    maxLen: 50,
    meta: true,
    pattern: rx(`^(?:(?:整合|整理|综合|采写)\\s*)?[\\u4e00-\\u9fff·]{2,14}?${REPORTERS}\\s*[:：]?\\s*${SPACED_NAME}(?:[\\s、，,]+(?:${REPORTERS}\\s*)?${SPACED_NAME})*(?:\\s+来源\\s*[:：]\\s*[^\\s，,。]{2,16})?$`),
    why: 'Reporter lines naming an outlet with a dot or a long app name ("某某网·某某客户端记者 张三 通讯员 李四") and names padded with spaces, also after the verb of a compiled piece ("整合 某某报记者 张三") or before its source ("某某报记者 张三 来源：某某报").',
  },
  {
    id: 'author-line',
    zone: 'any',
    maxLen: 50,
    meta: true,
    pattern: rx(`^[(（]\\s*[\\u4e00-\\u9fff·]{0,14}?${REPORTERS}\\s*[:：]?\\s*${SPACED_NAME}(?:[\\s、，,]+(?:${REPORTERS}\\s*)?${SPACED_NAME})*\\s*[)）]$`),
    why: 'A reporter credit in brackets on its own line ("（某某网记者 王 五）"), which closes many articles; a sentence never consists of one.',
  },
  {
    id: 'author-name',
    zone: 'any',
    maxLen: 4,
    test: (line, { next }) => isNameOverPost(line, next),
    why: 'A paper reposted as a page prints each author as a name alone on a line with the university post on the next line ("钟岚" over "某某大学社会学院副教授"): who wrote it, not the text. The post line goes by the classifier; the name alone gave it too little to go on.',
  },
  {
    id: 'app-prompt',
    zone: 'any',
    maxLen: 30,
    pattern: rx('^[^。！？]{0,12}(?:添加|加入|添加至|添加到|加到)\\s*(?:主屏幕|主屏|手机桌面)[”"]?$|^add to home screen$', 'i'),
    why: 'A mobile site\'s "add to home screen" prompt ("点击分享，再点“添加到主屏幕”"): the browser\'s furniture, never a sentence of a report.',
  },
  {
    id: 'collection-heading',
    zone: 'any',
    maxLen: 40,
    test: (line) => line.includes('篇') && COLLECTION_HEADING.test(line),
    why: 'An essay-template site\'s headings: the count of pieces it gathered ("…（精选5篇）") and the label of each piece ("2.某某心得体会 篇二"). The site\'s packaging of other people\'s texts, not text of any of them.',
  },
  {
    id: 'byline',
    zone: 'edge',
    maxLen: 40,
    meta: true,
    pattern: /(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}:\d{2}/,
    why: 'Outlet + time + place line of app/mobile pages ("齐鲁晚报 2023-12-05 16:41 山东").',
  },
  {
    id: 'original-title',
    zone: 'any',
    maxLen: 80,
    pattern: rx('^[(（]?(?:原标题|原題|原题)\\s*[:：]'),
    why: 'Reprint note giving the original headline; the printed headline is already kept.',
  },
  {
    id: 'snapshot-notice',
    zone: 'any',
    maxLen: 200,
    pattern: rx('资讯信息快照|快照生成时间|网页快照|百度快照|的\\s*(?:Google|谷歌)\\s*快照|(?:Google|谷歌)\\s*对\\s*\\S{1,200}\\s*的缓存|是该网页在.{4,40}的显示画面|抓取时间|原网页可能已更新|信息快照查询|本站未对信息做任何修改|信息内容不代表本站立场|信息原文地址|原文地址\\s*[:：]|原文链接\\s*[:：]|爬虫进行采集'),
    why: 'Crawler/aggregator snapshot notices ("以上内容为资讯信息快照", "快照生成时间").',
  },
  {
    id: 'reprint-notice',
    zone: 'any',
    maxLen: 200,
    pattern: rx('本文来自|如有侵权|如涉及版权|如涉版权|联系删除|请联系我们删除|请联系删除|转载请注明|转载须注明|仅代表作者(?:本人)?观点|系信息发布平台|仅提供信息存储空间|不代表本(?:站|网|平台)(?:观点|立场)|本站系信息发布平台'),
    why: 'Reprint disclaimers ("声明：本文来自…", "如有侵权请联系删除").',
  },
  {
    id: 'reprint-notice',
    zone: 'edge',
    maxLen: 200,
    prose: true,
    test: (line) => NOTICE_LABEL.test(line) && DISCLAIMER_WORD.test(line),
    why: 'Labelled disclaimers ("特别声明：以上内容…仅提供信息存储服务"); a notice to residents that starts "特别声明：" names no rights or views and stays, and a quoted statement between paragraphs stays too.',
  },
  {
    id: 'reprint-notice',
    zone: 'edge',
    maxLen: 300,
    prose: true,
    test: (line) => NOTICE_SELF.test(line) && NOTICE_PLATFORM.test(line) && NOTICE_CLAIM.test(line),
    why: 'Self-media platform notices ("本文为某某号作者或机构上传并发布，仅代表该作者观点"): the article, a platform and a disclaimer must all be named, and only outside the body.',
  },
  {
    id: 'reprint-notice',
    zone: 'any',
    maxLen: 400,
    pattern: /^(?:notice|disclaimer|statement)\s*[:：]|uploaded and posted by|only provides? information storage|(?:do|does) not represent the (?:views|opinions|position)/i,
    why: 'English copies of platform notices ("Notice: The content above … is uploaded and posted by a user of …"); a Chinese report has no English paragraphs of its own.',
  },
  {
    id: 'copyright',
    zone: 'any',
    maxLen: 300,
    pattern: rx('版权所有|copyright|©|all rights reserved|版权作品|不得转载|严禁转载|禁止转载|拥有.{0,20}版权', 'i'),
    why: 'Copyright notices ("版權作品,未經授權嚴禁轉載", "Copyright 2009-2010 … All Rights Reserved").',
  },
  {
    id: 'copyright',
    zone: 'edge',
    maxLen: 300,
    prose: true,
    pattern: rx('未经(?:\\S{0,8})?授权.{0,12}(?:转载|使用|复制|摘编)'),
    why: 'Softer reuse notices; "未经业主授权使用" can be body text, so only outside the body.',
  },
  {
    id: 'copyright',
    zone: 'any',
    maxLen: 300,
    pattern: rx(
      '刊用本网站?(?:稿件|作品)|版权归[^。，,]{0,12}所有|转载目的在于传递更多信息|凡本网站?注明|(?:稿件|作品|文章|图片)[^。]{0,10}(?:未经|务经|须经|需经)[^。]{0,8}书面(?:授权|许可)|书面(?:授权|许可)[^。]{0,6}(?:不得|严禁|禁止)(?:转载|摘编|刊用|转帖|建立镜像)|(?:并?不代表)[^。]{0,16}(?:网站?|社(?!区)|报社?|台|平台)[^。]{0,8}(?:观点|立场)',
    ),
    why: 'News-agency reuse disclaimers ("刊用本网站稿件，务经书面授权", "…不代表某某社和某某网观点"): they name the publisher\'s copy, so a rule about residents\' written consent stays.',
  },
  {
    id: 'licence-footer',
    zone: 'any',
    maxLen: 400,
    pattern: rx('icp[备證证]|icp备案|公网安备|网安备|网宣备|许可证(?:编号|号)?\\s*[:：]?\\s*[\\dA-Z（(]|信息服务许可|增值电信业务|网站标识码|备案号|新出网证|国新办发', 'i'),
    why: 'ICP filing / licence numbers of the site footer.',
  },
  {
    id: 'hotline-footer',
    zone: 'edge',
    maxLen: 300,
    pattern: rx('举报电话|举报邮箱|举报中心|违法和不良信息|不良信息举报|热线电话|投稿邮箱|联系电话|客服电话|联系邮箱|传真\\s*[:：]|邮编\\s*[:：]|地址\\s*[:：]|电子邮箱\\s*[:：]|新闻热线'),
    why: 'Report-hotline / contact lines of the site footer.',
  },
  {
    id: 'site-owner',
    zone: 'edge',
    maxLen: 120,
    pattern: rx('主办\\s*[:：]?|承办\\s*[:：]?|协办|技术支持|运营维护|主管单位|主办单位|承办单位|建设运维|网站维护|^\\S{2,20}(?:主办|承办)'),
    why: 'Site-owner lines ("中共滁州市委宣传部主办 滁州日报社承办").',
  },
  {
    id: 'audio-player',
    zone: 'any',
    maxLen: 30,
    pattern: AUDIO_LINE,
    why: 'Text-to-speech controls ("播报", "语音播报", "听新闻", "暂停 00:00/03:25") standing alone; a sentence about a broadcast has more words.',
  },
  {
    id: 'reader-counter',
    zone: 'any',
    maxLen: 40,
    pattern: COUNTER_LINE,
    why: 'Reader counters and actions at the foot of WeChat/app pages ("阅读 1.2万 在看 赞 写留言"), made only of counter words and numbers.',
  },
  {
    id: 'wechat-collection',
    zone: 'any',
    maxLen: 120,
    pattern: rx('^收录于(?:合集|话题)|^(?:#[^\\s#]{1,20}\\s*(?:\\d+\\s*个)?\\s*)+$'),
    why: 'WeChat collection tags ("收录于合集 #基层治理 23个") printed above and below the article.',
  },
  {
    id: 'share-bar',
    zone: 'any',
    maxLen: 60,
    test: (line) => allTokens(line, UI_TOKEN, 1),
    why: 'Share/print/favourite/font bars ("分享到:", "打印 | 收藏 | 发给好友 【字号").',
  },
  {
    id: 'share-bar',
    zone: 'any',
    maxLen: 60,
    pattern: rx('^(?:分享到|分享至|转发到)\\s*[:：]|【打印[^】]*】|【关闭[^】]*】|【纠错】|【字号|【字体|打印本页|关闭窗口|(?:^|[\\s:：【\\[|｜])(?:大\\s*中\\s*小|小\\s*中\\s*大)(?:$|[\\s】\\]|｜])'),
    why: 'Share bars that carry a few icons/labels besides the words; font pickers ("字体：小中大") only as a bar, not "分为大中小三类".',
  },
  {
    id: 'share-bar',
    zone: 'any',
    maxLen: 80,
    pattern: rx('字号\\s*[:：]?\\s*A\\s*\\+\\s*A\\s*[-－]|(?:^|\\s)分享至\\s*(?:Facebook|LINE|Twitter|X|Line|微信|微博|QQ)(?:\\s|$)|加入\\s*LINE\\s*好友', 'i'),
    why: 'Share bars sharing a line with a font-size control ("字号：A+ A-  分享到：微信 微博") and Taiwan/HK share bars ("分享至 Facebook  分享至 LINE").',
  },
  {
    id: 'print-edition',
    zone: 'any',
    maxLen: 50,
    meta: true,
    issueDate: true,
    pattern: rx('^《\\s*[^》]{2,12}\\s*》\\s*[（(]\\s*(?:19|20)\\d{2}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日\\s*(?:(?:第\\s*)?[\\d一二三四五六七八九十]+\\s*版)?\\s*[)）]$'),
    why: 'Newspaper print-edition line ("《 人民日报 》（ 2023年06月12日 第 11 版）", "《某某日报》（2024年05月11日 09版）"); its date is the day the report was printed.',
  },
  {
    id: 'emoji-prompt',
    zone: 'any',
    maxLen: 40,
    pattern: /^[\s👇👆☝⬇⬆↓↑▼]*[👇👆☝⬇⬆↓↑▼]{2}|^[\s👇👆☝⬇⬆↓↑▼]*点击(?:下方|上方)(?:视频|图片|卡片|小程序|链接)[^。]{0,20}$/u,
    why: 'WeChat prompts pointing at an embedded video or card ("👇👇👇 点击下方视频…", "↓↓↓"): the media is gone from text, the prompt is page furniture.',
  },
  {
    id: 'site-menu',
    zone: 'any',
    maxLen: 200,
    test: (line) => isFooterMenu(line) || opensWithSiteLinks(line),
    why: 'Footer link rows with any separator ("关于我们 - 联系我们 - 网站地图", "About us · Contact us"), or with single spaces when two site links open the row and its contact details follow; two site-link labels make it a menu wherever it stands.',
  },
  {
    id: 'link-farm',
    zone: 'any',
    maxLen: 400,
    pattern: rx('^[【\\[]?\\s*友情链接\\s*[】\\]]?(?:\\s*[:：]|$)'),
    why: '"友情链接" rows: hijacked and mirror sites fill them with casino links; no report paragraph starts with the words.',
  },
  {
    id: 'site-menu',
    zone: 'edge',
    maxLen: 400,
    test: (line) => !/[。，,！？]/.test(line) && !MD_TABLE_ROW.test(line) && (isMenu(line) || allTokens(line, SITE_TOKEN, 2)),
    why: 'Channel menus and footer link rows ("直通屏山|福建|时评|…", "关于我们 | 联系我们").',
  },
  {
    id: 'related-block',
    zone: 'any',
    maxLen: 40,
    test: (line) => RELATED_START.test(line) && !line.includes('。'),
    why: 'Heading of a related-articles box, or one inline link under it; "相关阅读材料已发放" and "推荐阅读：…。" are sentences, so a separator or the line end must follow and no full stop may close a clause.',
  },
  {
    id: 'more-link',
    zone: 'any',
    maxLen: 40,
    pattern: rx('^\\s*(?:更多\\s*(?:>>|»|>|＞)|查看更多|更多精彩|more\\s*>>|查看原文|阅读全文|展开全文|点击查看|点击阅读)|(?:更多|more)\\s*(?:>>|»)\\s*$', 'i'),
    why: '"更多>>" links of sidebar boxes.',
  },
  {
    id: 'more-link',
    zone: 'any',
    maxLen: 100,
    pattern: rx('^更多.{0,50}?请(?:关注|访问|登录|点击)\\s*(?:www\\.|https?:)', 'i'),
    why: 'A pointer to the site closing an article ("更多某某的资讯请关注www.example.com"): it sends the reader elsewhere, it says nothing of the story.',
  },
  {
    id: 'pagination',
    zone: 'any',
    maxLen: 80,
    pattern: rx('^(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇)\\s*[:：]?|^共\\s*\\d+\\s*页|^第\\s*\\d+\\s*页|首页\\s*上一页|上一页\\s*\\d'),
    why: 'Previous/next-article links and page numbers.',
  },
  {
    id: 'app-prompt',
    zone: 'any',
    maxLen: 30,
    pattern: rx('^(?:打开|下载|前往)\\s*\\S{0,8}?(?:新闻|客户端|头条|app)\\s*[，,]?\\s*(?:查看|阅读|观看|体验|看)[^。，,]{0,8}$', 'i'),
    why: 'Whole-line app prompts that image-heavy pages leave between paragraphs ("打开某某新闻 查看精彩图片").',
  },
  {
    id: 'app-prompt',
    zone: 'edge',
    maxLen: 60,
    pattern: rx('(?:下载|打开)\\s*app|^打开\\S{0,6}(?:新闻|客户端)|^下载\\S{0,8}(?:客户端|app)|app\\s*(?:下载|内打开|阅读)|客户端(?:下载|阅读|查看)|下载客户端|打开客户端|在客户端', 'i'),
    why: 'App download prompts ("下载APP", "打开APP阅读全文").',
  },
  {
    id: 'qr-prompt',
    zone: 'edge',
    maxLen: 60,
    pattern: rx('扫一扫|扫码|二维码|长按识别|长按关注|识别关注|关注公众号|关注我们|点击上方|蓝字|星标|置顶公众号|分享给朋友|点个在看|点赞|在看'),
    why: 'QR-code and follow-us prompts ("微信“扫一扫”添加", "点击上方蓝字关注我们").',
  },
  {
    id: 'return-link',
    zone: 'any',
    maxLen: 40,
    pattern: rx('返回搜狐|查看更多|^返回(?:顶部|首页|列表|上页|上一页)|^阅读原文$|^阅读\\s*[(（]?\\d|^阅读量|^浏览(?:次数|量)|^点击(?:数|量|率)|^访问量'),
    why: 'Return/read-more links and hit counters ("返回搜狐，查看更多", "阅读原文").',
  },
  {
    id: 'comment-box',
    zone: 'edge',
    maxLen: 40,
    pattern: rx('我来说两句|我要评论|我要留言|发表评论|网友评论|参与评论|评论\\s*[(（]\\d*[)）]|条评论|^评论\\s*\\d*$|^跟帖\\s*\\d*$|^登录|^注册|^验证码'),
    why: 'Comment widgets and login prompts.',
  },
  {
    id: 'comment-box',
    zone: 'edge',
    maxLen: 12,
    pattern: /^[(（]\s*\d{1,6}\s*[)）]$/,
    why: 'A bare bracketed count ("（0）"): the comment/like counter of a share bar whose label was an icon.',
  },
  {
    id: 'search-box',
    zone: 'edge',
    maxLen: 40,
    pattern: rx('请输入(?:关键字|关键词|搜索)|站内搜索|全站搜索|全文检索|高级搜索|^搜索$|^搜\\s*索$'),
    why: 'Site search boxes.',
  },
  {
    id: 'image-credit',
    zone: 'any',
    maxLen: 40,
    pattern: rx('^[(（]?\\s*(?:图片来源|图片来自|图源|图片|图|摄影|配图)\\s*[:：|丨]'),
    why: 'Photo credits ("图片来源：网络").',
  },
  {
    id: 'image-credit',
    zone: 'any',
    maxLen: 100,
    // Every credit ends in 摄 or a bracket; checking the last character first keeps the scan off most lines.
    test: (line) => CREDIT_END.has(line[line.length - 1]) && PHOTO_CREDIT.test(line),
    why: 'Captions closed by a photographer credit ("…投入使用。新华社记者 张三 摄", "（摄影：王五）"); a body sentence ends in "。", not in a credit.',
  },
  {
    id: 'chatbot-preamble',
    zone: 'edge',
    maxLen: 120,
    prose: true,
    pattern: rx('^(?:好的|当然|没问题|好呀|可以)[，,!！。]?.{0,40}?(?:为您|为你|给您|给你|帮您|帮你)(?:创作|撰写|写|生成|整理|准备|起草)|^以下是(?:为您|为你|我为您|我为你).{0,30}(?:文章|内容|稿|文案)'),
    why: 'A chat assistant\'s reply to the request that produced the text ("好的，我来为您撰写一篇…的文章。"), pasted above it: it talks to the person who asked, not about the case.',
  },
  {
    id: 'hot-searches',
    zone: 'edge',
    maxLen: 200,
    pattern: rx('^(?:热搜|热门搜索|热搜关键词|热门关键词|热门标签|热搜词|相关搜索|大家都在搜)\\s*[:：]'),
    why: 'A site\'s list of trending searches ("热搜关键词：…"): keywords for search engines, not a line of the report.',
  },
  {
    id: 'image-caption',
    zone: 'any',
    maxLen: 40,
    pattern: rx('^(?:图为|▲|△|↑|↓|图\\s*\\d+|上图|下图|左图|右图)|(?:改造前|改造后|整治前|整治后|施工前|施工后|效果图|实景图|现场图|示意图|资料图|航拍图|供图)[)）]?$'),
    why: 'Stand-alone image captions ("小区居民之家改造前", "▲ 活动现场").',
  },
  {
    id: 'timestamp',
    zone: 'edge',
    maxLen: 30,
    meta: true,
    pattern: BARE_TIMESTAMP,
    why: 'Bare timestamp lines: byline dates at the top, teaser-list dates at the bottom.',
  },
  {
    id: 'timestamp',
    zone: 'edge',
    maxLen: 30,
    meta: true,
    pattern: SPLIT_TIMESTAMP,
    why: 'Byline dates printed in separate spans for year and month/day ("2023 09/18 10:25:36").',
  },
  {
    id: 'related-teaser',
    zone: 'edge',
    maxLen: 300,
    prose: true,
    pattern: /^(?:\.{2,}|…+|·{3,})/,
    why: 'Teaser excerpts of related articles ("...与小区网格治理，形成…").',
  },
  {
    id: 'related-teaser',
    zone: 'edge',
    maxLen: 120,
    test: (line, ctx) => !/[。！？]$/.test(line) && ctx.next !== null && /^(?:\.{2,}|…+)/.test(ctx.next),
    why: 'Headline of a related article, followed by its "..." excerpt.',
  },
  {
    id: 'related-teaser',
    zone: 'edge',
    maxLen: 300,
    prose: true,
    test: (line, ctx) => line.length >= 40 && /[，,；;]/.test(line) && !/[。！？”」]$/.test(line) && ctx.next !== null && BARE_TIMESTAMP.test(ctx.next),
    why: 'Teaser excerpt cut off mid-sentence and followed by its timestamp line.',
  },
  {
    id: 'related-teaser',
    zone: 'edge',
    maxLen: 80,
    pattern: /[(（\[]?(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[)）\]]?$|[(（\[]\d{1,2}[-/.]\d{1,2}[)）\]]$/,
    why: 'Related-article list item ending in its date ("某社区创新治理模式 2023-05-01").',
  },
  {
    id: 'bullet-menu',
    zone: 'edge',
    maxLen: 24,
    pattern: /^[•·●■□▪◆◇▶►]\s*[^。！？:：，,、；;]*$/,
    why: 'Bulleted widget items ("• 我的订阅", "• 点击排行"); a bullet point of a list in the text has a clause ("• 服务导向：以居民为中心").',
  },
  {
    id: 'site-column',
    zone: 'edge',
    maxLen: 16,
    test: (line) => COLUMN_LINE.test(line) || /^[\u4e00-\u9fff]{2,4}(?:要闻|要聞|动态|動態|快讯|快訊)$/.test(line),
    why: 'Column/widget labels printed around the article ("岳塘要闻", "视频精选", "我要报料").',
  },
  {
    id: 'account-name',
    zone: 'edge',
    maxLen: 12,
    pattern: rx(`^[\\u4e00-\\u9fff]{2,8}(?:${wordAlternation(ACCOUNT_SUFFIXES)})$`),
    why: 'Bare WeChat/Toutiao account name printed under the headline or at the foot ("某某发布").',
  },
  {
    id: 'column-tag',
    zone: 'edge',
    maxLen: 14,
    pattern: rx(`^[【\\[［]\\s*[\\u4e00-\\u9fff]{0,6}(?:${wordAlternation(COLUMN_TAG_WORDS)})\\s*[】\\]］]$`),
    why: 'A bracketed column tag standing alone ("【地方动态】"); section headings of the report ("【小区名片】") use other words.',
  },
  {
    id: 'editor-app-tag',
    zone: 'edge',
    maxLen: 12,
    pattern: rx(`^[【\\[［]\\s*(?:${wordAlternation(EDITOR_APPS)})\\s*[】\\]］]$`),
    why: 'The name of the app a post was laid out with, bracketed on a line of its own ("【美篇】"): a mark of where it was copied from.',
  },
  {
    id: 'host-intro',
    zone: 'edge',
    maxLen: 120,
    prose: true,
    pattern: rx('小编(?:今天)?(?:来|就)?(?:为|给|带|和|跟)(?:大家|您|你们)'),
    why: 'A self-media account\'s host introducing the post ("今天就由某某小编为大家介绍…"): the account speaking, not the report.',
  },
  {
    id: 'masthead',
    zone: 'edge',
    maxLen: 40,
    pattern: rx(`^[\\u4e00-\\u9fff（）()“”]{2,24}?(?:简报|快报|专报|周报|旬报|月报|参阅|要情|通讯|工作动态)(?:\\s*[(（]?(?:增刊|特刊|专刊|${ISSUE_NO})[)）]?)*$`),
    why: 'Name of an internal brief printed at its head ("某某区基层党建工作简报"); the case follows under its own headline.',
  },
  {
    id: 'running-header',
    zone: 'edge',
    maxLen: 40,
    pattern: rx('^[\\u4e00-\\u9fff“”]{2,30}(?:汇编|选编|文集|读本|案例集|材料集)\\s*[（(]\\s*(?:19|20)\\d{2}\\s*年?(?:版|卷)?\\s*[)）]$'),
    why: 'Running head of a compilation ("某某优秀案例汇编（2023）") printed at the top of every page: the book, not the case.',
  },
  {
    id: 'confidentiality-mark',
    zone: 'edge',
    maxLen: 24,
    pattern: rx('^[（(【]?\\s*(?:内部资料|内部材料|内部刊物|内部参阅|内部文件)[\\s，,、]*(?:注意保存|注意保密|请勿外传|不得外传|妥善保管|仅供参考)?\\s*[)）】]?$'),
    why: 'Handling mark of an internal compilation ("（内部资料 注意保存）").',
  },
  {
    id: 'masthead',
    zone: 'edge',
    maxLen: 40,
    pattern: rx(`^(?:(?:19|20)\\d{2}\\s*年\\s*)?${ISSUE_NO}(?:\\s*[(（]\\s*总${ISSUE_NO}\\s*[)）])?$`),
    why: 'Issue number of a brief ("第12期", "2023年第5期（总第88期）").',
  },
  {
    id: 'masthead',
    zone: 'edge',
    maxLen: 50,
    meta: true,
    issueDate: true,
    pattern: rx(`^[\\u4e00-\\u9fff（）()]{4,30}?(?:(?:编印|编发|(?<![汇新选主改续合])编|主办)\\s*(?:${CJK_DATE})?|(?:办公室|办|部|委|局|厅|中心|政府|办事处)\\s+${CJK_DATE})$`),
    why: 'Issuer line of a brief ("某某区委组织部编", "某某办公室编  2023年6月1日"); its date is the issue date.',
  },
  {
    id: 'distribution',
    zone: 'edge',
    maxLen: 300,
    prose: true,
    pattern: rx('^(?:报|送|发|抄送|抄报|主送|分送|报送|印送|发送|呈送|呈报)\\s*[:：]'),
    why: 'Distribution list closing a brief ("报：市委组织部…", "抄送：…"); only below the text, so a sentence quoting a 抄送 instruction stays.',
  },
  {
    id: 'distribution',
    zone: 'edge',
    maxLen: 80,
    meta: true,
    issueDate: true,
    pattern: rx(`${CJK_DATE}\\s*(?:印发|印|发)\\s*(?:[(（]\\s*共印\\s*\\d+\\s*份\\s*[)）])?$|^[(（]?\\s*共印\\s*\\d+\\s*份\\s*[)）]?$`),
    why: 'Print line of a brief ("某某办公室  2023年6月20日印发", "（共印50份）"); its date is the issue date.',
  },
  {
    id: 'signature',
    zone: 'edge',
    maxLen: 40,
    pattern: rx('^[\\u4e00-\\u9fff（）()]{2,30}(?:党工委|党委|党组|党支部|工委|办事处|街道|社区|居委会|村委会|委员会|人民政府|政府|办公室|中心|局|厅|部)$'),
    test: (_line, ctx) => ctx.next !== null && SIGNATURE_DATE.test(ctx.next),
    why: 'The issuing body signed under the text with the date on the next line ("某某街道党工委" / "2023年11月10日"); only below the last paragraph.',
  },
  {
    id: 'rule-line',
    zone: 'any',
    maxLen: 400,
    pattern: /^[━─—–=＝_\-*~～═┅┄]{3,}$/,
    why: 'Horizontal rules drawn with box or dash characters, which separate a brief\'s masthead and distribution list from the text.',
  },
  {
    id: 'ad',
    zone: 'edge',
    maxLen: 12,
    pattern: rx('^[\\[【(（]?(?:广告|推广|赞助|ad)[\\]】)）]?$', 'i'),
    why: 'Advertisement markers.',
  },
  {
    id: 'image-file',
    zone: 'any',
    maxLen: 80,
    pattern: /^[^。！？!?\n]{0,70}\.(?:jpe?g|png|gif|webp|bmp|heic)$/i,
    why: 'A line that is only an image file name ("微信图片_2023.jpg", "IMG_0412.png", or a headline saved as "某某社区：开展排查 守护安全.jpg"): the picture is gone, its name is not text. A file name may hold any punctuation a headline has, but no sentence end.',
  },
  {
    id: 'image-placeholder',
    zone: 'any',
    maxLen: 120,
    pattern: rx('^(?:!\\[[^\\]]*\\]\\([^)]*\\)\\s*\\|?\\s*)+$|^[【\\[(（]\\s*(?:资料图片?|图片|配图|示意图|网络配图|图源网络)[^】\\])）]{0,8}[】\\])）]$'),
    why: 'Where a picture stood: a Markdown image with no text ("![]()") in any format, or a bracketed "（资料图片仅供参考）".',
  },
  {
    id: 'reporter-credit',
    zone: 'edge',
    maxLen: 24,
    pattern: /^[(（][^()（）。，,：:；;]{2,20}[)）]$/,
    why: 'A bracketed credit on its own line under the text ("（张三 李四）", "（某某办公室）"); only outside the body, where a bracketed section label does not stand.',
  },
  {
    id: 'journal-meta',
    zone: 'any',
    maxLen: 300,
    pattern: rx(`^(?:[〔【\\[(（]\\s*(?:${JOURNAL_LABELS})\\s*[〕】\\])）]|(?:${JOURNAL_LABELS})\\s*[:：])`, 'i'),
    why: 'Apparatus of a journal article, each line opened by its label ("〔中图分类号〕…", "【基金项目】…", "关键词：…"): the paper\'s filing, not the case. The abstract is kept.',
  },
  {
    id: 'journal-meta',
    zone: 'any',
    maxLen: 100,
    pattern: rx('(?:大学|学院|研究院|研究所|研究中心|党校|基金会|研究会)[^。]{0,40}[,，\\s]\\s*\\d{6}\\s*[;；)）]?$'),
    why: 'An author\'s affiliation closed by its postcode ("某某大学公共管理学院，某省 某市，310000"): journal apparatus.',
  },
  {
    id: 'author-list',
    zone: 'edge',
    maxLen: 60,
    test: isAuthorList,
    why: 'The authors of a paper on a line of their own ("张三，李四，王五", "张三1,2，李四2", "张三++李四"): who wrote it, not what happened. Only outside the body, where a list of names would be a sentence.',
  },
  {
    id: 'journal-meta',
    zone: 'edge',
    maxLen: 40,
    pattern: rx('^[《]?[\\u4e00-\\u9fff]{2,16}[》]?\\s*[,，]?\\s*(?:19|20)\\d{2}\\s*(?:年\\s*(?:第\\s*)?\\d{1,2}\\s*期|[(（]\\s*\\d{1,2}\\s*[)）])$'),
    why: 'A journal\'s name with the year and issue the article appeared in ("某某研究 2019年4期", "《某某学报》2021(3)"): where it was printed, not what it says.',
  },
  {
    id: 'citation',
    zone: 'any',
    maxLen: 300,
    pattern: rx('\\[[JMCDNR]\\][.．]?.{0,80}?(?:19|20)\\d{2}|出版社\\s*[,，]\\s*(?:19|20)\\d{2}'),
    why: 'A bibliographic reference ("张三. 某某研究[J]. 某某学报, 2021, …", "某某主编《…》，某某出版社，2025，第1~9页。"): how to cite the text, not the text.',
  },
  {
    id: 'image-caption',
    zone: 'any',
    maxLen: 60,
    pattern: rx('_第\\s*\\d+\\s*页$|[(（]\\s*图\\s*\\d+\\s*[)）]$'),
    why: 'Page images of an uploaded document ("某某方案_第3页") and captions numbered as figures ("…（图2）").',
  },
  {
    id: 'doc-site-prompt',
    zone: 'any',
    maxLen: 80,
    pattern: rx('^版权说明\\s*[:：]|由用户提供并上传|还剩\\s*\\d+\\s*页未读|继续免费阅读|下载本文档|不能全部显示|点此查看更多|已阅读\\s*\\d+\\s*页|^文档简介$|^全文阅读$'),
    why: 'Prompts and the upload disclaimer of document-sharing sites ("已阅读5页，还剩14页未读，继续免费阅读", "下载本文档", "版权说明：本文档由用户提供并上传…").',
  },
  {
    id: 'reprint-notice',
    zone: 'any',
    maxLen: 200,
    pattern: rx('转载请(?:说明|保留|标明|务必注明|附上)|转载时(?:请|务必|务请|须|需)注明|^本文(?:首发|首载|原发)(?:于|在)'),
    why: 'Reprint requests in other words than "转载请注明" ("转载请说明文章出处", "转载时务请注明出处"), and the note where a piece first ran ("本文首发于某某公众号").',
  },
  {
    id: 'reprint-notice',
    zone: 'any',
    maxLen: 30,
    pattern: rx('^(?:本文)?(?:信息|内容|文章|文字|图片|圖片|素材|资料|資料)(?:均|皆)?(?:来源|來源|来自|來自|源自)于?(?:互联网|互聯網|网络|網絡)[。.]?$|^(?:经过?|經過?|由).{1,12}(?:重新|二次)(?:编排|編排|排版|整理|编辑|編輯)[。.]?$'),
    why: 'Repost credits standing alone at the end of a copied article ("内容来源于网络", "经某某重新编排"): they say where the text was taken from, not what happened.',
  },
  {
    id: 'debris',
    zone: 'any',
    maxLen: 12,
    pattern: /^(?![…—.。·\s]+$)(?![.．%％，,、。；;：:）)”’」』])(?![(（]\d{1,2}[)）]$)[\p{P}\p{S}\d\s]+$/u,
    why: 'Lines of only symbols or digits ("|", "?", "0", "667"): counters, table borders and template leftovers. An ellipsis line is a pause in the text, a line opening with closing punctuation ("%。") is the end of a sentence a page break cut, and "(1)" numbers the item on the next line; all three stay.',
  },
  {
    id: 'teaser-repeat',
    zone: 'edge',
    maxLen: 400,
    prose: true,
    test: (line, { next }) => !!next && next.length >= 8 && line.length > next.length + 4 && line.startsWith(next) && /^\s/.test(line.slice(next.length)),
    why: 'A listing\'s teaser above the page: the next line (the headline) word for word, a gap, then the opening of what follows, cut short ("某某材料汇编 目录 1.关于…。"). The page prints both in full below. Without the gap the next line is the first piece of a headline broken over lines.',
  },
  {
    id: 'reading-time',
    zone: 'any',
    maxLen: 40,
    pattern: rx('^(?:本篇|本文|全文)(?:文章)?(?:共|约)?\\s*\\d+\\s*字\\s*[,，]?\\s*(?:预计)?(?:阅读|读完)(?:时间|需要?|约|大约)*\\s*\\d+\\s*分钟$'),
    why: 'A reading-time estimate a blog template prints above the text ("本篇文章900字，读完约2分钟"): the site counting, not the writer writing.',
  },
  {
    id: 'tag-count',
    zone: 'any',
    maxLen: 14,
    pattern: /^(?!第)[\u4e00-\u9fff]{2,8}\s*[(（]\d{1,5}[)）]$/,
    why: 'A tag or category link with the number of posts filed under it ("老城区(12)"), left from a sidebar: no sentence is a bare name and a count. A numbered part ("第一部分（3）") is a heading.',
  },
  {
    id: 'wedged-keyword',
    zone: 'any',
    maxLen: 10,
    test: (line, { next }) => /^[\u4e00-\u9fff]{2,10}$/.test(line) && !!next && /^[,，、]/.test(next),
    why: 'Spam sites cut a sentence in two and wedge a product keyword between the halves ("…每周三天午餐," / "护肤面膜" / ",为子女分忧"): the text goes on with a comma on the next line, so the short line stands inside a sentence.',
  },
  {
    id: 'author-bio',
    zone: 'edge',
    maxLen: 120,
    prose: true,
    pattern: rx('^[\\u4e00-\\u9fff·]{2,4}\\s*[,，:：]\\s*[^。；;]{0,30}?(?:大学|学院|研究院|研究所|研究中心|党校|社科院)[^。；;]{0,20}?(?:教授|讲师|研究员|博士|硕士|研究生|社工师|院长|主任|助理)'),
    why: 'A paper\'s note on each author, name first ("某某，某某大学公共管理学院博士研究生", "某某：某某学院研究员、社工师，主要研究方向为…"): who wrote it, not the case. Only outside the body.',
  },
  {
    id: 'author-name',
    zone: 'edge',
    maxLen: 4,
    test: (line) => isNameAlone(line) && !/[网網报報台社刊站]$/.test(line),
    why: 'A name alone on a line above the first paragraph or below the last ("程青"): the writer\'s or reporter\'s byline without its label. Last of the rules, so that a product or outlet name that reads like a person goes under its own rule; of the name-alone lines on the development pages, none was text.',
  },
]

/**
 * A heading that opens a run of junk lines which would pass for body text on their own: teaser
 * headlines without dates end in "？"/"！" like sentences, and a notice paragraph is long prose.
 * The run takes the lines after the heading while they fit `item` or were already removed by one
 * of the `passes` rules (list items with dates, a second heading), and stops at the first line that
 * does neither. A line followed by a byline is a headline, not a teaser, and also ends the run.
 */
export interface BlockRule {
  id: string
  /** As for line rules: an 'edge' block between two body paragraphs is kept. */
  zone: 'any' | 'edge'
  /** The heading line, whole. */
  open: RegExp
  item: (line: string) => boolean
  maxItems: number
  /** Rule ids of lines that belong to the block although a line rule took them first. */
  passes: ReadonlySet<string>
  /** The heading itself goes too (when no line rule took it already), but only if an item follows. */
  dropsOpener: boolean
  /** Longest heading line; headings that carry their first items ("友情链接：A | B") are longer. */
  openMaxLen: number
  /** Above the article, an item followed by a byline is the headline and ends the run. */
  stopsAtHeadline: boolean
  why: string
}

/** A teaser headline: one or two clauses, no full stop, not a lead-in. */
function isTeaserItem(line: string): boolean {
  if (line.length < 6 || line.length > 64 || line.includes('。')) return false
  if (/[：:，,、；;]$/.test(line)) return false
  return (line.match(/[，,；;]/g)?.length ?? 0) <= 2
}


/** A summary label opening a line ("摘要：…", "【内容提要】…"). */
export const SUMMARY_LABEL = rx('^[【\\[(（〔]?\\s*(?:摘\\s*要|内容提要|内容摘要|提要)\\s*[】\\])）〕]?\\s*[:：]?\\s*')

/** Decided over the whole page (clean.ts), so kept out of LINE_RULES, which see one line and the next. */
export const SUMMARY_REPEAT: LineRule = {
  id: 'summary-repeat',
  zone: 'any',
  maxLen: Infinity,
  why: 'A news page\'s "摘要：" teaser whose opening is printed again further down, at the start of the first paragraph: the page\'s summary of its own lead, so the text is there once without it. A paper\'s abstract says what no later line repeats and stays.',
}

export const BLOCK_RULES: BlockRule[] = [
  {
    id: 'comment-thread',
    zone: 'any',
    open: rx('^(?:网友评论|最新评论|热门评论|全部评论|精彩评论|评论区|网友留言|读者评论)\\s*(?:更多|[(（]\\d+[)）]|\\d+)?\\s*(?:>>|»|>)?$'),
    item: (line) => line.length <= 120,
    maxItems: 40,
    passes: new Set(['comment-thread', 'comment-box', 'timestamp', 'debris', 'reader-counter']),
    dropsOpener: true,
    openMaxLen: 12,
    stopsAtHeadline: false,
    why: 'The lines under a comment-thread heading: names, dates, votes and comments, up to the first paragraph-length line.',
  },
  {
    id: 'related-teaser',
    zone: 'any',
    open: RELATED_HEADING,
    item: isTeaserItem,
    maxItems: 15,
    passes: new Set(['related-block', 'related-teaser', 'timestamp', 'more-link', 'bullet-menu']),
    dropsOpener: false,
    openMaxLen: 30,
    stopsAtHeadline: true,
    why: 'Teaser headlines listed under "往期推荐"/"推荐阅读" without dates; the heading says what they are.',
  },
  {
    id: 'reprint-notice',
    zone: 'edge',
    open: rx('^[【\\[]?(?:特别声明|免责声明|郑重声明|平台声明|版权声明|声明)[】\\]]?\\s*[:：]?$'),
    item: (line) => line.length <= 300 && DISCLAIMER_WORD.test(line),
    maxItems: 2,
    passes: new Set(['reprint-notice', 'copyright', 'snapshot-notice']),
    dropsOpener: true,
    openMaxLen: 30,
    stopsAtHeadline: true,
    why: 'A "特别声明" heading on its own line with the disclaimer paragraph under it; a paragraph without disclaimer words ends the run.',
  },
  {
    id: 'link-farm',
    zone: 'edge',
    open: rx('^[【\\[]?\\s*友情链接\\s*[】\\]]?(?:\\s*[:：]|$)'),
    item: isLinkRow,
    maxItems: 10,
    passes: new Set(['link-farm', 'seo-spam', 'site-menu', 'share-bar', 'copyright', 'licence-footer']),
    dropsOpener: true,
    openMaxLen: 400,
    stopsAtHeadline: false,
    why: 'Rows of links under a "友情链接" heading (the casino rows of mirror sites), up to the first line that is not a row of links.',
  },
  {
    id: 'gov-metadata',
    zone: 'edge',
    open: GOV_LABEL_ALONE,
    item: (line) => line.length <= 80 && !line.includes('。'),
    maxItems: 1,
    passes: new Set(['gov-metadata', 'byline', 'timestamp', 'source-line']),
    dropsOpener: true,
    openMaxLen: 12,
    stopsAtHeadline: false,
    why: 'Metadata tables laid out as label and value on separate lines ("索引号" / "000014349/2023-00012"); the label says what the value is.',
  },
]
