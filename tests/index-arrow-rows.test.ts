/**
 * toArrow (ingest/index/rows.ts) makes text and text-list columns straight from their strings; the
 * columns must hold what Arrow's own builders (vectorFromArray) made from the same values.
 */
import { describe, expect, it } from 'vitest'
import { Field, Int32, List, Schema, Utf8, vectorFromArray } from 'apache-arrow'
import { createHash } from 'node:crypto'
import { hashedCaseRow, toArrow } from '../ingest/index/rows.js'
import { casesSchema } from '../ingest/index/layout.js'
import { makeCase } from './helpers/cases.js'

const schema = new Schema([
  new Field('id', new Utf8(), false),
  new Field('title', new Utf8(), true),
  new Field('tags', new List(new Field('item', new Utf8(), true)), false),
  new Field('year', new Int32(), true),
])

/** Every column of `rows` as vectorFromArray builds it: values (as JSON) and null counts. */
function byBuilders(rows: Record<string, unknown>[]) {
  return schema.fields.map((f) => {
    const v = vectorFromArray(rows.map((r) => r[f.name]), f.type)
    return { nulls: v.nullCount, values: JSON.stringify([...v].map((x) => (x && typeof x === 'object' ? [...(x as Iterable<unknown>)] : x))) }
  })
}

function byToArrow(rows: Record<string, unknown>[]) {
  const table = toArrow(rows, schema)
  return schema.fields.map((f) => {
    const v = table.getChild(f.name)!
    return { nulls: v.nullCount, values: JSON.stringify([...v].map((x) => (x && typeof x === 'object' ? [...(x as Iterable<unknown>)] : x))) }
  })
}

describe('toArrow text columns', () => {
  it('given strings of every width, empty ones, nulls and empty lists, holds what the builders hold', () => {
    const rows = [
      { id: '社区-1', title: '“红‘栋’力”做法', tags: ['议事协商', '加装电梯'], year: 2021 },
      { id: 'b', title: null, tags: [], year: null },
      { id: '', title: '', tags: [''], year: 0 },
      // A lone surrogate is written as U+FFFD by both; an astral character is four bytes.
      { id: 'x\ud800y', title: '𠵾字', tags: ['\udc00', '𫵷'], year: 1999 },
    ]
    expect(byToArrow(rows)).toEqual(byBuilders(rows))
    expect(byToArrow(rows)[1].nulls).toBe(1)
  })

  it('given a value that is not text, leaves the column to the builders, which turn it into text their way', () => {
    const rows = [
      { id: 7, title: undefined, tags: ['a', 3], year: 1 },
      { id: 'ok', title: 't', tags: ['b'], year: 2 },
    ]
    expect(byToArrow(rows)).toEqual(byBuilders(rows))
    expect(toArrow(rows, schema).getChild('id')!.get(0)).toBe('7')
  })

  it('given some text values as their UTF-8 bytes, holds what the same values as strings make', () => {
    const texts = ['社区议事会', null, '', 'x\ud800y', '𠵾字 and ascii']
    const asBytes = texts.map((t, i) => (t !== null && i % 2 === 0 ? Buffer.from(t, 'utf8') : t))
    const rows = (values: unknown[]) => values.map((title, i) => ({ id: `r${i}`, title, tags: [], year: i }))
    expect(byToArrow(rows(asBytes))).toEqual(byToArrow(rows(texts)))
    expect(byToArrow(rows(asBytes))).toEqual(byBuilders(rows(texts)))
  })
})

describe('hashedCaseRow', () => {
  it('hashes the Case JSON and writes it to the json column as the string would be written', () => {
    const c = makeCase({ id: 'demo-1', title: '“红‘栋’力”的做法', body: '居民议事\ud800会每月一次。' })
    const json = JSON.stringify(c)
    const { hash, row } = hashedCaseRow(c)
    expect(hash).toBe(createHash('sha256').update(json).digest('hex'))
    const table = toArrow([row], casesSchema())
    expect(table.getChild('json')!.get(0)).toBe(toArrow([{ ...row, json }], casesSchema()).getChild('json')!.get(0))
    expect(JSON.parse(table.getChild('json')!.get(0))).toEqual(JSON.parse(json))
  })
})
