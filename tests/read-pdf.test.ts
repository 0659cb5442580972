import { describe, expect, it } from 'vitest'
import { InputError, PDF_LIMITS, readDocument, decodeReport } from '../ingest/read/index.js'
import { continues, frameOf, pageLines, paragraphs, removeFurniture, unspaceCjk, type Line, type Run } from '../ingest/read/pdf-layout.js'
import { REPORT } from './fixtures/read/documents.js'
import { layoutReport, makePdf, textWidth, type PdfPage } from './fixtures/read/pdf.js'
import { makeDocx } from './fixtures/read/docx.js'

async function readError(name: string, bytes: Uint8Array): Promise<InputError> {
  const err = await readDocument(name, bytes).then(() => null, (e: unknown) => e)
  expect(err).toBeInstanceOf(InputError)
  expect((err as InputError).file).toBe(name)
  return err as InputError
}

function line(text: string, x0: number, y: number, extra: Partial<Line> = {}): Line {
  const size = extra.size ?? 14
  return { text, x0, x1: x0 + textWidth(text, size), y, size, page: 0, column: 0, ...extra }
}

function run(text: string, x: number, y: number, size = 14): Run {
  return { text, x, y, width: textWidth(text, size), size }
}

/** The report laid out on A4 with a running head and folios, five body lines a page. */
function reportPages(folio: (n: number, total: number) => string = (n) => `- ${n} -`): PdfPage[] {
  return layoutReport({ title: REPORT.title, paragraphs: REPORT.paragraphs, runningHead: REPORT.runningHead, folio, linesPerPage: 5 })
}

describe('pdf-layout: lines from positioned runs', () => {
  it('joins runs on one baseline, with a space only between Latin words and across wide gaps', () => {
    const [l] = pageLines({ width: 595, height: 842, runs: [run('社区开展', 72, 100), run('Party', 130, 100), run('building', 170, 100.5), run('活动', 250, 100)] }, 0)
    expect(l.text).toBe('社区开展Party building 活动')
  })

  it('takes the spaces out of a letter-spaced Chinese line, and keeps a sparse real separator', () => {
    expect(unspaceCjk('关 于 印 发 议 事 规 则 的 通 知')).toBe('关于印发议事规则的通知')
    expect(unspaceCjk('社区 议事会每月召开 一 次 会 议 协 商 解决')).toBe('社区议事会每月召开一次会议协商解决')
    expect(unspaceCjk('喜迎国庆 大连社区举办百家宴 共有 100 户参加')).toBe('喜迎国庆 大连社区举办百家宴 共有 100 户参加')
  })

  it('reads a line whose characters are set apart (distributed alignment) without spaces', async () => {
    const texts = [...'社区议事会每月召开一次会议'].map((c, i) => ({ text: c, x: 72 + i * 14 * 1.4, y: 100, size: 14 }))
    expect((await readDocument('spaced.pdf', makePdf([{ texts }]))).text).toBe('社区议事会每月召开一次会议')
  })

  it('drops a run drawn twice a fraction of a point apart (fake bold)', () => {
    const lines = pageLines({ width: 595, height: 842, runs: [run('议事规则', 72, 100), run('议事规则', 72.3, 100.2), run('十条', 128, 100)] }, 0)
    expect(lines.map((l) => l.text)).toEqual(['议事规则十条'])
  })

  it('reads a two-column page column by column, below a headline that spans both', () => {
    const runs = [run('两栏排版的标题横跨全页宽度', 150, 60, 20)]
    for (let i = 0; i < 4; i++) {
      runs.push(run(`左栏第${i + 1}行文字内容`, 50, 100 + i * 20, 12))
      runs.push(run(`右栏第${i + 1}行文字内容`, 320, 100 + i * 20, 12))
    }
    const texts = pageLines({ width: 595, height: 842, runs }, 0).map((l) => l.text)
    expect(texts).toEqual(['两栏排版的标题横跨全页宽度', ...[1, 2, 3, 4].map((i) => `左栏第${i}行文字内容`), ...[1, 2, 3, 4].map((i) => `右栏第${i}行文字内容`)])
  })

  it('keeps the cells of a table row on one line, separated by spaces', () => {
    const runs = [run('序号', 72, 100), run('项目', 200, 100), run('金额（万元）', 400, 100), run('1', 72, 130), run('雨污管网改造', 200, 130), run('45', 400, 130)]
    expect(pageLines({ width: 595, height: 842, runs }, 0).map((l) => l.text)).toEqual(['序号 项目 金额（万元）', '1 雨污管网改造 45'])
  })
})

