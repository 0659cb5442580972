/**
 * Bench section `real`: every figure of issue 8's "Done means", measured on the real pages in
 * ../shared/realdev, the blind part of each set (bench/real/split.json) reported apart from the
 * development part. Web pages are scored beside Mozilla Readability (same pages, same run, same
 * scoring); html-pool is scored from the hashed labels in bench/real/labels/. Skips, saying so,
 * when ../shared is absent (a fresh clone).
 *
 *   npm run bench -- real                 dev and blind parts (the end-of-round scoring run)
 *   REAL_PARTS=dev npm run bench -- real  dev parts only: blind pages are not even read
 *   REAL_POOL_LABELS=FILE npm run bench -- real  the pool scored from a plain labels file instead of
 *                                                bench/real/labels/pool.jsonl
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { processBytes } from '../ingest/pipeline.js'
import { decodeBytes } from '../ingest/read/decode.js'
import { declaredCharset } from '../ingest/read/html.js'
import type { Case } from '../ingest/schema.js'
import { synthCorpus } from '../ingest/synth/index.js'
import { hashLabelFile } from './real/hash-labels.js'
import { pageLabel, percent, scorePages, seedLabel, type PageFigures, type PageLabel } from './real/pages-score.js'
import { readabilityOf } from './real/readability.js'
import { resolveRefLabel, type RefPageLabel } from './real/ref-labels.js'
import { scoreWeb, type WebFigures, type WebLabel, type WebOutput } from './real/web-score.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const SHARED = join(HERE, '..', '..', 'shared')
const REALDEV = join(SHARED, 'realdev')

/** Issue 8's bars for blind parts, first contact. */
const TARGETS = {
  text: { boiler: 95, keep: 99, title: 90, place: 90, outcome: 85, outcomePrecision: 80, money: 90, artifacts: 0 },
  web: { removed: 90, keep: 99, title: 90, date: 85 },
  syntheticPerSecond: 300,
  htmlPerSecond: 50,
}

type Part = 'dev' | 'blind'

interface Split {
  blind: Set<string>
}

function split(set: string): Split {
  const all = JSON.parse(readFileSync(join(HERE, 'real', 'split.json'), 'utf8')) as Record<string, { blind: string[] }>
  return { blind: new Set(all[set]?.blind ?? []) }
}

const partOf = (s: Split, id: string): Part => (s.blind.has(id) ? 'blind' : 'dev')

function files(dir: string, ext: string, wanted: (id: string) => boolean): string[] {
  return readdirSync(dir)
    .filter((f) => extname(f) === ext && wanted(basename(f, ext)))
    .sort()
    .map((f) => join(dir, f))
}

function jsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

function cases(paths: string[]): Map<string, Case> {
  const out = new Map<string, Case>()
  for (const path of paths) {
    try {
      const c = processBytes(path, readFileSync(path))
      out.set(c.id, c)
    } catch (err) {
      console.log(`  (${basename(path)}: ${(err as Error).message})`)
    }
  }
  return out
}

const f1 = (n: number) => n.toFixed(1)

function webRow(set: string, part: Part, system: string, f: WebFigures): string {
  return `| ${set} | ${part} | ${system} | ${f.pages - f.missing}/${f.pages} | ${f1(f.title)} | ${f1(f.date)} | ${f1(f.keep)} | ${f1(f.removed)} | ${f1(f.removedHard)} | ${f1(f.boundary)} | ${f1(f.cleanF)} | ${f1(f.author)} (n=${f.authorN}) |`
}

function web(parts: Part[]): Map<string, Map<Part, { casebook: WebFigures; readability: WebFigures }>> {
  console.log('### Web pages (whole HTML): Casebook beside Mozilla Readability')
  console.log('| set | part | system | pages | title % | date % | kept % | removed % | hard removed % | first+last % | clean F | author % (info) |')
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|')
  const sets: { name: string; dir: string; labels: () => WebLabel[] }[] = [
    { name: 'gne', dir: join(REALDEV, 'gne', 'pages'), labels: () => hashLabelFile(readFileSync(join(REALDEV, 'gne', 'labels.jsonl'), 'utf8')) },
    { name: 'html-pool', dir: join(REALDEV, 'html-pool'), labels: () => jsonl(join(HERE, 'real', 'labels', 'html-pool.jsonl')) as unknown as WebLabel[] },
  ]
  const results = new Map<string, Map<Part, { casebook: WebFigures; readability: WebFigures }>>()
  const attemptLines: string[] = []
  for (const set of sets) {
    const s = split(set.name)
    const paths = files(set.dir, '.html', (id) => parts.includes(partOf(s, id)))
    const ours = new Map<string, WebOutput>()
    const chosenBy = new Map<string, string>()
    for (const [id, c] of cases(paths)) {
      ours.set(id, { id, title: c.title, published: c.published, body: c.body, author: c.author })
      const note = c.messages.find((m) => m.rule === 'dom-article')?.message ?? ''
      chosenBy.set(id, /by the (\S+) attempt/.exec(note)?.[1] ?? 'whole page')
    }
    const theirs = new Map<string, WebOutput>()
    for (const path of paths) {
      const id = basename(path, '.html')
      theirs.set(id, readabilityOf(id, decodedHtml(path)))
    }
    const labels = set.labels()
    const byPart = new Map<Part, { casebook: WebFigures; readability: WebFigures }>()
    for (const part of parts) {
      const mine = labels.filter((l) => partOf(s, l.id) === part)
      const figures = { casebook: scoreWeb(mine, ours), readability: scoreWeb(mine, theirs) }
      byPart.set(part, figures)
      console.log(webRow(set.name, part, 'casebook', figures.casebook))
      console.log(webRow(set.name, part, 'readability', figures.readability))
    }
    results.set(set.name, byPart)
    const tally = new Map<string, number>()
    for (const how of chosenBy.values()) tally.set(how, (tally.get(how) ?? 0) + 1)
    attemptLines.push(`${set.name}: ${[...tally].map(([how, n]) => `${how} ${n}`).join(', ')}`)
  }
  console.log(`article chosen by attempt (all parts read): ${attemptLines.join(' | ')}`)
  return results
}

