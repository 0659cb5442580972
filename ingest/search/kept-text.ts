/**
 * The text of recently shown passages, by row id, least recently used out first, bounded by the
 * characters it holds rather than by the store: a page shows 20 passages, and the next page, a
 * facet clicked or a popular query shows many of them again. Reading them is a LanceDB take
 * (~1.4 ms fixed a call and 2–4 ms of CPU for 20 passages at 10k cases, bench/README "Ninth
 * pass"); a kept one costs a map lookup. A row id names one row of one table version for good, so
 * an entry is valid as long as the build it was read from, and is handed on like the `norm` cache.
 *
 * Beside a text, once a snippet has been cut from it, its search-normal form with the offsets it
 * maps back to (./normalize.ts `mappedNormal`): a snippet finds the query's terms in that form,
 * and making it (OpenCC over the passage, then character by character) was ~0.9 ms of a search
 * page's CPU and a tenth of what the page allocates (bench/README "Tenth pass"). With it an
 * entry holds ~3× its text's bytes (the normal form, a 16-bit offset a character, the objects
 * around them): a full budget ~9 MB instead of ~2.
 */
import { mappedNormal, type MappedNormal } from './normalize.js'

interface Kept {
  text: string
  mapped: MappedNormal | null
}

export class KeptTexts {
  private readonly texts = new Map<bigint, Kept>()
  private held = 0

  /** @param budget characters of text kept at most (~2 bytes each: Chinese text is held as UTF-16). */
  constructor(readonly budget: number) {}

  /** The passage's text, now the most recently used; undefined when not kept. */
  get(rowid: bigint): string | undefined {
    return this.touch(rowid)?.text
  }

  set(rowid: bigint, text: string): void {
    const earlier = this.texts.get(rowid)
    if (earlier !== undefined) {
      this.held -= earlier.text.length
      this.texts.delete(rowid)
    }
    if (text.length > this.budget) return
    this.texts.set(rowid, { text, mapped: null })
    this.held += text.length
    for (const [id, old] of this.texts) {
      if (this.held <= this.budget) break
      this.texts.delete(id)
      this.held -= old.text.length
    }
  }

  /**
   * `text`'s search-normal form: made once while the passage is kept (and only for the text kept
   * under that row id; any other text is mapped afresh and not kept).
   */
  mapped(rowid: bigint | undefined, text: string): MappedNormal {
    const kept = rowid === undefined ? undefined : this.touch(rowid)
    if (kept?.text !== text) return mappedNormal(text)
    if (!kept.mapped) {
      const { norm, from } = mappedNormal(text)
      // Offsets as 16-bit integers (a passage is a few hundred characters), not the array
      // grown by push: ~2 bytes a character instead of ~12.
      kept.mapped = { norm, from: text.length < 0x10000 ? Uint16Array.from(from) : Uint32Array.from(from) }
    }
    return kept.mapped
  }

  /** Characters of text held (never more than the budget). */
  get size(): number {
    return this.held
  }

  get count(): number {
    return this.texts.size
  }

  private touch(rowid: bigint): Kept | undefined {
    const kept = this.texts.get(rowid)
    if (kept === undefined) return undefined
    // A map keeps insertion order: re-inserting makes it the newest.
    this.texts.delete(rowid)
    this.texts.set(rowid, kept)
    return kept
  }
}
