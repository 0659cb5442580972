/**
 * What ingest's main thread loads before it starts the worker pool (ingest/cli/ingest.ts): the
 * workers are the start's critical path, so nothing heavy may come first. Arrow, jieba and OpenCC
 * (~0.4 s of CPU) are loaded later, by the index step and pass two.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')

/**
 * The package URLs a fresh process resolves while it imports `first`, and then `then` (a loader
 * hook writes them down, with a line between the two).
 */
function packagesLoaded(first: string, then: string): { first: string[]; then: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-start-'))
  const log = join(dir, 'resolved')
  writeFileSync(log, '')
  const hook = join(dir, 'hook.mjs')
  writeFileSync(
    hook,
    `import { appendFileSync } from 'node:fs'
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context)
  if (r.url.includes('/node_modules/')) appendFileSync(${JSON.stringify(log)}, r.url + '\\n')
  return r
}`,
  )
  const url = (module: string) => JSON.stringify(pathToFileURL(join(ROOT, module)).href)
  const script = [
    `import { register } from 'node:module'`,
    `import { appendFileSync } from 'node:fs'`,
    `register(${JSON.stringify(pathToFileURL(hook).href)})`,
    `await import(${url(first)})`,
    `appendFileSync(${JSON.stringify(log)}, '--\\n')`,
    `await import(${url(then)})`,
  ].join('\n')
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })
  expect(r.stderr).toBe('')
  const [before, after] = readFileSync(log, 'utf8').split('--\n')
  return { first: before.split('\n').filter(Boolean), then: after.split('\n').filter(Boolean) }
}

const HEAVY = /\/node_modules\/(apache-arrow|@node-rs\/jieba|opencc-js|@lancedb)\//

describe('ingest command start', () => {
  it('given the ingest command module, loads no Arrow, jieba, OpenCC or LanceDB before the worker pool can start', () => {
    const loaded = packagesLoaded('ingest/cli/ingest.ts', 'ingest/index/step.ts')
    expect(loaded.first.filter((u) => HEAVY.test(u))).toEqual([])
    // The index step, loaded next, brings them: the hook sees what is loaded.
    expect(loaded.then.some((u) => u.includes('/node_modules/apache-arrow/'))).toBe(true)
  }, 60_000)

  it('given the index step an ingest opens, loads no case file parser: its stream makes the case files, and reads stored ones only when some are left', () => {
    const loaded = packagesLoaded('ingest/cli/ingest.ts', 'ingest/index/step.ts')
    const parsers = /\/node_modules\/(unified|remark-[a-z-]+|yaml|micromark[a-z-]*|mdast-util-[a-z-]+)\//
    expect([...loaded.first, ...loaded.then].filter((u) => parsers.test(u))).toEqual([])
    expect(loaded.then.some((u) => u.includes('/node_modules/@lancedb/'))).toBe(true)
  }, 60_000)

  it('given the progress module, loads no progress bar package: only a terminal gets a bar', () => {
    const loaded = packagesLoaded('ingest/cli/ingest.ts', 'ingest/cli/progress.ts')
    expect([...loaded.first, ...loaded.then].filter((u) => u.includes('/node_modules/cli-progress/'))).toEqual([])
  }, 60_000)
})
