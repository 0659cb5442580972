/**
 * The server writes a Remix response as its client reads it: a reader that stalls holds the
 * body back (an export of 100k cases is not piled up in memory), and one that leaves stops it.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { send } from '../app/server/app.server'

const CHUNK = new Uint8Array(64 * 1024).fill(0x61)
/** Far more than a socket buffers: a server that did not wait for its reader would make it all at once. */
const TOTAL = 512 * 1024 * 1024

let server: http.Server | undefined

afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

const until = async (done: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
  return done()
}

describe('given a client that reads slowly and then leaves', () => {
  it('makes the body only as fast as it is taken, and stops making it when the client goes', async () => {
    let made = 0
    let cancelled = false
    let sent: Promise<unknown> = Promise.resolve()
    const app = express()
    app.get('/export', (_req, res) => {
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (made >= TOTAL) return controller.close()
            made += CHUNK.length
            controller.enqueue(CHUNK)
          },
          cancel() {
            cancelled = true
          },
        },
        { highWaterMark: 0 },
      )
      sent = send(res, new Response(body, { headers: { 'Content-Type': 'application/octet-stream' } }))
    })
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server!.once('listening', resolve))
    const { port } = server.address() as AddressInfo

    const response = await new Promise<http.IncomingMessage>((resolve) => http.get(`http://127.0.0.1:${port}/export`, resolve))
    response.pause()
    expect(response.statusCode).toBe(200)
    // The client reads nothing for a while: the server fills the socket's buffers, then waits.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const stalled = made
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(made).toBe(stalled)
    expect(made).toBeLessThan(64 * 1024 * 1024)

    response.destroy()
    expect(await until(() => cancelled)).toBe(true)
    // Leaving is no error of the server's.
    await expect(sent).resolves.toBeUndefined()
    expect(made).toBeLessThan(TOTAL)
  })
})
