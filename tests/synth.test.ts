import { describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chineseNumber, makeRng, synthCorpus, synthReport, writeSynthCorpus } from '../ingest/synth/index.js'
import { decodeReport } from '../ingest/read/index.js'
import { clean } from '../ingest/clean/index.js'
import { detectScript } from '../ingest/text/script.js'

const reports = synthCorpus(120, 42)

describe('synth', () => {
  it('is deterministic for a seed and varies across seeds', () => {
    const again = synthCorpus(120, 42)
    expect(again.map((r) => r.name)).toEqual(reports.map((r) => r.name))
    expect(again.every((r, i) => Buffer.from(r.bytes).equals(Buffer.from(reports[i].bytes)))).toBe(true)
    const other = synthCorpus(5, 43)
    expect(other.some((r, i) => !Buffer.from(r.bytes).equals(Buffer.from(reports[i].bytes)))).toBe(true)
    expect(synthReport(makeRng(9), 3).name).toBe(synthReport(makeRng(9), 3).name)
  })

  it('varies format, encoding, script, junk and pinyin artifacts', () => {
    const kinds = (f: (r: (typeof reports)[number]) => string) => new Set(reports.map(f))
    expect(kinds((r) => r.truth.format)).toEqual(new Set(['txt', 'html']))
    expect(kinds((r) => r.truth.encoding)).toEqual(new Set(['utf-8', 'utf-8-bom', 'gb18030', 'big5']))
    expect(kinds((r) => r.truth.script)).toEqual(new Set(['simplified', 'traditional']))
    expect(reports.some((r) => r.truth.pinyinArtifacts > 0)).toBe(true)
    expect(reports.every((r) => r.truth.junk.length >= 3)).toBe(true)
    for (const r of reports.filter((x) => x.truth.script === 'traditional').slice(0, 10)) expect(detectScript(r.truth.paragraphs.join(''))).toBe('traditional')
  })

  it('writes reports that decode to text containing their title and every body paragraph', () => {
    for (const r of reports) {
      const read = decodeReport(r.name, r.bytes)
      expect(read.encoding).toBe(r.truth.encoding)
      const text = read.text.replace(/\((?:qū|wǎng|jīng|dǎng|céng|wù|xiāng|zhèn|zǔ|zhī)\)/g, '')
      expect(text).toContain(r.truth.title)
      for (const p of r.truth.paragraphs) expect(text).toContain(p)
    }
  })

  it('writes reports that clean to a body keeping every paragraph, without pinyin artifacts', () => {
    for (const r of reports) {
      const read = decodeReport(r.name, r.bytes)
      const c = clean(read.text, { format: read.format, file: r.name, hints: read.hints })
      for (const p of r.truth.paragraphs) expect(c.body, r.name).toContain(p)
      expect(c.body).not.toMatch(/[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)/)
    }
  })

  it('writes files to a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-synth-'))
    try {
      const names = writeSynthCorpus(dir, 4, 42)
      expect(readdirSync(dir).sort()).toEqual([...names].sort())
      expect(readFileSync(join(dir, names[0]))).toEqual(Buffer.from(reports[0].bytes))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('chineseNumber', () => {
  it('writes numbers the way reports do', () => {
    expect([0, 7, 10, 12, 20, 105, 120, 1005, 1260, 9999].map(chineseNumber)).toEqual(['零', '七', '十', '十二', '二十', '一百零五', '一百二十', '一千零五', '一千二百六十', '九千九百九十九'])
  })
})
