/**
 * Trains the achievement-or-baseline classifier for counts (ingest/extract/outcome-model.json) on
 * the development pages of ../shared/realdev (pages-a, pages-b; the blind ids of
 * bench/real/split.json are never read), and prints its evaluation: leave-one-page-out precision
 * and recall of the counts kept, at each threshold, then the chosen one.
 * Run: npx tsx ingest/extract/train-outcomes.ts [--write] [--labels FILE.jsonl ...]
 *
 * More labelled pages (same schema, e.g. the pool's text pages) come from label files named with
 * --labels or in OUTCOME_LABELS (paths separated by ':'). They stay outside the repository, since
 * their quotes are page text; a page of a blind part stops the run rather than being read.
 *
 * A count is a positive example when a labelled outcome of its page has the same value and a quote
 * that overlaps the count's clause (the matching rule of score_extract.py). The model is a plain
 * logistic regression over the yes/no features of outcome-features.ts, trained by full-batch
 * gradient descent from zero weights, each weight kept on the side its feature points to:
 * deterministic, and small enough to read.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { basename, join, resolve, sep } from 'node:path'
import { processReport } from '../pipeline.js'
import { findCounts } from './counts.js'
import { clauseAt, makeDoc } from './document.js'
import { OUTCOME_FEATURES } from './outcome-features.js'
import { featuresOf, type OutcomeModel, probability } from './outcome-model.js'
import { DEFAULT_OPTIONS } from './types.js'

const REALDEV = new URL('../../../shared/realdev/', import.meta.url).pathname
const SPLIT = new URL('../../bench/real/split.json', import.meta.url).pathname
const SETS = ['pages-a', 'pages-b']
// Where the pages of extra label files are looked up, by id.
const DOC_SETS = [...SETS, 'pool']
const REPO = new URL('../../', import.meta.url).pathname
// L2 penalty and steps: with ~60 pages, weights must stay small enough to carry to unseen ones.
const L2 = 0.005
const STEPS = 3000
const RATE = 0.5
// Precision matters as much as recall here: the threshold maximises F1 over left-out pages, and
// among near-equal ones the strictest is taken.
const THRESHOLDS = Array.from({ length: 17 }, (_, i) => 0.1 + i * 0.05)
const F1_SLACK = 0.01

interface Example {
  page: string
  /** The count and its clause, for the --errors listing. */
  text: string
  features: string[]
  positive: boolean
  /** Labelled outcomes this count matches (indexes), for recall over labels. */
  matches: number[]
}

interface Page {
  id: string
  examples: Example[]
  labelled: number
}

const norm = (s: string) => s.normalize('NFKC').replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g, '').replace(/\s+/g, '')
const overlaps = (a: string, b: string) => {
  if (a.includes(b) || b.includes(a)) return true
  for (let i = 0; i + 4 <= a.length; i++) if (b.includes(a.slice(i, i + 4))) return true
  return false
}

interface LabelRow {
  id: string
  /** Pool labels say whether the page reports a case at all. */
  kind?: 'case' | 'not-a-case'
  outcomes?: { value: number; quote: string }[]
}

const jsonl = (path: string): LabelRow[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelRow)

/** Extra label files (each after --labels, or in OUTCOME_LABELS), refused when inside the repository. */
function extraLabelFiles(argv: string[], env: string | undefined): string[] {
  const files = argv.flatMap((a, i) => (a === '--labels' && argv[i + 1] ? [argv[i + 1]] : []))
  files.push(...(env ?? '').split(':').filter(Boolean))
  for (const f of files) {
    if (resolve(f).startsWith(resolve(REPO) + sep)) throw new Error(`${f}: label files quote page text and stay outside the repository`)
    if (!existsSync(f)) throw new Error(`${f}: no such label file`)
  }
  return files
}

/** The page a label row describes, in its set under ../shared/realdev; a blind id is refused. */
function docOf(id: string, file: string, split: Record<string, { blind: string[] }>): string {
  for (const set of Object.keys(split)) {
    if (split[set].blind?.includes(id)) throw new Error(`${file}: ${id} is a blind page of ${set} (bench/real/split.json); its labels may not train the model`)
  }
  for (const set of DOC_SETS) {
    const path = join(REALDEV, set, 'docs', `${id}.txt`)
    if (existsSync(path)) return path
  }
  throw new Error(`${file}: no page ${id}.txt under ${REALDEV}`)
}

