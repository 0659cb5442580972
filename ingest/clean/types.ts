import type { Message, Removed, Script, SourceFormat } from '../schema.js'
import type { LineModel } from './model/judge.js'

export interface CleanOptions {
  format: SourceFormat
  /** File name, used only in messages. */
  file: string
  /** What the read stage found outside the text: HTML <title>/h1, canonical URL, meta date. */
  hints: { title?: string; url?: string; published?: string }
  /** The line classifier; default the stored one (model/line-model.json). The trainer passes the model of each fold. */
  model: LineModel
  /** The text is the article an HTML page's DOM chose: its paragraphs were kept by the page's structure. */
  article: boolean
}

export interface CleanMeta {
  /** YYYY-MM-DD */
  published: string | null
  sourceName: string | null
  sourceUrl: string | null
  author: string | null
  editor: string | null
}

export interface CleanResult {
  /** Headline as printed, artifacts repaired; null when the report has none. */
  title: string | null
  /** Cleaned text, paragraphs separated by "\n\n"; starts with the headline when there is one. */
  body: string
  /** Parsed from byline/source/editor/date lines before they were removed. */
  meta: CleanMeta
  /** Every removed line with the id of the rule that removed it: page furniture of wrapped text first, then the rest in order. */
  removed: Removed[]
  /** 'no-title', 'mojibake', 'truncated', 'pinyin-repaired'. */
  flags: string[]
  messages: Message[]
  script: Script
}
