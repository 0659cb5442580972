import { describe, expect, it } from 'vitest'
import { clean } from '../ingest/clean/index.js'
import { matchRule } from '../ingest/clean/engine.js'
import { metadataTitle, parseMeta } from '../ingest/clean/meta.js'
import { displayWidth, unwrap, wrapMargin } from '../ingest/clean/unwrap.js'

/** Wraps paragraphs at `cols` display columns the way a PDF-to-text export does. */
function hardWrap(paragraphs: string[], cols: number): string[] {
  const out: string[] = []
  for (const p of paragraphs) {
    let line = ''
    for (const ch of p) {
      if (displayWidth(line + ch) > cols) {
        out.push(line)
        line = ''
      }
      line += ch
    }
    out.push(line)
  }
  return out
}

const P1 = '城东街道在辖区老旧小区推行“楼道长制”，由居民推选楼道长，负责收集意见、调解纠纷、组织清扫，楼道长每月参加一次社区议事会，把楼里的事带到会上商量。'
const P2 = '街道为楼道长配发工作手册和服务证，每季度组织一次培训，年底评选“十佳楼道长”。一年来，全街道楼道长共收集居民意见860条，协调解决问题792个。'

describe('hard-wrapped text', () => {
  it('finds the margin of wrapped text and none in one-paragraph-per-line text', () => {
    expect(wrapMargin(hardWrap([P1, P2], 56))).toBeGreaterThanOrEqual(52)
    expect(wrapMargin([P1, P2, P1.slice(0, 30) + '。'])).toBeNull()
    // A page whose unfinished lines are menus and bylines of varying width is not wrapped.
    expect(wrapMargin(['首页 | 新闻 | 社区 | 政务', '来源：某某网 2024-01-02', '社区议事会开起来了', P1, P2])).toBeNull()
  })

  it('rejoins wrapped lines into paragraphs, CJK without a space and Latin words with one', () => {
    const lines = hardWrap([P1, P2], 56)
    const r = unwrap(lines)
    expect(r.lines).toEqual([P1, P2])
    const latin = unwrap([...lines, '社区把议事记录上传到街道统一建设的社区 Open Data', 'Platform 平台，居民可以随时查阅。']).lines
    expect(latin[2]).toBe('社区把议事记录上传到街道统一建设的社区 Open Data Platform 平台，居民可以随时查阅。')
  })

  it('keeps numbers whole across a line break', () => {
    const lines = ['社区统筹各方资金用于加装电梯和改造管网，其中街道补助资金合计36', '.8万元，居民自筹资金十五万元，共建单位捐赠资金八万元，居民满意度达到98', '%。这是第二句话，用来把文本撑到和上面一样宽的程度而已，没有别的用意。', ...hardWrap([P1], 62)]
    const r = unwrap(lines)
    expect(r.margin).not.toBeNull()
    expect(r.lines[0]).toContain('36.8万元')
    expect(r.lines[0]).toContain('98%。')
  })

  it('takes page numbers out even mid-sentence and rejoins the sentence', () => {
    for (const folio of ['— 3 —', '-3-', '·3·', '第3页 共5页', '共5页 第3页', 'Page 3 of 5']) {
      const [a, b] = [P1.slice(0, 28), P1.slice(28)]
      const lines = [...hardWrap([P2], 56), a, '', folio, '', '', ...hardWrap([b], 56)]
      const r = unwrap(lines)
      expect(r.removed, folio).toEqual([{ text: folio, reason: 'page-number' }])
      expect(r.lines.filter(Boolean), folio).toEqual([P2, P1])
    }
  })

  it('rejoins a short line before a page number when the next page opens mid-number, but not a heading', () => {
    const body = hardWrap([P1, P2], 56)
    const r = unwrap([...body, '社区统筹安排兑换资金8', '— 1 —', '.6万元，其中街道补助5万元。'])
    expect(r.lines.filter(Boolean).at(-1)).toBe('社区统筹安排兑换资金8.6万元，其中街道补助5万元。')
    const heading = unwrap([...body, '三、建立楼道长考评机制', '— 1 —', ...hardWrap([P1], 56)])
    expect(heading.lines.filter(Boolean).slice(-2)).toEqual(['三、建立楼道长考评机制', P1])
  })

  it('rejoins a sentence cut by a page number in text that is not wrapped', () => {
    const r = unwrap(['社区议事会开起来了', P1.slice(0, 40), '— 2 —', P1.slice(40), P2])
    expect(r.lines.filter(Boolean)).toEqual(['社区议事会开起来了', P1, P2])
  })

  it('treats a bare number as a folio only in wrapped text', () => {
    expect(unwrap([...hardWrap([P1], 56), '', '3', '', ...hardWrap([P2], 56)]).removed).toEqual([{ text: '3', reason: 'page-number' }])
    expect(unwrap(['社区议事会开起来了', P1, '3', P2]).removed).toEqual([])
  })

  it('drops a running head repeated after a page number', () => {
    const head = '城东街道基层治理工作简报'
    const wrapped = hardWrap([P1, P2], 56)
    const r = unwrap([head, '', ...wrapped.slice(0, 2), '— 1 —', head, ...wrapped.slice(2)])
    expect(r.removed).toEqual([
      { text: '— 1 —', reason: 'page-number' },
      { text: head, reason: 'page-header' },
    ])
    expect(r.lines.filter(Boolean)).toEqual([head, P1, P2])
  })

  it('joins a headline set over two short lines but not a heading above its paragraph or masthead lines', () => {
    const body = hardWrap([P1, P2], 56)
    const r = unwrap(['城东街道基层治理工作简报', '第7期', '', '城东街道：“楼道长制”让老旧小区', '事事有人管', '', ...body])
    expect(r.lines.filter(Boolean)).toEqual(['城东街道基层治理工作简报', '第7期', '城东街道：“楼道长制”让老旧小区事事有人管', P1, P2])
    const heading = unwrap(['一、选好楼道长', ...hardWrap([P1], 56), '二、用好楼道长', ...hardWrap([P2], 56)])
    expect(heading.lines).toEqual(['一、选好楼道长', P1, '二、用好楼道长', P2])
  })

  it('starts afresh at a list item or a junk line even after a line that reached the margin', () => {
    const lines = hardWrap([P1, P2], 56)
    const cut = [...lines.slice(0, 1), '1.2万元用于楼道照明改造，其余资金留作维修基金。']
    expect(unwrap([...lines, ...cut]).lines.at(-1)).toBe(lines[0] + cut[1])
    const item = unwrap([...lines, lines[0], '1. 建立楼道长例会制度'])
    expect(item.lines.at(-1)).toBe('1. 建立楼道长例会制度')
    const listed = unwrap([...lines, lines[0], '抄送：区民政局。'])
    expect(listed.lines.at(-1)).toBe('抄送：区民政局。')
  })

  it('keeps blank-separated paragraphs apart, so an already cleaned body stays as it is', () => {
    const text = ['社区议事会开起来了', P1, P2].join('\n\n')
    const r = unwrap(text.split('\n'))
    expect(r.lines.join('\n')).toBe(text)
    expect(r.margin).toBeNull()
  })
})

