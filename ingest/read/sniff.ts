/** Signatures of binary formats people rename or mis-save as text. */
const MAGIC: { id: string; bytes: number[] }[] = [
  { id: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { id: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { id: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { id: 'WebP/RIFF data', bytes: [0x52, 0x49, 0x46, 0x46] },
  { id: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { id: 'ZIP archive (Office document?)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  // Old Word/Excel (.doc/.xls) compound files: saved-as-.txt is a common mistake.
  { id: 'OLE compound file (.doc/.xls)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { id: 'gzip archive', bytes: [0x1f, 0x8b] },
  { id: '7z archive', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { id: 'RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
  { id: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
]

/** Share of control bytes (other than tab, LF, CR, FF, ESC) above which a file is not text. */
const MAX_CONTROL_RATIO = 0.05
const SAMPLE = 8192

/** What binary format the bytes are, or null when they may be text. Run after UTF-16 is ruled out. */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const m of MAGIC) {
    if (bytes.length >= m.bytes.length && m.bytes.every((b, i) => bytes[i] === b)) return m.id
  }
  const n = Math.min(bytes.length, SAMPLE)
  let control = 0
  for (let i = 0; i < n; i++) {
    const b = bytes[i]
    if (b === 0) return 'binary data (NUL bytes)'
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++
  }
  return n > 0 && control / n > MAX_CONTROL_RATIO ? 'binary data (control characters)' : null
}

export function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b)
}
