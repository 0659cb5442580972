import { describe, it, expect } from 'vitest'
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const STAMP = join(ROOT, '.cache/cli/current.json')

interface Stamp {
  dir: string
  inputs: Record<string, string>
}

function launch(...args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['ingest/cli.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 }, (err, stdout) => {
      done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout })
    })
  })
}

const readStamp = () => JSON.parse(readFileSync(STAMP, 'utf8')) as Stamp

describe('the CLI launcher (ingest/cli.mjs, what npm run casebook runs)', () => {
  it('runs the CLI from a bundle that records every source file it was built from', async () => {
    const r = await launch('help')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^usage: casebook <command>/)
    const stamp = readStamp()
    expect(existsSync(join(ROOT, '.cache/cli', stamp.dir, 'cli.js'))).toBe(true)
    // The commands' own modules are in it (dynamic imports), the packages are not.
    for (const f of ['ingest/cli.ts', 'ingest/cli/ingest.ts', 'ingest/index/write.ts', 'ingest/corpus/pool.ts']) expect(stamp.inputs[f]).toMatch(/^\d+:/)
    expect(Object.keys(stamp.inputs).some((f) => f.includes('node_modules'))).toBe(false)
  })

  it('given a source file that changed since the bundle was made, builds it again before running', async () => {
    await launch('help')
    const before = readStamp()
    // What an edit does to the stamp: the file's size and mtime no longer match the recorded ones.
    writeFileSync(STAMP, JSON.stringify({ ...before, inputs: { ...before.inputs, 'ingest/cli/args.ts': '0:0' } }))
    const r = await launch('help')
    expect(r.code).toBe(0)
    const after = readStamp()
    expect(after.inputs['ingest/cli/args.ts']).not.toBe('0:0')
    expect(after.inputs['ingest/cli/args.ts']).toBe(before.inputs['ingest/cli/args.ts'])
  })

  it('keeps each source file its own import.meta.url, so files beside a module are still found', () => {
    const stamp = readStamp()
    const chunks = join(ROOT, '.cache/cli', stamp.dir)
    const code = readdirSync(chunks).map((f) => readFileSync(join(chunks, f), 'utf8')).join('\n')
    expect(code).not.toContain('import.meta.url')
    // The worker pool finds worker.ts beside its own source, not beside the bundle.
    expect(code).toContain(JSON.stringify(pathToFileURL(join(ROOT, 'ingest/corpus/pool.ts')).href))
  })

  it('starts an ingest worker from a bundle with its packages inside, without Arrow or jieba\'s dictionary: what its first report does not need stays behind dynamic imports', async () => {
    await launch('help')
    const chunks = join(ROOT, '.cache/cli', readStamp().dir)
    // The chunks a worker loads before it runs, following static imports only, and the packages they import.
    const packages = new Set<string>()
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const code = readFileSync(join(chunks, file), 'utf8')
      for (const m of code.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["'];?$/gms)) {
        if (m[1].startsWith('./')) visit(m[1].slice(2))
        else packages.add(m[1])
      }
      for (const m of code.matchAll(/__require\("([^"]+)"\)/g)) packages.add(m[1])
    }
    visit('ingest-worker.js')
    // OpenCC's dictionaries, pinyin-pro, iconv-lite, the HTML and Markdown parsers are inside it;
    // only Node's own modules and jieba (native code) are loaded as modules of their own.
    expect(seen.size).toBeGreaterThan(1)
    const outside = [...packages].filter((p) => !p.startsWith('node:') && !['buffer', 'fs', 'process', 'stream', 'string_decoder'].includes(p))
    expect(outside).toEqual(['@node-rs/jieba'])
  })

  it('records package-lock.json among its inputs: the worker bundle holds the packages\' code', async () => {
    await launch('help')
    expect(readStamp().inputs['package-lock.json']).toMatch(/^\d+:/)
  })
})
