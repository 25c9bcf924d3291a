/**
 * The non-section nodes of the fiche document: the top node (exactly the six
 * sections, in order), the editable text fields (`intitule`, a group's
 * `groupeTitre`: plain text, no marks), the contenu groups and the acces item
 * list, and the list item restricted to what the canonical model can hold
 * (one paragraph, then optionally a nested list).
 */
import { mergeAttributes, Node } from '@tiptap/core'
// The two subpaths, not the package's index: the editor would download the
// ordered and task lists and the list keymap it never uses.
import { BulletList } from '@tiptap/extension-list/bullet-list'
import { ListItem } from '@tiptap/extension-list/item'
import { AMENDMENT_MARK_NAMES } from '../amendments/model.ts'
import { SECTION_NAMES } from '../section-names.ts'
import { NODE } from './names.ts'

export const FicheDocument = Node.create({
  name: NODE.doc,
  topNode: true,
  content: SECTION_NAMES.join(' '),
})

export const Intitule = Node.create({
  name: NODE.intitule,
  content: 'text*',
  // Plain text, but amendments may be proposed on it.
  marks: AMENDMENT_MARK_NAMES,
  defining: true,
  parseHTML() {
    return [{ tag: 'h1[data-intitule]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['h1', mergeAttributes(HTMLAttributes, { 'data-intitule': '', class: 'fiche-intitule' }), 0]
  },
})

export const GroupeTitre = Node.create({
  name: NODE.groupeTitre,
  content: 'text*',
  // Plain text, but amendments may be proposed on it.
  marks: AMENDMENT_MARK_NAMES,
  defining: true,
  parseHTML() {
    return [{ tag: 'h3[data-groupe-titre]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['h3', mergeAttributes(HTMLAttributes, { 'data-groupe-titre': '', class: 'fiche-groupe-titre' }), 0]
  },
})

/** A group of activities: its title (empty = no title), then its items. */
export const ContenuGroupe = Node.create({
  name: NODE.contenuGroupe,
  content: `${NODE.groupeTitre} ${NODE.bulletList}?`,
  isolating: true,
  defining: true,
  marks: AMENDMENT_MARK_NAMES,
  parseHTML() {
    return [{ tag: 'div[data-contenu-groupe]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-contenu-groupe': '', class: 'fiche-contenu-groupe' }), 0]
  },
})

/** The modes d'accès of the acces section, kept apart from its prose. */
export const AccesItems = Node.create({
  name: NODE.accesItems,
  content: NODE.bulletList,
  defining: true,
  marks: AMENDMENT_MARK_NAMES,
  parseHTML() {
    return [{ tag: 'div[data-acces-items]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-acces-items': '', class: 'fiche-acces-items' }), 0]
  },
})

/** A canonical list item is one paragraph plus an optional nested list. */
export const FicheListItem = ListItem.extend({
  content: `${NODE.paragraph} ${NODE.bulletList}?`,
  marks: AMENDMENT_MARK_NAMES,
})

/** The bullet list; its items may carry suggestion marks (a proposed new item). */
export const FicheBulletList = BulletList.extend({
  marks: AMENDMENT_MARK_NAMES,
})
