import { describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { InputError, readDocument } from '../ingest/read/index.js'
import { processDocument } from '../ingest/pipeline.js'
import { REPORT } from './fixtures/read/documents.js'
import { docStreams, makeDoc, makeOle, withLoopingChain } from './fixtures/read/doc.js'
import { makeDocx } from './fixtures/read/docx.js'
import { makePdf } from './fixtures/read/pdf.js'

const NOTE = '文中数据来自社区议事台账，统计截至2023年6月。'
const doc = () => makeDoc({ paragraphs: [REPORT.headline, ...REPORT.paragraphs], header: REPORT.runningHead, footer: '第 1 页', footnote: NOTE })

async function problem(name: string, bytes: Uint8Array): Promise<string> {
  const err = await readDocument(name, bytes).then(() => null, (e: unknown) => e)
  expect(err).toBeInstanceOf(InputError)
  expect((err as InputError).message).toBe(`${name}: ${(err as InputError).problem}`)
  return (err as InputError).problem
}

describe('readDocument: a Word 97–2003 .doc', () => {
  it('gives the body, one paragraph per block, with Chinese quotation marks as written', async () => {
    const r = await readDocument('huaiyin.doc', doc())
    expect(r.format).toBe('doc')
    expect(r.encoding).toBe('utf-16le')
    expect(r.text).toBe([REPORT.headline, ...REPORT.paragraphs].join('\n\n'))
    expect(r.text).toContain('“楼道议事会”')
  })

  it('leaves headers, footers and footnotes out of the text, and lists them with their reason', async () => {
    const r = await readDocument('huaiyin.doc', doc())
    expect(r.removed).toEqual([
      { text: REPORT.runningHead, reason: 'page-header' },
      { text: '第 1 页', reason: 'page-footer' },
      { text: NOTE, reason: 'footnote' },
    ])
    for (const x of r.removed) expect(r.text).not.toContain(x.text)
  })

  it('becomes a case: headline, fields with quotes from the body, the reader\'s removals first', async () => {
    const c = await processDocument('huaiyin.doc', doc())
    expect(c.title).toBe(REPORT.headline)
    expect(c.origin).toMatchObject({ file: 'huaiyin.doc', format: 'doc' })
    expect(c.place).toMatchObject({ street: '青柳街道', community: '槐荫社区' })
    expect(c.outcomes.map((o) => `${o.value}${o.unit}`)).toEqual(expect.arrayContaining(['316条', '94%']))
    for (const o of c.outcomes) expect(c.body.slice(o.span[0], o.span[1])).toBe(o.quote)
    expect(c.removed.slice(0, 3).map((r) => r.reason)).toEqual(['page-header', 'page-footer', 'footnote'])
  })

  it('reads a file whose sector chain loops (a reader that follows it blindly runs out of memory)', async () => {
    const long = REPORT.paragraphs.join('')
    const looping = withLoopingChain(makeDoc({ paragraphs: [long, long, long, long, long] }), 'WordDocument')
    const r = await readDocument('looping.doc', looping)
    expect(r.text.startsWith(long)).toBe(true)
  })
})

describe('readDocument: .doc files it refuses, in one line naming the file', () => {
  it('names what a file with a .doc name really is', async () => {
    expect(await problem('a.doc', await makeDocx(['正文']))).toBe('not a Word .doc file (it is a .docx file; rename it to .docx)')
    expect(await problem('b.doc', iconv.encode('槐荫社区议事会纪要', 'gbk'))).toBe('not a Word .doc file (it is plain text; rename it to .txt)')
    expect(await problem('c.doc', new TextEncoder().encode('<html><body><p>槐荫社区</p></body></html>'))).toBe('not a Word .doc file (it is a web page; rename it to .html)')
    expect(await problem('d.doc', new TextEncoder().encode('{\\rtf1\\ansi 槐荫社区}'))).toBe('not a Word .doc file (it is an RTF file; save it as .docx)')
    expect(await problem('e.doc', makePdf([{ texts: [{ text: '槐荫', x: 72, y: 100, size: 14 }] }]))).toBe('not a Word .doc file (it is a PDF file; rename it to .pdf)')
  })

  it('refuses a damaged compound file', async () => {
    const ole = doc().slice(0, 600)
    expect(await problem('cut.doc', ole)).toMatch(/^damaged \.doc \(/)
  })

  it('refuses Office files that are not Word documents', async () => {
    expect(await problem('sheet.doc', makeOle({ Workbook: new Uint8Array(64) }))).toBe('not a Word document (an Excel workbook)')
    expect(await problem('other.doc', makeOle({ Contents: new Uint8Array(64) }))).toBe('not a Word document (an Office file without a WordDocument stream)')
    expect(await problem('bare.doc', makeOle({ WordDocument: new Uint8Array(64) }))).toBe('damaged .doc (the WordDocument stream has no Word header)')
  })

  it('refuses a password-protected .doc and a Word 6/95 file, saying what to do', async () => {
    expect(await problem('locked.doc', makeDoc({ paragraphs: ['正文'], encrypted: true }))).toBe('password-protected .doc; open it, remove the password and save it again')
    expect(await problem('old.doc', makeDoc({ paragraphs: ['正文'], nFib: 0x0065 }))).toMatch(/^a Word 6\.0\/95 document, too old to read; .* save it as \.docx$/)
  })

  it('refuses a .doc whose table stream is missing', async () => {
    const { WordDocument } = docStreams({ paragraphs: ['正文'] })
    expect(await problem('half.doc', makeOle({ WordDocument }))).toBe('damaged .doc (no 1Table stream)')
  })
})
