import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { processBytes, processReport } from '../ingest/pipeline.js'
import { caseToMarkdown, markdownToCase, CASE_KEYS } from '../ingest/corpus/index.js'
import { synthCorpus } from '../ingest/synth/index.js'
import type { Case, Evidence } from '../ingest/schema.js'
import { makeDocx } from './fixtures/read/docx.js'
import { TRADITIONAL } from './fixtures/read/texts.js'

const SEEDS = new URL('./fixtures/seeds', import.meta.url).pathname
const seedFiles = readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort().map((n) => join(SEEDS, n))

function allEvidence(c: Case): Evidence[] {
  return [...Object.values(c.evidence), ...c.funding, ...c.fundingMix, ...c.outcomes, ...c.problems, ...c.mechanisms, ...c.actors]
}

function expectSpansHold(c: Case): void {
  for (const e of allEvidence(c)) expect(c.body.slice(e.span[0], e.span[1])).toBe(e.quote)
}

describe('processReport on the seeds', () => {
  it('assembles a complete Case per seed, keys in schema order', async () => {
    for (const file of seedFiles) {
      const c = await processReport(file)
      const id = file.split('/').pop()!.replace(/\.txt$/, '')
      expect(Object.keys(c)).toEqual([...CASE_KEYS])
      expect(c.id).toBe(id)
      expect(c.origin).toEqual({ file: `${id}.txt`, format: 'txt', encoding: 'utf-8', sha256: createHash('sha256').update(readFileSync(file)).digest('hex') })
      expect(c.locked).toEqual([])
      expect(c.body.length).toBeGreaterThan(500)
      expect(c.removed.length).toBeGreaterThan(0)
      expect(c.displayTitle).toBe(c.title ?? c.displayTitle)
      expect(c.messages.every((m) => m.file === `${id}.txt`)).toBe(true)
      expectSpansHold(c)
    }
  })

  it('gives the same case for the bytes as for the file', async () => {
    const file = seedFiles[0]
    expect(processBytes(file, readFileSync(file))).toEqual(await processReport(file))
  })

  it('round-trips every seed case through its Markdown file exactly', async () => {
    for (const file of seedFiles) {
      const c = await processReport(file)
      const md = caseToMarkdown(c)
      const back = markdownToCase(md, 'x.md')
      expect(back).toEqual(c)
      expect(caseToMarkdown(back)).toBe(md)
    }
  })
})

describe('processBytes on other sites and encodings', () => {
  const page = `<!DOCTYPE html><html><head><meta charset="gb2312">
<title>向阳社区：“红色议事厅”让居民的事居民议_河畔时报</title>
<link rel="canonical" href="https://hepan.example.cn/sq/2021/0305/88.html">
<meta name="PubDate" content="2021-03-05 08:00"></head><body>
<nav><ul><li><a>首页</a></li><li><a>社区</a></li><li><a>民生</a></li></ul></nav>
<h1>向阳社区：“红色议事厅”让居民的事居民议</h1>
<p>向阳社区位于鼓楼区东街街道，辖区有住宅楼28栋、居民1260户。社区党委以“红色议事厅”为平台，每月召开一次议事协商会。</p>
<p>按照“政府补一点、社会筹一点、居民凑一点”的思路，共筹集资金120万元，新增停车位90个。</p>
<p>截至目前，累计解决问题46件，居民满意度达到96%。</p>
<div class="footer"><p>版权所有：河畔时报 未经授权禁止转载</p><p>闽ICP备12345678号-1</p></div>
<script>stat()</script></body></html>`

  it('reads a GBK page, fills source url and date from the page head, and keeps spans valid', () => {
    const c = processBytes('uploads/xiangyang.html', iconv.encode(page, 'gbk'))
    expect(c.id).toBe('xiangyang')
    expect(c.origin).toMatchObject({ file: 'xiangyang.html', format: 'html', encoding: 'gb18030' })
    expect(c.title).toBe('向阳社区：“红色议事厅”让居民的事居民议')
    expect(c.source.url).toBe('https://hepan.example.cn/sq/2021/0305/88.html')
    expect(c.published).toBe('2021-03-05')
    expect(c.body).toContain('共筹集资金120万元')
    expect(c.body).not.toContain('stat()')
    expect(c.body).not.toContain('ICP')
    expectSpansHold(c)
  })

  it('takes an explicit id, and extracts from a hand-corrected body so spans point into it', () => {
    const original = processBytes('x.html', iconv.encode(page, 'gbk'))
    const body = `${original.body}\n\n补记：居民自筹资金8万元。`
    const c = processBytes('x.html', iconv.encode(page, 'gbk'), { id: 'custom', body })
    expect(c.id).toBe('custom')
    expect(c.body).toBe(body)
    expectSpansHold(c)
  })

  it('processes generated reports in every format, encoding and script with spans that hold', () => {
    for (const r of synthCorpus(40, 3)) {
      const c = processBytes(r.name, r.bytes)
      expect(c.origin.encoding).toBe(r.truth.encoding)
      expect(c.script).toBe(r.truth.script)
      for (const p of r.truth.paragraphs) expect(c.body).toContain(p)
      expectSpansHold(c)
      expect(markdownToCase(caseToMarkdown(c), 'x.md')).toEqual(c)
    }
  })

  it('reads a Word report: title from the first paragraph, body kept, format docx', async () => {
    const paragraphs = ['東街社區：「紅色議事廳」讓居民的事居民議', ...TRADITIONAL.slice(1), '來源：鼓樓區融媒體中心', '責任編輯：王曉東']
    const c = processBytes('dongjie.docx', await makeDocx(paragraphs))
    expect(c.origin).toMatchObject({ file: 'dongjie.docx', format: 'docx', encoding: 'utf-8' })
    expect(c.title).toBe(paragraphs[0])
    expect(c.script).toBe('traditional')
    for (const p of TRADITIONAL.slice(1)) expect(c.body).toContain(p)
    expect(c.body).not.toContain('責任編輯')
    expectSpansHold(c)
  })
})
