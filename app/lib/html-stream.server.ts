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
      done(null, chunk.includes(0) ? chunk.filter((b) => b !== 0) : chunk)
    },
  })
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
