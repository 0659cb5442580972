/**
 * Issue 11, failures 1 and 6 on the command line: one bad report or case file fails alone, named
 * on one line, and the rest of the run is indexed, this time and the next.
 */
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runIngest } from '../../ingest/corpus/index.js'
import { indexCorpus } from '../../ingest/index/index.js'
import { openStore } from '../../ingest/search/index.js'
import { ROOT } from '../helpers/app-server.js'
import { docxBomb, REPORT_TEXT } from './helpers.js'

const dirs: string[] = []
/** A raw folder with the five sample reports (the offline model trains on them) and `extra`. */
function rawWith(dir: string, extra: Record<string, string | Uint8Array>): string {
  const raw = path.join(dir, 'raw')
  cpSync(path.join(ROOT, 'corpus/raw'), raw, { recursive: true })
  for (const [name, content] of Object.entries(extra)) writeFileSync(path.join(raw, name), content)
  return raw
}

function tmp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casebook-sec-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(ROOT, 'node_modules/.bin/tsx'), ['ingest/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as NodeJS.ErrnoException & { code?: number }).code as unknown as number) : 0, stdout, stderr }),
    )
  })
}

const OTHER = '向阳社区楼道长制度\n\n向阳社区推行楼道长制度，每个楼道推选一名楼道长，负责收集居民意见、协调加装电梯。'

describe('given a run with a decompression bomb beside good reports', () => {
  it('fails the bomb on one line and indexes the good reports', async () => {
    const dir = tmp()
    const raw = rawWith(dir, { 'good.txt': REPORT_TEXT, 'bomb.docx': await docxBomb(48) })
    const { code, stdout, stderr } = await cli(['ingest', '--corpus', raw, '--cases', path.join(dir, 'cases'), '--db', path.join(dir, 'db'), '--embedder', 'lsa'])
    expect(code).toBe(1)
    const lines = stderr.split('\n').filter((line) => line.includes('bomb.docx'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^casebook: .*bomb\.docx: not a readable \.docx \(word\/document\.xml unpacks to more than/)
    expect(stdout).toMatch(/6 created, 0 updated, 0 unchanged, 1 failed/)
    const store = await openStore(path.join(dir, 'db'))
    expect((await store.search('三会一评')).hits[0].id).toBe('good')
    store.close()
  }, 240_000)
})

describe('given a case file broken by hand beside good ones', () => {
  it('indexes the others, names the broken one, and the next ingest does the same', async () => {
    const dir = tmp()
    const raw = rawWith(dir, { 'heping.txt': REPORT_TEXT, 'xiangyang.txt': OTHER })
    const cases = path.join(dir, 'cases')
    const db = path.join(dir, 'db')
    await runIngest({ corpus: raw, cases })
    // A list field written as plain text: the case file parses, but no row can be made of it.
    const file = path.join(cases, 'xiangyang.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^models: .*$/m, 'models: 楼道长制度'))
    for (let run = 0; run < 2; run++) {
      const lines: string[] = []
      const stats = await indexCorpus({ cases, db, embedder: 'lsa', log: (line) => lines.push(line) })
      expect(stats.failed.map((f) => f.id)).toEqual(['xiangyang'])
      expect(lines.filter((line) => line.startsWith('casebook: xiangyang: cannot be indexed'))).toHaveLength(1)
      const store = await openStore(db)
      expect((await store.search('三会一评')).hits[0].id).toBe('heping')
      expect((await store.info()).cases).toBe(6)
      store.close()
    }
  })
})

describe('given a report whose file name holds quotes, a newline and Chinese', () => {
  it('prints its error on one line', async () => {
    const dir = tmp()
    const name = path.join(dir, '坏"文件\n名称.txt')
    writeFileSync(name, '')
    const { code, stderr } = await cli(['extract', '--json', name])
    expect(code).toBe(1)
    expect(stderr.trim().split('\n')).toEqual([`casebook: ${dir}/坏"文件\\n名称.txt: empty file`])
  }, 120_000)

  it('is stored under an id its case page can find', async () => {
    const dir = tmp()
    const raw = rawWith(dir, { '“和平”\n里.txt': REPORT_TEXT })
    const report = await runIngest({ corpus: raw, cases: path.join(dir, 'cases') })
    await indexCorpus({ cases: path.join(dir, 'cases'), db: path.join(dir, 'db'), embedder: 'lsa', log: () => {} })
    const id = report.cases.map((c) => c.id).find((one) => one.startsWith('“和平”'))!
    expect(id).toBe('“和平”_里')
    process.env.LANCEDB_URI = path.join(dir, 'db')
    const { reopenStore } = await import('~/models/store.server')
    const { loader } = await import('~/routes/cases.$id')
    await reopenStore()
    const data = await loader({ request: new Request(`http://casebook.test/cases/${encodeURIComponent(id)}`), params: { id }, context: {} })
    expect(data.id).toBe(id)
    await data.similar
    await reopenStore()
    delete process.env.LANCEDB_URI
  })
})
