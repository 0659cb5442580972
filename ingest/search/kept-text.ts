/**
 * The text of recently shown passages, by row id, least recently used out first, bounded by the
 * characters it holds rather than by the store: a page shows 20 passages, and the next page, a
 * facet clicked or a popular query shows many of them again. Reading them is a LanceDB take
 * (~1.4 ms fixed a call and 2–4 ms of CPU for 20 passages at 10k cases, bench/README "Ninth
 * pass"); a kept one costs a map lookup. A row id names one row of one table version for good, so
 * an entry is valid as long as the build it was read from, and is handed on like the `norm` cache.
 */
export class KeptTexts {
  private readonly texts = new Map<bigint, string>()
  private held = 0

  /** @param budget characters kept at most (~2 bytes each: Chinese text is held as UTF-16). */
  constructor(readonly budget: number) {}

  /** The passage's text, now the most recently used; undefined when not kept. */
  get(rowid: bigint): string | undefined {
    const text = this.texts.get(rowid)
    if (text === undefined) return undefined
    // A map keeps insertion order: re-inserting makes it the newest.
    this.texts.delete(rowid)
    this.texts.set(rowid, text)
    return text
  }

  set(rowid: bigint, text: string): void {
    const earlier = this.texts.get(rowid)
    if (earlier !== undefined) {
      this.held -= earlier.length
      this.texts.delete(rowid)
    }
    if (text.length > this.budget) return
    this.texts.set(rowid, text)
    this.held += text.length
    for (const [id, old] of this.texts) {
      if (this.held <= this.budget) break
      this.texts.delete(id)
      this.held -= old.length
    }
  }

  /** Characters held (never more than the budget). */
  get size(): number {
    return this.held
  }

  get count(): number {
    return this.texts.size
  }
}
