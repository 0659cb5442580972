import { describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { clean, repairArtifacts, splitLines } from '../ingest/clean/index.js'
import { INLINE_RULES } from '../ingest/clean/rules/inline.js'
import { BLOCK_RULES, LINE_RULES } from '../ingest/clean/rules/boilerplate.js'
import { matchRule } from '../ingest/clean/engine.js'
import { parseDate } from '../ingest/clean/meta.js'
import { repairMojibake } from '../ingest/clean/mojibake.js'
import { isReadingOf, repairPinyin } from '../ingest/clean/pinyin.js'
import { stripSiteSuffix } from '../ingest/clean/title.js'
import { loadCleanFixtures, loadSeeds } from './clean-helpers.js'

describe('pinyin readings', () => {
  it('removes a reading only when it belongs to the character', () => {
    expect(repairPinyin('社區(qū)治理').text).toBe('社區治理')
    expect(repairPinyin('岳塘新聞網(wǎng)').text).toBe('岳塘新聞網')
    expect(repairPinyin('相應(yīng)的').text).toBe('相應的')
    expect(repairPinyin('網（wǎng）格').text).toBe('網格')
    expect(repairPinyin('小區(qū)域(yù)').text).toBe('小區域')
  })

  it('accepts tone variants but keeps real brackets', () => {
    expect(isReadingOf('區', 'qu')).toBe(true)
    expect(isReadingOf('區', 'qú')).toBe(true)
    expect(isReadingOf('為', 'wei')).toBe(true)
    for (const s of ['樓棟黨支部(小組)', '(記者 任霞暉)', '廣播電視節目制作經營許可證(閩)字第085號', '現場辦公會(協調會)', '負責人(朱家和 馬銳 婁曉)', '社區(app)服務', '網格(wang)']) {
      expect(repairPinyin(s).text).toBe(s)
    }
  })

  it('removes a toned reading after a wrong character once the page has shown its converter', () => {
    // 據 swapped for a look-alike after the converter ran: its reading no longer matches, but the
    // two readings before it show the page came through the converter.
    expect(repairPinyin('社區(qū)網(wǎng)格員睋(jù)實上報').text).toBe('社區網格員睋實上報')
    // With no reading of the page's own, the same bracket stays: it may be the writer's.
    expect(repairPinyin('網格員睋(jù)實上報').text).toBe('網格員睋(jù)實上報')
    // Untoned words and toned non-syllables stay even on a converted page.
    for (const tail of ['樓棟(app)', '站點(wifi)', '居民(bàngx)']) {
      expect(repairPinyin(`社區(qū)網(wǎng)格${tail}`).text).toBe(`社區網格${tail}`)
    }
  })

  it('removes a reading that follows a character only once its garbled run is decoded', () => {
    // UTF-8 read as GBK: the annotated character is the last of the run, so the reading first follows debris.
    const garbled = iconv.decode(Buffer.from('主任说：“行。”老城區', 'utf8'), 'gbk')
    const r = repairArtifacts(`${garbled}(qū)書記點頭。`)
    expect(r.text).toBe('主任说：“行。”老城區書記點頭。')
    expect(r.pinyin).toBe(1)
  })
})

describe('mojibake', () => {
  it('reverses UTF-8 text that was read as GBK', () => {
    const garbled = iconv.decode(Buffer.from('社区党支部把议事会开到群众家门口，居民说好。', 'utf8'), 'gbk')
    const r = repairMojibake(`前文${garbled}后文`)
    // The last byte of "。" fused with the end of the run and is lost; its place is marked.
    expect(r.text).toBe('前文社区党支部把议事会开到群众家门口，居民说好\ufffd后文')
    expect(r.runs).toEqual([{ original: garbled, repaired: '社区党支部把议事会开到群众家门口，居民说好\ufffd' }])
  })

  it('re-pairs shifted GBK bytes after an orphan "?"', () => {
    expect(repairMojibake('居民的“堵心事”?;▓@街社區').text).toBe('居民的“堵心事”?花園街社區')
    expect(repairMojibake('轉變?yōu)椤皵Q成一股繩”').text).toBe('轉變?“擰成一股繩”')
  })

  it('keeps runs it cannot repair and reports them', () => {
    const r = repairMojibake('志愿服務經?;?,以“群眾服務')
    expect(r.text).toBe('志愿服務經?;?,以“群眾服務')
    expect(r.runs).toEqual([{ original: '?;?,', repaired: null }])
  })

  it('reports a shifted run made of common characters without rewriting it', () => {
    const shifted = iconv.decode(Buffer.concat([Buffer.from([0x3f]), iconv.encode('一新。', 'gbk').subarray(1, 5), Buffer.from([0x3f])]), 'gbk')
    expect(shifted).toBe('?恍隆?')
    const r = repairMojibake(`小區面貌煥然${shifted}\n下一段`)
    expect(r.text).toBe(`小區面貌煥然${shifted}\n下一段`)
    expect(r.runs).toEqual([{ original: shifted, repaired: null }])
    expect(repairMojibake('大家說好不好?我們一起商量。').runs).toEqual([])
  })

  it('leaves real question marks and plain text alone', () => {
    for (const s of ['諸多難題?栗塘社區', '身體?”“能不能', 'Copyright?2009-2010', '居民满意度达到98%。']) {
      expect(repairMojibake(s)).toEqual({ text: s, runs: [] })
    }
  })
})

describe('byline fields', () => {
  it('reads dates in the formats sites print', () => {
    expect(parseDate('2022年12月22日13:28 來源')).toBe('2022-12-22')
    expect(parseDate('2024-02-08 09:00:15')).toBe('2024-02-08')
    expect(parseDate('发布日期：2023/5/9')).toBe('2023-05-09')
    expect(parseDate('2023-13-40')).toBeNull()
  })

  it('reads a date whose year and month/day were separate spans', () => {
    expect(parseDate('2021 11/03 08:05:59')).toBe('2021-11-03')
    expect(parseDate('2021 11-03')).toBe('2021-11-03')
    expect(parseDate('共2021 11')).toBeNull()
    const r = clean(['社区食堂开进老小区', '2021 11/03 08:05:59', '社区把闲置车棚改成长者食堂，每天为120位老人供应午餐，居民满意度达到95%。'].join('\n'))
    expect(r.meta.published).toBe('2021-11-03')
    expect(r.removed).toEqual([{ text: '2021 11/03 08:05:59', reason: 'timestamp' }])
  })

  it('strips site suffixes from <title> hints', () => {
    expect(stripSiteSuffix('嘉福鹽業小區:“168”治理模式創新推動老舊小區提升_東南網')).toBe('嘉福鹽業小區:“168”治理模式創新推動老舊小區提升')
    expect(stripSiteSuffix('滁州市琅琊街道：深化党建引领 探索社区治理--安徽频道--人民网')).toBe('滁州市琅琊街道：深化党建引领 探索社区治理')
    expect(stripSiteSuffix('社区治理新路径 - 澎湃新闻')).toBe('社区治理新路径')
    expect(stripSiteSuffix('“168”治理模式-创新')).toBe('“168”治理模式-创新')
  })

  it('uses the <title> hint to pick the headline among candidates', () => {
    const text = '引題：老舊小區改造\n\n小區換新顏\n\n社區黨委牽頭組織居民議事，解決了停車難等問題，居民滿意度明顯提高。'
    const r = clean(text, { hints: { title: '小區換新顏_某某網', url: 'https://example.cn/a.html', published: '2023-01-02' } })
    expect(r.title).toBe('小區換新顏')
    expect(r.meta.sourceUrl).toBe('https://example.cn/a.html')
    expect(r.meta.published).toBe('2023-01-02')
  })
})

describe('zones protect the body', () => {
  it('removes a byline-looking line only outside the body', () => {
    const para = '社区党委牵头召开协商会，物业公司和业委会负责人参加，共解决问题12个，居民满意度明显提升。'
    const text = ['标题：社区协商议事见成效', '来源：某某网', para, '来源：各小区业委会台账', para, '责任编辑：张三'].join('\n')
    const r = clean(text)
    expect(r.body).toContain('来源：各小区业委会台账')
    expect(r.removed.map((x) => x.text)).toEqual(['标题：社区协商议事见成效', '来源：某某网', '责任编辑：张三'])
    expect(r.title).toBe('社区协商议事见成效')
  })

  it('keeps an interviewer\'s question that opens with 记者：, and still removes a credit line so written', () => {
    const answer = '林小北：我们在每个楼道设了议事角，居民有事就在家门口商量，一年收集意见156条。'
    const text = ['楼道议事角访谈', '记者：王五', '记者：你们社区是怎么收集居民意见的？', answer, '记者：去年议事角办成了几件事，请您介绍一下。', answer.replace('156', '160'), '作者：张三，系云江大学教授。'].join('\n')
    const r = clean(text)
    expect(r.body).toContain('记者：你们社区是怎么收集居民意见的？')
    expect(r.body).toContain('记者：去年议事角办成了几件事，请您介绍一下。')
    expect(r.removed).toContainEqual({ text: '记者：王五', reason: 'author-line' })
    expect(r.removed).toContainEqual({ text: '作者：张三，系云江大学教授。', reason: 'author-bio' })
  })

  it('removes keyword-stuffing lines by shape but not sentences that use the words', () => {
    const para = '社区在老年活动室开设智能手机课堂，教老人在线观看新闻、收看高清视频，参加的居民有60多人。'
    const text = ['社区开设智能手机课堂', para, '网站收录,外链代发,泛目录,在线观看', '彩票平台|秒收录|快速排名|高清资源'].join('\n')
    const r = clean(text)
    expect(r.body).toContain(para)
    expect(r.removed).toEqual([
      { text: '网站收录,外链代发,泛目录,在线观看', reason: 'seo-spam' },
      { text: '彩票平台|秒收录|快速排名|高清资源', reason: 'seo-spam' },
    ])
  })

  it('treats markdown headings as the printed headline', () => {
    const r = clean('# 社区议事厅开门了\n\n居民们在议事厅里商量停车位划线的事，最终达成一致意见，问题顺利解决。', { format: 'md' })
    expect(r.title).toBe('社区议事厅开门了')
  })

  it('every rule says why and has a kebab-case id', () => {
    for (const rule of [...LINE_RULES, ...BLOCK_RULES]) {
      expect(rule.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/)
      expect(rule.why.length).toBeGreaterThan(10)
    }
    for (const rule of LINE_RULES) expect(!!rule.pattern || !!rule.test).toBe(true)
  })
})

describe('credits, author notes and pointers around a web article', () => {
  const para = '柳岸社区把闲置车棚改成充电棚，装了六十个充电口，费用由街道和物业各出一半，楼道里再没有停放电动车的现象。'
  const para2 = '下一步，议事会还打算在车棚旁边加装烟感报警器，经费正在和物业商量，预计下个月开工。'

  it('removes credit lines a compiled or written-up piece prints, wherever they stand', () => {
    const text = ['旧车棚改成了充电棚', '执笔/小满、阿禾&老周', '松溪日报社记者林小北、许安、周向东', para, para2, '采写：松溪日报见习记者 周小满', '整合 松溪日报·云江客户端记者 许安', '松溪晚报记者 李四 来源：松溪晚报', '素材来源 松溪全市各街道官方发布'].join('\n')
    const r = clean(text)
    expect(r.body).toContain(para)
    expect(r.body).toContain(para2)
    for (const line of ['执笔/小满、阿禾&老周', '松溪日报社记者林小北、许安、周向东', '采写：松溪日报见习记者 周小满', '整合 松溪日报·云江客户端记者 许安', '松溪晚报记者 李四 来源：松溪晚报']) {
      expect(r.removed, line).toContainEqual({ text: line, reason: 'author-line' })
    }
    expect(r.removed).toContainEqual({ text: '素材来源 松溪全市各街道官方发布', reason: 'source-line' })
  })

  it('removes a note on the author after the article, but not a sentence about an author inside it', () => {
    const inside = '作者是社区里的老党员，他在书里写下了车棚改造的经过，居民们争相传阅。'
    const text = ['旧车棚改成了充电棚', para, inside, para2, '作者林小北，为松溪网特约专栏作者。长期关注社区治理。'].join('\n')
    const r = clean(text)
    expect(r.body).toContain(inside)
    expect(r.removed).toContainEqual({ text: '作者林小北，为松溪网特约专栏作者。长期关注社区治理。', reason: 'author-bio' })
  })

  it('removes print-edition lines without 第, first-published notes, reprint requests, site pointers and video teaser headings', () => {
    const lines = ['《松溪日报》（2025年03月14日 07版）', '本文首发于松溪生活公众号（songxi01）', '本作品为松溪网原创，转载时务请注明出处。', '更多“充电棚怎么收费”的相关资讯请关注www.example.com', '精彩视频推荐']
    const r = clean(['旧车棚改成了充电棚', para, para2, ...lines].join('\n'))
    expect(r.body).toContain(para2)
    for (const line of lines) expect(r.body, line).not.toContain(line)
    expect(r.removed.find((x) => x.text === lines[0])?.reason).toBe('print-edition')
    expect(r.removed.find((x) => x.text === lines[1])?.reason).toBe('reprint-notice')
    expect(r.removed.find((x) => x.text === lines[3])?.reason).toBe('more-link')
  })

  it('cuts a portal\'s "back to the site" link glued to the last paragraph', () => {
    const r = clean(['旧车棚改成了充电棚', para, `${para2}返回松溪网，查看更多`].join('\n'))
    expect(r.body).toContain(para2)
    expect(r.body).not.toContain('返回松溪网')
    expect(r.removed).toContainEqual({ text: '返回松溪网，查看更多', reason: 'return-link' })
  })
})

describe('captions, notices and teaser lists', () => {
  const para = '社区党委牵头召开协商会，物业公司和业委会负责人参加，共解决问题12个，居民满意度明显提升。'

  it('takes photo credits but not sentences about photos', () => {
    for (const line of ['居民在议事长廊协商停车问题。记者 孙立 摄', '志愿者清理楼道堆物（通讯员 李红、王刚 摄）', '（摄影：周一凡）', '图／赵敏', '改造后的中心花园 刘洋 摄', '议事会现场 陈凯/摄', '（图片由红旗社区提供）']) {
      expect(matchRule(line, null)?.id, line).toMatch(/^image-credit$|^author-line$/)
    }
    for (const line of ['宣传片由居民自己拍摄', '居民提供的老照片由社区统一保管。', '社区举办“美丽家园”摄影比赛，共收到作品60幅。', '街道组织摄影爱好者记录小区变化。']) {
      expect(matchRule(line, null), line).toBeNull()
    }
  })

  it('removes undated teasers under a related heading and keeps the paragraph after them', () => {
    const text = ['楼道议事会开起来了', para, '相关阅读', '这个小区的停车难题解决了！', '老楼装电梯，钱由谁来出？', para.replace('12', '15')].join('\n')
    const r = clean(text)
    expect(r.removed.map((x) => [x.text, x.reason])).toEqual([
      ['相关阅读', 'related-block'],
      ['这个小区的停车难题解决了！', 'related-teaser'],
      ['老楼装电梯，钱由谁来出？', 'related-teaser'],
    ])
    expect(r.body).toContain(para.replace('12', '15'))
  })

  it('does not take the headline for a teaser when a related box stands above it', () => {
    const text = ['热门推荐', '某地开展消防演练', '社区食堂开进老小区', '2022-03-08 10:00 来源：某某日报', para].join('\n')
    const r = clean(text)
    expect(r.title).toBe('社区食堂开进老小区')
    expect(r.meta.published).toBe('2022-03-08')
    expect(r.removed.find((x) => x.text === '某地开展消防演练')?.reason).toBe('related-teaser')
  })

  it('drops a disclaimer heading only together with its disclaimer', () => {
    const notice = '本文系网易号作者上传并发布，仅代表作者本人观点，网易仅提供信息存储服务。'
    const r = clean(['楼道议事会开起来了', para, '特别声明', notice].join('\n'))
    expect(r.removed).toEqual([
      { text: '特别声明', reason: 'reprint-notice' },
      { text: notice, reason: 'reprint-notice' },
    ])
    const kept = clean(['楼道议事会开起来了', para, '特别声明', '本小区停车位仅供业主使用，外来车辆请停在路边公共停车场。'].join('\n'))
    expect(kept.removed).toEqual([])
    const statement = '业委会就网上流传的说法表明立场：公共收益每一笔都有台账，欢迎业主随时查阅。'
    const middle = clean(['楼道议事会开起来了', para, '郑重声明', statement, para.replace('12', '7')].join('\n'))
    expect(middle.removed).toEqual([])
    const bracketed = '【免责声明】本文转载自其他媒体，仅代表原作者观点，如有侵权请联系删除。'
    expect(matchRule(bracketed, null)?.id).toBe('reprint-notice')
  })

  it('opens a teaser list under decorated headings and takes headlines up to WeChat length', () => {
    const long = '重磅｜全市首批“完整社区”建设试点名单公布，看看有没有你家小区，另有三项便民措施下月实施'
    const r = clean(['楼道议事会开起来了', para, '— 往期精彩回顾 —▼', long, '这个周末，社区邻里节等你来！'].join('\n'))
    expect(r.removed.map((x) => x.reason)).toEqual(['related-block', 'related-teaser', 'related-teaser'])
    expect(r.flags).not.toContain('truncated')
  })

  it('keeps a closing paragraph that mentions a platform and a disclaimer but not the article', () => {
    const last = '小区的账目通过社区信息发布平台公开，业委会表示，个别业主的意见不代表全体业主的立场。'
    const r = clean(['楼道议事会开起来了', para, last].join('\n'))
    expect(r.body).toContain(last)
    expect(r.removed).toEqual([])
  })

  it('removes in-body app prompts and bare account names only where they stand alone', () => {
    const r = clean(['楼道议事会开起来了', '鼓楼发布', para, '打开凤凰新闻 查看更多高清图片', para.replace('12', '9'), '鼓楼发布'].join('\n'))
    expect(r.removed.map((x) => x.reason)).toEqual(['account-name', 'app-prompt', 'account-name'])
    expect(matchRule('打开手机上的“随申办”APP，就能查看社区通知。', null)).toBeNull()
  })
})

/** Reasons of cuts inside a line (rules/inline.ts, headline clean-up). */
const CUT_REASONS = new Set([...INLINE_RULES.map((r) => r.id), 'column-tag', 'site-suffix'])

describe('nothing is silently lost', () => {
  const inputs = [
    ...loadSeeds().map((s) => ({ name: s.id, text: s.text })),
    ...loadCleanFixtures().map((f) => ({ name: f.name, text: f.input })),
  ]
  for (const { name, text } of inputs) {
    it(`${name}: body paragraphs plus removed lines hold exactly the input text`, () => {
      const r = clean(text)
      const input = repairArtifacts(splitLines(text).join('\n')).text.split('\n').filter(Boolean)
      const paragraphs = r.body.split('\n\n').filter(Boolean)
      const flat = (lines: string[]) => lines.join('').replace(/\s+/g, '')
      const count = (hay: string, needle: string) => hay.split(needle).length - 1
      const removed = r.removed.map((x) => x.text)
      // A title printed only in a 信息公开 table heads the body as well as its removed row.
      if (r.title && count(flat([...paragraphs, ...removed]), flat([r.title])) > count(flat(input), flat([r.title]))) {
        expect(paragraphs.shift()).toBe(r.title)
      }
      const got = [...paragraphs, ...removed]
      const chars = (lines: string[]) => [...flat(lines)].sort().join('')
      expect(chars(got)).toBe(chars(input))
      const rejoined = r.messages.some((m) => m.rule === 'hard-wrapped') || r.removed.some((x) => x.reason.startsWith('page-'))
      // A dateline or credit cut out of a line leaves the rest of it as the paragraph: each piece
      // is then part of one input line rather than a whole one.
      const cut = r.removed.some((x) => CUT_REASONS.has(x.reason))
      if (cut) for (const piece of got) expect(input.some((l) => flat([l]).includes(flat([piece]))), piece).toBe(true)
      else if (!rejoined) expect(got.sort()).toEqual(input.sort())
    })

    // The rules are idempotent. The line classifier judges a line by its neighbours too, and the
    // first pass changed them: it may take one more line it had left just under its threshold.
    it(`${name}: cleaning the cleaned body removes nothing more by rule`, () => {
      const once = clean(text)
      const twice = clean(once.body)
      expect(twice.removed.filter((x) => !x.reason.startsWith('model:'))).toEqual([])
      expect(twice.removed.length).toBeLessThanOrEqual(1)
    })
  }
})

describe('mixed share bars, print editions, cache notices and media prompts', () => {
  const para = '街道党工委把议事会开到楼栋门口，三个月里收集居民意见86条，已办结79条。'

  it('removes each class of junk line and parses the dates they carry', () => {
    const r = clean(
      [
        '這是 https://news.example.tw/a/123 的 Google 快照。 這是該網頁在 2021年3月2日 10:11:12 GMT 的顯示畫面。',
        '区人大 | 首页 | 人大概况 | 代表工作 | 履职动态',
        '楼栋门口的议事会',
        '发布时间：2021-03-01  来源：区人大常委会  浏览次数：377  【字体：大 中 小】',
        '字号：A+ A-   分享到：微信 微博 QQ空间',
        para,
        '⬇⬇⬇ 点击下方视频，回看议事现场',
        para.replace('86', '64'),
        '分享至 Facebook   分享至 LINE',
        '《 光明日报 》（ 2021年03月02日   第 07 版）',
        '相关案例',
      ].join('\n'),
    )
    expect(r.title).toBe('楼栋门口的议事会')
    expect(r.body).toBe(['楼栋门口的议事会', para, para.replace('86', '64')].join('\n\n'))
    expect(r.meta.published).toBe('2021-03-01')
    expect(r.flags).not.toContain('truncated')
    const reasons = Object.fromEntries(r.removed.map((x) => [x.text.slice(0, 4), x.reason]))
    expect(reasons['分享至 ']).toBe('share-bar')
    expect(reasons['字号：A']).toBe('share-bar')
    expect(reasons['《 光明']).toBe('print-edition')
    expect(reasons['⬇⬇⬇ ']).toBe('emoji-prompt')
  })

  it('takes the print-edition date when no byline gives one', () => {
    expect(clean([para, '《 经济日报 》（ 2020年11月09日 第 05 版）'].join('\n')).meta.published).toBe('2020-11-09')
  })

  it('keeps body sentences that mention sharing, arrows or a newspaper', () => {
    for (const s of [
      '居民把议事结果分享至小区微信群，点赞的有120多人，大家都说这个办法好。',
      '据《人民日报》（2021年3月2日）报道，该社区的做法已在全市推广。',
      '点击下方的“我要报事”按钮即可上报问题，这是社区去年上线的新功能，已受理诉求300多件。',
      '相关案例显示，议事会制度能把矛盾化解在楼栋一级。',
    ]) {
      expect(clean([para, s, para].join('\n')).body).toContain(s)
    }
  })
})

describe('compilation page furniture', () => {
  it('removes running heads and handling marks without gluing them to the headline across a folio', () => {
    const p1 = '社区组建“红管家”志愿队，队员由在职党员和退休干部组成，每周开展两次巡楼。'
    const p2 = '一年来，志愿队协调解决漏水、停车等问题140余件，居民满意度达到94%。'
    const r = clean(['城市社区治理典型案例选编（2022）', '(内部材料 请勿外传)', '- 7 -', '东坡街道：“红管家”守护老小区', p1, '城市社区治理典型案例选编（2022）', '- 8 -', p2].join('\n'))
    expect(r.title).toBe('东坡街道：“红管家”守护老小区')
    expect(r.body).toBe(['东坡街道：“红管家”守护老小区', p1, p2].join('\n\n'))
    expect(r.removed.map((x) => x.reason)).toEqual(expect.arrayContaining(['running-header', 'confidentiality-mark', 'page-number']))
  })

  it('keeps body sentences that name a compilation or internal material', () => {
    const s = '该做法已收入《全省基层治理案例汇编（2022）》，作为内部资料供各地学习参考。'
    expect(clean(['东坡街道：“红管家”守护老小区', s].join('\n')).body).toContain(s)
  })
})

describe('headline with a dash subtitle', () => {
  it('takes the main headline and keeps the subtitle in the body', () => {
    const para = '每逢週三晚上，社區議事廳裡坐滿了居民代表和物業人員，大家圍繞停車、綠化等事項逐一協商。'
    const r = clean(['新聞首頁 >> 地方 >> 正文', '議事廳裡議出“新鄰里”', '——台州市椒江區推行小區協商見聞', '本報記者 林 可', '2022年09月05日07:10 | 來源：台州日報', para].join('\n'))
    expect(r.title).toBe('議事廳裡議出“新鄰里”')
    expect(r.body).toBe(['議事廳裡議出“新鄰里”', '——台州市椒江區推行小區協商見聞', para].join('\n\n'))
    expect(r.meta.published).toBe('2022-09-05')
  })
})

describe('page <title> as the title of last resort', () => {
  const para = '社區網格員每天巡查轄區，發現問題通過手機上報，街道、社區、網格三級聯動處置，平均兩天辦結。'
  it('uses the <title> hint of a web page that prints no headline line, but not for plain text', () => {
    const hints = { title: '網格連萬家　服務零距離 - 東南新聞網' }
    expect(clean(para, { format: 'html', hints }).title).toBe('網格連萬家　服務零距離')
    expect(clean(para, { format: 'txt', hints }).title).toBeNull()
    expect(clean(para, { format: 'html', hints: { title: '首頁 - 東南新聞網' } }).title).toBeNull()
  })
})

describe('table-layout CMS page, read then cleaned', () => {
  it('separates menu, breadcrumb, headline and date line and removes all but the headline', async () => {
    const { decodeReport } = await import('../ingest/read/index.js')
    const para = '社區推行“鄰里值班”制度，每晚兩名黨員在小區門口值守，半年來調解鄰里糾紛37起。'
    const html = `<html><head><title>鄰里值班守平安 - 濠江日報網</title></head><body>
<table><tr><td><a href="/">首頁</a> | <a>本地</a> | <a>社會</a> | <a>評論</a></td></tr></table>
<table><tr><td>所在位置：首頁 &gt;&gt; 本地新聞 &gt;&gt; 正文</td></tr></table>
<table><tr><td class="title">鄰里值班守平安</td></tr><tr><td>2022年04月18日 09:05 &nbsp; 來源：濠江日報 &nbsp; 點擊：<span>215</span></td></tr>
<tr><td><p>${para}</p></td></tr></table></body></html>`
    const read = decodeReport('p.html', new TextEncoder().encode(html))
    const r = clean(read.text, { format: 'html', hints: read.hints })
    expect(r.title).toBe('鄰里值班守平安')
    expect(r.body).toBe(['鄰里值班守平安', para].join('\n\n'))
    expect(r.meta.published).toBe('2022-04-18')
  })
})