/** The page's markup decoded the way Casebook decodes it, so both systems read the same characters. */
function decodedHtml(path: string): string {
  const bytes = readFileSync(path)
  const decoded = decodeBytes(bytes, declaredCharset(bytes))
  return decoded.ok ? decoded.text : ''
}

function textRow(set: string, part: Part, f: PageFigures): string {
  return `| ${set} | ${part} | ${f.docs - f.missing}/${f.docs} | ${percent(f.boiler)} | ${percent(f.keep)} | ${percent(f.title)} | ${percent(f.place)} | ${percent(f.outcome)} | ${percent(f.outcomePrecision)} | ${percent(f.money)} | ${f.artifacts} | ${percent(f.model)} | ${percent(f.date)} |`
}

function text(parts: Part[]): Map<string, Map<Part, PageFigures>> {
  console.log('\n### Text excerpts (pages-a, pages-b, pool when its labels are given) and the five seeds')
  console.log('| set | part | docs | boilerplate removed % | body kept % | title % | place % | outcomes found % | outcome precision % | money % | pinyin artifacts | models % (info) | date % (info) |')
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|')
  const results = new Map<string, Map<Part, PageFigures>>()
  for (const name of ['pages-a', 'pages-b']) {
    const s = split(name)
    const labels = jsonl(join(REALDEV, name, 'labels.jsonl')).map(pageLabel)
    const out = cases(files(join(REALDEV, name, 'docs'), '.txt', (id) => parts.includes(partOf(s, id))))
    const byPart = new Map<Part, PageFigures>()
    for (const part of parts) {
      const figures = scorePages(labels.filter((l) => partOf(s, l.id) === part), out)
      byPart.set(part, figures)
      console.log(textRow(name, part, figures))
    }
    results.set(name, byPart)
  }
  const pool = poolPart(parts)
  if (pool) results.set('pool', pool)
  const seeds: PageLabel[] = (JSON.parse(readFileSync(join(SHARED, 'seeds', 'expected.json'), 'utf8')) as Record<string, unknown>[]).map(seedLabel)
  const seedFigures = scorePages(seeds, cases(files(join(SHARED, 'seeds'), '.txt', () => true)))
  console.log(textRow('seeds', 'dev', seedFigures))
  results.set('seeds', new Map([['dev', seedFigures]]))
  return results
}

/**
 * The pool's text pages. Their labels quote page text, so the repository keeps them as references
 * into the pages (bench/real/labels/pool.jsonl, ref-labels.ts), resolved here against the pages
 * in ../shared; REAL_POOL_LABELS names a plain labels file (pages schema) to score instead. The
 * blind ids come from split.json like every other set's. Only labelled pages of the parts asked
 * for are read.
 */
function poolPart(parts: Part[]): Map<Part, PageFigures> | null {
  const plain = process.env.REAL_POOL_LABELS
  const path = plain ?? join(HERE, 'real', 'labels', 'pool.jsonl')
  if (!existsSync(path)) {
    console.log(`| pool | skipped: no labels at ${path} |`)
    return null
  }
  const s = split('pool')
  const docs = join(REALDEV, 'pool', 'docs')
  const wanted = (id: string) => parts.includes(partOf(s, id))
  const raw = jsonl(path).filter((l) => wanted(String(l.id)))
  const labels = plain
    ? raw.map(pageLabel)
    : (raw as unknown as RefPageLabel[]).map((l) => resolveRefLabel(l, readFileSync(join(docs, `${l.id}.txt`), 'utf8')))
  const labelled = new Set(labels.map((l) => l.id))
  const out = cases(files(docs, '.txt', (id) => labelled.has(id)))
  const byPart = new Map<Part, PageFigures>()
  for (const part of parts) {
    const ofPart = labels.filter((l) => partOf(s, l.id) === part)
    if (!ofPart.length) {
      console.log(`| pool | ${part} | no labelled pages |`)
      continue
    }
    const figures = scorePages(ofPart, out)
    byPart.set(part, figures)
    console.log(textRow('pool', part, figures))
  }
  return byPart
}

