/**
 * Bench section: the same report as .txt, .docx, .doc and .pdf (the test generators' files),
 * read + cleaned + extracted through processDocument on one core. The figures are rates and
 * ratios to .txt in one run: what a user uploading a PDF waits compared with pasted text.
 * Run alone with `npx tsx bench/formats.ts [N]`.
 */
import { pathToFileURL } from 'node:url'
import { processDocument } from '../ingest/pipeline.js'
import { REPORT } from '../tests/fixtures/read/documents.js'
import { makeDoc } from '../tests/fixtures/read/doc.js'
import { makeDocx } from '../tests/fixtures/read/docx.js'
import { layoutReport, makePdf } from '../tests/fixtures/read/pdf.js'

export async function run(n = 40): Promise<void> {
  const paragraphs = [REPORT.headline, ...REPORT.paragraphs]
  const pages = layoutReport({ title: REPORT.title, paragraphs: REPORT.paragraphs, runningHead: REPORT.runningHead, folio: (k) => `- ${k} -`, linesPerPage: 8 })
  const files: [name: string, bytes: Uint8Array][] = [
    ['report.txt', new TextEncoder().encode(paragraphs.join('\n\n'))],
    ['report.docx', await makeDocx(paragraphs)],
    ['report.doc', makeDoc({ paragraphs, header: REPORT.runningHead })],
    ['report.pdf', makePdf(pages)],
  ]
  console.log(`## Formats (the same ${paragraphs.join('').length}-character report, ${pages.length} PDF pages; read + clean + extract, ${n} runs each, one core)`)
  let txt = 0
  for (const [name, bytes] of files) {
    // First call outside the clock: it loads pdf.js or word-extractor, dictionaries and the JIT.
    const first = performance.now()
    await processDocument(name, bytes)
    const cold = performance.now() - first
    const started = performance.now()
    for (let i = 0; i < n; i++) await processDocument(name, bytes)
    const rate = n / ((performance.now() - started) / 1000)
    if (name.endsWith('.txt')) txt = rate
    console.log(`${name.padEnd(12)} ${rate.toFixed(0).padStart(6)} reports/s  (${(txt / rate).toFixed(1)}× the time of .txt; first call ${cold.toFixed(0)} ms)`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(Number(process.argv[2]) || undefined)
