/**
 * The one error type of the converters: input that cannot be read as a fiche
 * (an editor document without its sections, Markdown with a malformed field).
 * Carries a stable machine `code`, a French `message` and, for text formats,
 * the 1-based `line`.
 */
export class ConversionError extends Error {
  readonly code: string
  readonly line: number | undefined

  constructor(code: string, message: string, line?: number) {
    super(line === undefined ? message : `Ligne ${line} : ${message}`)
    this.name = 'ConversionError'
    this.code = code
    this.line = line
  }
}
