/**
 * The six section nodes of the fiche document. Each is `isolating` (editing
 * commands such as joinBackward, lift or select-node never cross its
 * boundary) and `defining` (a paste keeps it), is not selectable or
 * draggable as a whole, and renders as `<section data-section="…"
 * data-label="…">`: the French label is shown by CSS (`::before { content:
 * attr(data-label) }`, see FICHE_EDITOR_CSS), so it is neither editable, nor
 * copied, nor stored in the collaborative document. Structured fields are
 * node attributes, for the editor app to render as form fields in a node view.
 */
import { mergeAttributes, Node, type Attribute } from '@tiptap/core'
import { SECTION_LABELS } from '../section-names.ts'
import type { SectionName } from '../model.ts'
import { integerAttribute, listAttribute, textAttribute } from './attributes.ts'
import { NODE } from './names.ts'
import { AMENDMENT_MARK_NAMES, PROPOSALS_ATTRIBUTE } from '../amendments/model.ts'

function sectionNode(name: SectionName, content: string, attributes: Record<string, Attribute> = {}) {
  return Node.create({
    name,
    content,
    isolating: true,
    defining: true,
    selectable: false,
    draggable: false,
    // Blocks inside a section may carry suggestion marks (a proposed new paragraph).
    marks: AMENDMENT_MARK_NAMES,
    addAttributes() {
      return attributes
    },
    parseHTML() {
      return [{ tag: `section[data-section="${name}"]` }]
    },
    renderHTML({ HTMLAttributes }) {
      return ['section', mergeAttributes(HTMLAttributes, { 'data-section': name, 'data-label': SECTION_LABELS[name], class: 'fiche-section' }), 0]
    },
  })
}

/** Intitulé (an `intitule` node) then prose; appellations, code, filière, sous-famille as attributes. */
export const DenominationSection = sectionNode('denomination', `${NODE.intitule} block+`, {
  appellations: listAttribute('appellations'),
  code: textAttribute('code'),
  filiere: textAttribute('filiere'),
  sousFamille: textAttribute('sousFamille'),
})

/** Prose; the "Mêmes fonctions que" link (a fiche id) as an attribute. */
export const ObjetSection = sectionNode('objet', 'block+', { memesFonctionsQue: textAttribute('memesFonctionsQue') })

/** Introductory prose, then the activity groups. */
export const ContenuSection = sectionNode('contenu', `block+ ${NODE.contenuGroupe}*`)

/** Prose; every classement field as an attribute. */
export const ClassementSection = sectionNode('classement', 'block+', {
  categorie: textAttribute('categorie'),
  niveau: textAttribute('niveau'),
  echelon: integerAttribute('echelon'),
  degres: listAttribute('degres'),
  coefficient: integerAttribute('coefficient'),
  criteres: listAttribute('criteres'),
  paliers: listAttribute('paliers'),
  periodeMaximale: textAttribute('periodeMaximale'),
  // Pending amendments of the fields above (see ../amendments).
  [PROPOSALS_ATTRIBUTE]: listAttribute(PROPOSALS_ATTRIBUTE),
})

/** The modes d'accès (an optional item list), then prose. */
export const AccesSection = sectionNode('acces', `${NODE.accesItems}? block+`)

/** Prose; vertical and transversal links to other fiches as attributes. */
export const EvolutionSection = sectionNode('evolution', 'block+', {
  verticale: listAttribute('verticale'),
  transversale: listAttribute('transversale'),
})

export const sectionExtensions = [DenominationSection, ObjetSection, ContenuSection, ClassementSection, AccesSection, EvolutionSection]
