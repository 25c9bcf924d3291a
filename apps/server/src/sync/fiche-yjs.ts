/**
 * The fiche-specific Yjs operations the live documents need, taken from
 * `@paritaire/schema` (the one place that knows how a fiche maps onto the
 * TipTap Y.XmlFragment): the structure check run on every incoming update,
 * the root types a fiche document may have, the seeding of a fiche's first
 * Yjs state, the conversion back to canonical JSON, and the REST write as
 * one Yjs transaction.
 */
import * as Y from 'yjs'
import {
  checkFicheStructure,
  FICHE_YDOC_FIELD,
  ficheToYDoc,
  replaceFicheInYDoc,
  validateFiche,
  yDocToFiche,
  type Fiche,
} from '@paritaire/schema'
import type { FicheYjs } from './update-check.ts'
import { fragmentToEditorJson } from './editor-json.ts'

const ROOTS: readonly string[] = [FICHE_YDOC_FIELD]

export const ficheYjs: FicheYjs = {
  checkStructure: (doc) => checkFicheStructure(doc),
  rootNames: () => ROOTS,
  seedState(content, ficheId) {
    const checked = validateFiche({ ...(content as object), id: ficheId })
    if (!checked.ok) {
      const first = checked.issues[0]
      throw new Error(`fiche ${ficheId} : contenu invalide, impossible de créer son document (${first?.message ?? ''})`)
    }
    return Y.encodeStateAsUpdate(ficheToYDoc(checked.value))
  },
  toContent(doc, ficheId) {
    try {
      return yDocToFiche(doc, ficheId)
    } catch {
      return undefined
    }
  },
  toEditorJson: (doc) => fragmentToEditorJson(doc.getXmlFragment(FICHE_YDOC_FIELD), 'ficheDoc'),
}

/** Replaces the whole fiche in `doc` as one Yjs transaction with `origin`. */
export function replaceFiche(doc: Y.Doc, fiche: Fiche, origin: unknown): void {
  replaceFicheInYDoc(doc, fiche, origin)
}

/** Canonical JSON of a document (throws when it cannot be read as a fiche). */
export function readFiche(doc: Y.Doc, ficheId: string): Fiche {
  return yDocToFiche(doc, ficheId)
}
