/**
 * Editor commands for the structured parts a toolbar button adds, since
 * typing alone cannot create them: a new activity group in Contenu, a new
 * mode d'accès in Modes d'accès. Each inserts inside its section (so the
 * structure guard lets it through) and puts the cursor where the user types
 * next.
 */
import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { TextSelection, type Transaction } from '@tiptap/pm/state'
import { NODE } from './names.ts'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    ficheCommands: {
      /** Appends an activity group (title + one empty item) to Contenu; the cursor goes to its title. */
      addContenuGroupe: (titre?: string) => ReturnType
      /** Appends an empty mode d'accès to the list of Modes d'accès (creating the list); the cursor goes into it. */
      addAccesItem: () => ReturnType
    }
  }
}

function sectionAt(doc: PMNode, name: string): { node: PMNode; pos: number } | null {
  let found: { node: PMNode; pos: number } | null = null
  doc.forEach((node, pos) => {
    if (node.type.name === name) found = { node, pos }
  })
  return found
}

function emptyItem(tr: Transaction): PMNode {
  const { nodes } = tr.doc.type.schema
  return nodes[NODE.listItem]!.create(null, nodes[NODE.paragraph]!.create())
}

export const FicheCommands = Extension.create({
  name: 'ficheCommands',

  addCommands() {
    return {
      addContenuGroupe:
        (titre = '') =>
        ({ tr, dispatch }) => {
          const contenu = sectionAt(tr.doc, 'contenu')
          if (!contenu) return false
          if (dispatch) {
            const { nodes } = tr.doc.type.schema
            const groupe = nodes[NODE.contenuGroupe]!.create(null, [
              nodes[NODE.groupeTitre]!.create(null, titre ? tr.doc.type.schema.text(titre) : null),
              nodes[NODE.bulletList]!.create(null, emptyItem(tr)),
            ])
            const at = contenu.pos + contenu.node.nodeSize - 1
            tr.insert(at, groupe)
            // Inside the group (+1), inside its title (+1), after the title text.
            tr.setSelection(TextSelection.create(tr.doc, at + 2 + titre.length))
          }
          return true
        },

      addAccesItem:
        () =>
        ({ tr, dispatch }) => {
          const acces = sectionAt(tr.doc, 'acces')
          if (!acces) return false
          if (dispatch) {
            const { nodes } = tr.doc.type.schema
            const first = acces.node.firstChild
            if (first?.type.name === NODE.accesItems) {
              // End of the bulletList inside accesItems: section start + 1, accesItems + 1, then the list's content end.
              const at = acces.pos + 1 + 1 + first.firstChild!.nodeSize - 1
              tr.insert(at, emptyItem(tr))
              tr.setSelection(TextSelection.create(tr.doc, at + 2))
            } else {
              const at = acces.pos + 1
              tr.insert(at, nodes[NODE.accesItems]!.create(null, nodes[NODE.bulletList]!.create(null, emptyItem(tr))))
              tr.setSelection(TextSelection.create(tr.doc, at + 4))
            }
          }
          return true
        },
    }
  },
})
