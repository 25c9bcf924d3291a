/**
 * The server's one door to `@paritaire/schema` functions that are written in
 * parallel by other engineers (validators, importers, Y.Doc converters). It
 * resolves them from the package at run time and falls back to the zod model
 * (validation) or to a clear "not available" error (import), so the server
 * works before and after they land. Once they all exist, this file shrinks to
 * plain re-exports.
 */
import * as schema from '@paritaire/schema'
import { ficheSchema, texteSchema, type Fiche, type SectionName, type Texte } from '@paritaire/schema'
import * as Y from 'yjs'
import { AppError } from '../errors.ts'

export interface SchemaIssue {
  code: string
  path: (string | number)[]
  message: string
  ficheId?: string
  section?: SectionName
  field?: string
}
export type Validation<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] }

export interface ImportWarning { code: string; message: string; line?: number; text?: string }
export interface ImportResult { texte: Texte; family: string; warnings: ImportWarning[] }

const lib = schema as unknown as Record<string, unknown>
function fn<T>(name: string): T | undefined {
  const value = lib[name]
  return typeof value === 'function' ? (value as T) : undefined
}

function zodFallback<T>(result: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string; code: string }[] } }): Validation<T> {
  if (result.success) return { ok: true, value: result.data }
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({
      code: `schema_${i.code}`,
      path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: `Valeur invalide à ${i.path.join('.') || 'la racine'} : ${i.message}`,
    })),
  }
}

export function validateFiche(value: unknown): Validation<Fiche> {
  const real = fn<(v: unknown) => Validation<Fiche>>('validateFiche')
  return real ? real(value) : zodFallback(ficheSchema.safeParse(value))
}

export function validateTexte(value: unknown): Validation<Texte> {
  const real = fn<(v: unknown) => Validation<Texte>>('validateTexte')
  return real ? real(value) : zodFallback(texteSchema.safeParse(value))
}

/** Runs the importer; throws an `AppError` 422 with the importer's French message when the source is unreadable. */
export function importTexte(source: string, options: { fileName?: string; family?: 'A' | 'B' | 'C' | 'D' } = {}): ImportResult {
  const real = fn<(s: string, o?: object) => ImportResult>('importTexte')
  if (!real) throw new AppError(503, 'import_indisponible', "L'import de textes n'est pas encore disponible sur ce serveur.")
  try {
    return real(source, options)
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown; name?: unknown }
    if (typeof e.code === 'string' && typeof e.message === 'string') {
      throw new AppError(422, e.code, e.message)
    }
    throw new AppError(422, 'import_illisible', "Le texte n'a pas pu être importé : format non reconnu.")
  }
}

/**
 * The Y.Doc state (an update encoding the whole document) for a fiche, built
 * on top of `previous` when given so the document's history continues
 * rather than forks. Null while the schema package has no Yjs helpers.
 */
export function ficheYDocState(fiche: Fiche, previous: Uint8Array | null): Uint8Array | null {
  const toYDoc = fn<(f: Fiche, d?: Y.Doc) => Y.Doc>('ficheToYDoc')
  const replace = fn<(d: Y.Doc, f: Fiche, origin?: unknown) => void>('replaceFicheInYDoc')
  if (!toYDoc) return null
  if (previous && replace) {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, previous)
    replace(doc, fiche, 'paritaire-server')
    return Y.encodeStateAsUpdate(doc)
  }
  return Y.encodeStateAsUpdate(toYDoc(fiche))
}
