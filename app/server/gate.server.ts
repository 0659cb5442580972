/**
 * What the server checks before a request reaches Remix, and before it reads a byte of a body:
 * the Host (a page on a rebinding domain must not reach a loopback app), the Origin of writes,
 * the admin token from the cookie or a header, and how much body the request may send, counted
 * as it arrives, so a chunked body is held to the same limit as one that declares its length.
 */
import type { IncomingMessage } from 'node:http'
import type { NextFunction, Request, Response } from 'express'
import { adminByHeaders } from '../models/auth.server'
import { ANONYMOUS_BODY_BYTES, MAX_BODY_BYTES } from '../models/config.server'
import { megabytes } from '../../ingest/read/limits'
import { sameOrigin, type HeaderGetter } from '../models/origin.server'

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])
const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The body a request brought, read within its limit; Remix gets it from here. */
export type BodyOf = WeakMap<IncomingMessage, Buffer>

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.')
}

/**
 * A server on loopback answers only to loopback names: a page on another domain that resolves
 * to 127.0.0.1 (DNS rebinding) would otherwise be same-origin with the app.
 */
export function hostAllowed(hostHeader: string | undefined, listening: string): boolean {
  if (!isLoopback(listening)) return true
  if (!hostHeader) return false
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0]
  return LOOPBACK_NAMES.has(name.toLowerCase()) || name.startsWith('127.')
}

/** How long a refused body is read and dropped, so the client sees the answer before the connection closes. */
const DRAIN_MS = 5_000

function refuse(res: Response, status: number, message: string): void {
  res.status(status).type('text/plain; charset=utf-8').end(`${message}\n`)
  // Closing on a client still sending makes it fail on its write before it reads the answer;
  // the rest of the body is discarded as it comes (no memory), for a few seconds at most.
  const req = res.req
  req.resume()
  setTimeout(() => {
    if (!req.complete) req.socket.destroy()
  }, DRAIN_MS).unref()
}

/** The most body this request may send, decided from its headers alone. */
export function bodyLimit(header: HeaderGetter): { bytes: number; why: string } {
  if (adminByHeaders(header)) return { bytes: MAX_BODY_BYTES, why: `the limit is ${megabytes(MAX_BODY_BYTES)} (a report of up to 20 MB and its form)` }
  return {
    bytes: ANONYMOUS_BODY_BYTES,
    why: `without the admin cookie or the X-Casebook-Token header the limit is ${megabytes(ANONYMOUS_BODY_BYTES)}; enter the token at /admin first`,
  }
}

/**
 * Reads a body up to `limit` bytes; past it, stops reading and resolves 'too-large' (the caller
 * answers 413 and the connection closes). Chunked or declared, the count is of bytes received.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.off('data', onData)
        chunks.length = 0
        resolve('too-large')
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.once('end', () => resolve(Buffer.concat(chunks)))
    req.once('error', reject)
  })
}

export function gate(listening: string, bodies: BodyOf) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!hostAllowed(req.headers.host, listening)) return refuse(res, 421, `unexpected Host "${req.headers.host ?? ''}": this server answers as localhost`)
    if (READS.has(req.method)) return next()
    const header: HeaderGetter = (name) => req.get(name)
    if (!sameOrigin(header, req.headers.host)) return refuse(res, 403, 'write requests from another site are refused')
    const limit = bodyLimit(header)
    const declared = Number(req.headers['content-length'] ?? 0)
    const tooLarge = () => refuse(res, 413, `request body too large: ${limit.why}`)
    if (declared > limit.bytes) return tooLarge()
    try {
      const body = await readBody(req, limit.bytes)
      if (body === 'too-large') return tooLarge()
      bodies.set(req, body)
      next()
    } catch (error) {
      next(error)
    }
  }
}
