/** How many cases a comparison holds; shared by the server checks and the page. */
export const MIN_COMPARE = 2
export const MAX_COMPARE = 4

/** File types the upload form offers; the reader decides what a file really is. */
export const ACCEPTED_UPLOADS = ['.txt', '.html', '.htm', '.md', '.markdown', '.docx', '.doc', '.pdf'] as const
