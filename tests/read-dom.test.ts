import type { Element } from 'hast'
import { describe, expect, it } from 'vitest'
import { pickAttempt, type Attempt } from '../ingest/read/dom/article.js'
import { findDate } from '../ingest/read/dom/dateline.js'
import { decide, type BlockScores } from '../ingest/read/dom/decide.js'
import { cleanDeclaredTitle, looksLikeHeadline, sameHeadline } from '../ingest/read/dom/headline.js'
import { measure, textBetween } from '../ingest/read/dom/measure.js'
import { parseHtml } from '../ingest/read/dom/parse.js'
import { nameTokens } from '../ingest/read/dom/regions.js'
import { classWeight, isCaption, linkDensity, punctuationDensity, regionKind } from '../ingest/read/dom/signals.js'
import { CHAR_THRESHOLD } from '../ingest/read/dom/tunables.js'

const scores = (over: Partial<BlockScores>): BlockScores => ({
  relation: 'inside',
  kind: null,
  hidden: false,
  chars: 120,
  linkDensity: 0,
  punctDensity: 5,
  share: 0.1,
  score: 0,
  threshold: 10,
  leaf: true,
  endsSentence: true,
  debris: false,
  caption: false,
  ...over,
})

/** The first element of a parsed fragment with this tag. */
function first(html: string, tag: string): { el: Element; m: ReturnType<typeof measure> } {
  const m = measure(parseHtml(html))
  const el = [...m.keys()].find((e) => e.tagName === tag)!
  return { el, m }
}

describe('decide: the one keep/drop decision, on hand-made scores', () => {
  it('drops what is hidden, and everything outside the article with the region it names', () => {
    expect(decide(scores({ hidden: true }))).toEqual({ keep: false, reason: 'dom:hidden' })
    expect(decide(scores({ relation: 'outside', kind: 'comments' }))).toEqual({ keep: false, reason: 'dom:comments' })
    expect(decide(scores({ relation: 'outside' }))).toEqual({ keep: false, reason: 'dom:outside-article' })
  })

  it('inside the article: drops named furniture, debris, captions and link lists, keeps prose', () => {
    expect(decide(scores({ kind: 'related' }))).toEqual({ keep: false, reason: 'dom:related' })
    expect(decide(scores({ debris: true }))).toEqual({ keep: false, reason: 'dom:template-debris' })
    expect(decide(scores({ caption: true }))).toEqual({ keep: false, reason: 'dom:caption' })
    expect(decide(scores({ linkDensity: 0.8, punctDensity: 0.5 }))).toEqual({ keep: false, reason: 'dom:link-dense' })
    // Prose that links a few names is still prose.
    expect(decide(scores({ linkDensity: 0.6, punctDensity: 4 }))).toEqual({ keep: true })
    expect(decide(scores({}))).toEqual({ keep: true })
  })

  it('keeps a block holding most of the article whatever it is called', () => {
    expect(decide(scores({ kind: 'comments', share: 0.7 }))).toEqual({ keep: true })
  })

  it('lets a sibling join when it scores like the article or is a plain paragraph of it', () => {
    expect(decide(scores({ relation: 'sibling', score: 12, threshold: 10 }))).toEqual({ keep: true })
    expect(decide(scores({ relation: 'sibling', chars: 80, linkDensity: 0.1 }))).toEqual({ keep: true })
    expect(decide(scores({ relation: 'sibling', chars: 30, endsSentence: true }))).toEqual({ keep: true })
    expect(decide(scores({ relation: 'sibling', chars: 30, endsSentence: false }))).toEqual({ keep: false, reason: 'dom:outside-article' })
    // A section of several blocks joins only on its score.
    expect(decide(scores({ relation: 'sibling', chars: 300, leaf: false }))).toEqual({ keep: false, reason: 'dom:outside-article' })
  })
})

