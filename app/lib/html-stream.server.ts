import { PassThrough, Transform, type Writable } from 'node:stream'
import { createReadableStreamFromReadable } from '@remix-run/node'

/**
 * React 18's node renderer fills 2 KB views with UTF-8; when a three-byte character does not fit
 * in what is left of a view it flushes the whole view, zero padding included. Chinese pages hit
 * this every few kilobytes, and a NUL inside an attribute changes a facet value. HTML never needs
 * a NUL byte, so they are dropped on the way out.
 */
function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, dropNulBytes(chunk))
    },
  })
}

/**
 * The chunk with its NUL runs cut out, copied once. The padding comes in runs at the ends of
 * views and nearly every view of a Chinese page has one: filtering byte by byte through a
 * callback was ~1.5 ms of CPU a 56 KB search page.
 */
export function dropNulBytes(chunk: Buffer): Buffer {
  let at = chunk.indexOf(0)
  if (at < 0) return chunk
  const kept: Buffer[] = []
  let from = 0
  while (at >= 0) {
    if (at > from) kept.push(chunk.subarray(from, at))
    from = at + 1
    while (from < chunk.length && chunk[from] === 0) from++
    at = chunk.indexOf(0, from)
  }
  if (from < chunk.length) kept.push(chunk.subarray(from))
  return Buffer.concat(kept)
}

/** Why a render was stopped when its reader went away. */
export const READER_LEFT = new Error('the reader left before the page was sent')

/**
 * A page's HTML as the web stream Remix answers with: what `pipe` writes (React's renderer),
 * without NUL bytes. A reader that leaves mid-page cancels the stream, which destroys the filter
 * with the reason as an error event; unheard, that error would end the whole server, so it stops
 * the render instead (`abort(READER_LEFT)`: the renderer's onError hears that reason, which is no
 * error worth logging).
 */
export function htmlStream(pipe: (destination: Writable) => void, abort: (reason: unknown) => void): ReadableStream<Uint8Array> {
  const body = new PassThrough()
  const filtered = body.pipe(withoutNulBytes())
  filtered.once('error', () => {
    abort(READER_LEFT)
    body.destroy()
  })
  const stream = createReadableStreamFromReadable(filtered)
  pipe(body)
  return stream
}
