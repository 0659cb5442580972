import { LIMITS, tooMuchText } from './limits.js'
import { readZipEntry, ZipError } from './zip.js'

/**
 * WordprocessingML → text, one paragraph per block separated by a blank line (the layout
 * mammoth.extractRawText produces; tests compare the two).
 */
const TOKEN = /<(\/?)([A-Za-z][\w.:-]*)([^>]*?)(\/?)>|([^<]+)/g
/** Elements whose text is not part of the visible document: deletions, field codes, and the
 * fallback copy of content that Word stores twice inside mc:AlternateContent. */
const SKIP = new Set(['w:delText', 'w:instrText', 'mc:Fallback', 'w:fldData'])
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
    return ENTITIES[e] ?? m
  })
}

export type DocxResult = { ok: true; text: string; title?: string } | { ok: false; problem: string }

/** Compound-file signature: a .doc renamed .docx, or a password-protected .docx (Word encrypts into one). */
const OLE = [0xd0, 0xcf, 0x11, 0xe0]

/** Document properties are a few hundred bytes; the title is all that is read from them. */
const CORE_MAX_BYTES = 1024 * 1024

export function docxToText(bytes: Uint8Array, maxChars: number = LIMITS.textChars): DocxResult {
  if (OLE.every((b, i) => bytes[i] === b)) return { ok: false, problem: 'not a readable .docx (an old .doc file or a password-protected document)' }
  let xml: Uint8Array | null
  let core: Uint8Array | null
  try {
    xml = readZipEntry(bytes, 'word/document.xml')
    core = readZipEntry(bytes, 'docProps/core.xml', CORE_MAX_BYTES)
  } catch (e) {
    if (e instanceof ZipError || e instanceof RangeError) return { ok: false, problem: `not a readable .docx (${e.message})` }
    throw e
  }
  if (!xml) return { ok: false, problem: 'not a readable .docx (no word/document.xml)' }
  const paragraphs: string[] = []
  let current = ''
  let inText = false
  let skipDepth = 0
  let length = 0
  for (const m of new TextDecoder().decode(xml).matchAll(TOKEN)) {
    const [, closing, tag, , selfClosing, text] = m
    if (text !== undefined) {
      if (inText && skipDepth === 0) current += unescapeXml(text)
      continue
    }
    if (SKIP.has(tag)) {
      if (!selfClosing) skipDepth += closing ? -1 : 1
      continue
    }
    if (tag === 'w:t') inText = !closing && !selfClosing
    else if (skipDepth > 0) continue
    else if (tag === 'w:tab' && !closing) current += '\t'
    else if ((tag === 'w:br' || tag === 'w:cr') && !closing) current += '\n'
    else if (tag === 'w:p' && (closing || selfClosing)) {
      paragraphs.push(current)
      length += current.length + 2
      current = ''
    }
    // Checked as the text grows, so a document of millions of runs stops at the limit.
    if (length + current.length > maxChars) return { ok: false, problem: tooMuchText(maxChars) }
  }
  if (current) paragraphs.push(current)
  const title = core ? /<dc:title>([^<]*)<\/dc:title>/.exec(new TextDecoder().decode(core))?.[1] : undefined
  const text = paragraphs.join('\n\n')
  return title?.trim() ? { ok: true, text, title: unescapeXml(title.trim()) } : { ok: true, text }
}
