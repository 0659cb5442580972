import { describe, expect, it, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, openSync, ftruncateSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import mammoth from 'mammoth'
import { decodeReport, readReport, InputError, MAX_BYTES } from '../ingest/read/index.js'
import { SIMPLIFIED, TRADITIONAL } from './fixtures/read/texts.js'
import { makeDocx } from './fixtures/read/docx.js'

const simp = SIMPLIFIED.join('\n\n')
const trad = TRADITIONAL.join('\n\n')

function bytes(text: string, encoding: string, bom: number[] = []): Uint8Array {
  return new Uint8Array([...bom, ...iconv.encode(text, encoding)])
}

function expectInputError(fn: () => unknown, problem: RegExp): void {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(InputError)
    expect((e as InputError).problem).toMatch(problem)
    return
  }
  throw new Error('expected an InputError')
}

async function expectReadError(file: string, problem: RegExp): Promise<void> {
  const err = await readReport(file).then(() => null, (e: unknown) => e)
  expect(err).toBeInstanceOf(InputError)
  expect((err as InputError).file).toBe(file)
  expect((err as InputError).problem).toMatch(problem)
  expect((err as InputError).message).toBe(`${file}: ${(err as InputError).problem}`)
}

describe('decodeReport: encodings', () => {
  const cases: [label: string, text: string, data: Uint8Array, encoding: string][] = [
    ['UTF-8', simp, bytes(simp, 'utf-8'), 'utf-8'],
    ['UTF-8 with BOM', simp, bytes(simp, 'utf-8', [0xef, 0xbb, 0xbf]), 'utf-8-bom'],
    ['UTF-16LE with BOM', simp, bytes(simp, 'utf-16le', [0xff, 0xfe]), 'utf-16le'],
    ['UTF-16BE with BOM', trad, bytes(trad, 'utf-16be', [0xfe, 0xff]), 'utf-16be'],
    ['UTF-16LE without BOM', simp, bytes(simp, 'utf-16le'), 'utf-16le'],
    ['UTF-16BE without BOM', trad, bytes(trad, 'utf-16be'), 'utf-16be'],
    ['GBK simplified', simp, bytes(simp, 'gbk'), 'gb18030'],
    ['GB18030 simplified', simp, bytes(simp, 'gb18030'), 'gb18030'],
    ['GBK traditional', trad, bytes(trad, 'gbk'), 'gb18030'],
    ['Big5 traditional', trad, bytes(trad, 'big5'), 'big5'],
  ]
  for (const [label, text, data, encoding] of cases) {
    it(`decodes ${label} exactly`, () => {
      const r = decodeReport('report.txt', data)
      expect(r.encoding).toBe(encoding)
      expect(r.text).toBe(text)
      expect(r.format).toBe('txt')
      expect(r.messages).toEqual([])
    })
  }

  it('tells GBK from Big5 on a single short line', () => {
    expect(decodeReport('a.txt', bytes('社区党委牵头成立业主委员会', 'gbk')).text).toBe('社区党委牵头成立业主委员会')
    expect(decodeReport('a.txt', bytes('社區黨委牽頭成立業主委員會', 'big5')).text).toBe('社區黨委牽頭成立業主委員會')
  })

  it('keeps a UTF-8 file with one broken sequence as UTF-8 and reports the replacement', () => {
    const good = iconv.encode('社区居民满意度达到96%。', 'utf-8')
    const broken = new Uint8Array([...good.subarray(0, 6), 0xe5, 0x9c, ...good.subarray(6)])
    const r = decodeReport('cut.txt', broken)
    expect(r.encoding).toBe('utf-8')
    expect(r.text).toBe('社区\ufffd居民满意度达到96%。')
    expect(r.messages).toMatchObject([{ stage: 'read', rule: 'replacement-chars', severity: 'warning', file: 'cut.txt' }])
  })
})