async function loadPages(extra: string[]): Promise<Page[]> {
  const split = JSON.parse(readFileSync(SPLIT, 'utf8')) as Record<string, { blind: string[] }>
  const rows: { label: LabelRow; path: string }[] = []
  for (const set of SETS) {
    const blind = new Set(split[set].blind)
    const docs = new Set(readdirSync(join(REALDEV, set, 'docs')))
    for (const label of jsonl(join(REALDEV, set, 'labels.jsonl')).sort((a, b) => a.id.localeCompare(b.id))) {
      if (blind.has(label.id) || !docs.has(`${label.id}.txt`)) continue
      rows.push({ label, path: join(REALDEV, set, 'docs', `${label.id}.txt`) })
    }
  }
  const seen = new Set(rows.map((r) => r.label.id))
  for (const file of extra) {
    for (const label of jsonl(file)) {
      const path = docOf(label.id, file, split)
      // The classifier reads counts of case reports. A page labelled as no case (an explainer, a
      // policy text, a study) has result-shaped sentences that are examples or targets; its
      // sentences alone cannot tell, so it would only teach the sentence cues wrong lessons.
      if (label.kind === 'not-a-case') continue
      // Two readers may label the same page; the first file named wins.
      if (seen.has(label.id)) continue
      seen.add(label.id)
      rows.push({ label, path })
    }
  }
  const pages: Page[] = []
  for (const { label, path } of rows) {
    const c = await processReport(path)
    const doc = makeDoc(c.body, c.title, c.script, DEFAULT_OPTIONS.maxSentenceQuote)
    const outcomes = label.outcomes ?? []
    const examples = findCounts(doc).flatMap((k): Example[] => {
      const features = featuresOf(doc, k)
      if (!features) return []
      const clause = clauseAt(doc, k.start)
      const q = norm(doc.body.slice(clause[0], clause[1]))
      const matches = outcomes.flatMap((o, i) => (Math.abs(o.value - k.value) < 1e-6 && overlaps(norm(o.quote), q) ? [i] : []))
      // A clause that shares only "10个社区" with the labelled quote is another mention of the
      // figure ("下辖10个社区" beside "深入10个社区"): the quote must hold the count with the
      // characters on either side of it here (up to two, as far as the quote reaches).
      const near = (o: { quote: string }) => {
        const nq = norm(o.quote)
        const figure = norm(doc.body.slice(k.start, k.end))
        const at = nq.indexOf(figure)
        if (at < 0) return false
        const left = nq.slice(Math.max(0, at - 2), at)
        const right = nq.slice(at + figure.length, at + figure.length + 2)
        return norm(doc.body.slice(Math.max(0, k.start - 8), k.start)).endsWith(left) && norm(doc.body.slice(k.end, k.end + 8)).startsWith(right)
      }
      const positive = outcomes.some((o) => Math.abs(o.value - k.value) < 1e-6 && near(o))
      const text = `${doc.body.slice(Math.max(clause[0], k.start - 24), k.start)}【${doc.body.slice(k.start, k.end)}】${doc.body.slice(k.end, Math.min(clause[1], k.end + 12))}`
      return [{ page: label.id, text, features, positive, matches }]
    })
    pages.push({ id: label.id, examples, labelled: outcomes.length })
  }
  return pages
}

function train(examples: Example[]): OutcomeModel {
  const ids = OUTCOME_FEATURES.map((f) => f.id)
  const w = new Map(ids.map((id) => [id, 0]))
  let bias = 0
  const n = Math.max(1, examples.length)
  for (let step = 0; step < STEPS; step++) {
    const grad = new Map(ids.map((id) => [id, 0]))
    let gBias = 0
    for (const e of examples) {
      let z = bias
      for (const f of e.features) z += w.get(f)!
      const err = 1 / (1 + Math.exp(-z)) - (e.positive ? 1 : 0)
      gBias += err
      for (const f of e.features) grad.set(f, grad.get(f)! + err)
    }
    bias -= (RATE * gBias) / n
    for (const f of OUTCOME_FEATURES) {
      const next = w.get(f.id)! - RATE * (grad.get(f.id)! / n + L2 * w.get(f.id)!)
      w.set(f.id, f.points === 'achievement' ? Math.max(0, next) : f.points === 'baseline' ? Math.min(0, next) : next)
    }
  }
  const round = (x: number) => Math.round(x * 1000) / 1000
  return { bias: round(bias), weights: Object.fromEntries(ids.map((id) => [id, round(w.get(id)!)])), threshold: 0.5 }
}

interface Figures {
  kept: number
  right: number
  found: number
  labelled: number
  /** Counts kept on pages with no labelled outcome (explainers, policy texts, plans): all wrong. */
  keptElsewhere: number
}

