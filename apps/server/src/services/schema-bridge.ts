/**
 * The server's one door to the schema package's validators, importer and
 * Y.Doc helpers, adapted to the server's error path: importer failures
 * become 422 `AppError`s carrying the importer's code and French message
 * (the message mentions the CLI's `--family`; the API takes `?family=`).
 */
import {
  ficheToYDoc, importTexte as runImporter, ImportError, replaceFicheInYDoc, validateFiche, validateTexte,
  type Fiche, type ImportResult, type ImportWarning, type SchemaIssue, type SourceFamily,
} from '@paritaire/schema'
import * as Y from 'yjs'
import { AppError } from '../errors.ts'

export { validateFiche, validateTexte, type ImportResult, type ImportWarning, type SchemaIssue }

/** Runs the importer; throws a 422 `AppError` with the importer's French message when the source is unusable. */
export function importTexte(source: string, options: { fileName?: string; family?: SourceFamily } = {}): ImportResult {
  try {
    return runImporter(source, options)
  } catch (err) {
    if (err instanceof ImportError) {
      throw new AppError(422, `import_${err.code.toLowerCase()}`, err.message.replace('avec --family', 'avec le paramètre ?family='))
    }
    throw new AppError(422, 'import_illisible', "Le texte n'a pas pu être importé : son format n'est pas reconnu.")
  }
}

/**
 * The Y.Doc state (an update encoding the whole document) for a fiche, built
 * on top of `previous` when given so that the document's history continues
 * rather than forks.
 */
export function ficheYDocState(fiche: Fiche, previous: Uint8Array | null): Uint8Array {
  if (!previous) return Y.encodeStateAsUpdate(ficheToYDoc(fiche))
  const doc = new Y.Doc()
  Y.applyUpdate(doc, previous)
  replaceFicheInYDoc(doc, fiche, 'paritaire-server')
  return Y.encodeStateAsUpdate(doc)
}
