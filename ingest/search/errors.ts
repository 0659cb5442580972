/**
 * Errors the CLI and UI turn into one clear line. `code` says whose fault it is: the user's input
 * (bad-query, bad-filter, unknown-case → exit 2) or the store's state (no-store, embedder → exit 1).
 */
export type SearchErrorCode = 'bad-query' | 'bad-filter' | 'unknown-case' | 'no-store' | 'embedder'

export class SearchError extends Error {
  constructor(
    readonly code: SearchErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'SearchError'
  }

  get isInputError(): boolean {
    return this.code === 'bad-query' || this.code === 'bad-filter' || this.code === 'unknown-case'
  }
}
