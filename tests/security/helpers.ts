/** Hostile inputs for the security tests, made here in our own words. */
import { readFileSync } from 'node:fs'
import JSZip from 'jszip'

const PARAGRAPH = '<w:p><w:r><w:t>幸福里社区议事会每月召开一次，居民代表轮流主持。</w:t></w:r></w:p>'

/** A .docx whose document part unpacks to about `megabytes` MB of paragraphs. */
export async function docxBomb(megabytes: number): Promise<Uint8Array> {
  const body = PARAGRAPH.repeat(Math.ceil((megabytes * 1024 * 1024) / Buffer.byteLength(PARAGRAPH)))
  return docx(body)
}

export async function docx(bodyXml: string, extra: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new JSZip()
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="w"><w:body>${bodyXml}</w:body></w:document>`)
  for (const [name, content] of Object.entries(extra)) zip.file(name, content)
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } })
}

/** A small valid report in each format, for mutation. */
export const REPORT_TEXT = '和平里社区“三会一评”工作法\n\n2023年，和平里社区投入12万元改造3栋老旧楼，成立业委会，居民议事会每月协商停车难问题。'

/** Resident set size of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}
