/**
 * Labels of the gne schema (page text) → the hashed form stored in the repository: ids and dates
 * in clear, every string as `{len, hash}` of its normalised form, which is all scoring needs
 * (hashed.ts). Notes are left out. Prints counts only, never label text.
 *
 *   npx tsx bench/real/hash-labels.ts LABELS.jsonl... > bench/real/labels/html-pool.jsonl
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { hashWebLabel, type WebLabel } from './web-score.js'

export function hashLabelFile(text: string): WebLabel[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => hashWebLabel(JSON.parse(line)))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = process.argv.slice(2)
  if (!files.length) {
    console.error('usage: tsx bench/real/hash-labels.ts LABELS.jsonl... > OUT.jsonl')
    process.exit(2)
  }
  const labels = files.flatMap((f) => hashLabelFile(readFileSync(f, 'utf8')))
  labels.sort((a, b) => a.id.localeCompare(b.id))
  process.stdout.write(labels.map((l) => JSON.stringify(l)).join('\n') + '\n')
  console.error(`hash-labels: ${labels.length} pages from ${files.length} file(s)`)
}
