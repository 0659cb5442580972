/**
 * Trains the achievement-or-baseline classifier for counts (ingest/extract/outcome-model.json) on
 * the development pages of ../shared/realdev (pages-a, pages-b; the blind ids of
 * bench/real/split.json are never read), and prints its evaluation: precision and recall of the
 * counts kept on each label set when the model was trained on the other sets only (leave one set
 * out), for each L2 penalty and threshold tried, then the chosen ones.
 * Run: npx tsx ingest/extract/train-outcomes.ts [--write] [--errors] [--labels FILE.jsonl ...]
 *
 * The pool's dev pages come from bench/real/labels/pool.jsonl (references into the pages, resolved
 * here; its blind ids are skipped). More labelled pages (same schema) come from plain label files
 * named with --labels or in OUTCOME_LABELS (paths separated by ':'), which stay outside the
 * repository since their quotes are page text; a page of a blind part stops the run rather than
 * being read. A page labelled twice keeps the first label read: plain files before the pool's.
 *
 * A count is a positive example when a labelled outcome of its page has the same value and a quote
 * that overlaps the count's clause (the matching rule of score_extract.py). The model is a plain
 * logistic regression over the yes/no features of outcome-features.ts, trained by full-batch
 * gradient descent from zero weights, each weight kept on the side its feature points to:
 * deterministic, and small enough to read.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { basename, join, resolve, sep } from 'node:path'
import { resolveRefLabel, type RefPageLabel } from '../../bench/real/ref-labels.js'
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
/** The pool's labels, kept in the repository as references into its pages (bench/real/ref-labels.ts). */
const POOL_LABELS = new URL('../../bench/real/labels/pool.jsonl', import.meta.url).pathname
const REPO = new URL('../../', import.meta.url).pathname
const MODEL = new URL('./outcome-model.json', import.meta.url).pathname
// L2 penalties tried: the one whose left-out sets read best is kept. Weights must stay small
// enough to carry to pages of another site, written by other hands and labelled by other readers.
const L2S = [0.002, 0.005, 0.01, 0.02, 0.05]
const STEPS = 3000
const RATE = 0.5
// Precision matters as much as recall here: the threshold maximises F1 over left-out sets, with
// precision counted over all pages (a count kept on a page with no labelled outcome is wrong), and
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
  /** The label set the page comes from (pages-a, pages-b, or a label file's name): the unit left out. */
  set: string
  /** Readers labelled it a case report (pages-a/b pages all are). */
  isCase: boolean
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

/**
 * The pool's pages fall into label sets of fifty ids (p001–p049, p051–p099, …): each fifty was
 * labelled by its own readers in its own round, so leaving one out is as near to unseen pages as
 * leaving out pages-a or pages-b.
 */
function poolSet(id: string): string {
  const from = Math.floor((Number(id.slice(1)) - 1) / 50) * 50 + 1
  const pad = (n: number) => `p${String(n).padStart(3, '0')}`
  return `pool ${pad(from)}–${pad(from + 48)}`
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
  const rows: { label: LabelRow; path: string; set: string }[] = []
  for (const set of SETS) {
    const blind = new Set(split[set].blind)
    const docs = new Set(readdirSync(join(REALDEV, set, 'docs')))
    for (const label of jsonl(join(REALDEV, set, 'labels.jsonl')).sort((a, b) => a.id.localeCompare(b.id))) {
      if (blind.has(label.id) || !docs.has(`${label.id}.txt`)) continue
      rows.push({ label, path: join(REALDEV, set, 'docs', `${label.id}.txt`), set })
    }
  }
  const seen = new Set(rows.map((r) => r.label.id))
  for (const file of extra) {
    for (const label of jsonl(file)) {
      const path = docOf(label.id, file, split)
      // Two readers may label the same page; the first file named wins.
      if (seen.has(label.id)) continue
      seen.add(label.id)
      rows.push({ label, path, set: basename(file, '.jsonl') })
    }
  }
  if (existsSync(POOL_LABELS)) {
    const blind = new Set(split.pool?.blind ?? [])
    for (const ref of jsonl(POOL_LABELS) as unknown as RefPageLabel[]) {
      if (blind.has(ref.id) || seen.has(ref.id)) continue
      seen.add(ref.id)
      const path = join(REALDEV, 'pool', 'docs', `${ref.id}.txt`)
      const label = resolveRefLabel(ref, readFileSync(path, 'utf8'))
      rows.push({ label: { id: label.id, kind: label.kind, outcomes: label.outcomes }, path, set: poolSet(label.id) })
    }
  }
  const pages: Page[] = []
  for (const { label, path, set } of rows) {
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
    pages.push({ id: label.id, set, isCase: label.kind !== 'not-a-case', examples, labelled: outcomes.length })
  }
  return pages
}

