import { describe, expect, it } from 'vitest'
import { normalPlace } from '../ingest/extract/place-names.js'
import { placePinyin, gloss } from '~/models/gloss.server'

describe('given place names as reports write them', () => {
  it('spells each one way: simplified, with the official suffix the gazetteer knows', () => {
    expect(normalPlace('province', '安徽')).toBe('安徽省')
    expect(normalPlace('province', '安徽省')).toBe('安徽省')
    expect(normalPlace('city', '廈門')).toBe('厦门市')
    expect(normalPlace('district', '倉山區')).toBe('仓山区')
    expect(normalPlace('street', '殿前街道')).toBe('殿前街道')
    expect(normalPlace('compound', '嘉福鹽業小區')).toBe('嘉福盐业小区')
  })

  it('gives English readers pinyin for places and the glossary English for model names and tags', () => {
    expect(placePinyin('福州市')).toBe('Fuzhou')
    expect(placePinyin('倉山區')).toBe('Cangshan')
    expect(placePinyin('嘉福鹽業小區')).toBe('Jiafu Yanye')
    expect(gloss('五位一體')).toBe('five-in-one')
    expect(gloss('无物业')).toBe('no property management')
    expect(gloss('一个没有收录的词')).toBeNull()
  })
})
