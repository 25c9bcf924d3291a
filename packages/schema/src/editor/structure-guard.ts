/**
 * The editor extension that keeps a fiche a fiche: a transaction filter that
 * refuses any transaction breaking the six-section structure (see
 * structure.ts), and a Backspace/Delete binding that turns a selection
 * spanning several sections (select-all included) into deletions inside each
 * section, so that the user's gesture clears text without removing sections
 * or their fields; a pasted whole fiche (or cross-section selection) is
 * unwrapped into its text blocks, so it lands inside the target section;
 * typing over a cross-section selection replaces the selected text of each
 * section. Also provides the `setFiche` command that loads a whole
 * fiche in one allowed transaction.
 */
import { Extension } from '@tiptap/core'
import { Fragment, Slice, type Node as PMNode, type Schema } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { SECTION_NAMES } from '../section-names.ts'
import type { Fiche } from '../model.ts'
import { NODE } from './names.ts'
import { ficheToEditorJson } from '../convert/editor-json.ts'
import { FICHE_REPLACE_META, structureViolation } from './structure.ts'

export const ficheStructureGuardKey = new PluginKey('ficheStructureGuard')

/** The parts of [from, to] that lie inside each section's content, in document order. */
function sectionPieces(state: EditorState, from: number, to: number): [number, number][] {
  const pieces: [number, number][] = []
  state.doc.forEach((section, offset) => {
    const start = Math.max(from, offset + 1)
    const end = Math.min(to, offset + section.nodeSize - 1)
    if (start < end) pieces.push([start, end])
  })
  return pieces
}

function spansSections(state: EditorState, from: number, to: number): boolean {
  const pieces = sectionPieces(state, from, to)
  return pieces.length > 1 || (pieces.length === 1 && (pieces[0]![0] !== from || pieces[0]![1] !== to))
}

/** A transaction deleting, in each section, the part of [from, to] it holds. */
function deleteInSections(state: EditorState, from: number, to: number): Transaction {
  const tr = state.tr
  for (const [start, end] of sectionPieces(state, from, to).reverse()) tr.delete(start, end)
  return tr
}

/**
 * Deletes the selected text section by section when the selection spans
 * more than one section. Returns false (doing nothing) otherwise, so the
 * ordinary deletion commands run.
 */
export function deleteAcrossSections(state: EditorState, dispatch?: (tr: Transaction) => void): boolean {
  const { from, to } = state.selection
  if (!spansSections(state, from, to)) return false
  if (dispatch) dispatch(deleteInSections(state, from, to).scrollIntoView())
  return true
}

/**
 * Typing over a selection that spans sections: the selected text of each
 * section goes, the typed text lands where the selection started. (Left to
 * the browser, the change would be refused and the screen would drift from
 * the document.)
 */
function typeAcrossSections(view: EditorView, from: number, to: number, text: string): boolean {
  const state = view.state
  if (!spansSections(state, from, to)) return false
  const first = sectionPieces(state, from, to)[0]
  const tr = deleteInSections(state, from, to)
  if (first) tr.insertText(text, tr.mapping.map(first[0]))
  view.dispatch(tr.scrollIntoView())
  return true
}

const isSection = (node: PMNode) => (SECTION_NAMES as readonly string[]).includes(node.type.name)

/** The prose blocks of a section: its own blocks, with intitulé and group titles as paragraphs and item lists as lists. */
function sectionBlocks(node: PMNode, schema: Schema): PMNode[] {
  const blocks: PMNode[] = []
  node.forEach((child) => {
    const name = child.type.name
    if (name === NODE.intitule || name === NODE.groupeTitre) {
      if (child.content.size > 0) blocks.push(schema.nodes[NODE.paragraph]!.create(null, child.content))
    } else if (name === NODE.contenuGroupe || name === NODE.accesItems) blocks.push(...sectionBlocks(child, schema))
    else blocks.push(child)
  })
  return blocks
}

/**
 * A pasted or dropped slice that holds sections (a whole fiche copied from
 * another editor, or a selection spanning sections) cannot go into one
 * section as it is; its text can. Sections are unwrapped into their blocks.
 */
export function flattenPastedSections(slice: Slice, schema: Schema): Slice {
  let hasSection = false
  slice.content.forEach((node) => {
    if (isSection(node) || node.type.name === NODE.doc) hasSection = true
  })
  if (!hasSection) return slice
  const blocks: PMNode[] = []
  slice.content.forEach((node) => {
    if (node.type.name === NODE.doc) node.forEach((section) => blocks.push(...sectionBlocks(section, schema)))
    else if (isSection(node)) blocks.push(...sectionBlocks(node, schema))
    else blocks.push(node)
  })
  return new Slice(Fragment.from(blocks), 0, 0)
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    ficheStructureGuard: {
      /** Replaces the whole document by the given fiche, in one transaction. */
      setFiche: (fiche: Fiche) => ReturnType
    }
  }
}

export const FicheStructureGuard = Extension.create({
  name: 'ficheStructureGuard',

  addCommands() {
    return {
      setFiche:
        (fiche) =>
        ({ tr, dispatch }) => {
          if (dispatch) {
            const doc = this.editor.schema.nodeFromJSON(ficheToEditorJson(fiche))
            tr.replaceWith(0, tr.doc.content.size, doc.content).setMeta(FICHE_REPLACE_META, true)
          }
          return true
        },
    }
  },

  addKeyboardShortcuts() {
    const handler = () => deleteAcrossSections(this.editor.state, (tr) => this.editor.view.dispatch(tr))
    return { Backspace: handler, Delete: handler, 'Mod-Backspace': handler, 'Mod-Delete': handler }
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: ficheStructureGuardKey,
        filterTransaction: (tr) => structureViolation(tr) === null,
        props: {
          transformPasted: (slice, view) => flattenPastedSections(slice, view.state.schema),
          handleTextInput: (view, from, to, text) => typeAcrossSections(view, from, to, text),
        },
      }),
    ]
  },
})
