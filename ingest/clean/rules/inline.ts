import { rx } from '../bilingual.js'
import { BETTING_BRANDS, BETTING_NAME, PERSON_NAME } from './vocabulary.js'

/**
 * Furniture glued to text inside a kept line: a wire or paper dateline opening the first paragraph,
 * a reporter credit closing one, HTML tags a copy-paste left in. The cut goes to `removed` under the
 * rule's id; the rest of the paragraph stays. `where` says when and where a rule cuts: 'line' on
 * every line before lines are judged (noise that would make a paragraph look like junk), 'paragraph'
 * on every kept paragraph after (a credit that tells a caption apart must still be there when
 * captions are judged), 'lead' only on the headline and the first paragraphs under it, where
 * datelines stand.
 */
export interface InlineRule {
  id: string
  where: 'line' | 'lead' | 'paragraph'
  /** Global pattern; every match is cut. Lead rules are anchored at the paragraph start. */
  pattern: RegExp
  /** The cut names a reporter, outlet or date worth parsing before it goes. */
  meta?: boolean
  /**
   * Strings one of which a paragraph must hold for the rule to cut anything from it (in the cut
   * or where the rule looks behind it; both scripts): a paragraph holding none is not tried,
   * so a rule for a rare credit costs one native search instead of a regex run over every paragraph.
   */
  needs?: string[]
  why: string
}

/** An outlet: a name ending in a media word ("某某网", "某某日报", "某某融媒体"), optionally with its URL in brackets. */
const OUTLET = '[^\\s，,。！？!?:：“”"、]{0,12}?(?:网|报|社(?![区会团工员])|台|新闻|融媒体?|客户端|在线|电视台|广播|发布)(?:\\s*[(（]\\s*https?:[^()（）\\s]+\\s*[)）])?'
/** A place or agency name between outlet and date ("北京", "大连"): short, no punctuation. */
const SPOT = '[^\\s，,。！？!?:：“”"、\\d]{0,6}?'
const DAY = '(?:\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]|(?:19|20)\\d{2}\\s*(?:[-/.]\\s*\\d{1,2}\\s*[-/.]\\s*\\d{1,2}|年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日)\\s*[日号]?)'
/** The reporter credit in brackets after a dateline: "（记者 张三 通讯员 李四）". */
const CREDIT = '(?:\\s*[(（][^()（）。]{1,48}[)）])?'
/**
 * Reporters named between the outlet and the date ("某某网记者张三、通讯员李四5月3日报道"): the
 * staff of the outlet, each named by their role.
 */
const STAFF = '(?:\\s*[、，,]?\\s*(?:记者|通讯员|见习记者|特约记者|实习生)\\s*[\\u4e00-\\u9fff·]{2,4}?\\s*)*'
/** Personal names in a reporter credit ("张三 李四", "张三、李四"). */
const NAMES = '[\\u4e00-\\u9fff·]{2,4}(?:\\s*[、，,\\s]\\s*[\\u4e00-\\u9fff·]{2,4}){0,4}'
/** What may close a dateline before the text: a "题：" headline marker, a comma or colon. */
const CLOSE = '(?:\\s*题\\s*[:：])?\\s*[，,:：]?\\s*'

/** A role in a reporter credit. */
const ROLE = '(?:记者|通讯员|特约记者|见习记者|实习记者|实习生|摄影|摄像)'
/** One role and its names ("记者 张三、李四", "通讯员王五"); a further name after a plain space must be followed by a gap too. */
const ROLE_NAMES = `${ROLE}\\s*[:：]?\\s*${PERSON_NAME}(?:\\s*[、，,]\\s*${PERSON_NAME}|\\s+${PERSON_NAME}(?=\\s))*`

// A betting site's name where the words around it leave no doubt (an app, an "official site").
const BETTING_SITE = `(?:金沙|太阳城|${BETTING_BRANDS.join('|')}|${BETTING_NAME})`