describe('briefs', () => {
  const brief = [
    '城东街道基层治理工作简报',
    '',
    '第7期',
    '',
    '城东街道党工委办公室编    2024年5月6日',
    '━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
    '城东街道：“楼道长制”让老旧小区',
    '事事有人管',
    '',
    ...hardWrap([P1, P2], 56),
    '',
    '━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
    '报：区委组织部。',
    '送：区民政局。',
    '城东街道党工委办公室      2024年5月8日印发',
  ].join('\n')

  it('removes masthead, rules and distribution list and takes the issue date when nothing else dates the brief', () => {
    const r = clean(brief)
    expect(r.title).toBe('城东街道：“楼道长制”让老旧小区事事有人管')
    expect(r.body.split('\n\n')).toEqual([r.title, P1, P2])
    expect(r.meta.published).toBe('2024-05-06')
    expect(r.meta.sourceName).toBe('城东街道党工委办公室')
    expect(r.flags).not.toContain('truncated')
    expect(r.removed.map((x) => x.reason)).toEqual(['masthead', 'masthead', 'masthead', 'rule-line', 'rule-line', 'distribution', 'distribution', 'distribution'])
  })

  it('prefers a byline date over the issue date', () => {
    const r = clean(brief.replace('事事有人管\n', '事事有人管\n来源：城东街道 2024-04-30\n'))
    expect(r.meta.published).toBe('2024-04-30')
  })

  it('never takes a masthead for the headline', () => {
    const r = clean(['城东街道基层治理工作简报', '2024年第7期（总第52期）', P1, P2].join('\n'))
    expect(r.title).toBeNull()
    expect(r.flags).toContain('no-title')
  })
})

describe('信息公开 metadata tables', () => {
  it('reads the 标题 cell up to the next cell', () => {
    expect(metadataTitle('标　　题：\t城东街道推行楼道长制\t文号：')).toBe('城东街道推行楼道长制')
    expect(metadataTitle('标题：城东街道推行楼道长制  发布日期：2024-01-02')).toBe('城东街道推行楼道长制')
    expect(metadataTitle('标题')).toBe('')
    expect(metadataTitle('标题党要不得，社区通知要写清楚。')).toBeNull()
  })

  it('prefers 发布日期 over 成文日期 and never a 生效日期', () => {
    const meta = parseMeta(
      [
        { text: '发文机关：\t城东街道办事处\t成文日期：\t2024年03月01日', header: true },
        { text: '生效日期：2024年03月10日', header: true },
        { text: '文号：\t \t发布日期：\t2024年03月04日', header: true },
      ],
      null,
      {},
    )
    expect(meta.published).toBe('2024-03-04')
    expect(meta.sourceName).toBe('城东街道办事处')
  })

  it('never takes a metadata row for the headline, and uses the 标题 cell to pick the headline', () => {
    const text = ['索引号：\t000123/2024-0042', '标题：\t城东街道推行楼道长制', '城东街道推行楼道长制', P1, P2].join('\n')
    const r = clean(text, { hints: { title: '城东街道门户网站' } })
    expect(r.title).toBe('城东街道推行楼道长制')
    expect(r.removed.map((x) => x.reason)).toEqual(['gov-metadata', 'gov-metadata'])
  })
})

