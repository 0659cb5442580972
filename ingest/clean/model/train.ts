/**
 * Trains the line classifier (line-model.json) from labelled lines of real pages.
 *
 *   npm run train:lines            cross-validate, print the evaluation, write line-model.json
 *   npm run train:lines -- --eval  cross-validate and print only
 *   FIELD_LABELS=a.jsonl,b.jsonl   also score the pool's pages held out by source against these page labels
 *
 * Labels: ingest/clean/model/labels/*.jsonl, one object per non-blank line,
 * {"id","line","len","cls",...}: `line` is 1-based over text.split('\n'), `len` the trimmed
 * line's length (a check that the label still fits the page). They hold no page text; the pages
 * are read from ../shared/realdev (REALDEV overrides), which a fresh clone does not have — the
 * stored model is what clean uses and what the tests test. Lines of pages held blind in
 * bench/real/split.json are left out (their count is printed): a blind page must reach its first
 * contact unseen by the model too.
 *
 * Deterministic: documents in id order, folds by position, zero-initialised full-batch training.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { rx } from '../bilingual.js'
import { clean } from '../clean.js'
import { classify } from '../engine.js'
import { prepareLines } from '../prepare.js'
import { FEATURES, lineFeatures } from './features.js'
import { KEEP_CLASSES, LINE_MODEL as STORED, type LineModel } from './judge.js'
import { compileBoost, trainBoost, type Booster, type BoostOptions } from './boost.js'
import { emptyTally, readFieldLabels, sourceOf, tallyPage, type FieldTally } from './groups.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
/** Where the labels, the pages and the list of blind pages are; the defaults are the repository's and ../shared's. */
export interface TrainingSources {
  labels: string
  realdev: string
  split: string
}
const SOURCES: TrainingSources = {
  labels: fileURLToPath(new URL('./labels/', import.meta.url)),
  realdev: process.env.REALDEV ?? join(ROOT, '../shared/realdev'),
  split: join(ROOT, 'bench/real/split.json'),
}
const OUT = fileURLToPath(new URL('./line-model.json', import.meta.url))
const FOLDS = 5
/** Share of body lines the model may cost the cleaner, across the folds, when the threshold is chosen. */
const BODY_LOSS_BUDGET = 0.005
const THRESHOLDS = Array.from({ length: 10 }, (_, i) => 0.5 + i * 0.05)
/** Classes in a fixed order so that the weight rows do not move when a label file is added. */
const CLASS_ORDER = ['body', 'title', 'meta', 'nav', 'caption', 'prompt', 'related', 'comment', 'spam', 'debris']
const BOOST: Partial<BoostOptions> = {}

interface Label {
  id: string
  line: number
  len: number
  cls: string
  /** The line holds text and furniture that prefix/suffix cannot separate. */
  mixed?: boolean
}

/** A paper's abstract: "摘要：…", "〔摘要〕…", or the paragraph under a lone "摘要" heading. */
const ABSTRACT = rx('^["“\\s〔【\\[(（]*(?:摘\\s*要|内容提要|提要|内容摘要)[\\s〕】\\])）]*[:：]?')
const ABSTRACT_ALONE = rx('^["“\\s〔【\\[(（]*(?:摘\\s*要|内容提要|提要|内容摘要|导读)[\\s〕】\\])）]*[:：]?$')
const STOP = /[。！？]/

/**
 * Where the product keeps what the annotators' guide files as furniture. The guide puts a paper's
 * abstract, and any summary paragraph, under meta; Casebook keeps an abstract as text (it states
 * the case in a paragraph, search needs it, and the scored labels of ../shared/realdev count it as
 * text). A summary that repeats the opening of another paragraph (a teaser) stays meta.
 */
function relabel(cls: string, text: string, previous: string, repeats: boolean): string {
  if (cls !== 'meta' || text.length < 40) return cls
  if (ABSTRACT.test(text) || ABSTRACT_ALONE.test(previous)) return 'body'
  return text.length >= 60 && STOP.test(text) && !repeats ? 'body' : cls
}

/** The line's opening (after a leading date) is printed again in another line of the page. */
function repeatsOpening(lines: string[], i: number): boolean {
  const head = lines[i].replace(/^[\d\s:/.-]+/, '').replace(/\s+/g, '').slice(0, 15)
  return head.length >= 10 && lines.some((l, j) => j !== i && l.replace(/\s+/g, '').includes(head))
}

