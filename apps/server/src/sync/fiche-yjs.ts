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
import { checkFicheChange, checkWholeFiche } from './fiche-check.ts'

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
  checkChange: (doc, ficheId, changed) => checkFicheChange(doc, ficheId, changed),
  toEditorJson: (doc) => fragmentToEditorJson(doc.getXmlFragment(FICHE_YDOC_FIELD), 'ficheDoc'),
}

/**
 * Replaces the whole fiche in `doc` as one Yjs transaction with `origin`.
 * A fiche whose current content fails the schema (poisoned before updates
 * were checked: nested thousands deep, bad attributes, NUL…) is rebuilt
 * from scratch rather than diffed — diffing walks the poisoned tree — so a
 * valid `PUT` always repairs it.
 */
export function replaceFiche(doc: Y.Doc, fiche: Fiche, origin: unknown): void {
  const fragment = doc.getXmlFragment(FICHE_YDOC_FIELD)
  if (checkWholeFiche(fragment, fiche.id) === null) {
    replaceFicheInYDoc(doc, fiche, origin)
    return
  }
  clearBottomUp(doc, fragment, origin)
  doc.transact(() => {
    fragment.delete(0, fragment.length)
    ficheToYDoc(fiche, doc)
  }, origin)
}

/**
 * Empties a poisoned tree deepest level first, one transaction (one update)
 * per level. Deleting a subtree in one transaction overflows the stack in
 * Yjs — deletion, then garbage collection at the end of the transaction,
 * walk the children recursively — on this document and on every document
 * that applies the update; level by level, each step only meets children
 * already collected.
 */
function clearBottomUp(doc: Y.Doc, fragment: Y.XmlFragment, origin: unknown): void {
  const elements: Y.XmlElement[] = []
  const stack: (Y.XmlFragment | Y.XmlElement)[] = [fragment]
  while (stack.length > 0) {
    for (const child of stack.pop()!.toArray()) {
      if (child instanceof Y.XmlElement) {
        elements.push(child)
        stack.push(child)
      }
    }
  }
  for (let i = elements.length - 1; i >= 0; i--) {
    const element = elements[i]!
    if (element.length > 0) doc.transact(() => element.delete(0, element.length), origin)
  }
}

/** Canonical JSON of a document (throws when it cannot be read as a fiche). */
export function readFiche(doc: Y.Doc, ficheId: string): Fiche {
  return yDocToFiche(doc, ficheId)
}
