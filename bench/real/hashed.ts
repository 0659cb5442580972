/**
 * Label strings as `{len, hash}` of their normalised form, and a body index that answers "is this
 * label string in the normalised body" with a rolling hash. Labels of third-party pages hold page
 * text, which must not enter the repository; their hashes can, and score the same way.
 *
 * Normalisation is ../shared/realdev/gne/score.py's: NFKC, then all whitespace removed (with
 * NBSP, U+3000 and the zero-width characters). Lengths count code points.
 */

export interface Hashed {
  len: number
  hash: string
}

const WS = /[\s\u200b\u200c\u200d\u2060\ufeff]+/g

export function normalise(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').replace(WS, '')
}

/** Two polynomial hashes modulo primes near 2^30: products stay below 2^53, collisions near 2^-60. */
const MODS = [1_000_000_007, 998_244_353] as const
const BASE = 131_071

function codePoints(text: string): number[] {
  return Array.from(text, (c) => c.codePointAt(0)!)
}

function hashOf(points: number[], from: number, to: number): string {
  return MODS.map((mod) => {
    let h = 0
    for (let i = from; i < to; i++) h = (h * BASE + points[i]) % mod
    return h.toString(16).padStart(8, '0')
  }).join('')
}

/** The `{len, hash}` of a text's normalised form. */
export function hashText(text: string): Hashed {
  const points = codePoints(normalise(text))
  return { len: points.length, hash: hashOf(points, 0, points.length) }
}

/** A normalised body, answering membership of hashed strings; each length is rolled once. */
export class BodyIndex {
  private readonly points: number[]
  private readonly byLength = new Map<number, Set<string>>()

  constructor(body: string) {
    this.points = codePoints(normalise(body))
  }

  has(label: Hashed): boolean {
    if (label.len === 0) return true
    if (label.len > this.points.length) return false
    let hashes = this.byLength.get(label.len)
    if (!hashes) this.byLength.set(label.len, (hashes = this.roll(label.len)))
    return hashes.has(label.hash)
  }

  private roll(len: number): Set<string> {
    const out = new Set<string>()
    const p = this.points
    const state = MODS.map((mod) => {
      let h = 0
      let top = 1
      for (let i = 0; i < len; i++) {
        h = (h * BASE + p[i]) % mod
        if (i > 0) top = (top * BASE) % mod
      }
      return { mod, h, top }
    })
    const key = () => state.map((s) => s.h.toString(16).padStart(8, '0')).join('')
    out.add(key())
    for (let i = len; i < p.length; i++) {
      for (const s of state) {
        const drop = (p[i - len] * s.top) % s.mod
        s.h = (((s.h - drop + s.mod) % s.mod) * BASE + p[i]) % s.mod
      }
      out.add(key())
    }
    return out
  }
}

/** Hashes are equal and the text is non-empty. */
export function sameText(label: Hashed | null, text: string | null | undefined): boolean {
  if (!label || label.len === 0) return false
  const h = hashText(text ?? '')
  return h.len === label.len && h.hash === label.hash
}
