/**
 * Bench section: read (decode) + clean + extract throughput on one core, over 2,000 generated
 * reports (mixed junk, scripts, encodings, .txt/.html) held in memory; target 300 reports/s.
 * Run alone with `npx tsx bench/clean-extract.ts [N]`.
 */
import { pathToFileURL } from 'node:url'
import { clean } from '../ingest/clean/index.js'
import { extract } from '../ingest/extract/index.js'
import { decodeReport } from '../ingest/read/index.js'
import { toSimplified } from '../ingest/text/script.js'
import { synthCorpus, type SynthReport } from '../ingest/synth/index.js'

const TARGET = 300
const SEED = 20240601
const WARM_UP = 300

function pct(hits: number, total: number): string {
  return `${((100 * hits) / Math.max(1, total)).toFixed(1)}%`
}

/** What the generator knows each report contains vs what came out: a regression signal, not a test. */
function quality(reports: SynthReport[], results: { body: string; title: string | null; fundingWan: (number | null)[]; city: string | null }[]): string {
  let junk = 0
  let junkGone = 0
  let paras = 0
  let kept = 0
  let titles = 0
  let funding = 0
  let fundingFound = 0
  let cities = 0
  reports.forEach((r, i) => {
    const out = results[i]
    for (const j of r.truth.junk) {
      junk++
      if (!out.body.includes(j)) junkGone++
    }
    for (const p of r.truth.paragraphs) {
      paras++
      if (out.body.includes(p)) kept++
    }
    if (out.title === r.truth.title) titles++
    for (const w of r.truth.fundingWan) {
      funding++
      if (out.fundingWan.includes(w)) fundingFound++
    }
    const city = out.city && toSimplified(out.city)
    if (city && (r.truth.place.city.includes(city) || city.includes(r.truth.place.city.replace(/市$/, '')))) cities++
  })
  return `junk lines removed ${pct(junkGone, junk)}, body paragraphs kept ${pct(kept, paras)}, titles exact ${pct(titles, reports.length)}, funding amounts found ${pct(fundingFound, funding)}, city right ${pct(cities, reports.length)}`
}

export async function run(n = 2000): Promise<void> {
  console.log(`## Read + clean + extract (${n} generated reports, one core, target ${TARGET} reports/s)`)
  const reports = synthCorpus(n, SEED)
  const bytes = reports.reduce((s, r) => s + r.bytes.length, 0)
  // Warm-up outside the clock, on other reports: first calls load dictionaries, compile regexes
  // and leave the JIT cold; a corpus run is long enough to amortize that.
  for (const r of synthCorpus(WARM_UP, SEED + 1)) {
    const read = decodeReport(r.name, r.bytes)
    const c = clean(read.text, { format: read.format, file: r.name, hints: read.hints })
    extract({ body: c.body, title: c.title, script: c.script })
  }
  const ms = { read: 0, clean: 0, extract: 0 }
  const results: { body: string; title: string | null; fundingWan: (number | null)[]; city: string | null }[] = []
  for (const r of reports) {
    let t = performance.now()
    const read = decodeReport(r.name, r.bytes)
    ms.read += performance.now() - t
    t = performance.now()
    const c = clean(read.text, { format: read.format, file: r.name, hints: read.hints })
    ms.clean += performance.now() - t
    t = performance.now()
    const e = extract({ body: c.body, title: c.title, script: c.script })
    ms.extract += performance.now() - t
    results.push({ body: c.body, title: c.title, fundingWan: e.funding.map((f) => f.amountWan), city: e.place.city })
  }
  const total = (ms.read + ms.clean + ms.extract) / 1000
  const rate = n / total
  console.log(`input: ${(bytes / 1024 / 1024).toFixed(2)} MB, ${(bytes / n / 1024).toFixed(1)} KB/report (after ${WARM_UP} warm-up reports)`)
  console.log(`stage ms/report: read ${(ms.read / n).toFixed(3)} | clean ${(ms.clean / n).toFixed(3)} | extract ${(ms.extract / n).toFixed(3)}`)
  console.log(`throughput: ${rate.toFixed(0)} reports/s, ${(bytes / 1024 / 1024 / total).toFixed(2)} MB/s — ${(rate / TARGET).toFixed(2)}× the ${TARGET} reports/s target`)
  console.log(`quality on the same reports: ${quality(reports, results)}`)
  console.log(`peak RSS: ${((process.resourceUsage().maxRSS * 1024) / 1024 / 1024).toFixed(0)} MB`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(Number(process.argv[2]) || undefined)
