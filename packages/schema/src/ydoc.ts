/**
 * The fiche as a Yjs document: what the collaborative editor edits and the
 * sync server stores. The content lives in one Y.XmlFragment named
 * FICHE_YDOC_FIELD, in exactly the shape `@tiptap/y-tiptap` (the binding the
 * TipTap Collaboration extension uses) gives the fiche editor document, so
 * the server and the browser read and write the same structure. These
 * helpers convert between that and canonical JSON, replace a fiche's content
 * in one transaction (for restoring a version or applying an import), and
 * check the top-level structure cheaply (for the sync server to refuse an
 * update that would break a fiche).
 */
import * as Y from 'yjs'
import { prosemirrorJSONToYXmlFragment, updateYFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { SECTION_LABELS, SECTION_NAMES } from './section-names.ts'
import type { Fiche } from './model.ts'
import { editorJsonToFiche, ficheToEditorJson } from './convert/editor-json.ts'
import { getFicheSchema } from './editor/extensions.ts'

/** Name of the Y.XmlFragment holding the fiche: pass it as `field` to TipTap's Collaboration extension. */
export const FICHE_YDOC_FIELD = 'fiche'

/** The fragment holding the fiche in `doc`. */
export function ficheFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(FICHE_YDOC_FIELD)
}

/**
 * Writes `fiche` into `doc` (a new Y.Doc by default). An empty document is
 * filled; a document that already holds a fiche gets its content replaced
 * (see replaceFicheInYDoc).
 */
export function ficheToYDoc(fiche: Fiche, doc: Y.Doc = new Y.Doc()): Y.Doc {
  const fragment = ficheFragment(doc)
  if (fragment.length > 0) {
    replaceFicheInYDoc(doc, fiche)
    return doc
  }
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(getFicheSchema(), ficheToEditorJson(fiche), fragment)
  })
  return doc
}

/**
 * Reads the canonical fiche held by `doc`. Throws ConversionError when a
 * section is missing (call checkFicheStructure first to refuse such a state).
 */
export function yDocToFiche(doc: Y.Doc, id: string): Fiche {
  const content = yXmlFragmentToProsemirrorJSON(ficheFragment(doc)) as { content?: unknown[] }
  return editorJsonToFiche({ type: 'ficheDoc', content: (content.content ?? []) as never[] }, id)
}

/**
 * Replaces the fiche held by `doc` with `fiche`, in one Yjs transaction with
 * the given origin. The change is computed against the current content
 * (y-prosemirror's diffing update), so unchanged sections and paragraphs keep
 * their Yjs identity: collaborators' cursors and concurrent edits elsewhere
 * survive, and the update is small.
 */
export function replaceFicheInYDoc(doc: Y.Doc, fiche: Fiche, origin?: unknown): void {
  const fragment = ficheFragment(doc)
  const node = getFicheSchema().nodeFromJSON(ficheToEditorJson(fiche))
  doc.transact(() => {
    // A fragment whose top level is not the six sections cannot be diffed section by section: rebuild it.
    if (checkFicheStructure(doc) !== null) {
      fragment.delete(0, fragment.length)
      prosemirrorJSONToYXmlFragment(getFicheSchema(), node.toJSON(), fragment)
      return
    }
    updateYFragment(doc, fragment, node, { mapping: new Map(), isOMark: new Map() })
  }, origin)
}

export interface FicheStructureProblem {
  code: 'fiche.structure.sections'
  message: string
}

/**
 * Null when the top level of the fiche fragment is exactly the six sections
 * in order; otherwise a problem with a French message. Looks only at the
 * top-level element names, so it is cheap enough to run after every update.
 */
export function checkFicheStructure(doc: Y.Doc): FicheStructureProblem | null {
  const fragment = ficheFragment(doc)
  const names: string[] = []
  for (let child = fragment.firstChild; child !== null; child = child.nextSibling) {
    names.push(child instanceof Y.XmlElement ? child.nodeName : '#texte')
  }
  if (names.length === SECTION_NAMES.length && names.every((n, i) => n === SECTION_NAMES[i])) return null
  const missing = SECTION_NAMES.filter((n) => !names.includes(n))
  const detail = missing.length
    ? `section${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.map((n) => SECTION_LABELS[n]).join(', ')}`
    : `sections présentes : ${names.join(', ') || 'aucune'}`
  return {
    code: 'fiche.structure.sections',
    message: `La fiche doit garder ses six sections dans l’ordre (Dénomination, Objet, Contenu, Classement, Modes d’accès, Évolution) ; ${detail}.`,
  }
}
