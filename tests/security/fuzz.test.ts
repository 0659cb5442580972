/**
 * read → clean → extract on random and mutated input: nothing but InputError is thrown, and each
 * input finishes in bounded time (generously: the bound is against hangs, not a speed target).
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { processBytes } from '../../ingest/pipeline.js'
import { InputError } from '../../ingest/read/index.js'
import { docx, REPORT_TEXT } from './helpers.js'

const PER_INPUT_MS = 10_000
const RUNS = Number(process.env.FUZZ_RUNS ?? 60)

/** Runs the pipeline on one input: returns normally or throws InputError, within the bound. */
function survives(name: string, bytes: Uint8Array): boolean {
  const started = performance.now()
  try {
    const c = processBytes(name, bytes)
    for (const tag of [...c.problems, ...c.mechanisms, ...c.actors, ...c.funding, ...c.outcomes]) {
      if (c.body.slice(tag.span[0], tag.span[1]) !== tag.quote) throw new Error(`quote does not match its span in ${name}`)
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    expect(error.message.startsWith(`${name}: `)).toBe(true)
  }
  expect(performance.now() - started).toBeLessThan(PER_INPUT_MS)
  return true
}

/** Bytes with a few of them replaced, inserted or cut: a damaged download. */
const mutated = (seed: Uint8Array) =>
  fc
    .array(fc.tuple(fc.nat(seed.length), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'cut')), { minLength: 1, maxLength: 12 })
    .map((edits) => {
      const out = Array.from(seed)
      for (const [at, value, kind] of edits) {
        const i = Math.min(at, out.length)
        if (kind === 'set' && i < out.length) out[i] = value
        else if (kind === 'insert') out.splice(i, 0, value)
        else out.splice(i, 1)
      }
      return new Uint8Array(out)
    })

const HTML_SEED = `<!doctype html><html><head><meta charset="utf-8"><title>和平里</title><link rel="canonical" href="https://example.gov.cn/a.html"></head><body><nav><ul><li><a href="/">首页</a><li><a href="/x">动态</a><li><a href="/y">通知</a></ul></nav><table><tr><td><h1>和平里社区“三会一评”工作法</h1><p>${REPORT_TEXT}</p></table><footer>责任编辑：王某</footer></body></html>`
const MD_SEED = `---\ntitle: 和平里\nurl: https://example.gov.cn/a\n---\n# 和平里社区\n\n> ${REPORT_TEXT}\n\n- 议事会\n  - 业委会\n\n| 项目 | 金额 |\n|---|---|\n| 改造 | 12万元 |\n`

let docxSeed: Uint8Array

beforeAll(async () => {
  docxSeed = await docx(`<w:p><w:r><w:t>${REPORT_TEXT.replace(/\n+/g, '</w:t></w:r></w:p><w:p><w:r><w:t>')}</w:t></w:r></w:p>`, {
    'docProps/core.xml': '<cp:coreProperties xmlns:dc="dc"><dc:title>和平里</dc:title></cp:coreProperties>',
  })
})

describe('given random bytes under every report extension', () => {
  it('reads, cleans and extracts them or refuses them with InputError', () => {
    fc.assert(
      fc.property(fc.constantFrom('r.txt', 'r.html', 'r.md', 'r.docx'), fc.uint8Array({ minLength: 1, maxLength: 4096 }), (name, bytes) => survives(name, bytes)),
      { numRuns: RUNS, seed: 11 },
    )
  })

  it('does the same with random text of Chinese, markup and punctuation', () => {
    const pieces = fc.constantFrom('<div>', '</div>', '<p>', '<table><tr><td>', '>', '- ', '#', '\n\n', '万元', '12', '社区', '。', '“', '<!--', '&amp;', '<script>', '**', '[', '](', 'javascript:', '\u0000', '\uFEFF')
    fc.assert(
      fc.property(fc.constantFrom('r.txt', 'r.html', 'r.md'), fc.array(pieces, { maxLength: 400 }), (name, parts) => survives(name, new TextEncoder().encode(parts.join('')))),
      { numRuns: RUNS, seed: 12 },
    )
  })
})

describe('given a valid report with a few bytes damaged', () => {
  it('survives mutated .docx', () => {
    fc.assert(fc.property(mutated(docxSeed), (bytes) => survives('m.docx', bytes)), { numRuns: RUNS, seed: 13 })
  })

  it('survives mutated HTML and Markdown', () => {
    const html = new TextEncoder().encode(HTML_SEED)
    const md = new TextEncoder().encode(MD_SEED)
    fc.assert(fc.property(mutated(html), (bytes) => survives('m.html', bytes)), { numRuns: RUNS, seed: 14 })
    fc.assert(fc.property(mutated(md), (bytes) => survives('m.md', bytes)), { numRuns: RUNS, seed: 15 })
  })
})
