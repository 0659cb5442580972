import { describe, expect, it, beforeAll, afterAll } from 'vitest'
import { execFile, spawn } from 'node:child_process'
import { closeSync, copyFileSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import iconv from 'iconv-lite'
import YAML from 'yaml'
import { CASE_KEYS, caseToMarkdown } from '../ingest/corpus/index.js'
import { makeCase } from './fixtures/corpus/case.js'
import { synthCorpus } from '../ingest/synth/index.js'
import { REPORT } from './fixtures/read/documents.js'
import { makeDoc } from './fixtures/read/doc.js'
import { layoutReport, makePdf } from './fixtures/read/pdf.js'

const ROOT = resolve(import.meta.dirname, '..')
const SEEDS = new URL('./fixtures/seeds', import.meta.url).pathname
const seeds = readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort()

/**
 * The real CLI as `npm run casebook` starts it (the bundled entry, ingest/cli.mjs), spawned
 * asynchronously (a blocking spawn would stall the test worker's RPC).
 */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return run(process.execPath, ['ingest/cli.mjs', ...args])
}

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(command, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr })
    })
  })
}

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('casebook: '))
}

let tmp: string
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'casebook-cli-'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Reports of each bad kind, named by the problem the CLI must report. */
function writeBadInputs(dir: string): Record<string, RegExp> {
  writeFileSync(join(dir, 'empty.txt'), '')
  writeFileSync(join(dir, 'photo.txt'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]))
  writeFileSync(join(dir, 'report.pdf'), '%PDF-1.7\n')
  writeFileSync(join(dir, 'scan.pdf'), makePdf([{ texts: [], image: true }]))
  writeFileSync(join(dir, 'notes.doc'), '槐荫社区议事会纪要')
  const fd = openSync(join(dir, 'huge.txt'), 'w')
  ftruncateSync(fd, 21 * 1024 * 1024)
  closeSync(fd)
  let x = 99
  writeFileSync(join(dir, 'garbage.txt'), new Uint8Array(4000).map(() => {
    x = (x * 1103515245 + 12345) & 0x7fffffff
    return 0x80 + ((x >> 16) % 128)
  }))
  mkdirSync(join(dir, 'folder.txt'))
  return {
    'empty.txt': /^empty file$/,
    'photo.txt': /^not a text file \(PNG image\)$/,
    'report.pdf': /^not a readable PDF/,
    'scan.pdf': /^no text layer \(a scanned or image-only PDF\); it needs OCR/,
    'notes.doc': /^not a Word \.doc file \(it is plain text; rename it to \.txt\)$/,
    'huge.txt': /^file too large \(21\.0 MB/,
    'garbage.txt': /^undecodable bytes/,
    'folder.txt': /^is a directory/,
  }
}

function expectFailures(stderr: string, dir: string, expected: Record<string, RegExp>): void {
  const lines = errorLines(stderr)
  for (const [name, problem] of Object.entries(expected)) {
    const prefix = `casebook: ${join(dir, name)}: `
    const line = lines.find((l) => l.startsWith(prefix))
    expect(line, `no error line for ${name} in:\n${stderr}`).toBeDefined()
    expect(line!.slice(prefix.length)).toMatch(problem)
  }
  expect(lines).toHaveLength(Object.keys(expected).length)
}