describe('signals over a read-only tree', () => {
  it('measures link density and sentence marks', () => {
    const { el, m } = first('<div><a href="/a">相关一</a><a href="/b">相关二</a>，正文一句。</div>', 'div')
    const s = m.get(el)!
    expect(linkDensity(s)).toBeCloseTo(6 / 12)
    expect(punctuationDensity(s)).toBeCloseTo((100 * 2) / 12)
  })

  it('weighs class and id names: article bodies up, furniture down', () => {
    expect(classWeight(first('<div class="article-content">x</div>', 'div').el)).toBe(25)
    expect(classWeight(first('<div id="sidebar">x</div>', 'div').el)).toBe(-25)
    expect(classWeight(first('<div class="post_comment">x</div>', 'div').el)).toBe(0)
  })

  it('splits names into tokens, leaving out CSS utilities and feature flags', () => {
    expect(nameTokens('post_commentArea-2')).toEqual(['post', 'comment', 'area'])
    expect(nameTokens('position-relative text-center main')).toEqual(['main'])
    expect(nameTokens('disableAsideSection enableInArticleAd caas-body')).toEqual(['caas', 'body'])
  })

  it('names a region by its class, its tag, or the label it opens with', () => {
    expect(regionKind(first('<div class="xgxw"><a>标题</a></div>', 'div').el)).toBe('related')
    expect(regionKind(first('<nav><a>首页</a></nav>', 'nav').el)).toBe('navigation')
    expect(regionKind(first('<div class="box"><h3>网友评论</h3><p>说得好。</p></div>', 'div').el)).toBe('comments')
    expect(regionKind(first('<div class="box"><p>本文讲评论员的一天。</p></div>', 'div').el)).toBeNull()
  })

  it('reads a short line under a picture as its caption when it is set or worded as one, not a plain line, a bold subhead or the byline', () => {
    const page = [
      '<div><p><img src="a.jpg"></p><p align="center">新装的电梯</p>',
      '<p><img src="b.jpg"></p><p>居民代表在议事会上发言 记者 林一 摄</p>',
      '<p><img src="c.jpg"></p><p>电梯装好以后老人下楼方便多了</p>',
      '<p><img src="d.jpg"></p><p style="text-align:center"><b>二、议事会怎么开</b></p>',
      '<p><img src="e.jpg"></p><p align="center">来源：青溪日报 编辑：王五</p></div>',
    ].join('')
    const m = measure(parseHtml(page))
    const ps = [...m.keys()].filter((e) => e.tagName === 'p')
    const verdicts = [1, 3, 5, 7, 9].map((i) => isCaption(ps[i], m.get(ps[i])!, ps[i - 1], m.get(ps[i - 1])!))
    expect(verdicts).toEqual([true, true, false, false, false])
  })
})

describe('parse and measure', () => {
  it('gives hast properties as rehype names them, closes implied paragraphs and decodes entities', () => {
    const m = measure(parseHtml('<div class="a b" itemprop="articleBody"><p>一&amp;二<p>三</div>'))
    const div = [...m.keys()].find((e) => e.tagName === 'div')!
    expect(div.properties).toEqual({ className: ['a', 'b'], itemProp: ['articleBody'] })
    const ps = [...m.keys()].filter((e) => e.tagName === 'p')
    expect(ps.map((p) => (p.children[0] as { value: string }).value)).toEqual(['一&二', '三'])
  })

  it('counts hidden text out, and text between two points of the page', () => {
    const m = measure(parseHtml('<body><h1>标题四字</h1><div style="display:none">隐藏的字</div><p>一二三</p><p>正文开始了</p></body>'))
    const els = [...m.keys()]
    const h1 = els.find((e) => e.tagName === 'h1')!
    const [, second] = els.filter((e) => e.tagName === 'p')
    expect(m.get(els.find((e) => e.tagName === 'body')!)!.chars).toBe(12)
    expect(textBetween(m, m.get(h1)!.end, m.get(second)!.order)).toBe(3)
  })
})

describe('attempts: cautious first, a stated rule to pick', () => {
  const attempt = (name: string, chars: number): Attempt => ({ name, parts: [], dropped: new Map(), chars })

  it('takes the first attempt that keeps enough text, else the one that keeps most', () => {
    expect(pickAttempt([attempt('strict', CHAR_THRESHOLD - 1), attempt('relaxed', CHAR_THRESHOLD), attempt('last', 900)]).name).toBe('relaxed')
    expect(pickAttempt([attempt('strict', 40), attempt('relaxed', 90), attempt('last', 60)]).name).toBe('relaxed')
  })
})

