/**
 * Importers of plain-text classifications (families A–D of domain.md): the
 * public surface re-exported by the package index.
 */
export { importTexte, type ImportOptions, type ImportResult } from './import-texte.ts'
export { detectFamily, familyScores } from './detect.ts'
export { IMPORT_FAMILIES, importFamilySchema, type ImportFamily } from './families.ts'
export { decodeSource, assertTextual } from './decode.ts'
export {
  ImportError,
  IMPORT_ERROR_CODES,
  IMPORT_WARNING_CODES,
  type ImportErrorCode,
  type ImportWarning,
  type ImportWarningCode,
} from './errors.ts'
export { importSource, looksLikeKali, type SourceFormat, type SourceImportOptions, type SourceImportResult } from './import-source.ts'
export { importKali, type KaliImport, type KaliOptions, type KaliSource } from './kali/import-kali.ts'
export { readHtml, type HtmlBlock } from './html/read-html.ts'
export { importDocx, type DocxImport, type DocxOptions, type TrackedChange } from './docx/import-docx.ts'
export { DOCX_LIMITS } from './docx/unzip-docx.ts'
export type { DocxComment } from './docx/read-ooxml.ts'
