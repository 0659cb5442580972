/**
 * The built app against a throwaway store: ingest the sample corpus (corpus/raw) into a temp
 * directory, start the app's server (app/server) on 127.0.0.1 and a free port, tear everything down after.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { runIngest } from '../../ingest/corpus/index.js'
import { indexCases, providerFor } from '../../ingest/index/index.js'

export const ROOT = path.resolve(import.meta.dirname, '../..')

export interface SampleStore {
  dir: string
  uri: string
  cases: string
  raw: string
  cleanup(): void
}

/** corpus/raw copied into a temp directory, processed into case files and indexed. */
export async function buildSampleStore(): Promise<SampleStore> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casebook-app-'))
  const raw = path.join(dir, 'raw')
  const cases = path.join(dir, 'cases')
  const uri = path.join(dir, 'lancedb')
  cpSync(path.join(ROOT, 'corpus/raw'), raw, { recursive: true })
  const report = await runIngest({ corpus: raw, cases })
  await indexCases(report.cases, { uri, provider: await providerFor('auto', () => {}), log: () => {} })
  return { dir, uri, cases, raw, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** `remix build`, unless the build is newer than every file under app/ and ingest/. */
export function buildApp(): void {
  const built = path.join(ROOT, 'build/index.js')
  const newest = (dir: string): number => {
    let latest = 0
    for (const entry of execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' }).split('\n').filter(Boolean)) {
      latest = Math.max(latest, statSync(entry).mtimeMs)
    }
    return latest
  }
  if (existsSync(built) && statSync(built).mtimeMs > Math.max(newest(path.join(ROOT, 'app')), newest(path.join(ROOT, 'ingest')))) return
  // Inherited NODE_ENV=test (vitest) would make a development build the production server cannot run.
  execFileSync(path.join(ROOT, 'node_modules/.bin/remix'), ['build'], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } })
}

/**
 * The V8 flags `npm run serve` gives the server. A search page allocates ~4 MB, and with V8's
 * default 16 MB semi-spaces the young generation was collected every ~4 pages under load, each
 * collection copying what the pages in flight still hold: 64 MB halved the main thread's GC
 * pauses and served 7–27% more pages a second in three of three pairs (bench/README "Round 16"),
 * for more memory (1.1–1.3 GB at 10k cases in the bench, 0.9–1.0 GB without it).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64']

/** How `npm run serve` starts the server, run here without npm in between (signals reach it). */
export const SERVER_ARGS = [...SERVER_NODE_FLAGS, '--import', 'tsx', path.join(ROOT, 'app/server/main.server.ts')]

export interface RunningApp {
  url: string
  pid: number
  stop(): Promise<void>
  output(): string
}

export async function startApp(store: SampleStore, env: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort()
  let output = ''
  const child: ChildProcess = spawn(process.execPath, SERVER_ARGS, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LANCEDB_URI: store.uri,
      CASEBOOK_CASES: store.cases,
      CASEBOOK_RAW: store.raw,
      // One process unless a test asks for more: the tests that read the server's memory read its pid's.
      CASEBOOK_WORKERS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const url = `http://127.0.0.1:${port}`
  // Generous: a loaded machine takes a while to load the build and LanceDB.
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`)
    try {
      const res = await fetch(`${url}/lang?to=zh`, { redirect: 'manual' })
      if (res.status < 500) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start: ${output}`)
    await new Promise((r) => setTimeout(r, 150))
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
