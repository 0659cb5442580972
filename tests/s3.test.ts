/**
 * The store on S3-compatible object storage: a local s3rver (started here, no network), the real
 * CLI writing to the bucket, two built app servers reading it as stateless read-only replicas.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, ROOT, startApp, type RunningApp } from './helpers/app-server.js'
import { startS3, type LocalS3 } from './helpers/s3.js'
import { openStore } from '../ingest/search/index.js'

const SEEDS = path.join(ROOT, 'tests/fixtures/seeds')
const PREFIX = 'store'

let s3: LocalS3
let dir: string

function ingest(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['ingest/cli.ts', 'ingest', '--corpus', path.join(dir, 'raw'), '--cases', path.join(dir, 'cases'), '--embedder', 'lsa'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Every file under a directory, relative to it. */
function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
}

beforeAll(async () => {
  s3 = await startS3()
  dir = mkdtempSync(path.join(os.tmpdir(), 'casebook-s3-corpus-'))
  mkdirSync(path.join(dir, 'raw'))
  for (const n of readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort().slice(0, 3)) copyFileSync(path.join(SEEDS, n), path.join(dir, 'raw', n))
})

afterAll(async () => {
  await s3?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('given a store in an S3 bucket', () => {
  it('ingest writes its tables to the bucket, and a reader opens them from there', async () => {
    const r = await ingest(s3.env(PREFIX))
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`in ${s3.uri(PREFIX)}: 3 added`)
    const written = files(path.join(s3.directory, 'casebook'))
    for (const table of ['meta', 'cases', 'passages']) expect(written.some((f) => f.startsWith(`${PREFIX}/${table}.lance/`))).toBe(true)
    const store = await openStore(s3.uri(PREFIX), { storageOptions: s3.storageOptions })
    expect((await store.info()).cases).toBe(3)
    store.close()
  })

  describe('two app servers over the same bucket', () => {
    let apps: RunningApp[] = []
    beforeAll(async () => {
      buildApp()
      const local = { dir, uri: s3.uri(PREFIX), cases: path.join(dir, 'cases'), raw: path.join(dir, 'raw'), cleanup: () => {} }
      const env = { ...s3.env(PREFIX), CASEBOOK_REFRESH_MS: '300', CASEBOOK_READONLY: '1' }
      apps = await Promise.all([startApp(local, env), startApp(local, env)])
    })
    afterAll(async () => {
      await Promise.all(apps.map((a) => a.stop()))
    })

    const page = async (app: RunningApp, q: string) => (await fetch(`${app.url}/?q=${encodeURIComponent(q)}`)).text()

    it('both answer from the bucket, and a new build shows on both without a restart', async () => {
      for (const app of apps) expect(await page(app, '物业')).toContain('/cases/')
      // A report about something no seed mentions, then a second ingest: the one writer.
      writeFileSync(
        path.join(dir, 'raw', 'zz_pigeons.txt'),
        '青石社区：鸽舍整治让楼顶重归安静\n\n青石社区楼顶私搭鸽舍二十余处，居民反映噪音和异味。社区党委牵头召开议事会，与养鸽户协商拆除鸽舍，另辟社区信鸽驿站集中饲养。',
      )
      const r = await ingest(s3.env(PREFIX))
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain('1 added')
      for (const app of apps) {
        const deadline = Date.now() + 20_000
        let html = ''
        while (Date.now() < deadline) {
          html = await page(app, '鸽舍')
          if (html.includes('/cases/zz_pigeons')) break
          await new Promise((resolve) => setTimeout(resolve, 250))
        }
        expect(html, app.output()).toContain('/cases/zz_pigeons')
      }
    })

    it('as read-only replicas, show no write forms, refuse a write with a message, and put nothing in the bucket', async () => {
      const [app] = apps
      const upload = await (await fetch(`${app.url}/upload`)).text()
      expect(upload).toContain('只读副本')
      expect(upload).not.toContain('name="file"')
      const packs = await (await fetch(`${app.url}/packs`)).text()
      expect(packs).toContain('只读副本')
      // No Upload link in the navigation (the upload page itself links to its own script variants).
      expect(packs).not.toContain('href="/upload"')
      expect(packs).not.toContain('name="name"')
      const refused = await fetch(`${app.url}/packs`, { method: 'POST', body: new URLSearchParams({ name: '培训包' }), headers: { Origin: app.url } })
      expect(refused.status).toBe(403)
      expect(await refused.text()).toContain('只读副本')
      // Not even the empty packs table a first visit to /packs makes on a writer.
      expect(files(path.join(s3.directory, 'casebook')).some((f) => f.startsWith(`${PREFIX}/packs.lance/`))).toBe(false)
    })
  })
})
