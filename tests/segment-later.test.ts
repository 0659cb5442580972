/**
 * addWordsLater: words for a segmenter not built yet wait until it is (a worker handed a model may
 * never segment a text), and are in its dictionary, in order, before its first cut. This file
 * imports only the segmenter, so nothing has built it when the first test starts.
 */
import { describe, expect, it } from 'vitest'
import { addWordsLater, tokens, userDictionary } from '../ingest/text/segment.js'

describe('addWordsLater', () => {
  it('given a segmenter not built yet, keeps the words whole from its first cut on', () => {
    addWordsLater(['蓝鲸议事厅', '银杏睦邻站'])
    const cut = tokens('蓝鲸议事厅和银杏睦邻站每周开放')
    expect(cut).toContain('蓝鲸议事厅')
    expect(cut).toContain('银杏睦邻站')
    expect(userDictionary()).toEqual(expect.arrayContaining(['蓝鲸议事厅', '银杏睦邻站']))
  })

  it('given a segmenter already built, teaches it the words at once', () => {
    addWordsLater(['青柠调解角'])
    expect(tokens('青柠调解角开门')).toContain('青柠调解角')
  })
})
