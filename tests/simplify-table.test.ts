import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { simplifyPairs } from '../ingest/extract/make-simplify-table.js'
import { simplifyAligned } from '../ingest/extract/document.js'

describe('the stored traditional → simplified character table', () => {
  it('is what OpenCC makes of each character today (rerun make-simplify-table.ts when it is not)', () => {
    const stored = JSON.parse(readFileSync(new URL('../ingest/extract/simplify-table.json', import.meta.url), 'utf8')) as { pairs: string }
    expect(stored.pairs).toBe(simplifyPairs())
  })

  it('folds a traditional body character for character, variants and full-width digits too', () => {
    const body = '這個社區有１２棟樓，峯會在綫上舉行。'
    const simp = simplifyAligned(body)
    expect(simp).toHaveLength(body.length)
    expect(simp).toBe('这个社区有12栋楼，峰会在线上举行。')
  })
})