describe('pdf-layout: paragraphs', () => {
  // A column from x=72 to x=520 at 14 pt: 32 Chinese characters a line.
  const full = '一'.repeat(32)
  const frame = frameOf([line(full, 72, 100), line(full, 72, 122), line(full, 72, 144), line('短行', 72, 166)])

  it('given a line that reaches the margin and an unindented next line, joins them without a space', () => {
    expect(continues(line(full, 72, 100), line('续行', 72, 122), frame)).toBe(true)
    expect(paragraphs([line('议事会每月召开一次，把居民提出的问题分类建立台账，能在楼道解决的', 72, 100), line('不出楼道。', 72, 122)], frameOf([line(full, 72, 100), line(full, 72, 122)]))[0].text).toBe(
      '议事会每月召开一次，把居民提出的问题分类建立台账，能在楼道解决的不出楼道。',
    )
  })

  it('counts the punctuation a line may not begin with as part of the next line\'s first character', () => {
    // Two characters short of the margin, but "法”，" could not have been set at its end.
    const a = line('一'.repeat(30), 72, 100)
    expect(continues(a, line('法”，推动调解工作', 72, 122), frame)).toBe(true)
    expect(continues(a, line('法律援助工作', 72, 122), frame)).toBe(false)
  })

  it('joins Latin words across a line break with a space', () => {
    const a = line(`${'一'.repeat(26)}Party and`, 72, 100)
    expect(paragraphs([a, line('building活动', 72, 122)], frame)[0].text).toBe(`${'一'.repeat(26)}Party and building活动`)
  })

  it('given a short line, an indented line, a list item or a paragraph gap, starts a new paragraph', () => {
    expect(continues(line('这一段到此结束。', 72, 100), line('下一段', 72, 122), frame)).toBe(false)
    expect(continues(line(full, 72, 100), line('下一段首行缩进两字', 100, 122), frame)).toBe(false)
    expect(continues(line(full, 72, 100), line('（二）建立议事规则', 72, 122), frame)).toBe(false)
    expect(continues(line(full, 72, 100), line('• 清理楼道堆物', 72, 122), frame)).toBe(false)
    expect(continues(line(full, 72, 100), line('隔了一个空行', 72, 160), frame)).toBe(false)
  })

  it('finds the margin where few lines start: in a text of many one-line paragraphs, most lines are indented', () => {
    const lines = [line('短段落一', 100, 100), line('短段落二', 100, 122), line('短段落三', 100, 144), line(full.slice(2), 100, 166), line('续行', 72, 188), line(full.slice(2), 100, 210), line('续行', 72, 232), line('短段落四', 100, 254)]
    const f = frameOf(lines)
    expect(f.left[0]).toBe(72)
    expect(paragraphs(lines, f).map((p) => p.text)).toEqual(['短段落一', '短段落二', '短段落三', `${full.slice(2)}续行`, `${full.slice(2)}续行`, '短段落四'])
  })

  it('carries a paragraph over a page break when the page ended at the margin', () => {
    expect(continues(line(full, 72, 700), line('下页接着写', 72, 110, { page: 1 }), frame)).toBe(true)
    expect(continues(line(full, 72, 700), line('下页新的一段', 100, 110, { page: 1 }), frame)).toBe(false)
  })

  it('joins a headline set over two lines, and keeps it apart from the body', () => {
    const lines = [line('青柳街道槐荫社区：', 200, 60, { size: 20 }), line('“楼道议事会”让老旧小区管起来', 150, 92, { size: 20 }), line(full, 100, 140), line(full, 72, 162)]
    expect(paragraphs(lines, frameOf(lines)).map((p) => p.text)).toEqual(['青柳街道槐荫社区：“楼道议事会”让老旧小区管起来', full + full])
  })
})

