/**
 * `importSource`: the one entry point for a file as a person hands it over —
 * bytes (or text) in, a `Texte` out, whatever its format: KALI JSON
 * (kali/), a Word file (docx/: a zip, or an OLE file refused as encrypted
 * or Word 97-2003), or plain text in one of the text families.
 * The format is recognised from the content, never from the file name.
 * Pure: no I/O, so it runs in the server, the CLI or a worker alike.
 */
import type { Texte } from '../model.ts'
import type { ImportFamily } from './families.ts'
import { decodeSource } from './decode.ts'
import { ImportError, type ImportWarning } from './errors.ts'
import { importTexte } from './import-texte.ts'
import { importDocx, type DocxImport } from './docx/import-docx.ts'
import { isOle, isZip } from './docx/unzip-docx.ts'
import { importKali, type KaliSource } from './kali/import-kali.ts'
import { isKaliJson } from './kali/tree.ts'

export type SourceFormat = 'texte' | 'kali' | 'docx'

export interface SourceImportOptions {
  family?: ImportFamily
  fileName?: string
  /** KALI: the section (CID) to read. */
  section?: string
  /** KALI: the convention's IDCC, checked against the file. */
  idcc?: string
  /** Word: author names already mapped to organisations. */
  knownAuthors?: readonly string[]
}

export interface SourceImportResult {
  texte: Texte
  format: SourceFormat
  /** The text family read (for KALI, none: each article is read on its own). */
  family: ImportFamily | null
  warnings: ImportWarning[]
  /** What the importer chose, in French (the KALI part picked…). */
  notes: string[]
  /** KALI: where each fiche comes from (cid, article id of the version read). */
  sources: KaliSource[]
  /** Word: the text without tracked changes, the changes, authors and comments. */
  docx: Omit<DocxImport, 'texte' | 'family' | 'warnings' | 'notes'> | null
}

export function importSource(input: Uint8Array | string, options: SourceImportOptions = {}): SourceImportResult {
  if (typeof input !== 'string' && (isZip(input) || isOle(input))) {
    const { texte, family, warnings, notes, ...docx } = importDocx(input, {
      ...(options.family ? { family: options.family } : {}),
      ...(options.fileName ? { fileName: options.fileName } : {}),
      ...(options.knownAuthors ? { knownAuthors: options.knownAuthors } : {}),
    })
    return { texte, format: 'docx', family, warnings, notes, sources: [], docx }
  }
  const text = typeof input === 'string' ? input : decodeSource(input)
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('{') || start.startsWith('[')) {
    let value: unknown
    try {
      value = JSON.parse(start)
    } catch (err) {
      throw new ImportError('INVALID_JSON', `Ce fichier commence comme du JSON mais n'en est pas : ${(err as Error).message}.`)
    }
    if (!isKaliJson(value)) {
      throw new ImportError(
        'UNRECOGNISED_FORMAT',
        "Ce JSON n'est pas un texte KALI (@socialgouv/kali-data ou réponse kaliCont / kaliText de l'API Légifrance) : il ne peut pas être importé.",
      )
    }
    const kali = importKali(value, {
      ...(options.section ? { section: options.section } : {}),
      ...(options.idcc ? { idcc: options.idcc } : {}),
    })
    return { texte: kali.texte, format: 'kali', family: null, warnings: kali.warnings, notes: kali.notes, sources: kali.sources, docx: null }
  }
  const result = importTexte(text, options)
  return { texte: result.texte, format: 'texte', family: result.family, warnings: result.warnings, notes: [], sources: [], docx: null }
}

/** Does this content look like KALI JSON? (for callers choosing how to read a file) */
export function looksLikeKali(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (!start.startsWith('{')) return false
  try {
    return isKaliJson(JSON.parse(start))
  } catch {
    return false
  }
}
