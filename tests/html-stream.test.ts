import { describe, expect, it } from 'vitest'
import type { Writable } from 'node:stream'
import { dropNulBytes, htmlStream, READER_LEFT } from '../app/lib/html-stream.server'

/** A stand-in for React's renderer: writes `chunks` one per tick until stopped. */
function slowRenderer(chunks: string[]) {
  let stopped = false
  let destination: Writable | null = null
  return {
    pipe(to: Writable) {
      destination = to
      const next = (i: number) => {
        if (stopped || i === chunks.length) return void (stopped || to.end())
        to.write(Buffer.from(chunks[i]))
        setTimeout(() => next(i + 1), 1)
      }
      next(0)
    },
    reason: undefined as unknown,
    abort(reason: unknown) {
      stopped = true
      this.reason = reason
    },
    get stopped() {
      return stopped
    },
    get destination() {
      return destination
    },
  }
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const parts: Buffer[] = []
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(chunk))
  return Buffer.concat(parts).toString('utf8')
}

describe('the HTML stream of a page', () => {
  it('passes the page through without NUL bytes', async () => {
    const renderer = slowRenderer(['<p>社区', '\0\0议事</p>'])
    expect(await readAll(htmlStream((to) => renderer.pipe(to), (reason) => renderer.abort(reason)))).toBe('<p>社区议事</p>')
  })

  it('sends what the renderer writes in one turn as one chunk', async () => {
    const stream = htmlStream((to) => {
      for (const piece of ['<ul>', '<li>楼栋长\0\0</li>', '<li>议事会</li>', '</ul>']) to.write(Buffer.from(piece))
      to.end()
    }, () => {})
    const chunks: string[] = []
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk).toString('utf8'))
    expect(chunks).toEqual(['<ul><li>楼栋长</li><li>议事会</li></ul>'])
  })

  it('stops the render, and raises nothing, when the reader leaves mid-page', async () => {
    const renderer = slowRenderer(Array.from({ length: 50 }, (_, i) => `<p>${i}</p>`))
    const stream = htmlStream((to) => renderer.pipe(to), (reason) => renderer.abort(reason))
    const reader = stream.getReader()
    await reader.read()
    // As the server does when the client's socket closes: cancel with the premature-close error.
    await reader.cancel(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(renderer.stopped).toBe(true)
    expect(renderer.reason).toBe(READER_LEFT)
    expect(renderer.destination?.destroyed).toBe(true)
  })
})

describe('dropping NUL bytes from a chunk', () => {
  it('cuts out every run, at the start, the middle and the end, and keeps a chunk without any as it is', () => {
    const text = Buffer.from('街道办事处 <a href="?q=物业">物业</a>')
    const padded = Buffer.concat([Buffer.alloc(2), text.subarray(0, 9), Buffer.alloc(3), text.subarray(9, 10), Buffer.alloc(1), text.subarray(10), Buffer.alloc(5)])
    expect(dropNulBytes(padded).toString('utf8')).toBe(text.toString('utf8'))
    expect(dropNulBytes(text)).toBe(text)
    expect(dropNulBytes(Buffer.alloc(4))).toHaveLength(0)
  })
})
