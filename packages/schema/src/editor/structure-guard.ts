/**
 * The editor extension that keeps a fiche a fiche: a transaction filter that
 * refuses any transaction breaking the six-section structure (see
 * structure.ts), and a Backspace/Delete binding that turns a selection
 * spanning several sections (select-all included) into deletions inside each
 * section, so that the user's gesture clears text without removing sections
 * or their fields; a pasted whole fiche (or cross-section selection) is
 * unwrapped into its text blocks, so it lands inside the target section. Also provides the `setFiche` command that loads a whole
 * fiche in one allowed transaction.
 */
import { Extension } from '@tiptap/core'
import { Fragment, Slice, type Node as PMNode, type Schema } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { SECTION_NAMES, type Fiche } from '../model.ts'
import { NODE } from './names.ts'
import { ficheToEditorJson } from '../convert/editor-json.ts'
import { FICHE_REPLACE_META, structureViolation } from './structure.ts'

export const ficheStructureGuardKey = new PluginKey('ficheStructureGuard')

/**
 * Deletes the selected text section by section when the selection spans
 * more than one section. Returns false (doing nothing) otherwise, so the
 * ordinary deletion commands run.
 */
export function deleteAcrossSections(state: EditorState, dispatch?: (tr: Transaction) => void): boolean {
  const { from, to } = state.selection
  const pieces: [number, number][] = []
  state.doc.forEach((section, offset) => {
    const start = Math.max(from, offset + 1)
    const end = Math.min(to, offset + section.nodeSize - 1)
    if (start < end) pieces.push([start, end])
  })
  const spansSections = pieces.length > 1 || (pieces.length === 1 && (pieces[0]![0] !== from || pieces[0]![1] !== to))
  if (!spansSections) return false
  if (dispatch) {
    const tr = state.tr
    for (const [start, end] of pieces.reverse()) tr.delete(start, end)
    dispatch(tr.scrollIntoView())
  }
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
        },
      }),
    ]
  },
})