describe('decodeReport: normalization', () => {
  it('normalizes line endings, NBSP, full-width spaces and zero-width characters', () => {
    const raw = '\u3000\u3000第一段\u00a0内容\u200b。\r\n\r\n\r\n\r\n第二段\u3000内容\r第三段\ufeff\u2028第四段  '
    expect(decodeReport('a.txt', bytes(raw, 'utf-8')).text).toBe('第一段 内容。\n\n第二段 内容\n第三段\n第四段')
  })
})

describe('decodeReport: HTML', () => {
  const page = `<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>红星社区：“小区管家”破解无物业难题_北方新闻网</title>
<meta property="og:title" content="红星社区：“小区管家”破解无物业难题">
<link rel="canonical" href="https://news.example.cn/2022/0816/123.html">
<meta name="PubDate" content="2022-08-16 10:21">
<style>.nav{color:red}</style>
<script>var _hmt = _hmt || []; document.write('广告');</script>
</head><body>
<nav class="menu"><ul><li><a href="/">首页</a></li><li><a href="/sz">时政</a></li><li><a href="/sq">社区</a></li></ul></nav>
<div class="crumb">当前位置：<a>首页</a> &gt; <a>社区</a> &gt; 正文</div>
<div class="article">
<h1>红星社区：“小区管家”破解无物业难题</h1>
<p>　　${SIMPLIFIED[2]}</p>
<p>${SIMPLIFIED[3]}<br>${SIMPLIFIED[4]}</p>
<table><tr><td>改造前</td><td>改造后</td></tr></table>
</div>
<noscript>请开启JavaScript</noscript>
<script type="text/javascript">trackPage();</script>
</body></html>`

  it('reads the article: headline first, paragraph breaks kept, menu and breadcrumb removed with their reason', () => {
    const r = decodeReport('page.html', bytes(page, 'gbk'))
    expect(r.format).toBe('html')
    expect(r.encoding).toBe('gb18030')
    expect(r.article).toBe(true)
    expect(r.text).toBe(['红星社区：“小区管家”破解无物业难题', '', SIMPLIFIED[2], '', SIMPLIFIED[3], SIMPLIFIED[4], '', '改造前\t改造后'].join('\n'))
    // Menu and breadcrumb are one run of navigation in the audit list.
    expect(r.removed).toEqual([{ text: '首页\n时政\n社区\n当前位置：首页 > 社区 > 正文', reason: 'dom:navigation' }])
    expect(r.hints).toEqual({
      title: '红星社区：“小区管家”破解无物业难题',
      url: 'https://news.example.cn/2022/0816/123.html',
      published: '2022-08-16',
    })
  })

  it('trusts valid UTF-8 over a wrong charset declaration', () => {
    const r = decodeReport('page.htm', bytes(page, 'utf-8'))
    expect(r.encoding).toBe('utf-8')
    expect(r.text).toContain(SIMPLIFIED[2])
  })

  it('reads an old table-layout CMS page: <br> lines, entities, inline tags', () => {
    const cms = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"><title>東街社區_鼓樓區政府網</title></head>
<body><table width="760"><tr><td class="nav"><a href="/">首頁</a>｜<a href="/xw">新聞</a></td></tr>
<tr><td><font size="4"><b>東街社區：&ldquo;紅色議事廳&rdquo;讓居民的事居民議</b></font></td></tr>
<tr><td>&nbsp;&nbsp;&nbsp;&nbsp;${TRADITIONAL[1]}<br/>&nbsp;&nbsp;&nbsp;&nbsp;<span style="x">${TRADITIONAL[2].slice(0, 10)}</span>${TRADITIONAL[2].slice(10)}<br>
&#x5E95;&#24635;&mdash;完</td></tr></table></body></html>`
    const r = decodeReport('cms.htm', bytes(cms, 'big5'))
    expect(r.encoding).toBe('big5')
    // The bold cell above the text is the headline; <title> names only the community.
    expect(r.text).toBe(['東街社區：“紅色議事廳”讓居民的事居民議', '', TRADITIONAL[1], TRADITIONAL[2], '底总—完'].join('\n'))
    expect(r.hints).toEqual({ title: '東街社區：“紅色議事廳”讓居民的事居民議' })
    expect(r.removed).toEqual([{ text: '首頁｜新聞', reason: 'dom:navigation' }])
  })

  it('puts each layout table, row and cell on its own line; a row of short cells is one link bar', () => {
    const html = `<html><body><table><tr><td><a href="/">首页</a> | <a href="/a">要闻</a></td></tr></table>
<table><tr><td>当前位置：首页 &gt; 基层动态</td></tr></table>
<table><tr><td class="t">西湖街道“楼道长”制度激活老旧小区自治</td></tr><tr><td>2022年04月18日 09:05 来源：区委组织部</td></tr>
<tr><td><p>楼道长每周巡查一次，发现问题当天上报社区。</p></td></tr></table>
<table><tr><td><a>打印</a></td><td><a>关闭窗口</a></td><td><a>收藏</a></td></tr></table></body></html>`
    const lines = decodeReport('t.html', bytes(html, 'utf-8')).text.split('\n').filter((l) => l.trim())
    expect(lines).toEqual(['首页 | 要闻', '当前位置：首页 > 基层动态', '西湖街道“楼道长”制度激活老旧小区自治', '2022年04月18日 09:05 来源：区委组织部', '楼道长每周巡查一次，发现问题当天上报社区。', '打印 | 关闭窗口 | 收藏'])
  })

  it('keeps menu links apart without <nav>, and body lists as lines', () => {
    const html = `<html><body><div class="top"><a href="/">首页</a><a href="/a">新闻</a> <a href="/b">民生</a></div>
<ul class="menu"><li><a>政务</a></li><li><a>文旅</a></li><li><a>教育</a></li></ul>
<p>社区做了三件事：</p><ul><li>新增停车位90个；</li><li>加装电梯3部；</li><li>建成<a href="/x">居民议事厅</a>一处。</li></ul>
<p>见<a>附件一</a>和<a>附件二</a>。</p></body></html>`
    expect(decodeReport('m.html', bytes(html, 'utf-8')).text).toBe(
      ['首页 | 新闻 | 民生', '', '政务 | 文旅 | 教育', '', '社区做了三件事：', '', '新增停车位90个；', '加装电梯3部；', '建成居民议事厅一处。', '', '见附件一和附件二。'].join('\n'),
    )
  })

  it('keeps linked words inside a sentence as words: only a bar of links is a menu', () => {
    const html = '<html><body><p>街道在<a href="/a">东湖社区</a> <a href="/b">西岭社区</a>两地试点。</p><div><a href="/">首页</a> <a href="/x">新闻</a></div></body></html>'
    expect(decodeReport('s.html', bytes(html, 'utf-8')).text).toBe('街道在东湖社区 西岭社区两地试点。\n\n首页 | 新闻')
  })

  it('reads a page saved as .txt as HTML', () => {
    const r = decodeReport('saved.txt', bytes(`\n<!-- saved from url=(0042)https://x.cn -->\n${page}`, 'utf-8'))
    expect(r.format).toBe('html')
    expect(r.text).not.toContain('<p>')
    expect(r.text).toContain(SIMPLIFIED[2])
    expect(decodeReport('notes.txt', bytes('<b>不是网页</b>，只是以尖括号开头的文字', 'utf-8')).format).toBe('txt')
  })

  it('falls back to <title> and article:published_time', () => {
    const r = decodeReport('p.html', bytes('<html><head><title> 東街社區 </title><meta property="article:published_time" content="2021-03-05T08:00:00+08:00"></head><body><p>正文</p></body></html>', 'big5'))
    expect(r.hints).toEqual({ title: '東街社區', published: '2021-03-05' })
    expect(r.text).toBe('正文')
  })
})