export interface Doc {
  id: string
  text: string
  /** Labelled lines: index into the prepared lines, class index, features. */
  items: { i: number; y: number; x: Float64Array }[]
}

function docPath(realdev: string, id: string): string {
  const set = id.startsWith('p') ? 'pool' : id.startsWith('a') ? 'pages-a' : id.startsWith('b') ? 'pages-b' : null
  if (!set) throw new Error(`label for unknown document ${id}`)
  return join(realdev, set, 'docs', `${id}.txt`)
}

function blindIds(path: string): Set<string> {
  const split = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { blind?: string[] }>
  return new Set(Object.values(split).flatMap((s) => s.blind ?? []))
}

function readLabels(dir: string, notes: string[]): Label[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()
  const labels: Label[] = []
  const seen = new Set<string>()
  for (const f of files) {
    for (const row of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!row.trim()) continue
      const l = JSON.parse(row) as Label
      // Document-level notes ({"id","doc":"not-a-case"}) label no line.
      if (typeof l.line !== 'number') continue
      const key = `${l.id}:${l.line}`
      // A page labelled in two files keeps its first label (files in name order).
      if (seen.has(key)) continue
      seen.add(key)
      labels.push(l)
    }
  }
  notes.push(`labels: ${labels.length} lines from ${files.join(', ')}`)
  return labels
}

function loadDocs(labels: Label[], classes: string[], sources: TrainingSources, notes: string[]): Doc[] {
  const blind = blindIds(sources.split)
  const byDoc = new Map<string, Label[]>()
  const leftOut = new Set<string>()
  for (const l of labels) {
    if (blind.has(l.id)) {
      leftOut.add(l.id)
      continue
    }
    byDoc.set(l.id, [...(byDoc.get(l.id) ?? []), l])
  }
  if (leftOut.size) notes.push(`left out: ${leftOut.size} pages held blind in bench/real/split.json`)
  const docs: Doc[] = []
  let misfit = 0
  for (const id of [...byDoc.keys()].sort()) {
    const text = readFileSync(docPath(sources.realdev, id), 'utf8')
    const lines = classify(prepareLines(text).lines)
    const feats = lineFeatures(lines)
    const raw = text.split('\n')
    const texts = lines.map((l) => l.text)
    const items: Doc['items'] = []
    for (const l of byDoc.get(id)!) {
      const x = feats[l.line - 1]
      // The label must still describe this line: same length as labelled, not blank.
      if (!x || Math.abs([...raw[l.line - 1].trim()].length - l.len) > 1) {
        misfit++
        continue
      }
      // A line of text and furniture mixed beyond a prefix or suffix teaches neither class.
      if (l.mixed && !KEEP_CLASSES.has(l.cls)) continue
      const previous = lines.slice(0, l.line - 1).reverse().find((p) => p.text)?.text ?? ''
      const cls = relabel(l.cls, lines[l.line - 1].text, previous, repeatsOpening(texts, l.line - 1))
      items.push({ i: l.line - 1, y: classes.indexOf(cls), x })
    }
    docs.push({ id, text, items })
  }
  if (misfit) notes.push(`skipped ${misfit} labels that no longer fit their line`)
  return docs
}

