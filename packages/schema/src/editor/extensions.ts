/**
 * The TipTap extensions of the fiche document, as one array for
 * `new Editor({ extensions: ficheExtensions })` (add Collaboration with
 * `field: FICHE_YDOC_FIELD` and any UI extension beside them), and the
 * ProseMirror schema they define, built once.
 */
import { getSchema, type Extensions } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import Bold from '@tiptap/extension-bold'
import HardBreak from '@tiptap/extension-hard-break'
import Italic from '@tiptap/extension-italic'
import Paragraph from '@tiptap/extension-paragraph'
import Text from '@tiptap/extension-text'
import { AccesItems, ContenuGroupe, FicheBulletList, FicheDocument, FicheListItem, GroupeTitre, Intitule } from './nodes.ts'
import { amendmentMarks } from '../amendments/marks.ts'
import { sectionExtensions } from './sections.ts'
import { FicheStructureGuard } from './structure-guard.ts'
import { FicheCommands } from './commands.ts'

export const ficheExtensions: Extensions = [
  FicheDocument,
  ...sectionExtensions,
  Intitule,
  ContenuGroupe,
  GroupeTitre,
  AccesItems,
  Paragraph,
  Text,
  HardBreak,
  FicheBulletList,
  FicheListItem,
  Bold,
  Italic,
  // Suggestion marks (amendments): see ../amendments.
  ...amendmentMarks,
  FicheStructureGuard,
  FicheCommands,
]

let schema: Schema | null = null

/** The ProseMirror schema of the fiche document (the same object on every call). */
export function getFicheSchema(): Schema {
  schema ??= getSchema(ficheExtensions)
  return schema
}

/**
 * Styles the editor app can include: section labels drawn from `data-label`
 * (so they are not part of the text) and a visible frame per section.
 */
export const FICHE_EDITOR_CSS = `
.fiche-section { display: block; margin: 1.5em 0; padding-top: .25em; border-top: 1px solid #ccc; }
.fiche-section::before { content: attr(data-label); display: block; font-weight: 600; font-size: .85em; color: #555; text-transform: uppercase; letter-spacing: .04em; user-select: none; pointer-events: none; }
.fiche-intitule:empty::after { content: 'Intitulé de la fiche'; color: #aaa; }
.fiche-groupe-titre { font-size: 1em; margin: .75em 0 .25em; }
`