describe('decodeReport: Markdown', () => {
  it('strips front matter into hints and markup from the text', () => {
    const md = `---\ntitle: 东街社区议事厅\ndate: 2021-03-05\nurl: https://example.cn/a\n---\n\n# 东街社区议事厅\n\n**社区党委**以[议事厅](https://x.cn)为平台。\n\n- 新增停车位90个\n- 加装电梯3部\n`
    const r = decodeReport('a.md', bytes(md, 'utf-8'))
    expect(r.format).toBe('md')
    expect(r.text).toBe('东街社区议事厅\n\n社区党委以议事厅为平台。\n\n新增停车位90个\n\n加装电梯3部')
    expect(r.hints).toEqual({ title: '东街社区议事厅', url: 'https://example.cn/a', published: '2021-03-05' })
  })
})

describe('decodeReport: .docx', () => {
  it('reads paragraphs like mammoth.extractRawText does, without field codes or deletions', async () => {
    const paragraphs = [...SIMPLIFIED, 'A & B <c>']
    const data = await makeDocx(paragraphs, '红星社区')
    const r = decodeReport('report.docx', data)
    expect(r.format).toBe('docx')
    expect(r.text).toBe(paragraphs.join('\n\n'))
    expect(r.hints).toEqual({ title: '红星社区' })
    const viaMammoth = await mammoth.extractRawText({ buffer: Buffer.from(data) })
    expect(r.text).toBe(viaMammoth.value.trim())
  })

  it('refuses a .docx that is not a ZIP, and says when it is an old .doc or encrypted', () => {
    expectInputError(() => decodeReport('fake.docx', bytes('plain text', 'utf-8')), /^not a readable \.docx \(not a ZIP container\)$/)
    const ole = new Uint8Array(512).fill(0)
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    expectInputError(() => decodeReport('locked.docx', ole), /old \.doc file or a password-protected document/)
  })
})

