import { describe, expect, it, beforeEach, afterEach } from 'vitest'
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { threadId } from 'node:worker_threads'
import { join } from 'node:path'
// The submodules, not the index: these tests need no clean/extract stage.
import { caseToMarkdown, CaseFileError, markdownToCase, CASE_KEYS } from '../ingest/corpus/format.js'
import { readCase, readCorpus, writeCase, writeCaseText } from '../ingest/corpus/files.js'
import { applyLocked } from '../ingest/corpus/locked.js'
import { BODY, makeCase } from './fixtures/corpus/case.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'casebook-corpus-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('case file format', () => {
  const variants = {
    'full case': makeCase(),
    'no title, empty lists, null chain': makeCase({ title: null, displayTitle: '東街社區議事', orgTiers: null, orgTierCount: null, funding: [], models: [], flags: ['no-title'], scale: {} }),
    'empty body': makeCase({ body: '', evidence: {}, funding: [], fundingMix: [], outcomes: [], mechanisms: [] }),
    'body with edge whitespace and trailing newlines': makeCase({ body: '\n 第一行\n\n\n', evidence: {}, funding: [], fundingMix: [], outcomes: [], mechanisms: [] }),
  }
  for (const [label, c] of Object.entries(variants)) {
    it(`round-trips exactly: ${label}`, () => {
      const md = caseToMarkdown(c)
      const back = markdownToCase(md, 'x.md')
      expect(back).toEqual(c)
      expect(Object.keys(back)).toEqual([...CASE_KEYS])
      expect(JSON.stringify(back)).toBe(JSON.stringify(c))
      expect(caseToMarkdown(back)).toBe(md)
    })
  }

  it('writes YAML front matter then the body verbatim', () => {
    const md = caseToMarkdown(makeCase())
    expect(md.startsWith('---\nid: 2021_dongjie\ntitle: 東街社區：「紅色議事廳」讓居民的事居民議\n')).toBe(true)
    expect(md.endsWith(`\n---\n\n${BODY}\n`)).toBe(true)
    expect(md).toContain('    span: [0, 20]\n')
    expect(md).toContain('locked: []\n---\n')
  })

  it('keeps every span pointing at its quote after a round trip', () => {
    const back = markdownToCase(caseToMarkdown(makeCase()), 'x.md')
    const all = [...Object.values(back.evidence), ...back.funding, ...back.fundingMix, ...back.outcomes, ...back.mechanisms]
    for (const e of all) expect(back.body.slice(e.span[0], e.span[1])).toBe(e.quote)
  })

  it('reads a hand-edited file without the blank line or the final newline', () => {
    const md = caseToMarkdown(makeCase()).replace('\n---\n\n', '\n---\n').replace(/\n$/, '')
    expect(markdownToCase(md, 'x.md').body).toBe(BODY)
  })

  it('refuses files without usable front matter, naming the file', () => {
    expect(() => markdownToCase('# just markdown\n', 'a.md')).toThrow(new CaseFileError('a.md', 'no YAML front matter'))
    expect(() => markdownToCase('---\nid: [unclosed\n---\n\nbody\n', 'b.md')).toThrow(/^b\.md: invalid YAML front matter/)
    expect(() => markdownToCase('---\nid: x\ntitle: y\n---\n\nbody\n', 'c.md')).toThrow(/^c\.md: front matter lacks displayTitle, published/)
  })
})

describe('writeCase', () => {
  it('creates, leaves unchanged content alone (same mtime and inode), updates changed content', () => {
    const c = makeCase()
    expect(writeCase(dir, c)).toBe('created')
    const file = join(dir, '2021_dongjie.md')
    const before = statSync(file)
    expect(writeCase(dir, markdownToCase(readFileSync(file, 'utf8'), file))).toBe('unchanged')
    const after = statSync(file)
    expect(after.mtimeMs).toBe(before.mtimeMs)
    expect(after.ino).toBe(before.ino)
    expect(writeCase(dir, { ...c, editor: '李芳' })).toBe('updated')
    expect(readCase(file).editor).toBe('李芳')
    expect(readdirSync(dir)).toEqual(['2021_dongjie.md'])
  })

  it('leaves the stored file whole when the new content cannot be written', () => {
    const c = makeCase()
    writeCase(dir, c)
    const file = join(dir, '2021_dongjie.md')
    const stored = readFileSync(file, 'utf8')
    // Occupy the temporary file's name so the write fails before the rename.
    mkdirSync(join(dir, `.2021_dongjie.md.${process.pid}-${threadId}.tmp`))
    expect(() => writeCase(dir, { ...c, editor: '李芳' })).toThrow()
    expect(readFileSync(file, 'utf8')).toBe(stored)
  })

  it('creates the cases directory when needed', () => {
    expect(writeCase(join(dir, 'a', 'b'), makeCase())).toBe('created')
    expect(readCorpus(join(dir, 'a', 'b')).map((c) => c.id)).toEqual(['2021_dongjie'])
  })
})

