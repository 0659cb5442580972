import { Writable } from 'node:stream'

/**
 * React 18's node renderer fills 2 KB views with UTF-8; when a three-byte character does not fit
 * in what is left of a view it flushes the whole view, zero padding included. Chinese pages hit
 * this every few kilobytes, and a NUL inside an attribute changes a facet value. HTML never needs
 * a NUL byte, so they are dropped on the way out.
 *
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
 * without NUL bytes, and the views written in one turn sent as one chunk. React writes a 2 KB
 * view at a time, ~37 for a search page, and each chunk then cost the main thread its way
 * through the web stream, Node's stream and a `writev` to the socket (bench/README "Round 16").
 * The whole page is in memory by then either way: React renders a pass before it writes. A reader that leaves mid-page cancels the stream,
 * which stops the render (`abort(READER_LEFT)`: the renderer's onError hears that reason, which
 * is no error worth logging) and destroys what it writes to.
 */
export function htmlStream(pipe: (destination: Writable) => void, abort: (reason: unknown) => void): ReadableStream<Uint8Array> {
  let out!: ReadableStreamDefaultController<Uint8Array>
  let parts: Buffer[] = []
  let due = false
  let closed = false
  const deliver = () => {
    due = false
    if (closed || !parts.length) return
    out.enqueue(parts.length === 1 ? parts[0] : Buffer.concat(parts))
    parts = []
  }
  const page = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const kept = dropNulBytes(chunk)
      if (kept.length) parts.push(kept)
      // The renderer writes a pass's views synchronously: they leave together once it is done.
      if (!due) {
        due = true
        process.nextTick(deliver)
      }
      done()
    },
    final(done) {
      deliver()
      if (!closed) out.close()
      closed = true
      done()
    },
  })
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      out = controller
    },
    cancel() {
      closed = true
      abort(READER_LEFT)
      page.destroy()
    },
  })
  pipe(page)
  return stream
}
