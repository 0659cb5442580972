/**
 * A page's lines joined once, so that "is this string in another line?" is one native search over
 * the page instead of one `includes` per other line: the repeat features asked that of every line
 * against every other, n² calls on a page of n lines.
 */
export class PageLines {
  private readonly joined: string
  /** Offset of each line in `joined`; lines are joined by '\n'. */
  private readonly starts: Int32Array

  constructor(private readonly texts: string[]) {
    this.joined = texts.join('\n')
    this.starts = new Int32Array(texts.length)
    for (let j = 1; j < texts.length; j++) this.starts[j] = this.starts[j - 1] + texts[j - 1].length + 1
  }

  /** The line holding offset p of the joined text (a separator counts with the line before it). */
  private lineAt(p: number): number {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= p) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  /**
   * Calls `found(j)` for each line j holding `s` (an occurrence that runs over a line's end is none:
   * a line may itself contain '\n'), until it returns true; whether it did. `s` is not empty.
   */
  private some(s: string, found: (j: number) => boolean): boolean {
    for (let p = this.joined.indexOf(s); p !== -1; p = this.joined.indexOf(s, p + 1)) {
      const j = this.lineAt(p)
      const end = this.starts[j] + this.texts[j].length
      if (p + s.length > end) continue
      if (found(j)) return true
      // The rest of this line is not asked about again.
      p = end
    }
    return false
  }

  /** Some line longer than `s` contains it. */
  inLonger(s: string): boolean {
    return this.some(s, (j) => this.texts[j].length > s.length)
  }

  /** Some line other than line k contains `s`. */
  inOther(s: string, k: number): boolean {
    return this.some(s, (j) => j !== k)
  }
}
