/**
 * Issue 11, failure 1 and the limits on what input expands to: a report is refused with one
 * InputError line, early, whatever its bytes unpack, decode or nest to.
 */
import { deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { processBytes } from '../../ingest/pipeline.js'
import { InputError } from '../../ingest/read/index.js'
import { chunk } from '../../ingest/embed/chunk.js'
import { docx, docxBomb, REPORT_TEXT } from './helpers.js'

function refusal(name: string, bytes: Uint8Array): InputError {
  try {
    processBytes(name, bytes)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error(`${name} was accepted`)
}

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('given a .docx whose document part unpacks far past its size (a decompression bomb)', () => {
  it('refuses it by its unpacked size, naming the file, before reading its text', async () => {
    const bomb = await docxBomb(48)
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024)
    const error = refusal('bomb.docx', bomb)
    expect(error.message).toMatch(/^bomb\.docx: not a readable \.docx \(word\/document\.xml unpacks to more than 32\.0 MB/)
    expect(error.message).not.toContain('\n')
  })

  it('refuses a zip whose entry sizes lie, while inflating', async () => {
    const good = await docx('<w:p><w:r><w:t>短文</w:t></w:r></w:p>')
    // Same archive, the real document part swapped for 40 MB of compressed spaces under a small declared size.
    const huge = deflateRawSync(Buffer.alloc(40 * 1024 * 1024, 0x20))
    const error = refusal('liar.docx', lieAboutSize(good, huge))
    expect(error.problem).toMatch(/unpacks to more than|damaged/)
  })

  it('refuses a directory of more entries than a document has', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 10_001; i++) files[`media/x${i}.txt`] = ''
    const error = refusal('many.docx', await docx('<w:p><w:r><w:t>短文</w:t></w:r></w:p>', files))
    expect(error.problem).toContain('too many entries')
  })
})

describe('given text past a million characters once decoded', () => {
  it('refuses plain text and Markdown before cleaning them', () => {
    const long = `${REPORT_TEXT}\n\n`.repeat(Math.ceil(1_000_001 / REPORT_TEXT.length))
    expect(refusal('long.txt', utf8(long)).problem).toContain('too much text')
    expect(refusal('long.md', utf8(long)).problem).toContain('too much text')
  })

  it('refuses a .docx whose text runs past the limit', async () => {
    const paragraph = `<w:p><w:r><w:t>${'议'.repeat(10_000)}</w:t></w:r></w:p>`
    expect(refusal('long.docx', await docx(paragraph.repeat(101))).problem).toContain('too much text')
  })
})

describe('given markup nested deeper than any report', () => {
  it('refuses HTML of 100,000 nested elements with a message, not a stack overflow', () => {
    const error = refusal('deep.html', utf8(`<html><body>${'<div>'.repeat(100_000)}深</body></html>`))
    expect(error.problem).toContain('HTML nested too deeply')
  })

  it('reads the deepest HTML it accepts without overflowing the stack (tables in paragraphs, no doctype)', () => {
    const c = processBytes('nested.html', utf8(`<html><body>${'<table><tr><td><p>'.repeat(254)}${REPORT_TEXT}</body></html>`))
    expect(c.body).toContain('三会一评')
  })

  it('refuses Markdown nested a thousand quotes deep', () => {
    expect(refusal('deep.md', utf8(`${'>'.repeat(1000)} 引用\n`)).problem).toContain('Markdown nested too deeply')
  })

  it('keeps reading a page whose many unclosed cells are siblings, not levels', () => {
    const rows = '<tr><td>楼栋<td>户数'.repeat(5000)
    const c = processBytes('table.html', utf8(`<html><body><p>${REPORT_TEXT}</p><table>${rows}</table></body></html>`))
    expect(c.body).toContain('三会一评')
  })
})

describe('given one paragraph thousands of passages long', () => {
  it('chunks it without spreading the pieces onto the stack', () => {
    const body = '居民议事，'.repeat(400_000)
    const passages = chunk(body, { min: 5, max: 10 })
    expect(passages.length).toBeGreaterThan(150_000)
    expect(passages.every((p) => body.slice(p.span[0], p.span[1]) === p.text)).toBe(true)
  })
})

/** `zip` with its word/document.xml data replaced by `data`, the declared sizes left small. */
function lieAboutSize(zip: Uint8Array, data: Buffer): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const name = new TextEncoder().encode('word/document.xml')
  // Find the local header of the document part.
  for (let p = 0; p + 30 < zip.length; p++) {
    if (view.getUint32(p, true) !== 0x04034b50) continue
    const nameLen = view.getUint16(p + 26, true)
    if (Buffer.compare(Buffer.from(zip.subarray(p + 30, p + 30 + nameLen)), Buffer.from(name)) !== 0) continue
    const extraLen = view.getUint16(p + 28, true)
    const compressed = view.getUint32(p + 18, true)
    const start = p + 30 + nameLen + extraLen
    const before = Buffer.from(zip.subarray(0, start))
    const after = Buffer.from(zip.subarray(start + compressed))
    const out = Buffer.concat([before, data, after])
    const outView = new DataView(out.buffer, out.byteOffset, out.byteLength)
    outView.setUint32(p + 18, data.length, true)
    const shift = data.length - compressed
    // Fix the central directory: this entry's compressed size and the later offsets.
    const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
    const dirStart = outView.getUint32(eocd + 16, true) + shift
    outView.setUint32(eocd + 16, dirStart, true)
    for (let q = dirStart; q < eocd; ) {
      const n = outView.getUint16(q + 28, true)
      const entryName = out.subarray(q + 46, q + 46 + n).toString()
      const local = outView.getUint32(q + 42, true)
      if (entryName === 'word/document.xml') outView.setUint32(q + 20, data.length, true)
      else if (local > p) outView.setUint32(q + 42, local + shift, true)
      q += 46 + n + outView.getUint16(q + 30, true) + outView.getUint16(q + 32, true)
    }
    return new Uint8Array(out)
  }
  throw new Error('no document part')
}
