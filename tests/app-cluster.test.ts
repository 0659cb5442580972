/**
 * The server with two serving processes (CASEBOOK_WORKERS=2, app/server/main.server.ts): every
 * request on a new connection, so the kernel hands them to both processes in turn. A form made by
 * one process is accepted by the other; uploads saved in both at once take turns at the store's
 * lock and all land; each new build is searchable from every process at once, though the store
 * is looked at for newer builds only every 10 minutes here: the processes tell each other.
 */
import { readdirSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, buildSampleStore, startApp, type RunningApp, type SampleStore } from './helpers/app-server.js'

let store: SampleStore
let app: RunningApp

beforeAll(async () => {
  buildApp()
  store = await buildSampleStore()
  app = await startApp(store, { CASEBOOK_WORKERS: '2', CASEBOOK_REFRESH_MS: '600000' })
}, 240_000)

afterAll(async () => {
  await app?.stop()
  store?.cleanup()
})

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** One request on a connection of its own (no keep-alive pool). */
function request(path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${app.url}${path}`, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Child processes running the server's entry (not the loader's esbuild service beside them). */
function servingChildren(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const parent = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ')[1])
        return parent === pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('main.server.ts')
      } catch {
        return false
      }
    })
    .map(Number)
}

/** A report in words of its own: its compound's name is what the test searches for afterwards. */
function report(i: number): { name: string; text: string; word: string } {
  const word = `集群${'甲乙丙丁戊'[i]}园`
  return {
    name: `cluster_${i}.txt`,
    word,
    text: `${word}小区楼道照明改造\n\n${word}小区有${200 + i}户居民，社区居委会牵头，物业公司出资${3 + i}万元更换楼道灯具，居民议事会每季度检查一次。`,
  }
}

async function upload(i: number): Promise<number> {
  const page = await request('/upload')
  const cookie = String(page.headers['set-cookie']?.[0] ?? '').split(';')[0]
  const csrf = /name="_csrf" value="([0-9a-f]*)"/.exec(page.body)?.[1] ?? ''
  const form = new FormData()
  form.set('_csrf', csrf)
  form.set('intent', 'save')
  form.set('file', new File([report(i).text], report(i).name))
  const encoded = new Response(form)
  const body = Buffer.from(await encoded.arrayBuffer())
  const answer = await request('/upload', {
    method: 'POST',
    body,
    headers: { 'Content-Type': encoded.headers.get('Content-Type')!, Cookie: cookie, Origin: app.url, 'Content-Length': String(body.length) },
  })
  return answer.status
}

describe('two serving processes', () => {
  it('runs two serving processes under the one the command started', () => {
    expect(servingChildren(app.pid)).toHaveLength(2)
  })

  /** Asked on six connections, so both processes answer; every answer must find the report. */
  async function searchableEverywhere(i: number): Promise<void> {
    const { word } = report(i)
    // A process learns of the other's build by a message, which may trail the upload's response by a moment.
    await new Promise((r) => setTimeout(r, 1000))
    for (let ask = 0; ask < 6; ask++) {
      const page = await request(`/?q=${encodeURIComponent(word)}`)
      expect(page.body.includes(`/cases/cluster_${i}`), `${word}, asked ${ask + 1}`).toBe(true)
    }
  }

  it('saves uploads made through both processes at once, each searchable from both right after', async () => {
    const statuses = await Promise.all([0, 1, 2, 3].map(upload))
    expect(statuses).toEqual([302, 302, 302, 302])
    for (const i of [0, 1, 2, 3]) await searchableEverywhere(i)
  }, 240_000)

  it('shows one upload on the process that did not save it, without waiting for its next look at the store', async () => {
    expect(await upload(4)).toBe(302)
    await searchableEverywhere(4)
  }, 240_000)
})