describe('writeCaseText (the stream\'s write, fsyncs sent in groups)', () => {
  it('writes the text whole, a large one too, and leaves no temporary file', async () => {
    const text = caseToMarkdown(makeCase({ body: '楼道议事会每月开一次。\n'.repeat(20000) }))
    await writeCaseText(join(dir, 'new'), '2021_dongjie', text)
    expect(readFileSync(join(dir, 'new', '2021_dongjie.md'), 'utf8')).toBe(text)
    expect(readdirSync(join(dir, 'new'))).toEqual(['2021_dongjie.md'])
  })

  it('leaves the stored file whole when the new content cannot be written', async () => {
    const c = makeCase()
    writeCase(dir, c)
    const file = join(dir, '2021_dongjie.md')
    const stored = readFileSync(file, 'utf8')
    mkdirSync(join(dir, `.2021_dongjie.md.${process.pid}-${threadId}.tmp`))
    await expect(writeCaseText(dir, c.id, caseToMarkdown({ ...c, editor: '李芳' }))).rejects.toThrow()
    expect(readFileSync(file, 'utf8')).toBe(stored)
  })

  it('lands every file of a stream written faster than they are synced, a lone last one too', async () => {
    // More files than one fsync group, then one more after the others have landed (its group never fills).
    const ids = Array.from({ length: 70 }, (_, i) => `case-${String(i).padStart(2, '0')}`)
    await Promise.all(ids.map((id) => writeCaseText(dir, id, `第${id}号\n`)))
    await writeCaseText(dir, 'last', '末一份\n')
    expect(readdirSync(dir).sort()).toEqual([...ids.map((id) => `${id}.md`), 'last.md'].sort())
    expect(readFileSync(join(dir, 'case-41.md'), 'utf8')).toBe('第case-41号\n')
    expect(readFileSync(join(dir, 'last.md'), 'utf8')).toBe('末一份\n')
  })

  it('fails only the file that cannot be renamed into place, the rest of its group landing', async () => {
    // A directory (not empty) where the case file should go: the rename fails after the fsync.
    mkdirSync(join(dir, 'blocked.md', 'inside'), { recursive: true })
    const writes = ['a', 'blocked', 'b'].map((id) => writeCaseText(dir, id, `${id} 的正文\n`))
    const [a, blocked, b] = await Promise.allSettled(writes)
    expect([a.status, blocked.status, b.status]).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe('b 的正文\n')
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'b.md', 'blocked.md'])
  })
})

describe('readCorpus', () => {
  it('reads every case sorted by id, and reports broken files when asked to skip them', () => {
    writeCase(dir, makeCase({ id: 'b' }))
    writeCase(dir, makeCase({ id: 'a' }))
    writeFileSync(join(dir, 'broken.md'), 'no front matter\n')
    writeFileSync(join(dir, 'notes.txt'), 'not a case')
    expect(() => readCorpus(dir)).toThrow(CaseFileError)
    const errors: string[] = []
    expect(readCorpus(dir, (e) => errors.push(e.message)).map((c) => c.id)).toEqual(['a', 'b'])
    expect(errors).toEqual([`${join(dir, 'broken.md')}: no YAML front matter`])
  })
})

describe('applyLocked', () => {
  it('keeps hand-edited locked fields and refreshes the rest', () => {
    const stored = makeCase({ title: '東街社區紅色議事廳（人工校對）', displayTitle: '東街社區紅色議事廳（人工校對）', editor: '舊編輯', locked: ['title', 'place.city'] })
    stored.place = { ...stored.place, city: '福州市', inferred: ['province', 'city'] }
    const fresh = makeCase({ editor: '新編輯' })
    fresh.place = { ...fresh.place, city: '廈門', inferred: ['province', 'city'] }
    const out = applyLocked(stored, fresh)
    expect(out.title).toBe('東街社區紅色議事廳（人工校對）')
    expect(out.displayTitle).toBe('東街社區紅色議事廳（人工校對）')
    expect(out.place.city).toBe('福州市')
    expect(out.place.inferred).toEqual(['province'])
    expect(out.editor).toBe('新編輯')
    expect(out.locked).toEqual(['title', 'place.city'])
  })

  it('keeps stored evidence of a locked field only while it still points into the body', () => {
    const stored = makeCase({ locked: ['models'] })
    stored.models = ['議事廳']
    stored.evidence = { ...stored.evidence, 'models.0': { quote: '議事廳', span: [BODY.indexOf('議事廳'), BODY.indexOf('議事廳') + 3] } }
    const fresh = makeCase()
    const out = applyLocked(stored, fresh)
    expect(out.models).toEqual(['議事廳'])
    expect(out.evidence['models.0']).toEqual(stored.evidence['models.0'])
    const moved = applyLocked(stored, makeCase({ body: `前言\n\n${BODY}` }))
    expect(moved.evidence['models.0']).toBeUndefined()
  })

  it('ignores unknown locked names with a warning message', () => {
    const out = applyLocked(makeCase({ locked: ['nonsense', 'place.city.x'] }), makeCase())
    expect(out.messages.filter((m) => m.rule === 'unknown-locked-field').map((m) => m.message)).toEqual([
      'locked field "nonsense" is not a Case field; ignored',
      'locked field "place.city.x" is not a Case field; ignored',
    ])
    expect(out.locked).toEqual(['nonsense', 'place.city.x'])
  })

  it('does not change the cases it is given', () => {
    const stored = makeCase({ locked: ['place.city'] })
    const fresh = makeCase()
    const copy = structuredClone(fresh)
    applyLocked(stored, fresh)
    expect(fresh).toEqual(copy)
  })
})
