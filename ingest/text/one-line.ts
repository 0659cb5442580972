/** Line and paragraph breaks and other control characters, which file names may hold. */
const BREAKS = /[\p{Cc}\p{Zl}\p{Zp}]/gu

/**
 * Text as one line: each control character written as its JSON escape (`\n`, `\u0007`), so an
 * error about a file named with a newline stays one line of the log, naming the file exactly.
 */
export function oneLine(text: string): string {
  return text.replace(BREAKS, (ch) => JSON.stringify(ch).slice(1, -1))
}

/** A file name made fit to be an id: control characters and line breaks become "_". */
export function withoutBreaks(text: string): string {
  return text.replace(BREAKS, '_')
}