/** Precision over kept counts (on pages with labelled outcomes, as the scorer counts it) and recall over labels. */
function figures(pages: Page[], scored: Map<Example, number>, threshold: number): Figures {
  const f: Figures = { kept: 0, right: 0, found: 0, labelled: 0, keptElsewhere: 0 }
  for (const page of pages) {
    f.labelled += page.labelled
    if (page.labelled === 0) {
      f.keptElsewhere += page.examples.filter((e) => scored.get(e)! >= threshold).length
      continue
    }
    const found = new Set<number>()
    for (const e of page.examples) {
      if (scored.get(e)! < threshold) continue
      f.kept++
      if (e.matches.length > 0) f.right++
      for (const i of e.matches) found.add(i)
    }
    f.found += found.size
  }
  return f
}

const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`
const overAll = (f: Figures) => `${pct(f.right, f.kept + f.keptElsewhere)} over all pages`
const f1 = (f: Figures) => {
  const p = f.right / Math.max(1, f.kept)
  const r = f.found / Math.max(1, f.labelled)
  return p + r ? (2 * p * r) / (p + r) : 0
}

async function main() {
  if (!existsSync(REALDEV)) {
    console.log(`no ${REALDEV}: the training pages are not on this machine; the committed model stays as it is`)
    return
  }
  const extra = extraLabelFiles(process.argv, process.env.OUTCOME_LABELS)
  const pages = await loadPages(extra)
  const all = pages.flatMap((p) => p.examples)
  console.log(`${pages.length} development pages (${extra.length} extra label files), ${all.length} counts, ${all.filter((e) => e.positive).length} matching a labelled outcome`)

  // Leave one page out: every page is scored by a model that never saw it.
  const held = new Map<Example, number>()
  for (const page of pages) {
    const m = train(all.filter((e) => e.page !== page.id))
    for (const e of page.examples) held.set(e, probability(m, e.features))
  }
  console.log('\nleave-one-page-out, by threshold: precision (kept counts right) / recall (labelled outcomes found)')
  const curve = THRESHOLDS.map((t) => ({ t, f: figures(pages, held, t) }))
  for (const { t, f } of curve) {
    console.log(`  ${t.toFixed(2)}  precision ${pct(f.right, f.kept)} (${f.right}/${f.kept}; ${overAll(f)})  recall ${pct(f.found, f.labelled)} (${f.found}/${f.labelled})  F1 ${f1(f).toFixed(3)}`)
  }
  // Of thresholds within F1_SLACK of the best (on ~70 labels, one outcome either way), the
  // strictest: pages nobody has seen carry more page furniture with figures in it than these.
  const bestF1 = Math.max(...curve.map((c) => f1(c.f)))
  const chosen = curve.filter((c) => f1(c.f) >= bestF1 - F1_SLACK).at(-1)!.t
  const model = { ...train(all), threshold: Math.round(chosen * 100) / 100 }
  const fit = new Map(all.map((e) => [e, probability(model, e.features)]))
  const cv = figures(pages, held, model.threshold)
  const tr = figures(pages, fit, model.threshold)
  console.log(`\nthreshold ${model.threshold}: left-out precision ${pct(cv.right, cv.kept)} (${overAll(cv)}), recall ${pct(cv.found, cv.labelled)}; on the training pages precision ${pct(tr.right, tr.kept)}, recall ${pct(tr.found, tr.labelled)}`)
  if (process.argv.includes('--errors')) {
    console.log('\nleft-out errors at the chosen threshold')
    for (const e of all) {
      const p = held.get(e)!
      if (e.positive !== p >= model.threshold) console.log(`  ${e.positive ? 'missed' : 'wrong '} ${e.page} ${p.toFixed(2)} ${e.text}  [${e.features.join(' ')}]`)
    }
  }
  console.log('\nweights (positive: achievement; negative: baseline)')
  for (const [id, w] of Object.entries(model.weights).sort((a, b) => b[1] - a[1])) console.log(`  ${w >= 0 ? ' ' : ''}${w.toFixed(3)}  ${id}`)
  console.log(`  ${model.bias.toFixed(3)}  (bias)`)
  if (process.argv.includes('--write')) {
    const out = {
      trained: `train-outcomes.ts on ${pages.length} development pages of ../shared/realdev (${SETS.join(', ')}${extra.length ? `, pool pages labelled in ${extra.map((f) => basename(f)).join(', ')}` : ''}; blind ids excluded), ${all.length} counts; leave-one-page-out precision ${pct(cv.right, cv.kept)} (${overAll(cv)}), recall ${pct(cv.found, cv.labelled)}`,
      ...model,
    }
    writeFileSync(new URL('./outcome-model.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`)
    console.log('\nwrote ingest/extract/outcome-model.json')
  }
}

await main()