export const INLINE_RULES: InlineRule[] = [
  {
    id: 'lead-in',
    where: 'lead',
    meta: true,
    pattern: rx(`^${OUTLET}${STAFF}${SPOT}${DAY}\\s*(?:讯|消息|报道|电(?=\\s|[(（/，,:：]|题))${CREDIT}${CLOSE}`, 'g'),
    why: 'A dated dateline opening the first paragraph ("某某网5月3日讯（记者 张三）", "某某社北京5月3日电 题：…", "某某网2024-05-03报道", "某某网记者张三、通讯员李四5月3日报道："): it says who sent the report, not what happened.',
  },
  {
    id: 'lead-in',
    where: 'lead',
    meta: true,
    pattern: rx(`^${DAY}\\s*(?:电|讯)\\s*[/／]\\s*${OUTLET}(?:讯|电)${CREDIT}${CLOSE}`, 'g'),
    why: 'A dateline with the date first and the outlet after a slash ("5月3日电/某某在线讯").',
  },
  {
    id: 'lead-in',
    where: 'lead',
    meta: true,
    pattern: rx(`^(?:本报|本台|本刊|本网|本站|${OUTLET}${SPOT}|[\\u4e00-\\u9fff]{2,8}(?=讯(?:\\s|[“"(（])))(?<![通资喜闻音视审问短简快])讯${CREDIT}${CLOSE}`, 'g'),
    why: 'An undated dateline ("本报讯（记者 张三）", "某某融媒体讯（通讯员 李四）", "某某之声讯 “…"); 讯 after an outlet name, or before a gap or a quote, is never part of a sentence.',
  },
  {
    id: 'lead-in',
    where: 'lead',
    meta: true,
    pattern: rx(`^[(（]\\s*${OUTLET}(?:记者\\s*[^()（）。，,、\\d]{1,12}?)?${SPOT}\\d{1,2}\\s*日\\s*电\\s*[)）]\\s*`, 'g'),
    why: 'A wire dateline in brackets opening the first paragraph, dated by the day alone ("（某某社云江19日电）", "（某某社记者张三云江19日电）"): agency copy prints who sent it there, before the first sentence.',
  },
  {
    id: 'lead-in',
    where: 'lead',
    meta: true,
    pattern: rx('^[(（〔［]\\s*(?:本报|本台|特约|见习|实习)?(?:记者|通讯员)[^()（）〔〕［］。，,]{1,40}[)）〕］]\\s*[，,:：]?\\s*', 'g'),
    why: 'A bracketed reporter credit opening the first paragraph ("（记者 张三 通讯员 李四）近日，…", "〔记者张三综合报导〕…"), in round, tortoise-shell or full-width square brackets.',
  },
  {
    id: 'lead-in',
    where: 'lead',
    meta: true,
    pattern: rx(`^【[^【】\\s]{1,8}】\\s*[(（]\\s*${NAMES}\\s*[)）]\\s*`, 'g'),
    why: 'An outlet tag followed by its reporters\' names in brackets ("【某某网】（张三 李四）…"): a tag and names in brackets open no sentence of a report.',
  },
  {
    id: 'lead-in',
    where: 'lead',
    meta: true,
    pattern: rx('^(?:正文\\s*)?[(（]\\s*(?:记者|通讯员|特约记者|见习记者|实习生)\\s*[:：]?\\s*[^()（）。]{1,30}[)）]\\s*(?=\\S)', 'g'),
    why: 'A reporter credit in brackets opening the first paragraph, undated ("（通讯员：某某）10月1日，…"), sometimes after the page\'s "正文" label: who wrote it, not what happened.',
  },
  {
    id: 'lead-in',
    where: 'lead',
    meta: true,
    pattern: /^[(（][\u4e00-\u9fff]{2,20}\s+[\u4e00-\u9fff·]{2,4}[)）]\s*(?=\S)/g,
    why: 'The sending office and the writer in brackets opening the first paragraph ("（某某街道办事处 某某）为了…"): a credit, not the text. A gap parts the office from the name.',
  },
  {
    id: 'lead-in',
    where: 'lead',
    meta: true,
    pattern: rx(`^(?:本报|本台|本刊|本网|${OUTLET})?${ROLE_NAMES}(?:\\s*[、，,]?\\s*${ROLE_NAMES})*[ \\t\\u3000]+(?=\\S)`, 'g'),
    why: 'Reporters named without brackets at the start of the first paragraph, a gap before the text ("记者 张三 通讯员 李四 近日，…", "本报记者王五 3月2日，…"): who wrote it, not what happened. Without the gap the last name cannot be told from the first word, and the paragraph is left as it is.',
  },
  {
    id: 'headline-counter',
    where: 'lead',
    needs: ['?', '？', '!', '！'],
    pattern: /(?<=^[^。]{4,60}[?？!！])\s*\d{1,6}$/g,
    why: 'A view or comment count printed straight after a headline that ends in a question or exclamation mark ("…怎么办？313"): the page\'s counter, not part of the headline; a headline never ends in a bare number after its closing mark.',
  },
  {
    id: 'lead-in',
    where: 'lead',
    meta: true,
    pattern: rx('^[^\\s，,。！？!?:：“”"、]{2,10}?报道\\s+(?=\\S)', 'g'),
    why: 'An outlet credit followed by a space ("某某融媒报道 5月3日，…"); in a sentence 报道 is followed by its object, not a gap.',
  },
  {
    id: 'dateline',
    where: 'lead',
    meta: true,
    pattern: /^(?:(?:date|pubdate|publish(?:ed)?|datetime|time)\s*[:=：]?\s*)?(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*[-–—]\s*|\s+)(?=\S)/gi,
    why: 'A numeric date glued to the start of a headline or paragraph ("2024/5/3- …", "2024-05-03 …"), or with the template field that held it ("date 2024-05-03 …", a page copied with its markup\'s attribute name): the page printed its date there. Dates in prose are written with 年月日.',
  },
  {
    id: 'reporter-credit',
    where: 'paragraph',
    meta: true,
    needs: ['(', '（'],
    pattern: rx('(?<=[。！？!?”』」])\\s*[(（][^()（）。，,；;：:]{2,30}[)）]\\s*$', 'g'),
    why: 'A bracket closing a paragraph after its last sentence ("…。（张三 李四）", "…。（某某办公室）"): a credit of who wrote or sent it, never a clause of the text.',
  },
  {
    id: 'reporter-credit',
    where: 'paragraph',
    meta: true,
    needs: ['(', '（'],
    pattern: rx('(?<=[。！？!?”』」])\\s*[(（](?:\\s*(?:原文)?(?:责任编辑|编辑|作者|记者|通讯员|撰稿|供稿|审核|校对|来源)\\s*[:：]\\s*[^()（）。:：]{1,20}){1,4}\\s*[)）]\\s*$', 'g'),
    why: 'Labelled credits in a bracket closing the last paragraph ("…。（原文编辑：张三 作者：李四）"): who edited and wrote it, never a clause of the text.',
  },
  {
    id: 'photo-credit',
    where: 'paragraph',
    needs: ['摄', '攝'],
    pattern: rx('(?<=[。！？!?”』」])\\s*[^\\s。！？!?，,、“”]{0,10}?(?:记者|通讯员|摄影|摄影师)\\s*[:：]?\\s*[\\u4e00-\\u9fff·]{2,4}(?:\\s*[、，,\\s]\\s*[\\u4e00-\\u9fff·]{2,4}){0,3}\\s*[/／]?\\s*[摄攝]\\s*$', 'g'),
    why: 'A photographer credit closing a caption that repeats a paragraph ("…开放。某某融媒体记者 张三 李四 摄"): who took the picture, never a clause of the text; the sentence before it stays.',
  },
  {
    id: 'image-caption',
    where: 'paragraph',
    needs: ['供图', '供圖', '提供'],
    pattern: rx('^[^。！？!?]{2,40}?\\s*[。.]?\\s*[(（]?(?:受访者|被访者|采访对象|受访单位)(?:供图|提供)[)）]?\\s+(?=\\S)', 'g'),
    why: 'A photo caption and its credit run into the paragraph under the picture ("居民在议事亭里投票。 受访者供图 3月2日，…"): the credit ends the caption, the text starts after the gap.',
  },
  {
    id: 'citation-marker',
    where: 'paragraph',
    needs: ['['],
    pattern: /(?<=\S)[ \t\u3000]+(?:\[\d{1,2}\]){1,4}(?=[ \t\u3000]|$)/g,
    why: 'Numbered source markers an answer engine sets after a gap at the end of each claim ("…上报问题 [2][4] - …"): pointers to its search results, which the copy left behind. A paper cites with the marker against the word and a clause mark after it ("城市[1]，"), and keeps it.',
  },
  {
    id: 'return-link',
    where: 'paragraph',
    needs: ['查看更多'],
    pattern: rx('(?<=\\S)\\s*返回[\\u4e00-\\u9fff]{2,6}[，,]\\s*查看更多\\s*$', 'g'),
    why: 'A portal\'s "back to the site, see more" link glued to the last paragraph ("…）返回某某，查看更多"): the page\'s navigation, not the text.',
  },
  {
    id: 'lost-characters',
    where: 'line',
    pattern: /^[?？]{2,}(?=[\u4e00-\u9fff“"「‘(（《〈【])/g,
    why: 'A run of question marks opening a paragraph ("????为做好…"): the indent or characters an encoding could not carry, replaced on the way. Text never opens with two question marks.',
  },
  {
    id: 'lost-characters',
    where: 'line',
    needs: ['??'],
    pattern: /(?<=[\u4e00-\u9fff])\?{2,}$/g,
    why: 'ASCII question marks closing a Chinese line ("…的功能??"): characters an encoding could not carry. Chinese text asks with full-width marks.',
  },
  {
    id: 'keyword-blurb',
    where: 'line',
    pattern: rx('[,，]\\s*本文(?:主要内容)?(?:的)?关键词为\\s*[:：].*$', 'g'),
    why: 'A paper-mirror site glues its keyword blurb to the headline ("某某研究,本文主要内容关键词为:…论文,此文献不代表本站观点…"): the site\'s SEO, not the paper; the headline before it stays.',
  },
  {
    id: 'journal-meta',
    where: 'line',
    pattern: rx('^(?:(?:中图分类号|文献标识码|文献标志码|文章编号|doi)\\s*[:：]\\s*[A-Za-z0-9.()/:\\-]+\\s*)+(?=\\S)', 'gi'),
    why: 'Journal filing codes run into the first paragraph when a page lost its line breaks ("中图分类号:D60 文献标识码:A 文章编号:… 一、引言 …"): the codes go, the text after them stays.',
  },
  {
    id: 'more-ellipsis',
    where: 'paragraph',
    needs: ['...', '…'],
    pattern: /(?<=\S)\s+(?:\.{3,}|…{1,2})$/g,
    why: 'An ellipsis after a gap at the end of a paragraph ("…服务居民 ..."): the page cut its text there and printed a "more" mark. An ellipsis of the writer\'s own follows the last word with no gap.',
  },
  {
    id: 'template-label',
    where: 'line',
    pattern: rx('^(?:主题句|中心句|过渡句|总结句|结论句|支持细节|支撑细节|细节支撑|论据支撑)\\s*[:：]\\s*(?=\\S)', 'g'),
    why: 'A writing template\'s slot name left opening a paragraph ("主题句：…", "支持细节：…"), as generated explainers print them: the outline of how to write, not the text.',
  },
  {
    id: 'column-tag',
    where: 'line',
    pattern: rx('^\\[[^\\]\\d\\s]{2,6}\\]\\s+(?=\\S)', 'g'),
    why: 'A column or region tag in ASCII brackets opening a line, with a space after it ("[国内] …", "[视频] …"): the site\'s filing, not the text. Numbered references ("[1] …") are not tags.',
  },
  {
    id: 'seo-spam',
    where: 'line',
    pattern: rx(BETTING_SITE + '(?:官方|官网)?app(?:手机版|下载|官网|登录|入口)?', 'gi'),
    why: 'A gambling app\'s name injected into a paragraph ("某某体育官方App下载", "某某app手机版"); a report never names a betting app.',
  },
  {
    id: 'seo-spam',
    where: 'line',
    pattern: rx(BETTING_SITE + '\\s*[·・]?\\s*[(（][A-Za-z]{2,16}[)）]\\s*(?:官方网站|官网|官方平台|网页版|登录入口)', 'g'),
    why: 'A betting site\'s name pasted into a paragraph with its Latin name in brackets and "official site" ("某某·(WINBET)官方网站"): link-farm text, never a report\'s.',
  },
  {
    id: 'debris',
    where: 'line',
    needs: ['|', '｜'],
    pattern: /(?<=[。！？!?”」』)）])\s*[|｜]+\s*$|(?<=[，,、])\s+[|｜]+\s*$(?<=^[^|｜]*[|｜]+\s*)|^\s*[|｜]+\s*(?=[^|｜]*$)/g,
    why: 'A table border left at the end of a paragraph, after its last sentence ("…。 |") or after a clause mark and a gap in a line with no other cell ("…社区、 |"), or opening a line with no other cell. A Markdown table row has a border on both sides and stays.',
  },
  {
    id: 'debris',
    where: 'line',
    pattern: /(?<=[。！？”」』）]|[\u4e00-\u9fff][!?)])\s*(?=[\x21-\x7e\s]*[!-/:-@[-`{-~][\x21-\x7e\s]*[!-/:-@[-`{-~])(?:[\x21-\x7e]{1,24}\s+){0,2}(?:[\x21-\x7e]{1,3}\s+){3,}[\x21-\x7e]{0,3}$/g,
    why: 'Forum anti-copy noise glued after the last sentence of a paragraph ("…。 / y& j2 d3 i8 F\' z!"): tiny ASCII tokens with symbols.',
  },
]
