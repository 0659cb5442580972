/** The part of word-extractor's API the .doc reader uses (the package ships no types). */
declare module 'word-extractor' {
  interface PartOptions {
    /** true (the default) turns curly quotes and dashes into ASCII; Chinese text needs them kept. */
    filterUnicode?: boolean
  }
  export interface WordDocument {
    getBody(o?: PartOptions): string
    getHeaders(o?: PartOptions & { includeFooters?: boolean }): string
    getFooters(o?: PartOptions): string
    getFootnotes(o?: PartOptions): string
    getEndnotes(o?: PartOptions): string
    getAnnotations(o?: PartOptions): string
    getTextboxes(o?: PartOptions & { includeBody?: boolean; includeHeadersAndFooters?: boolean }): string
  }
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<WordDocument>
  }
}
