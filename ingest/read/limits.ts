/**
 * What one report may expand to. The 20 MB file limit (read.ts) bounds the bytes handed in; these
 * bound what those bytes become — a .docx is a zip, and 380 KB of it can unpack to 200 MB — and
 * the depth every later stage recurses to. Past any of them the report is refused with one line
 * (InputError), before the work that the expansion would cost.
 */
export const LIMITS = {
  /**
   * Unpacked bytes of one .docx part (word/document.xml). A report's document part is a few
   * hundred KB (images are other parts, never unpacked here); 32 MB is a hundred long reports.
   */
  zipEntryBytes: 32 * 1024 * 1024,
  /** Entries in a .docx directory. Word writes 10–40, a few hundred with many images. */
  zipEntries: 10_000,
  /**
   * Characters of text after decoding and markup removal. A report is 2,000–20,000 characters;
   * the longest of 72 real news and government pages measured (../shared/realdev, dev part) has
   * 179,000 with all its page furniture. Clean + extract take ~0.7 s a million characters, and a
   * million characters is 2,000 passages to embed.
   */
  textChars: 1_000_000,
  /**
   * Open-tag nesting of an HTML page, counted by ./depth.ts: at most 18 on the same 72 pages. The
   * HTML → text stage recurses once per element level and overflows the stack past ~1,700; a
   * counted level is at most five element levels (table, tbody, tr, td, p), so 256 stays under.
   */
  htmlDepth: 256,
  /** Nested containers (block quotes, list items) of a Markdown report; same reason as htmlDepth. */
  markdownDepth: 100,
} as const

export function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

export function tooMuchText(maxChars: number): string {
  return `too much text (over ${maxChars.toLocaleString('en-US')} characters; a report has a few thousand)`
}