// The classifier reads counts of case reports. A page labelled as no case (an explainer, a policy
// text, a study) has result-shaped sentences that are examples or targets; its sentences alone
// cannot tell, so it would only teach the sentence cues wrong lessons. Such pages are scored (a
// count kept there is wrong) but never trained on.
const trainingExamples = (pages: Page[]) => pages.filter((p) => p.isCase).flatMap((p) => p.examples)

function train(examples: Example[], l2: number): OutcomeModel {
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
      const next = w.get(f.id)! - RATE * (grad.get(f.id)! / n + l2 * w.get(f.id)!)
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
  const sets = [...new Set(pages.map((p) => p.set))]
  console.log(`${pages.length} development pages in ${sets.length} label sets (${pages.filter((p) => !p.isCase).length} labelled no case, scored but not trained on: ${pages.filter((p) => !p.isCase).flatMap((p) => p.examples).length} counts there pass the overrides), ${all.length} counts, ${all.filter((e) => e.positive).length} matching a labelled outcome`)

  // Leave one label set out: every page is scored by a model that saw no page of its set, so no
  // page of the same site batch, the same readers or the same rounds of rule-writing. That is the
  // nearest these pages come to pages nobody has seen. Two sources of training pages are tried:
  // every other set, and only the other sets of pages-a/b (the pages the committed model was
  // first trained on), since readers of different sets may count achievements differently.
  const sources: { id: string; trains: (p: Page) => boolean }[] = [
    { id: 'every other set', trains: () => true },
    { id: 'pages-a/b only', trains: (p) => SETS.includes(p.set) },
  ]
  const heldOut = (l2: number, trains: (p: Page) => boolean) => {
    const held = new Map<Example, number>()
    for (const set of sets) {
      const m = train(trainingExamples(pages.filter((p) => p.set !== set && trains(p))), l2)
      for (const p of pages.filter((p) => p.set === set)) for (const e of p.examples) held.set(e, probability(m, e.features))
    }
    return held
  }
  // Of thresholds within F1_SLACK of the best (on ~100 labels, one outcome either way), the
  // strictest: pages nobody has seen carry more page furniture with figures in it than these.
  const pick = (held: Map<Example, number>) => {
    const curve = THRESHOLDS.map((t) => ({ t, f: figures(pages, held, t) }))
    const best = Math.max(...curve.map((c) => f1(c.f)))
    return { curve, chosen: curve.filter((c) => f1(c.f) >= best - F1_SLACK).at(-1)! }
  }
  // The model in the repository, scored on the same pages and labels, set by set: what a retrained
  // model's left-out figures must at least match before --write replaces it. It saw some of these
  // pages in training (under older labels), so its figures flatter it, never the other way round.
  const committed = JSON.parse(readFileSync(MODEL, 'utf8')) as OutcomeModel
  const committedScores = new Map(all.map((e) => [e, probability(committed, e.features)]))
  console.log(`\nthe committed model (outcome-model.json, threshold ${committed.threshold}) on the same pages:`)
  for (const set of sets) {
    const f = figures(pages.filter((p) => p.set === set), committedScores, committed.threshold)
    console.log(`      ${set.padEnd(12)} precision ${pct(f.right, f.kept)} (${f.right}/${f.kept}; ${overAll(f)})  recall ${pct(f.found, f.labelled)} (${f.found}/${f.labelled})`)
  }
  const cf = figures(pages, committedScores, committed.threshold)
  console.log(`  all sets: precision ${pct(cf.right, cf.kept)} / ${pct(cf.right, cf.kept + cf.keptElsewhere)}  recall ${pct(cf.found, cf.labelled)} (${cf.found}/${cf.labelled})  F1 ${f1(cf).toFixed(3)}`)

  console.log('\nleave one set out, best threshold per training source and L2: precision on pages with outcomes / over all pages, recall, F1 (precision over all pages)')
  type Trial = { source: (typeof sources)[number]; l2: number; held: Map<Example, number>; curve: { t: number; f: Figures }[]; t: number; f: Figures }
  const bySet = (trial: Trial) => {
    for (const set of sets) {
      const f = figures(pages.filter((p) => p.set === set), trial.held, trial.t)
      console.log(`      ${set.padEnd(12)} precision ${pct(f.right, f.kept)} (${f.right}/${f.kept}; ${overAll(f)})  recall ${pct(f.found, f.labelled)} (${f.found}/${f.labelled})`)
    }
  }
  const trials: Trial[] = []
  for (const source of sources) {
    let bestOfSource: Trial | null = null
    for (const l2 of L2S) {
      const held = heldOut(l2, source.trains)
      const { curve, chosen } = pick(held)
      const f = chosen.f
      console.log(`  ${source.id.padEnd(16)} L2 ${l2.toFixed(3)}  threshold ${chosen.t.toFixed(2)}  precision ${pct(f.right, f.kept)} / ${pct(f.right, f.kept + f.keptElsewhere)}  recall ${pct(f.found, f.labelled)} (${f.found}/${f.labelled})  F1 ${f1(f).toFixed(3)}`)
      if (!bestOfSource || f1(f) > f1(bestOfSource.f) + 1e-9) bestOfSource = { source, l2, held, curve, t: chosen.t, f }
    }
    console.log(`    by set, at L2 ${bestOfSource!.l2} and threshold ${bestOfSource!.t.toFixed(2)}:`)
    bySet(bestOfSource!)
    trials.push(bestOfSource!)
  }
  // Of training sources within F1_SLACK of the best, the one whose left-out precision over all
  // pages is highest: counts kept on pages with nothing to report are what unseen pages suffer most.
  const bestF1 = Math.max(...trials.map((t) => f1(t.f)))
  const precisionAll = (f: Figures) => f.right / Math.max(1, f.kept + f.keptElsewhere)
  const best = trials.filter((t) => f1(t.f) >= bestF1 - F1_SLACK).sort((a, b) => precisionAll(b.f) - precisionAll(a.f))[0]
  const { source, l2, held, curve } = best
  console.log(`\nchosen: trained on ${source.id}, L2 ${l2}; left out, by threshold:`)
  for (const { t, f } of curve) {
    console.log(`  ${t.toFixed(2)}  precision ${pct(f.right, f.kept)} (${f.right}/${f.kept}; ${overAll(f)})  recall ${pct(f.found, f.labelled)} (${f.found}/${f.labelled})  F1 ${f1(f).toFixed(3)}`)
  }
  const model = { ...train(trainingExamples(pages.filter(source.trains)), l2), threshold: Math.round(best.t * 100) / 100 }
  const cv = figures(pages, held, model.threshold)
  const fit = new Map(all.map((e) => [e, probability(model, e.features)]))
  const tr = figures(pages, fit, model.threshold)
  console.log(`\nthreshold ${model.threshold}: every set left out in turn, precision ${pct(cv.right, cv.kept)} (${overAll(cv)}), recall ${pct(cv.found, cv.labelled)}; the final model on the pages it trained on: precision ${pct(tr.right, tr.kept)} (${overAll(tr)}), recall ${pct(tr.found, tr.labelled)}`)
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
    const trainedOn = pages.filter(source.trains)
    const out = {
      trained: `train-outcomes.ts on ${trainedOn.filter((p) => p.isCase).length} case pages of ${[...new Set(trainedOn.map((p) => p.set))].join(', ')} (../shared/realdev; blind ids excluded), L2 ${l2}; each of ${sets.length} label sets left out in turn: precision ${pct(cv.right, cv.kept)} (${overAll(cv)}), recall ${pct(cv.found, cv.labelled)}`,
      ...model,
    }
    writeFileSync(MODEL, `${JSON.stringify(out, null, 1)}\n`)
    console.log('\nwrote ingest/extract/outcome-model.json')
  }
}

await main()