export function fit(docs: Doc[], classes: string[]): Booster {
  const xs = docs.flatMap((d) => d.items.map((it) => it.x))
  const ys = docs.flatMap((d) => d.items.map((it) => it.y))
  return trainBoost(xs, ys, classes.length, BOOST)
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a')
const pad = (s: string | number, n: number) => String(s).padStart(n)

/** Every labelled line of every page, as features and class indices. */
export function loadTrainingSet(sources: TrainingSources = SOURCES): { docs: Doc[]; classes: string[]; notes: string[] } {
  const notes: string[] = []
  const labels = readLabels(sources.labels, notes)
  const extra = [...new Set(labels.map((l) => l.cls))].filter((c) => !CLASS_ORDER.includes(c)).sort()
  const classes = [...CLASS_ORDER.filter((c) => labels.some((l) => l.cls === c)), ...extra]
  return { docs: loadDocs(labels, classes, sources, notes), classes, notes }
}

/**
 * Per held-out document, the class probabilities of its labelled lines from the model of its fold.
 * `foldOf` names each document's fold (default: position modulo FOLDS).
 */
export function crossValidate(docs: Doc[], classes: string[], foldOf?: (doc: Doc, i: number) => string): { doc: Doc; fold: string; probs: number[][]; model: Booster }[] {
  const fold = new Map(docs.map((d, i) => [d, foldOf ? foldOf(d, i) : String(i % FOLDS)]))
  const heldOut: { doc: Doc; fold: string; probs: number[][]; model: Booster }[] = []
  for (const f of [...new Set(fold.values())]) {
    const model = fit(docs.filter((d) => fold.get(d) !== f), classes)
    const predict = compileBoost(model)
    for (const doc of docs.filter((d) => fold.get(d) === f)) heldOut.push({ doc, fold: f, probs: doc.items.map((it) => predict(it.x)), model })
  }
  return heldOut
}

/** Furniture lines removed and text lines lost, by the model alone and by the whole cleaner. */
interface Outcome {
  junk: number
  caught: number
  text: number
  lost: number
  sysCaught: number
  sysLost: number
}

function outcome(heldOut: ReturnType<typeof crossValidate>, classes: string[], t: number): Outcome {
  const keep = classes.map((c) => KEEP_CLASSES.has(c))
  const o: Outcome = { junk: 0, caught: 0, text: 0, lost: 0, sysCaught: 0, sysLost: 0 }
  for (const { doc, probs, model } of heldOut) {
    const r = clean(doc.text, { model: { features: FEATURES, classes, booster: model, threshold: t } })
    const removed = new Set(r.removed.map((x) => x.text))
    const prepared = prepareLines(doc.text).lines
    doc.items.forEach((it, j) => {
      // A headline printed twice goes the second time; only text lines count as lost.
      if (classes[it.y] === 'title') return
      const pj = probs[j].reduce((s, p, k) => s + (keep[k] ? 0 : p), 0)
      const gone = removed.has(prepared[it.i])
      if (keep[it.y]) {
        o.text++
        if (pj >= t) o.lost++
        if (gone) o.sysLost++
      } else {
        o.junk++
        if (pj >= t) o.caught++
        if (gone) o.sysCaught++
      }
    })
  }
  return o
}

/**
 * Leave one source out: each source's pages cleaned with a model that saw none of its lines,
 * line by line and, where page labels are at hand, by the page figures the bench reports
 * (furniture strings removed, text kept, headline), beside the stored model's figures on the same
 * pages — the gap is what the model owes to having trained on them.
 */
function bySource(docs: Doc[], classes: string[], threshold: number, sources: TrainingSources, stored: LineModel): void {
  const held = crossValidate(docs, classes, (d) => sourceOf(d.id))
  const folds = [...new Set(held.map((h) => h.fold))].sort()
  const labels = readFieldLabels(sources.realdev, blindIds(sources.split), (process.env.FIELD_LABELS ?? '').split(',').filter(Boolean))
  console.log(`\nLeave one source out (threshold ${threshold.toFixed(2)})`)
  console.log('  source          pages  lines: furniture removed / text lost    pages: boilerplate removed   kept     title    (stored model: boilerplate, title)')
  const all = { out: emptyTally(), in: emptyTally() }
  const comparable = stored.features.join() === FEATURES.join()
  const fmt = (p: [number, number]) => pad(pct(p[0], p[1]), 6)
  for (const f of folds) {
    const h = held.filter((x) => x.fold === f)
    const o = outcome(h, classes, threshold)
    const model: LineModel = { features: FEATURES, classes, booster: h[0].model, threshold }
    const tally: FieldTally = emptyTally()
    const storedTally: FieldTally = emptyTally()
    const pages = [...labels.values()].filter((l) => sourceOf(l.id) === f)
    for (const l of pages) {
      const text = readFileSync(docPath(sources.realdev, l.id), 'utf8')
      const r = clean(text, { model })
      tallyPage(tally, l, r.body, r.title)
      // A stored model of another feature list cannot be run (judge.ts refuses it): its column stays empty.
      if (comparable) {
        const s = clean(text, { model: stored })
        tallyPage(storedTally, l, s.body, s.title)
      }
    }
    for (const k of ['boiler', 'keep', 'title'] as const) {
      for (let i = 0; i < 2; i++) {
        all.out[k][i] += tally[k][i]
        all.in[k][i] += storedTally[k][i]
      }
    }
    const pageCols = pages.length ? `${fmt(tally.boiler)}                ${fmt(tally.keep)}   ${fmt(tally.title)}    (${pct(storedTally.boiler[0], storedTally.boiler[1])}, ${pct(storedTally.title[0], storedTally.title[1])})` : 'no page labels'
    console.log(`  ${f.padEnd(14)} ${pad(pages.length, 5)}   ${pad(pct(o.sysCaught, o.junk), 6)} / ${pad(pct(o.sysLost, o.text), 5)}                    ${pageCols}`)
  }
  if (all.out.boiler[1]) console.log(`  ${'all'.padEnd(14)}         ${pad('', 21)}                    ${fmt(all.out.boiler)}                ${fmt(all.out.keep)}   ${fmt(all.out.title)}    (${pct(all.in.boiler[0], all.in.boiler[1])}, ${pct(all.in.title[0], all.in.title[1])})`)
}

function main(): void {
  const evalOnly = process.argv.includes('--eval')
  if (!existsSync(SOURCES.realdev)) {
    console.error(`train:lines: ${SOURCES.realdev} not found — training needs the labelled pages (../shared/realdev)`)
    process.exit(2)
  }
  const { docs, classes, notes } = loadTrainingSet()
  for (const note of notes) console.log(note)
  console.log(`documents: ${docs.length}; lines: ${docs.reduce((n, d) => n + d.items.length, 0)}; features: ${FEATURES.length}; classes: ${classes.join(' ')}`)

  // Cross-validation by document: every page is judged by a model that never saw it.
  const heldOut = crossValidate(docs, classes)
  const confusion = classes.map(() => classes.map(() => 0))
  for (const { doc, probs } of heldOut) probs.forEach((p, j) => confusion[doc.items[j].y][p.indexOf(Math.max(...p))]++)
  console.log(`\nCross-validated by document (${FOLDS} folds), line classes — rows: label, columns: prediction`)
  console.log(`${pad('', 8)} ${classes.map((c) => pad(c.slice(0, 7), 7)).join(' ')}   recall  precision`)
  classes.forEach((c, r) => {
    const row = confusion[r]
    const tp = row[r]
    const predicted = confusion.reduce((n, rr) => n + rr[r], 0)
    console.log(`${pad(c.slice(0, 8), 8)} ${row.map((v) => pad(v, 7)).join(' ')}   ${pad(pct(tp, row.reduce((a, b) => a + b, 0)), 6)}  ${pad(pct(tp, predicted), 6)}`)
  })

  // Furniture vs text, the decision clean makes: the model alone, and the whole cleaner (rules
  // first, the model on what they leave) against the same cleaner with the model removing nothing.
  const base = outcome(heldOut, classes, 1.01)
  console.log('\nFurniture vs text by threshold (held-out folds): furniture lines removed / body lines lost')
  console.log(`  rules alone                               ${pad(pct(base.sysCaught, base.junk), 6)} / ${pad(pct(base.sysLost, base.text), 5)} (${base.sysLost} lines)`)
  console.log('  threshold   model alone            cleaner (rules + model)')
  let chosen = 1
  const rows: string[] = []
  for (const t of [...THRESHOLDS].reverse()) {
    const o = outcome(heldOut, classes, t)
    rows.unshift(`  ${t.toFixed(2)}        ${pad(pct(o.caught, o.junk), 6)} / ${pad(pct(o.lost, o.text), 5)}       ${pad(pct(o.sysCaught, o.junk), 6)} / ${pad(pct(o.sysLost, o.text), 5)} (${o.sysLost} lines)`)
    if (o.sysLost - base.sysLost <= o.text * BODY_LOSS_BUDGET) chosen = t
  }
  for (const r of rows) console.log(r)
  console.log(`threshold: ${chosen.toFixed(2)} (lowest that loses at most ${(BODY_LOSS_BUDGET * 100).toFixed(1)}% more body lines than the rules alone)`)

  bySource(docs, classes, chosen, SOURCES, STORED)
  if (evalOnly) return
  const booster = fit(docs, classes)
  const model: LineModel & { trainedOn: string } = {
    features: FEATURES,
    classes,
    threshold: Math.round(chosen * 100) / 100,
    trainedOn: `${docs.length} documents, ${docs.reduce((n, d) => n + d.items.length, 0)} labelled lines (ingest/clean/model/labels)`,
    booster: {
      base: booster.base.map((v) => round(v, 4)),
      trees: booster.trees.map((r) => r.map((t) => ({ feature: t.feature, threshold: t.threshold.map((v) => round(v, 6)), leaf: t.leaf.map((v) => round(v, 4)) }))),
    },
  }
  // One tree per line: the file diffs by tree when the model is retrained.
  writeFileSync(OUT, `${JSON.stringify(model).replace(/\},\{"feature"/g, '},\n{"feature"')}\n`)
  console.log(`\nwrote ${OUT}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
