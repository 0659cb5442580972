import type { Message, Removed, SourceFormat } from '../schema.js'

/** Metadata a file format carries outside the text (HTML head, Markdown front matter, .docx properties, a PDF's headline type size). */
export interface Hints {
  title?: string
  url?: string
  /** YYYY-MM-DD */
  published?: string
}

export type Format = SourceFormat

export interface ReadResult {
  text: string
  format: Format
  /** Encoding the bytes were decoded from ("utf-8", "utf-8-bom", "utf-16le", "gb18030", "big5"; "pdf-text" for a PDF's text layer). */
  encoding: string
  hints: Hints
  /** Non-fatal problems met while reading (replacement characters, a charset the page misdeclared). */
  messages: Message[]
  /**
   * The text is the article an HTML page's DOM showed (pages with enough prose to choose from);
   * its hints (headline, date) were read from the DOM and outrank what clean finds in text lines.
   */
  article: boolean
  /**
   * Page furniture the reader took out, with the reason: regions an HTML page's DOM showed to be
   * outside the article (`dom:` reasons), a PDF's running heads and folios, a .doc's headers and notes.
   */
  removed: Removed[]
  /** Lines an HTML page prints between headline and article (date, source, author): metadata, kept out of the text. */
  bylines: string[]
}

/** What a reader of a binary document format (PDF, .doc) makes of the bytes: the text, or the problem. */
export type DocumentText =
  | { ok: true; text: string; title?: string; removed: Removed[]; messages: Omit<Message, 'file'>[] }
  | { ok: false; problem: string }
