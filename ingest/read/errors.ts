/**
 * The one fatal error of the pipeline: the input cannot be used at all. Everything else is a
 * Message. The message reads "FILE: problem" so the CLI can print it as one line.
 */
export class InputError extends Error {
  readonly file: string
  readonly problem: string

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`)
    this.name = 'InputError'
    this.file = file
    this.problem = problem
  }
}
