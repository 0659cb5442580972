/**
 * Writes ingest/extract/simplify-table.json: each CJK character (U+3400–U+9FFF) that OpenCC's
 * traditional → simplified converter (ingest/text/script.ts) turns into one other character, as
 * the pair of their codes in hexadecimal. document.ts's character table was built from the
 * converter in every thread that extracts (a conversion of 27,648 characters, ~0.15 s of CPU and a
 * TurboFan compile per thread, before its first report); now it is read from this file.
 * tests/simplify-table.test.ts builds the table from the converter again and holds the file to it.
 * Run: npx tsx ingest/extract/make-simplify-table.ts
 */
import { writeFileSync } from 'node:fs'
import { toSimplified } from '../text/script.js'

export const TABLE_START = 0x3400
export const TABLE_END = 0xa000

/** The converter's one-character answers, as "FFFFTTTT" pairs (from, to) for every character it changes. */
export function simplifyPairs(): string {
  const chars: string[] = []
  for (let c = TABLE_START; c < TABLE_END; c++) chars.push(String.fromCharCode(c))
  // Each character on a line of its own: converted alone, never as part of a phrase.
  const converted = toSimplified(chars.join('\n')).split('\n')
  let pairs = ''
  for (let i = 0; i < chars.length; i++) {
    const out = converted[i]
    const to = out && out.length === 1 ? out.charCodeAt(0) : TABLE_START + i
    if (to !== TABLE_START + i) pairs += (TABLE_START + i).toString(16).padStart(4, '0') + to.toString(16).padStart(4, '0')
  }
  return pairs
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const why = 'OpenCC t2s (opencc-js, ingest/text/script.ts) of each CJK character alone: from and to code, 4 hex digits each. Written by make-simplify-table.ts.'
  writeFileSync(new URL('./simplify-table.json', import.meta.url), JSON.stringify({ why, pairs: simplifyPairs() }) + '\n')
}