describe('casebook extract --json', () => {
  it('prints only a JSON array of complete cases and writes nothing', async () => {
    const before = readdirSync(join(ROOT, 'corpus'), { recursive: true }).length
    const r = await cli('extract', '--json', ...seeds.map((n) => join(SEEDS, n)))
    expect(r.code).toBe(0)
    expect(errorLines(r.stderr)).toEqual([])
    const cases = JSON.parse(r.stdout)
    expect(cases.map((c: { id: string }) => c.id)).toEqual(seeds.map((n) => n.replace(/\.txt$/, '')))
    for (const c of cases) {
      expect(Object.keys(c)).toEqual([...CASE_KEYS])
      expect(typeof c.body).toBe('string')
      expect(c.removed.every((x: { text: string; reason: string }) => typeof x.text === 'string' && typeof x.reason === 'string')).toBe(true)
      expect(Array.isArray(c.flags)).toBe(true)
    }
    expect(readdirSync(join(ROOT, 'corpus'), { recursive: true }).length).toBe(before)
  })

  it('ends quietly when its reader closes the pipe early, as with `| head`', async () => {
    // Output well past a pipe's 64 KB buffer, so the CLI is still writing when the reader leaves.
    const files = Array.from({ length: 20 }, () => seeds.map((n) => join(SEEDS, n))).flat()
    const child = spawn(process.execPath, ['ingest/cli.mjs', 'extract', '--json', ...files], { cwd: ROOT })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    // Read the first chunk, then hang up, as `head -c` does.
    await new Promise<void>((got) => child.stdout.once('data', () => got()))
    child.stdout.destroy()
    const code = await new Promise<number | null>((ended) => child.on('close', (c) => ended(c)))
    expect(stderr).not.toMatch(/EPIPE|Unhandled/)
    expect(code).toBe(0)
  })

  it('given a reader slower than its output, hands over every byte before it exits', async () => {
    // ~300 KB, past a pipe's 64 KB buffer, read only after the command has finished its work:
    // the CLI exits as soon as its streams are flushed, never with output still queued.
    const files = Array.from({ length: 3 }, () => seeds.map((n) => join(SEEDS, n))).flat()
    const child = spawn(process.execPath, ['ingest/cli.mjs', 'extract', '--json', ...files], { cwd: ROOT })
    child.stdout.pause()
    await new Promise((wait) => setTimeout(wait, 3000))
    let stdout = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (d) => (stdout += d))
    child.stdout.resume()
    const code = await new Promise<number | null>((ended) => child.on('close', (c) => ended(c)))
    expect(code).toBe(0)
    expect(Buffer.byteLength(stdout)).toBeGreaterThan(200_000)
    expect(JSON.parse(stdout)).toHaveLength(files.length)
  })

  it('keeps stdout pure JSON through npm run -s casebook', async () => {
    const r = await run('npm', ['run', '-s', 'casebook', '--', 'extract', '--json', join(SEEDS, seeds[0])])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toHaveLength(1)
  })

  it('reports each bad input on one stderr line, still prints the good cases, exits 1', async () => {
    const dir = join(tmp, 'extract-bad')
    mkdirSync(dir)
    const expected = writeBadInputs(dir)
    const missing = join(dir, 'missing.txt')
    const r = await cli('extract', '--json', join(SEEDS, seeds[0]), ...Object.keys(expected).map((n) => join(dir, n)), missing, join(SEEDS, seeds[1]))
    expect(r.code).toBe(1)
    expectFailures(r.stderr, dir, { ...expected, 'missing.txt': /^no such file$/ })
    expect(JSON.parse(r.stdout).map((c: { id: string }) => c.id)).toEqual([seeds[0], seeds[1]].map((n) => n.replace(/\.txt$/, '')))
  })

  it('reads a text PDF and a Word .doc, keeping stdout pure JSON while pdf.js repairs a broken file', async () => {
    const dir = join(tmp, 'extract-formats')
    mkdirSync(dir)
    const pages = layoutReport({ title: REPORT.title, paragraphs: REPORT.paragraphs, runningHead: REPORT.runningHead, folio: (n) => `第${n}页`, linesPerPage: 5 })
    writeFileSync(join(dir, 'huaiyin.pdf'), makePdf(pages, { brokenXref: true }))
    writeFileSync(join(dir, 'huaiyin.doc'), makeDoc({ paragraphs: [REPORT.headline, ...REPORT.paragraphs], header: REPORT.runningHead }))
    const r = await cli('extract', '--json', join(dir, 'huaiyin.pdf'), join(dir, 'huaiyin.doc'))
    expect(r.code, r.stderr).toBe(0)
    const cases = JSON.parse(r.stdout)
    expect(cases.map((c: { origin: { format: string } }) => c.origin.format)).toEqual(['pdf', 'doc'])
    for (const c of cases) {
      expect(c.title).toBe(REPORT.headline)
      expect(c.body).toBe([REPORT.headline, ...REPORT.paragraphs].join('\n\n'))
      expect(c.removed).toContainEqual({ text: REPORT.runningHead, reason: 'page-header' })
    }
    expect(cases[0].removed).toContainEqual({ text: '第2页', reason: 'page-number' })
  })

  it('refuses a command line without files, and unknown commands, with exit 2', async () => {
    expect((await cli('extract', '--json')).code).toBe(2)
    expect((await cli('extract', '--jsn', 'a.txt')).code).toBe(2)
    const r = await cli('frobnicate')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('unknown command "frobnicate"')
  })
})

