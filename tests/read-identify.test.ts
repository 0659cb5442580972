import { describe, expect, it } from 'vitest'
import { describeBytes } from '../ingest/read/identify.js'
import { repairGlyphForms } from '../ingest/read/glyph-forms.js'
import { makeDocx } from './fixtures/read/docx.js'
import { makeOle } from './fixtures/read/doc.js'

const utf8 = (s: string) => new TextEncoder().encode(s)

describe('describeBytes: what a file with the wrong extension really is', () => {
  it('names office files, PDFs and archives by their signature', async () => {
    expect(describeBytes(await makeDocx(['正文']))).toBe('it is a .docx file; rename it to .docx')
    expect(describeBytes(makeOle({ WordDocument: new Uint8Array(8) }))).toBe('it is an old Office file (.doc/.xls); save it as .docx')
    expect(describeBytes(utf8('%PDF-1.4\n'))).toBe('it is a PDF file; rename it to .pdf')
    expect(describeBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toBe('it is a ZIP archive')
    expect(describeBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('PNG image')
  })

  it('names text formats Word can open: RTF, web pages, web archives, Word 2003 XML', () => {
    expect(describeBytes(utf8('{\\rtf1\\ansi 正文}'))).toBe('it is an RTF file; save it as .docx')
    expect(describeBytes(utf8('<!DOCTYPE html><html><body>正文</body></html>'))).toBe('it is a web page; rename it to .html')
    expect(describeBytes(utf8('From: <saved by Windows Internet Explorer>\nMIME-Version: 1.0\n'))).toBe('it is a web archive (.mht); save the page as .html')
    expect(describeBytes(utf8('<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument>'))).toBe('it is a Word 2003 XML document; save it as .docx')
  })

  it('tells plain text from unrecognised binary data', () => {
    expect(describeBytes(utf8('社区议事会纪要'))).toBe('it is plain text; rename it to .txt')
    expect(describeBytes(new Uint8Array(200).map((_, i) => 0x80 + ((i * 53) % 120)))).toBe('unrecognised binary data')
  })
})

describe('repairGlyphForms', () => {
  it('reads Kangxi radicals, supplement radicals and compatibility ideographs as the ordinary characters, counting them', () => {
    expect(repairGlyphForms('⼈⺠⼤会堂⻔⼝，⻓期坚持')).toEqual({ text: '人民大会堂门口，长期坚持', count: 6 })
    expect(repairGlyphForms('\uf900\ufa0e')).toEqual({ text: '豈\ufa0e', count: 1 })
  })

  it('leaves ordinary text alone', () => {
    expect(repairGlyphForms('人民群众 ABC 123')).toEqual({ text: '人民群众 ABC 123', count: 0 })
  })
})
