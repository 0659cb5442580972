/**
 * The web server: express in front of the built Remix app. Every response gets the security
 * headers (./headers.server.ts) with a fresh CSP nonce; every request passes the gate
 * (./gate.server.ts) before Remix sees it; the browser's form-token cookie is set here when
 * missing, so the page being rendered can carry the matching token.
 */
import path from 'node:path'
import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import express, { type NextFunction, type Request, type Response } from 'express'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { csrfCookie, csrfValue, newCsrfValue } from '../models/csrf.server'
import { httpsDeployment } from '../models/config.server'
import { gate, type BodyOf } from './gate.server'
import { newNonce, securityHeaders } from './headers.server'

export interface AppOptions {
  build: ServerBuild
  /** The interface the server listens on (Host checks depend on it). */
  host: string
  /** Folder of the built browser assets (public/). */
  publicDir: string
  mode: string
}

function fetchHeaders(req: Request): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  return headers
}

/**
 * Remix's Response onto express's, streamed as the client takes it: a slow reader holds the
 * body back instead of having it buffered (exports stream in constant memory), and one that goes
 * away stops it (the export's stream is destroyed and stops reading the store). Remix's own
 * `writeReadableStreamToWritable` does neither.
 */
export async function send(res: Response, response: globalThis.Response): Promise<void> {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [name, value] of response.headers.entries()) res.append(name, value)
  if (!response.body) return void res.end()
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), res)
  } catch (error) {
    // The client left before the end: nothing to answer, nothing to log.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error
  }
}

/** The Fetch Request Remix reads, with the body the gate already read (never the raw stream). */
function remixRequest(req: Request, res: Response, bodies: BodyOf): globalThis.Request {
  const url = new URL(`${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`)
  const controller = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const body = bodies.get(req as IncomingMessage)
  return new globalThis.Request(url.href, {
    method: req.method,
    headers: fetchHeaders(req),
    signal: controller.signal,
    ...(body && req.method !== 'GET' && req.method !== 'HEAD' ? { body: new Uint8Array(body) } : {}),
  })
}

export function createApp(options: AppOptions): express.Express {
  const app = express()
  app.disable('x-powered-by')
  const https = httpsDeployment()
  const bodies: BodyOf = new WeakMap()

  app.use((_req, res, next) => {
    const nonce = newNonce()
    res.locals.nonce = nonce
    for (const [name, value] of securityHeaders(nonce, https)) res.setHeader(name, value)
    next()
  })
  // Fingerprinted bundles never change; everything else in public/ may.
  app.use('/build', express.static(path.join(options.publicDir, 'build'), { immutable: true, maxAge: '1y' }))
  // public/ holds files only (favicon.svg): a page's path has no extension and is not looked for
  // on disk (every page had cost a `stat` of public/index.html).
  const files = express.static(options.publicDir, { maxAge: '1h' })
  app.use((req, res, next) => (path.extname(req.path) ? files(req, res, next) : next()))
  // Pages only (not assets fetched beside them, which could race it with another value).
  app.use((req, res, next) => {
    let csrf = csrfValue(req.headers.cookie)
    if (!csrf) {
      csrf = newCsrfValue()
      res.append('Set-Cookie', csrfCookie(csrf, https || req.protocol === 'https'))
    }
    res.locals.csrf = csrf
    next()
  })
  app.use(gate(options.host, bodies))

  const handle = createRequestHandler(options.build, options.mode)
  app.all('*', async (req, res, next) => {
    try {
      const response = await handle(remixRequest(req, res, bodies), { nonce: res.locals.nonce, csrf: res.locals.csrf })
      await send(res, response)
    } catch (error) {
      next(error)
    }
  })
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error(error)
    if (res.headersSent) return void res.destroy()
    res.status(500).type('text/plain').end('internal error\n')
  })
  return app
}
