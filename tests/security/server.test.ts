/**
 * Issue 11, failures 4, 5 and 6 over HTTP, against the built app as `npm start` serves it:
 * headers, the listening interface, bodies refused before they are read, cross-site writes.
 */
import { createHmac } from 'node:crypto'
import http from 'node:http'
import { connect } from 'node:net'
import os from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, buildSampleStore, startApp, type RunningApp, type SampleStore } from '../helpers/app-server.js'
import { REPORT_TEXT, rssMb } from './helpers.js'

const TOKEN = 's3cret-token'
let store: SampleStore
let app: RunningApp

beforeAll(async () => {
  buildApp()
  store = await buildSampleStore()
  app = await startApp(store, { CASEBOOK_ADMIN_TOKEN: TOKEN })
})

afterAll(async () => {
  await app?.stop()
  store?.cleanup()
})

const adminCookie = () => `casebook_admin=${createHmac('sha256', TOKEN).update('casebook-admin').digest('hex')}`

/** A page's form token and the cookie it belongs to, as a browser holds them. */
async function session(extraCookie = ''): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${app.url}/packs`, { headers: extraCookie ? { Cookie: extraCookie } : {} })
  const cookie = (page.headers.get('Set-Cookie') ?? '').split(';')[0]
  const csrf = /name="_csrf" value="([0-9a-f]*)"/.exec(await page.text())?.[1] ?? ''
  return { cookie: [cookie, extraCookie].filter(Boolean).join('; '), csrf }
}

/**
 * Sends `total` bytes as the body of a POST (declared, or chunked when `declared` is false),
 * stopping when the server answers; resolves with its status, text and the time it took.
 */
function sendLarge(path: string, total: number, declared: boolean, headers: Record<string, string> = {}): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const url = new URL(path, app.url)
    const req = http.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', ...(declared ? { 'Content-Length': String(total) } : {}), ...headers },
    })
    let answered = false
    req.on('response', (res) => {
      answered = true
      let text = ''
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => {
        resolve({ status: res.statusCode!, text, ms: performance.now() - started })
        req.destroy()
      })
    })
    req.on('error', (error) => (answered ? undefined : reject(error)))
    const chunk = Buffer.alloc(256 * 1024, 0x61)
    let sent = 0
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!answered) req.end()
    }
    pump()
  })
}

describe('given the server as npm start runs it', () => {
  it('sends the security headers, and a nonce on every inline script that matches its CSP', async () => {
    const response = await fetch(`${app.url}/`)
    const csp = response.headers.get('Content-Security-Policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain("'unsafe-inline' 'nonce")
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('X-Frame-Options')).toBe('DENY')
    expect(response.headers.get('Referrer-Policy')).toBeTruthy()
    const scripts = [...(await response.text()).matchAll(/<script\b([^>]*)>/g)].map((m) => m[1])
    expect(scripts.length).toBeGreaterThan(0)
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`)
  })

  it('listens on loopback only unless HOST says otherwise', async () => {
    const other = await startApp(store, { HOST: '' })
    try {
      expect(other.output()).toMatch(/http:\/\/127\.0\.0\.1:\d+/)
      const port = new URL(other.url).port
      const external = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)
      if (external) {
        const reached = await new Promise<boolean>((resolve) => {
          const socket = connect(Number(port), external.address)
          socket.once('connect', () => (socket.destroy(), resolve(true)))
          socket.once('error', () => resolve(false))
        })
        expect(reached).toBe(false)
      }
    } finally {
      await other.stop()
    }
  })

  it('redirects next= only within the site, and a newline in it is no error', async () => {
    for (const next of ['/%09/evil.example/x', '/%0A']) {
      const response = await fetch(`${app.url}/lang?to=en&next=${next}`, { redirect: 'manual' })
      expect(response.status).toBe(302)
      expect(new URL(response.headers.get('Location')!, app.url).origin).toBe(app.url)
    }
  })
})

describe('given the REFI-QDA export over HTTP', () => {
  it('answers HEAD without taking the one export slot, then the export, then a 304 for the tag it sent', async () => {
    const head = await fetch(`${app.url}/export.qdpx`, { method: 'HEAD' })
    expect([head.status, head.headers.get('Content-Type')]).toEqual([200, 'application/zip'])
    const full = await fetch(`${app.url}/export.qdpx`, { signal: AbortSignal.timeout(30_000) })
    const bytes = Buffer.from(await full.arrayBuffer())
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    expect(full.headers.get('ETag')).toBe(head.headers.get('ETag'))
    const again = await fetch(`${app.url}/export.qdpx`, { headers: { 'If-None-Match': full.headers.get('ETag')! } })
    expect(again.status).toBe(304)
  })
})

describe('given a large body without the admin cookie or header', () => {
  it('answers 300 MB with 413 at once and the server does not hold it', async () => {
    const before = rssMb(app.pid)
    const results = await Promise.all([1, 2, 3].map(() => sendLarge('/upload', 300 * 1024 * 1024, true)))
    for (const result of results) {
      expect(result.status).toBe(413)
      expect(result.text).toMatch(/too large/)
      expect(result.ms).toBeLessThan(5_000)
    }
    expect(rssMb(app.pid) - before).toBeLessThan(100)
  })

  it('stops a chunked body at the limit too', async () => {
    const before = rssMb(app.pid)
    const result = await sendLarge('/upload', 200 * 1024 * 1024, false)
    expect(result.status).toBe(413)
    expect(rssMb(app.pid) - before).toBeLessThan(100)
  })

  it('answers 413, not 401, to 25 MB carrying the token as a form field', async () => {
    const { cookie } = await session()
    const result = await sendLarge('/upload', 25 * 1024 * 1024, true, { Cookie: cookie })
    expect(result.status).toBe(413)
  })

  it('still takes a small form with the token as a field', async () => {
    const { cookie, csrf } = await session()
    const response = await fetch(`${app.url}/packs`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie, Origin: app.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: '字段口令', token: TOKEN, _csrf: csrf }),
    })
    expect(response.status).toBe(302)
  })
})

describe('given the admin signed in', () => {
  it('refuses a write from a page on another port of the same host', async () => {
    const { cookie, csrf } = await session(adminCookie())
    const evil = new URL(app.url)
    evil.port = String(Number(evil.port) + 1)
    const response = await fetch(`${app.url}/packs`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie, Origin: evil.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: '跨站', _csrf: csrf }),
    })
    expect(response.status).toBe(403)
  })

  it('answers deeply nested HTML uploaded through the web with a 400 and a message', async () => {
    const { cookie, csrf } = await session(adminCookie())
    const form = new FormData()
    form.set('_csrf', csrf)
    form.set('intent', 'preview')
    form.set('file', new File([`<html><body>${'<div>'.repeat(50_000)}${REPORT_TEXT}</body></html>`], 'deep.html'))
    const response = await fetch(`${app.url}/upload`, { method: 'POST', headers: { Cookie: cookie, Origin: app.url }, body: form })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('HTML nested too deeply')
  })
})
