/**
 * Mozilla Readability (with jsdom) on the same decoded page text Casebook reads: the reference
 * extractor the web-page figures are compared with, same pages, same run, same scoring.
 */
import { Readability } from '@mozilla/readability'
import { JSDOM, VirtualConsole } from 'jsdom'
import type { WebOutput } from './web-score.js'

/** jsdom reports every stylesheet it cannot parse; the bench output is for figures. */
const quiet = new VirtualConsole()

export function readabilityOf(id: string, html: string): WebOutput {
  const dom = new JSDOM(html, { url: 'https://example.invalid/', virtualConsole: quiet })
  try {
    const article = new Readability(dom.window.document).parse()
    return {
      id,
      title: article?.title ?? null,
      published: article?.publishedTime ?? null,
      body: article?.textContent ?? '',
      author: article?.byline ?? null,
    }
  } finally {
    dom.window.close()
  }
}
