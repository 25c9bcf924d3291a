/**
 * What an import reports besides the text: `ImportError` when a source cannot
 * be read at all (empty, binary, unrecognised), and `ImportWarning` for every
 * thing the importer did that a person should check (page furniture removed,
 * a line it could not place, a criteria row it could not read…). Codes are
 * stable identifiers for programs; messages are French, for people.
 */

/** Stable codes of `ImportError`. */
export const IMPORT_ERROR_CODES = [
  'EMPTY_SOURCE',
  'BINARY_SOURCE',
  'INVALID_UTF8',
  'UNRECOGNISED_FORMAT',
  'INVALID_FAMILY',
  'NO_FICHE',
  'KALI_INVALID',
  'KALI_SECTION_NOT_FOUND',
  'KALI_IDCC_MISMATCH',
  'KALI_NO_CLASSIFICATION',
  'INVALID_JSON',
  'DOCX_INVALID',
  'DOCX_ENCRYPTED',
  'DOCX_MACROS',
  'DOCX_TOO_LARGE',
] as const
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number]

/** Stable codes of `ImportWarning` (documented in docs/import.md). */
export const IMPORT_WARNING_CODES = [
  'PAGE_FURNITURE',
  'REPLACEMENT_CHARACTER',
  'UNPLACED_LINE',
  'SECTION_MISSING',
  'SECTION_EMPTY',
  'PALIER_WITHOUT_VALUE',
  'INVALID_COEFFICIENT',
  'INVALID_PERIODE',
  'CRITERIA_ROW_MISMATCH',
  'CRITERIA_VALUE_INVALID',
  'LEVEL_DEFINITION_VARIANT',
  'MEMES_FONCTIONS_UNRESOLVED',
  'HEADING_WITHOUT_FICHES',
  'NO_FICHE',
  'KALI_NOT_IN_FORCE',
  'PLACEHOLDER_VALUE',
  'INLINE_MARKUP',
  'TABLE_OF_CONTENTS',
  'MERGED_CELL_CARRIED',
  'ACTIVITY_GROUPS_INFERRED',
  'GRID_ROW_UNMATCHED',
  'GRID_MARKS_MISSING',
  'GRID_MARKS_NOT_CONTIGUOUS',
  'GRID_MARK_UNREADABLE',
  'GRID_LAYOUT_BY_POSITION',
  'DOCX_TRACKED_CHANGES',
  'DOCX_COMMENTS',
] as const
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number]

export interface ImportWarning {
  code: ImportWarningCode
  /** French, for the person who checks the import. */
  message: string
  /** 1-based line number in the source, when the warning is about a line. */
  line?: number
  /** The text concerned, as found in the source. */
  text?: string
}

/** The source cannot be imported at all; `code` says why, `message` in French. */
export class ImportError extends Error {
  readonly code: ImportErrorCode

  constructor(code: ImportErrorCode, message: string) {
    super(message)
    this.name = 'ImportError'
    this.code = code
  }
}