describe('bad input', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-read-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0])

  it('refuses an empty file', async () => {
    writeFileSync(join(dir, 'empty.txt'), '')
    await expectReadError(join(dir, 'empty.txt'), /^empty file$/)
    expectInputError(() => decodeReport('blank.txt', bytes(' \u3000\r\n\u200b\n', 'utf-8')), /^empty file/)
  })

  it('refuses a PNG renamed .txt', async () => {
    writeFileSync(join(dir, 'photo.txt'), png)
    await expectReadError(join(dir, 'photo.txt'), /not a text file \(PNG image\)/)
  })

  it('refuses other binary data', () => {
    const data = new Uint8Array(300).map((_, i) => (i * 37) % 32)
    expectInputError(() => decodeReport('x.txt', data), /not a text file/)
  })

  it('refuses an unsupported extension without reading it', async () => {
    writeFileSync(join(dir, 'report.wps'), 'x')
    await expectReadError(join(dir, 'report.wps'), /^unsupported file type "\.wps" \(expected \.txt, \.md, \.html, \.htm, \.docx, \.doc or \.pdf; save it as \.docx\)$/)
    expectInputError(() => decodeReport('notice.ofd', bytes('x', 'utf-8')), /print it to PDF\)$/)
    expectInputError(() => decodeReport('README', bytes('x', 'utf-8')), /^unsupported file type "\(none\)"/)
  })

  it('refuses a file over 20 MB before reading it', async () => {
    const file = join(dir, 'huge.txt')
    const fd = openSync(file, 'w')
    ftruncateSync(fd, 21 * 1024 * 1024)
    closeSync(fd)
    await expectReadError(file, /file too large \(21\.0 MB; the limit is 20\.0 MB\)/)
    expectInputError(() => decodeReport('huge.txt', new Uint8Array(MAX_BYTES + 1).fill(0x41)), /file too large/)
  })

  it('refuses bytes that decode in no supported encoding', () => {
    let x = 12345
    const garbage = new Uint8Array(2000).map(() => {
      x = (x * 1103515245 + 12345) & 0x7fffffff
      return 0x80 + ((x >> 16) % 128)
    })
    expectInputError(() => decodeReport('garbage.txt', garbage), /^undecodable bytes/)
  })

  it('refuses a missing path and a directory', async () => {
    await expectReadError(join(dir, 'missing.txt'), /^no such file$/)
    mkdirSync(join(dir, 'folder.txt'))
    await expectReadError(join(dir, 'folder.txt'), /^is a directory/)
  })
})