describe('headline rules', () => {
  it('cleans declared titles of site suffixes, keyword tails and icon glyphs', () => {
    expect(cleanDeclaredTitle('青松小区加装电梯_社区频道_青溪新闻网')).toBe('青松小区加装电梯')
    expect(cleanDeclaredTitle('青松小区加装电梯|电梯|老旧小区|柳岸街道_青溪新闻网')).toBe('青松小区加装电梯')
    expect(cleanDeclaredTitle('投身社区(3)\ue004_读书频道')).toBe('投身社区(3)')
  })

  it('never takes a breadcrumb, a channel label, a keyword list, a subtitle or the account name', () => {
    expect(looksLikeHeadline('首页 > 新闻 > 正文')).toBe(false)
    expect(looksLikeHeadline('新闻动态')).toBe(false)
    expect(looksLikeHeadline('电梯|老旧小区|议事会')).toBe(false)
    expect(looksLikeHeadline('——柳岸街道的一年')).toBe(false)
    expect(looksLikeHeadline('青溪社区在线', { account: '青溪社区在线' })).toBe(false)
    expect(looksLikeHeadline('青松小区加装电梯')).toBe(true)
  })

  it('matches a printed headline with a declared one that adds or drops a few words', () => {
    expect(sameHeadline('青松小区加装电梯', '青松小区加装电梯青溪新闻网')).toBe(true)
    expect(sameHeadline('青松小区', '青松小区加装电梯的故事')).toBe(false)
  })
})

describe('date from the DOM', () => {
  it('reads JSON-LD datePublished and WeChat timestamps when no dateline is printed', () => {
    const ld = measure(parseHtml('<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2022-01-14T08:00:00+08:00"}]}</script><p>正文</p>'))
    expect(findDate(ld, null, Infinity, undefined)).toEqual({ date: '2022-01-14', source: 'declared' })
    const wx = measure(parseHtml('<script>var ct = "1685581200";</script><p>正文</p>'))
    expect(findDate(wx, null, Infinity, undefined)).toEqual({ date: '2023-06-01', source: 'declared' })
    const old = measure(parseHtml('<script>var publish_time = "2016-06-06" || "";</script><p>正文</p>'))
    expect(findDate(old, null, Infinity, undefined)).toEqual({ date: '2016-06-06', source: 'declared' })
  })

  it('reads a labelled publication date after the story, but not the time of an event the story announces', () => {
    const notice = '<script>var ct = "1685581200";</script><h1>周末义诊通知</h1><div class="text"><p>社区请来医生义诊，欢迎居民参加，写得很长很长很长很长。</p><p>活动时间：2023年6月10日上午</p></div><div class="foot">发布时间：2023-06-02</div>'
    const dateOf = (html: string) => {
      const m = measure(parseHtml(html))
      const order = (tag: string) => m.get([...m.keys()].find((e) => e.tagName === tag)!)!.order
      return findDate(m, order('h1'), order('p'), undefined)
    }
    expect(dateOf(notice)).toEqual({ date: '2023-06-02', source: 'labelled' })
    expect(dateOf(notice.replace('发布时间：2023-06-02', ''))).toEqual({ date: '2023-06-01', source: 'declared' })
  })

  it('reads a date label whose value sits in the next cell of a 信息公开 table, 生成日期 among the labels', () => {
    const table = (label: string) =>
      `<h1>桐溪县二〇二二年民生实事完成情况</h1><div class="text"><p>去年全县十件民生实事全部办结，新增养老床位三百张。</p></div><dl class="meta"><dd><label>索 引 号：</label><div>000123/2023-0000456</div></dd><dd><label>${label}</label><div>2023-03-09</div></dd></dl>`
    for (const label of ['发文日期：', '生成日期：']) {
      const m = measure(parseHtml(table(label)))
      const at = (tag: string) => m.get([...m.keys()].find((e) => e.tagName === tag)!)!.order
      expect(findDate(m, at('h1'), at('p'), '2023-05-20')).toEqual({ date: '2023-03-09', source: 'labelled' })
    }
    // A signing date is another date: the declared one stands.
    const signed = measure(parseHtml(table('成文日期：')))
    const at = (tag: string) => signed.get([...signed.keys()].find((e) => e.tagName === tag)!)!.order
    expect(findDate(signed, at('h1'), at('p'), '2023-05-20')).toEqual({ date: '2023-05-20', source: 'declared' })
  })

  it('prefers the dateline under the headline to a labelled date in a teaser feed and to the declared date', () => {
    const page = '<h1>标题</h1><div class="info">2023-05-30 10:12</div><p>正文一段，写得很长很长。</p><div class="related"><p>发布时间：2023-06-01</p></div>'
    const m = measure(parseHtml(page))
    const h1 = [...m.keys()].find((e) => e.tagName === 'h1')!
    expect(findDate(m, m.get(h1)!.order, Infinity, '2023-06-02')).toEqual({ date: '2023-05-30', source: 'dateline' })
  })
})