/** Reports per second of CPU time through read + clean + extract, after one warm-up round. */
function rate(items: { name: string; bytes: Uint8Array }[], rounds = 3): number {
  for (const it of items) processBytes(it.name, it.bytes)
  const start = cpuMs()
  for (let r = 0; r < rounds; r++) for (const it of items) processBytes(it.name, it.bytes)
  return (items.length * rounds) / ((cpuMs() - start) / 1000)
}

function throughput(parts: Part[]): { synthetic: number; html: number } {
  console.log('\n### Throughput (one process, CPU time: the machine is shared)')
  const synthetic = rate(synthCorpus(500, 20240601).map((r) => ({ name: r.name, bytes: r.bytes })), 2)
  const pages = ['gne', 'html-pool'].flatMap((set) => {
    const s = split(set)
    const dir = set === 'gne' ? join(REALDEV, 'gne', 'pages') : join(REALDEV, 'html-pool')
    return files(dir, '.html', (id) => parts.includes(partOf(s, id))).map((path) => ({ name: path, bytes: readFileSync(path) as Uint8Array }))
  })
  const html = rate(pages)
  console.log(`synthetic reports, read + clean + extract: ${synthetic.toFixed(0)} reports/s (target ${TARGETS.syntheticPerSecond})`)
  console.log(`real HTML pages (${pages.length}), read + clean + extract: ${html.toFixed(1)} pages/s (target ${TARGETS.htmlPerSecond})`)
  return { synthetic, html }
}

const mark = (ok: boolean) => (ok ? 'met' : 'MISSED')

function verdicts(webResults: ReturnType<typeof web>, textResults: ReturnType<typeof text>, speed: { synthetic: number; html: number }, parts: Part[]): void {
  console.log('\n### Issue 8 targets')
  const part: Part = parts.includes('blind') ? 'blind' : 'dev'
  if (part === 'dev') console.log('(dev parts only: the targets are for blind parts, first contact)')
  for (const [set, byPart] of webResults) {
    const f = byPart.get(part)
    if (!f) continue
    const c = f.casebook
    const t = TARGETS.web
    console.log(
      `${set} ${part}: removed ${f1(c.removed)} ≥ ${t.removed} ${mark(c.removed >= t.removed)} | kept ${f1(c.keep)} ≥ ${t.keep} ${mark(c.keep >= t.keep)} | title ${f1(c.title)} ≥ ${t.title} ${mark(c.title >= t.title)} | date ${f1(c.date)} ≥ ${t.date} ${mark(c.date >= t.date)} | clean F ${f1(c.cleanF)} > Readability ${f1(f.readability.cleanF)} ${mark(c.cleanF > f.readability.cleanF)}`,
    )
  }
  for (const [set, byPart] of textResults) {
    const f = byPart.get(set === 'seeds' ? 'dev' : part)
    if (!f) continue
    const t = TARGETS.text
    const p = (x: { hits: number; total: number }) => (x.total ? (100 * x.hits) / x.total : 100)
    const bars: [string, number, number][] = set === 'seeds'
      ? [['boilerplate', p(f.boiler), 100], ['kept', p(f.keep), 100], ['title', p(f.title), 100], ['place', p(f.place), 100], ['outcomes', p(f.outcome), 100], ['money', p(f.money), 100]]
      : [['boilerplate', p(f.boiler), t.boiler], ['kept', p(f.keep), t.keep], ['title', p(f.title), t.title], ['place', p(f.place), t.place], ['outcomes', p(f.outcome), t.outcome], ['outcome precision', p(f.outcomePrecision), t.outcomePrecision], ['money', p(f.money), t.money]]
    const line = bars.map(([name, v, bar]) => `${name} ${f1(v)} ≥ ${bar} ${mark(v >= bar)}`).join(' | ')
    console.log(`${set}${set === 'seeds' ? '' : ` ${part}`}: ${line} | pinyin artifacts ${f.artifacts} ${mark(f.artifacts <= TARGETS.text.artifacts)}`)
  }
  console.log(`throughput: synthetic ${speed.synthetic.toFixed(0)} reports/s ${mark(speed.synthetic >= TARGETS.syntheticPerSecond)} | real HTML ${speed.html.toFixed(1)} pages/s ${mark(speed.html >= TARGETS.htmlPerSecond)}`)
}

export async function run(): Promise<void> {
  console.log('## Real pages (../shared/realdev): issue 8 figures, blind parts apart from dev parts')
  if (!existsSync(REALDEV)) {
    console.log('skipped: ../shared/realdev is absent (a fresh clone has no ../shared)')
    return
  }
  const parts: Part[] = process.env.REAL_PARTS === 'dev' ? ['dev'] : ['dev', 'blind']
  const webResults = web(parts)
  const textResults = text(parts)
  verdicts(webResults, textResults, throughput(parts), parts)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