describe('pdf-layout: page furniture', () => {
  const heights = [842, 842, 842, 842]
  const body = (page: number, text: string) => line(text, 72, 400, { page })

  it('removes folios of every usual form, and a running head and foot repeated at the same place', () => {
    const folios = ['- 1 -', '第2页', '3/12', '4']
    const pages = folios.map((f, page) => [
      line('青柳街道工作简报', 250, 50, { page, size: 9 }),
      body(page, `第${page + 1}页的正文，各不相同。`),
      line('内部资料 注意保存', 250, 780, { page, size: 9 }),
      line(f, 280, 800, { page, size: 10 }),
    ])
    const { pages: kept, removed } = removeFurniture(pages, heights)
    expect(kept.map((p) => p.map((l) => l.text))).toEqual([0, 1, 2, 3].map((i) => [`第${i + 1}页的正文，各不相同。`]))
    expect(removed.filter((r) => r.reason === 'page-number').map((r) => r.text)).toEqual(folios)
    expect(removed.filter((r) => r.reason === 'page-header')).toHaveLength(4)
    expect(removed.filter((r) => r.reason === 'page-footer')).toHaveLength(4)
  })

  it('keeps the headline on page one when later pages repeat it as their running head at another height', () => {
    const pages = [
      [line('槐荫社区楼道议事会', 200, 100, { size: 20 }), body(0, '正文一')],
      ...[1, 2, 3].map((page) => [line('槐荫社区楼道议事会', 250, 50, { page, size: 9 }), body(page, `正文${page + 1}`)]),
    ]
    const { pages: kept } = removeFurniture(pages, heights)
    expect(kept[0].map((l) => l.text)).toEqual(['槐荫社区楼道议事会', '正文一'])
    expect(kept.slice(1).flat().map((l) => l.text)).toEqual(['正文2', '正文3', '正文4'])
  })

  it('takes out a running head a two-page document prints once, in small type above the body of page two', () => {
    const pages = [
      [line('标题', 250, 100, { size: 20 }), body(0, '第一页正文'), body(0, '第一页正文')],
      [line('青柳街道工作简报', 250, 50, { page: 1, size: 9 }), line('第二页正文', 72, 110, { page: 1 }), body(1, '第二页正文')],
    ]
    expect(removeFurniture(pages, [842, 842]).removed).toEqual([{ text: '青柳街道工作简报', reason: 'page-header' }])
  })

  it('takes out a browser\'s print header and footer from a one-page document: small type in the page margin', () => {
    const pages = [[line('2023/5/6 09:30 槐荫社区', 30, 20, { size: 8 }), line('标题', 200, 90, { size: 20 }), ...[0, 1, 2].map(() => body(0, '槐荫社区的正文比页眉页脚长得多，字也大得多。')), line('https://example.org/a.html 1/1', 30, 826, { size: 8 })]]
    expect(removeFurniture(pages, [842]).removed.map((r) => r.reason)).toEqual(['page-header', 'page-footer'])
  })

  it('takes a footnote block below the body out of the running text, and keeps small type without a note mark', () => {
    const text = '槐荫社区的正文比脚注长得多，字也大得多。'
    const pages = [[body(0, text), body(0, text), line('① 数据来自社区台账，', 72, 720, { size: 9 }), line('统计截至2023年6月。', 72, 732, { size: 9 })]]
    expect(removeFurniture(pages, [842]).removed).toEqual([
      { text: '① 数据来自社区台账，', reason: 'footnote' },
      { text: '统计截至2023年6月。', reason: 'footnote' },
    ])
    const signed = [[body(0, text), body(0, text), line('（责任编辑：林小禾）', 72, 720, { size: 9 })]]
    expect(removeFurniture(signed, [842]).removed).toEqual([])
  })

  it('keeps the top rows of a later page set wholly in small type (a table has no body to sit above)', () => {
    const pages = [
      [body(0, '第一页正文'), body(0, '第一页正文还有一行')],
      [line('序号 项目 金额', 72, 60, { page: 1, size: 9 }), line('1 管网改造 45', 72, 75, { page: 1, size: 9 })],
    ]
    expect(removeFurniture(pages, [842, 842]).removed).toEqual([])
  })

  it('keeps a headline in body type that a two-page report happens to repeat at the top of page two', () => {
    const pages = [0, 1].map((page) => [line('喜迎新春 槐荫社区办起百家宴', 96, 84, { page }), ...[0, 1, 2].map(() => body(page, '正文的字和标题一样大，每页都有好几行。'))])
    expect(removeFurniture(pages, [842, 842]).removed).toEqual([])
  })

  it('keeps a short body line that happens to open several pages at different heights', () => {
    const pages = [0, 1, 2].map((page) => [line('（一）', 72, 60 + page * 30, { page }), body(page, '正文')])
    expect(removeFurniture(pages, [842, 842, 842]).removed).toEqual([])
  })
})

