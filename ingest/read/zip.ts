import { inflateRawSync } from 'node:zlib'
import { LIMITS, megabytes } from './limits.js'

/**
 * Just enough of the ZIP format to pull one entry out of a .docx synchronously (mammoth and
 * jszip are promise-only, and the upload path decodes bytes synchronously).
 */
const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
export class ZipError extends Error {}

/**
 * One entry's bytes, unpacked; null when the archive has no such entry. Refuses (ZipError) a
 * directory of more than LIMITS.zipEntries entries and an entry that unpacks past `maxBytes`, by
 * its declared size before inflating and by the inflater's own limit while inflating (a declared
 * size can lie).
 */
export function readZipEntry(bytes: Uint8Array, name: string, maxBytes: number = LIMITS.zipEntryBytes): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const minEnd = Math.max(0, bytes.length - 22 - 0xffff)
  let eocd = -1
  for (let i = bytes.length - 22; i >= minEnd; i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new ZipError('not a ZIP container')
  const count = view.getUint16(eocd + 10, true)
  if (count > LIMITS.zipEntries) throw new ZipError(`too many entries (${count}; a .docx has a few dozen, the limit is ${LIMITS.zipEntries})`)
  let p = view.getUint32(eocd + 16, true)
  const decoder = new TextDecoder()
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw new ZipError('damaged ZIP directory')
    const method = view.getUint16(p + 10, true)
    const compressed = view.getUint32(p + 20, true)
    const size = view.getUint32(p + 24, true)
    const nameLen = view.getUint16(p + 28, true)
    const extraLen = view.getUint16(p + 30, true)
    const commentLen = view.getUint16(p + 32, true)
    const local = view.getUint32(p + 42, true)
    const entryName = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen))
    p += 46 + nameLen + extraLen + commentLen
    if (entryName !== name) continue
    const tooLarge = () => new ZipError(`${name} unpacks to more than ${megabytes(maxBytes)} (the limit for one part; a report's is well under 1 MB)`)
    if (size > maxBytes) throw tooLarge()
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) throw new ZipError('damaged ZIP entry')
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    const data = bytes.subarray(start, start + compressed)
    if (method === 0) return data
    if (method === 8) {
      try {
        return new Uint8Array(inflateRawSync(data, { maxOutputLength: maxBytes }))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge()
        throw new ZipError(`damaged ZIP entry ${name} (${(error as Error).message})`)
      }
    }
    throw new ZipError(`unsupported ZIP compression method ${method}`)
  }
  return null
}