describe('rule classes take their junk and leave body sentences', () => {
  const cases: [string, string[], string[]][] = [
    ['audio-player', ['播报', '语音播报', '听新闻', '暂停', '播报 暂停', '播放 00:00 / 03:25', '00:00 / 04:12'], ['社区广播每天播报停水通知。', '播报员由退休教师担任']],
    ['reader-counter', ['阅读 1.2万', '在看 86', '赞 152', '写留言', '阅读 2068 在看 赞 写留言', '阅读量 10万+'], ['居民阅读后纷纷点赞。', '阅读推广']],
    ['wechat-collection', ['收录于合集', '收录于合集 #基层治理 23个', '#五华区 156个', '#社区治理 #志愿服务'], ['1#楼和2#楼之间的空地改成了停车场。', '收录于《社区工作案例集》的文章有12篇。']],
    ['column-tag', ['【地方动态】', '【基层一线】', '[要闻]', '［地方新闻］'], ['【小区名片】', '【议事规则】']],
    ['author-line', ['（光明网记者 万 玛）', '（记者 张伟 通讯员 李倩）', '（本报记者 周 敏）', '某某网·某某客户端记者 张伟 通讯员 李倩'], ['（记者从街道获悉，改造已完工。）']],
    ['link-farm', ['友情链接', '友情链接：某某网 | 某某导航'], ['社区把报名链接发到群里，居民点开就能报名。']],
    ['site-menu', ['关于我们 - 联系我们 - 网站地图', 'About us · Contact us · 隐私政策', '關於我們 | About us | 聯繫我們 | 廣告服務'], ['关于我们社区的变化，居民最有发言权。']],
    ['copyright', ['本网站所刊载信息，不代表某某社和某某网观点。 刊用本网站稿件，务经书面授权。', '某某社稿件，未经书面授权不得转载。', '凡本网注明“来源：某某网”的作品，转载目的在于传递更多信息。', '本文版权归某某网所有', '图片作品未经书面许可，不得转载、摘编或建立镜像。'], ['物业公司未经业委会书面授权，不得使用公共收益。', '未经业主大会书面许可，不得复制门禁卡。', '小区公共收益的所有权归全体业主所有。', '个别业主的意见不代表全体业主的立场。', '个人的说法不代表社区居委会的立场。']],
    ['comment-box', ['我要评论', '我要評論', '我要留言'], ['居民在评论区留言，社区逐条回复。']],
    ['masthead', ['某某区城市基层党建工作简报', '第12期', '2023年第5期（总第88期）', '中共某某区委组织部编', '某某区委办公室编  2023年6月1日'], ['社区编印了《居民议事简报》。', '社区治理案例汇编']],
    ['distribution', ['报：市委组织部，区委常委。', '抄送：区委组织部各科室。', '某某区委办公室  2023年6月20日印发', '（共印60份）'], ['整改通知同时抄送物业公司和业委会，三天内必须答复。', '文件于2023年6月20日印发后，各社区立即组织学习。']],
    ['rule-line', ['━━━━━━━━', '──────', '=====', '***'], ['—— 居民代表发言']],
  ]
  for (const [id, junk, body] of cases) {
    it(id, () => {
      for (const line of junk) expect(matchRule(line, null)?.id, line).toBe(id)
      for (const line of body) {
        const r = clean(['社区议事会开起来了', P1, line, P2].join('\n'))
        expect(r.removed, line).toEqual([])
      }
    })
  }

  it('does not take an app prompt for the headline', () => {
    const r = clean(['打开某某新闻，查看更多图片 >', '某某晚报 2024-02-01 10:00 发布于江苏', P1, P2].join('\n'))
    expect(r.title).toBeNull()
    expect(r.removed.map((x) => x.reason)).toEqual(['app-prompt', 'byline'])
  })

  it('keeps body sentences about briefs, copies, links, comments and broadcasts wherever they stand', () => {
    const lines = [
      '社区议事简报上墙了',
      '抄送物业公司的整改通知，三天内必须答复，这是社区定下的规矩。',
      P1,
      '社区把报名链接发到群里，居民可以在链接下方评论，也可以打电话报名。',
      P2,
      '社区广播每天早上播报议事安排，第3期简报也在广播里播报了。',
    ]
    const r = clean(lines.join('\n'))
    expect(r.removed).toEqual([])
    expect(r.body.split('\n\n')).toEqual(lines)
  })
})
