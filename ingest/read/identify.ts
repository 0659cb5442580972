import { decodeBytes } from './decode.js'
import { sniffBinary, startsWith } from './sniff.js'

/**
 * What a file really is, for the message when its name promises another format ("report.doc"
 * that is a saved web page). Rows in order; the first that matches names the content and says
 * what to do.
 */
const KINDS: { id: string; test: (head: string, bytes: Uint8Array) => boolean; says: string }[] = [
  { id: 'docx', test: (_, b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && head(b, 4096).includes('word/'), says: 'it is a .docx file; rename it to .docx' },
  { id: 'zip', test: (_, b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]), says: 'it is a ZIP archive' },
  { id: 'pdf', test: (h) => h.startsWith('%PDF-'), says: 'it is a PDF file; rename it to .pdf' },
  { id: 'ole', test: (_, b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0]), says: 'it is an old Office file (.doc/.xls); save it as .docx' },
  { id: 'rtf', test: (h) => h.startsWith('{\\rtf'), says: 'it is an RTF file; save it as .docx' },
  { id: 'mht', test: (h) => /^(?:[\w-]+:[^\n]*\n)*mime-version:/i.test(h), says: 'it is a web archive (.mht); save the page as .html' },
  { id: 'html', test: (h) => /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[^]*?-->\s*)*<(?:!doctype html|html[\s>])/i.test(h), says: 'it is a web page; rename it to .html' },
  { id: 'word-xml', test: (h) => /^\s*<\?xml[^>]*>\s*(?:<\?mso-application[^>]*>\s*)?<w:wordDocument/i.test(h), says: 'it is a Word 2003 XML document; save it as .docx' },
]

function head(bytes: Uint8Array, n: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, n)).toString('latin1')
}

/** A short description of the content: what kind of file it is and what to do, or what binary data it looks like. */
export function describeBytes(bytes: Uint8Array): string {
  const h = head(bytes, 1024)
  const kind = KINDS.find((k) => k.test(h, bytes))
  if (kind) return kind.says
  const binary = sniffBinary(bytes)
  if (binary) return binary
  return decodeBytes(bytes.subarray(0, 64 * 1024)).ok ? 'it is plain text; rename it to .txt' : 'unrecognised binary data'
}