describe('casebook ingest', () => {
  const raw = () => join(tmp, 'raw')
  const cases = () => join(tmp, 'cases')
  const db = () => join(tmp, 'db')
  const ingest = () => cli('ingest', '--corpus', raw(), '--cases', cases(), '--db', db(), '--embedder', 'lsa')
  const synth = synthCorpus(2, 11)

  beforeAll(() => {
    mkdirSync(raw())
    for (const n of seeds.slice(0, 2)) copyFileSync(join(SEEDS, n), join(raw(), n))
    for (const r of synth) writeFileSync(join(raw(), r.name), r.bytes)
    writeFileSync(join(raw(), 'gbk-report.txt'), iconv.encode('东街社区：“红色议事厅”让居民的事居民议\n\n东街社区位于鼓楼区，社区党委以“红色议事厅”为平台，每月召开一次议事协商会，居民满意度达到96%。', 'gbk'))
  })

  function caseFiles(): Record<string, { text: string; mtimeMs: number }> {
    const out: Record<string, { text: string; mtimeMs: number }> = {}
    for (const n of readdirSync(cases())) out[n] = { text: readFileSync(join(cases(), n), 'utf8'), mtimeMs: statSync(join(cases(), n)).mtimeMs }
    return out
  }

  it('writes one case file per report and prints a summary', async () => {
    const r = await ingest()
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('5 created, 0 updated, 0 unchanged, 0 failed')
    // A first build creates the tables: LanceDB's native logger would say so on stderr, over the progress bar.
    expect(r.stderr).not.toMatch(/WARN\s+lance/)
    expect(readdirSync(cases()).sort()).toEqual([...seeds.slice(0, 2).map((n) => n.replace('.txt', '.md')), 'gbk-report.md', ...synth.map((s) => s.name.replace(/\.\w+$/, '.md'))].sort())
    const gbk = readFileSync(join(cases(), 'gbk-report.md'), 'utf8')
    expect(gbk).toContain('encoding: gb18030')
    expect(gbk).toContain('东街社区位于鼓楼区')
  })

  it('rewrites nothing when run again on unchanged input', async () => {
    const before = caseFiles()
    const r = await ingest()
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('0 created, 0 updated, 5 unchanged, 0 failed')
    expect(caseFiles()).toEqual(before)
  })

  it('keeps locked hand edits and refreshes unlocked fields', async () => {
    const id = seeds[0].replace('.txt', '')
    const file = join(cases(), `${id}.md`)
    const text = readFileSync(file, 'utf8')
    const end = text.indexOf('\n---\n', 4)
    const fm = YAML.parse(text.slice(4, end))
    const freshEditor = fm.editor
    fm.title = '人工校對的標題'
    fm.place.city = '廈門市（人工）'
    fm.editor = '會被刷新'
    fm.locked = ['title', 'place.city']
    writeFileSync(file, `---\n${YAML.stringify(fm)}---\n${text.slice(end + 5)}`)
    const r = await ingest()
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('1 updated')
    const after = YAML.parse(readFileSync(file, 'utf8').slice(4, readFileSync(file, 'utf8').indexOf('\n---\n', 4)))
    expect(after.title).toBe('人工校對的標題')
    expect(after.displayTitle).toBe('人工校對的標題')
    expect(after.place.city).toBe('廈門市（人工）')
    expect(after.place.inferred).not.toContain('city')
    expect(after.editor).toBe(freshEditor)
    expect(after.locked).toEqual(['title', 'place.city'])
    expect((await ingest()).stdout).toContain('5 unchanged')
  })

  it('prints the summary as JSON with --json, and no progress when stderr is not a terminal', async () => {
    const r = await cli('ingest', '--corpus', raw(), '--cases', cases(), '--db', db(), '--embedder', 'lsa', '--json', '--workers', '1')
    expect(r.code, r.stderr).toBe(0)
    const summary = JSON.parse(r.stdout)
    expect(summary).toMatchObject({ reports: 5, counts: { created: 0, updated: 0, unchanged: 5, failed: 0 }, workers: 1, index: { cases: 5, added: 0, removed: 0 } })
    expect(Object.keys(summary.seconds)).toEqual(['read', 'clean', 'extract', 'write', 'embed', 'index', 'compact', 'total'])
    expect(summary.seconds.total).toBeGreaterThan(0)
    // Nothing changed, so no model was trained: the timeline says when the stream and the build ended.
    expect(summary.timeline).toMatchObject({ trained: null, embedded: null })
    expect(summary.timeline.firstReport).toBeGreaterThan(0)
    expect(summary.timeline.streamed).toBeGreaterThanOrEqual(summary.timeline.firstReport)
    expect(summary.timeline.indexed).toBeGreaterThanOrEqual(summary.timeline.streamed)
    expect(summary.timeline.indexed).toBeLessThanOrEqual(summary.seconds.total + 0.05)
    expect(summary.reportsPerSecond).toBeGreaterThan(0)
    expect(r.stderr).not.toMatch(/\r|reports · /)
    expect((await cli('ingest', '--corpus', raw(), '--workers', 'two')).code).toBe(2)
  })

  it('reports bad inputs one line each, writes the good files, loses nothing stored, exits 1', async () => {
    const dir = join(tmp, 'raw-bad')
    const out = join(tmp, 'cases-bad')
    mkdirSync(dir)
    mkdirSync(out)
    copyFileSync(join(SEEDS, seeds[2]), join(dir, seeds[2]))
    const expected = writeBadInputs(dir)
    // A case stored earlier for a report that is now broken must survive untouched.
    const stored = caseToMarkdown(makeCase({ id: 'empty' }))
    writeFileSync(join(out, 'empty.md'), stored)
    const r = await cli('ingest', '--corpus', dir, '--cases', out, '--db', join(tmp, 'db-bad'), '--embedder', 'lsa')
    expect(r.code).toBe(1)
    expectFailures(r.stderr, dir, expected)
    expect(r.stdout).toContain(`1 created, 0 updated, 0 unchanged, ${Object.keys(expected).length} failed`)
    expect(readFileSync(join(out, 'empty.md'), 'utf8')).toBe(stored)
    expect(readdirSync(out).sort()).toEqual([seeds[2].replace('.txt', '.md'), 'empty.md'])
    // The stored case its stream did not make is read back into the store beside the new one.
    expect(r.stdout).toContain('index: 2 case(s)')
  })

  it('leaves a stored case file it cannot parse alone and says so', async () => {
    const dir = join(tmp, 'raw-broken-case')
    const out = join(tmp, 'cases-broken-case')
    mkdirSync(dir)
    mkdirSync(out)
    copyFileSync(join(SEEDS, seeds[3]), join(dir, seeds[3]))
    const broken = '---\nid: [unclosed\n---\n\nhand notes\n'
    const file = join(out, seeds[3].replace('.txt', '.md'))
    writeFileSync(file, broken)
    const r = await cli('ingest', '--corpus', dir, '--cases', out, '--db', join(tmp, 'db-broken'), '--embedder', 'lsa')
    expect(r.code).toBe(1)
    expect(errorLines(r.stderr)[0]).toMatch(new RegExp(`^casebook: ${file}: invalid YAML front matter .*\\(stored case left as it is; fix or delete it\\)$`))
    expect(readFileSync(file, 'utf8')).toBe(broken)
  })

  it('fails clearly when the raw directory does not exist', async () => {
    const r = await cli('ingest', '--corpus', join(tmp, 'nope'), '--cases', join(tmp, 'c2'), '--db', join(tmp, 'db2'))
    expect(r.code).toBe(1)
    expect(errorLines(r.stderr)).toEqual([`casebook: ${join(tmp, 'nope')}: no such directory (the raw reports to ingest)`])
  })
})

describe('casebook synth', () => {
  it('writes N reports deterministically for a seed', async () => {
    const a = join(tmp, 'synth-a')
    const b = join(tmp, 'synth-b')
    expect((await cli('synth', '--n', '6', '--out', a, '--seed', '5')).code).toBe(0)
    expect((await cli('synth', '--n', '6', '--out', b, '--seed', '5')).stdout).toBe(`synth: 6 report(s) written to ${b} (seed 5)\n`)
    const names = readdirSync(a).sort()
    expect(names).toHaveLength(6)
    for (const n of names) expect(readFileSync(join(a, n))).toEqual(readFileSync(join(b, n)))
    expect((await cli('synth', '--n', 'many', '--out', a)).code).toBe(2)
  })
})
