import type { Message } from '../schema.js'

/** Metadata a file format carries outside the text (HTML head, Markdown front matter, .docx properties). */
export interface Hints {
  title?: string
  url?: string
  /** YYYY-MM-DD */
  published?: string
}

export type Format = 'txt' | 'md' | 'html' | 'docx'

export interface ReadResult {
  text: string
  format: Format
  /** Encoding the bytes were decoded from ("utf-8", "utf-8-bom", "utf-16le", "gb18030", "big5", "docx"). */
  encoding: string
  hints: Hints
  /** Non-fatal problems met while reading (replacement characters, a charset the page misdeclared). */
  messages: Message[]
}