describe('readDocument: a text PDF', () => {
  it('gives the body in reading order: headline, paragraphs rejoined across lines and pages, no heads or folios', async () => {
    const pages = reportPages()
    expect(pages.length).toBeGreaterThanOrEqual(4)
    const r = await readDocument('huaiyin.pdf', makePdf(pages))
    expect(r.format).toBe('pdf')
    expect(r.encoding).toBe('pdf-text')
    expect(r.hints.title).toBe(REPORT.headline)
    expect(r.text).toBe([REPORT.headline, ...REPORT.paragraphs].join('\n\n'))
    expect(r.removed.filter((x) => x.reason === 'page-number').map((x) => x.text)).toEqual(pages.map((_, i) => `- ${i + 1} -`))
    expect(r.removed.filter((x) => x.reason === 'page-header').map((x) => x.text)).toEqual(pages.slice(1).map(() => REPORT.runningHead))
    expect(r.messages).toEqual([])
  })

  it('removes folios written as 第N页, N/M and bare numbers', async () => {
    for (const folio of [(n: number) => `第${n}页`, (n: number, t: number) => `${n}/${t}`, (n: number) => String(n)]) {
      const r = await readDocument('f.pdf', makePdf(reportPages(folio)))
      expect(r.text).toBe([REPORT.headline, ...REPORT.paragraphs].join('\n\n'))
      expect(r.removed.filter((x) => x.reason === 'page-number')).toHaveLength(reportPages().length)
    }
  })

  it('reads a non-embedded Chinese font in a predefined encoding (UniGB-UCS2-H, through the bundled CMaps)', async () => {
    const r = await readDocument('unigb.pdf', makePdf(reportPages(), { encoding: 'unigb' }))
    expect(r.text).toBe([REPORT.headline, ...REPORT.paragraphs].join('\n\n'))
  })

  it('takes a footnote out of the running text, so the paragraph it interrupts runs on to the next page', async () => {
    const pages = reportPages()
    pages[0].texts.push({ text: '① 文中数据来自社区议事台账。', x: 72, y: 760, size: 9 })
    const r = await readDocument('note.pdf', makePdf(pages))
    expect(r.text).toBe([REPORT.headline, ...REPORT.paragraphs].join('\n\n'))
    expect(r.removed).toContainEqual({ text: '① 文中数据来自社区议事台账。', reason: 'footnote' })
  })

  it('leaves a diagonal watermark out, with its reason', async () => {
    const pages = reportPages()
    for (const p of pages) p.texts.push({ text: '内部资料', x: 200, y: 500, size: 48, angle: 45 })
    const r = await readDocument('w.pdf', makePdf(pages))
    expect(r.text).not.toContain('内部资料')
    expect(r.removed.filter((x) => x.reason === 'rotated-text')).toHaveLength(pages.length)
  })

  it('reads radicals a font maps common characters to as the ordinary characters, and says so', async () => {
    const r = await readDocument('k.pdf', makePdf([{ texts: [{ text: '⼈⺠群众参与⻔前三包', x: 72, y: 100, size: 14 }] }]))
    expect(r.text).toBe('人民群众参与门前三包')
    expect(r.messages.map((m) => m.rule)).toEqual(['glyph-forms'])
  })

  it('warns about pages without a text layer and reads the rest', async () => {
    const pages = reportPages()
    pages.splice(1, 0, { texts: [], image: true })
    const r = await readDocument('mixed.pdf', makePdf(pages))
    expect(r.messages).toMatchObject([{ rule: 'pdf-pages-without-text', severity: 'warning', file: 'mixed.pdf' }])
    expect(r.messages[0].message).toMatch(/^page\(s\) 2 of \d+ have no text layer/)
    expect(r.text).toContain(REPORT.paragraphs[4])
  })

  it('reads a file whose cross-reference table is broken (pdf.js rebuilds it)', async () => {
    const r = await readDocument('xref.pdf', makePdf(reportPages(), { brokenXref: true }))
    expect(r.hints.title).toBe(REPORT.headline)
  })

  it('is read only through readDocument: the synchronous decoder says so', () => {
    expect(() => decodeReport('a.pdf', makePdf(reportPages()))).toThrow(/read asynchronously; call readDocument/)
  })
})

