/**
 * `importSource`: the one entry point for a file as a person hands it over —
 * bytes (or text) in, a `Texte` out, whatever its format: KALI JSON
 * (kali/), a Word file (docx/), or plain text in one of the text families.
 * The format is recognised from the content, never from the file name.
 * Pure: no I/O, so it runs in the server, the CLI or a worker alike.
 */
import type { SourceFamily, Texte } from '../model.ts'
import { decodeSource } from './decode.ts'
import { ImportError, type ImportWarning } from './errors.ts'
import { importTexte } from './import-texte.ts'
import { importKali, type KaliSource } from './kali/import-kali.ts'
import { isKaliJson } from './kali/tree.ts'

export type SourceFormat = 'texte' | 'kali'

export interface SourceImportOptions {
  family?: SourceFamily
  fileName?: string
  /** KALI: the section (CID) to read. */
  section?: string
  /** KALI: the convention's IDCC, checked against the file. */
  idcc?: string
}

export interface SourceImportResult {
  texte: Texte
  format: SourceFormat
  /** The text family read (for KALI, none: each article is read on its own). */
  family: SourceFamily | null
  warnings: ImportWarning[]
  /** What the importer chose, in French (the KALI part picked…). */
  notes: string[]
  /** KALI: where each fiche comes from (cid, article id of the version read). */
  sources: KaliSource[]
}

export function importSource(input: Uint8Array | string, options: SourceImportOptions = {}): SourceImportResult {
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
    return { texte: kali.texte, format: 'kali', family: null, warnings: kali.warnings, notes: kali.notes, sources: kali.sources }
  }
  const result = importTexte(text, options)
  return { texte: result.texte, format: 'texte', family: result.family, warnings: result.warnings, notes: [], sources: [] }
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
