/**
 * Bench section: real text through a real PDF producer. The development excerpts of
 * ../shared/realdev (pages-a, pages-b; blind ids left out) are printed to PDF by chromium, the way a
 * browser's "Print to PDF" does (its date/title header and URL/page-number footer on, type large
 * enough that most run to two pages), read back through processDocument, and scored against the
 * labels beside the same excerpts read as .txt. The gap is what reading a PDF loses; a leak count
 * says how often the printer's header or footer reached a body.
 * Skips (and says so) without ../shared, chromium or a Chinese font. Run alone with
 * `npx tsx bench/pdf-print.ts`.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { processDocument } from '../ingest/pipeline.js'
import type { Case } from '../ingest/schema.js'

const REAL = join(import.meta.dirname, '../../shared/realdev')
const SCORER = join(import.meta.dirname, '../../shared/tools/score_extract.py')
const SPLIT = join(import.meta.dirname, 'real/split.json')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const SETS = ['pages-a', 'pages-b']

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function page(id: string, text: string): string {
  const paras = text.split(/\n+/).filter((l) => l.trim())
  return `<!doctype html><html><head><meta charset="utf-8"><title>${id}</title><style>body{font-family:"WenQuanYi Micro Hei",sans-serif;font-size:26px;line-height:1.6}p{margin:0;text-indent:2em}</style></head><body>${paras.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</body></html>`
}

function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0
  } catch {
    return false
  }
}

function score(labels: string, cases: Case[], dir: string, name: string): string {
  const out = join(dir, `${name}.json`)
  writeFileSync(out, JSON.stringify(cases))
  try {
    return execFileSync('python3', [SCORER, labels, out], { encoding: 'utf8' }).trim()
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e).trim()
  }
}

export async function run(): Promise<void> {
  console.log('## PDF print (real dev excerpts printed to PDF by chromium, read back; scored beside the .txt)')
  if (!existsSync(REAL)) return console.log('skipped: ../shared/realdev is absent')
  if (!existsSync(CHROMIUM)) return console.log(`skipped: no chromium at ${CHROMIUM}`)
  if (!hasChineseFont()) return console.log('skipped: no Chinese font installed (fc-list :lang=zh is empty; e.g. apt-get install fonts-wqy-microhei)')
  const split = JSON.parse(readFileSync(SPLIT, 'utf8')) as Record<string, { blind?: string[] }>
  const dir = mkdtempSync(join(tmpdir(), 'casebook-pdf-print-'))
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  try {
    for (const set of SETS) {
      const blind = new Set(split[set]?.blind ?? [])
      const ids = readdirSync(join(REAL, set, 'docs'))
        .filter((n) => n.endsWith('.txt'))
        .map((n) => n.replace(/\.txt$/, ''))
        .filter((id) => !blind.has(id))
      const labels = join(dir, `${set}-labels.jsonl`)
      writeFileSync(
        labels,
        readFileSync(join(REAL, set, 'labels.jsonl'), 'utf8')
          .split('\n')
          .filter((l) => l.trim() && !blind.has(JSON.parse(l).id))
          .join('\n'),
      )
      const tab = await browser.newPage()
      const fromTxt: Case[] = []
      const fromPdf: Case[] = []
      let pages = 0
      let leaks = 0
      let ms = 0
      for (const id of ids) {
        const text = readFileSync(join(REAL, set, 'docs', `${id}.txt`))
        fromTxt.push(await processDocument(`${id}.txt`, text))
        await tab.setContent(page(id, text.toString('utf8')))
        const pdf = await tab.pdf({ format: 'A4', displayHeaderFooter: true, margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' } })
        pages += (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
        const started = performance.now()
        const c = await processDocument(`${id}.pdf`, pdf)
        ms += performance.now() - started
        fromPdf.push(c)
        // The printer's header carries the <title> (the id) and a date; its footer "about:blank" and "n/m".
        if (c.body.split('\n\n').some((p) => p.includes(id) || p.includes('about:blank') || /^\d+\/\d+$/.test(p) || /\d{1,2}:\d{2}\s?[AP]M/.test(p))) leaks++
      }
      await tab.close()
      console.log(`${set}: ${ids.length} dev excerpts, ${pages} PDF pages, ${(ms / ids.length).toFixed(0)} ms/PDF; printer header/footer in the body: ${leaks}`)
      console.log(`  txt: ${score(labels, fromTxt, dir, `${set}-txt`)}`)
      console.log(`  pdf: ${score(labels, fromPdf, dir, `${set}-pdf`)}`)
    }
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