describe('readDocument: PDFs it refuses, in one line naming the file', () => {
  it('refuses a scanned PDF: no text layer, needs OCR', async () => {
    const err = await readError('scan.pdf', makePdf([{ texts: [], image: true }, { texts: [], image: true }]))
    expect(err.message).toBe('scan.pdf: no text layer (a scanned or image-only PDF); it needs OCR before it can be read')
  })

  it('refuses a scanned PDF whose only text is the folio a tool stamped on it', async () => {
    const pages = [1, 2].map((n) => ({ image: true, texts: [{ text: `- ${n} -`, x: 280, y: 800, size: 10 }] }))
    expect((await readError('stamped.pdf', makePdf(pages))).problem).toMatch(/^no text layer/)
  })

  it('refuses a PDF whose only text is rotated or vertical, saying so', async () => {
    const texts = [...'竖排的社区公告'].map((c, i) => ({ text: c, x: 300, y: 100 + i * 16, size: 14, angle: -90 }))
    expect((await readError('vertical.pdf', makePdf([{ texts }]))).problem).toBe('only rotated or vertical text, which is not read; rotate the pages or save the text as .txt')
  })

  it('refuses a text layer whose fonts map to no characters', async () => {
    expect((await readError('glyphs.pdf', makePdf(reportPages(), { encoding: 'none' }))).problem).toMatch(/^text layer unreadable .* needs OCR/)
  })

  it('refuses a password-protected PDF', async () => {
    expect((await readError('locked.pdf', makePdf(reportPages(), { encrypted: true }))).problem).toMatch(/^password-protected PDF/)
  })

  it('refuses a damaged PDF, a text file and a .docx named .pdf', async () => {
    expect((await readError('cut.pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'))).problem).toMatch(/^not a readable PDF/)
    expect((await readError('notes.pdf', new TextEncoder().encode('槐荫社区议事会纪要'))).problem).toBe('not a PDF file (it is plain text; rename it to .txt)')
    expect((await readError('word.pdf', await makeDocx(['正文']))).problem).toBe('not a PDF file (it is a .docx file; rename it to .docx)')
  })

  it(`refuses more than ${PDF_LIMITS.pages} pages before reading them`, async () => {
    const pages = Array.from({ length: PDF_LIMITS.pages + 1 }, () => ({ texts: [{ text: '汇编', x: 72, y: 100, size: 14 }] }))
    expect((await readError('volume.pdf', makePdf(pages))).problem).toMatch(/^too many pages \(301; the limit is 300\)/)
  })
})
