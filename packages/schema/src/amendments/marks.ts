/**
 * The suggestion marks as TipTap extensions, part of the fiche schema so that
 * the server (which validates with the same schema) and the editor agree.
 * Their names are those `@handlewithcare/prosemirror-suggest-changes` looks
 * up; beside its `id` each carries the attribution of the amendment.
 * `deletion` does not exclude itself: y-prosemirror then stores each one
 * under its own hashed key, so two organisations proposing to delete the
 * same words concurrently both keep their mark (insertions never collide:
 * concurrent inserted text is distinct Yjs items).
 */
import { Mark, mergeAttributes, type Attribute } from '@tiptap/core'
import { AMENDMENT_MARK } from './model.ts'

function stringAttribute(name: string): Attribute {
  const data = 'data-' + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())
  return {
    default: null,
    parseHTML: (element) => element.getAttribute(data),
    renderHTML: (attributes) => (typeof attributes[name] === 'string' || typeof attributes[name] === 'number' ? { [data]: String(attributes[name]) } : {}),
  }
}

const attribution = () => ({
  id: stringAttribute('id'),
  organisationId: stringAttribute('organisationId'),
  organisationName: stringAttribute('organisationName'),
  userId: stringAttribute('userId'),
  authorName: stringAttribute('authorName'),
  createdAt: stringAttribute('createdAt'),
})

function title(attrs: Record<string, unknown>, verb: string): string {
  const who = [attrs.authorName, attrs.organisationName ? `(${String(attrs.organisationName)})` : ''].filter(Boolean).join(' ')
  const when = typeof attrs.createdAt === 'string' ? new Date(attrs.createdAt) : null
  const at = when && !Number.isNaN(when.getTime()) ? `, le ${when.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' })}` : ''
  return `${verb} par ${who || 'inconnu'}${at}`
}

export const InsertionMark = Mark.create({
  name: AMENDMENT_MARK.insertion,
  inclusive: false,
  excludes: `${AMENDMENT_MARK.insertion} ${AMENDMENT_MARK.deletion} ${AMENDMENT_MARK.modification}`,
  addAttributes: attribution,
  parseHTML() {
    return [{ tag: 'ins[data-id]' }]
  },
  renderHTML({ HTMLAttributes, mark }) {
    return ['ins', mergeAttributes(HTMLAttributes, { class: 'amendment amendment-insertion', title: title(mark.attrs, 'Ajout proposé') }), 0]
  },
})

export const DeletionMark = Mark.create({
  name: AMENDMENT_MARK.deletion,
  inclusive: false,
  excludes: `${AMENDMENT_MARK.insertion} ${AMENDMENT_MARK.modification}`,
  addAttributes: attribution,
  parseHTML() {
    return [{ tag: 'del[data-id]' }]
  },
  renderHTML({ HTMLAttributes, mark }) {
    return ['del', mergeAttributes(HTMLAttributes, { class: 'amendment amendment-deletion', title: title(mark.attrs, 'Suppression proposée') }), 0]
  },
})

/** Required by the suggestion library (format changes); Paritaire treats it as a plain marker. */
export const ModificationMark = Mark.create({
  name: AMENDMENT_MARK.modification,
  inclusive: false,
  excludes: `${AMENDMENT_MARK.insertion} ${AMENDMENT_MARK.deletion}`,
  addAttributes: () => ({
    ...attribution(),
    type: { default: null },
    attrName: { default: null },
    previousValue: { default: null },
    newValue: { default: null },
  }),
  parseHTML() {
    return [{ tag: 'span[data-amendment-modification]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { 'data-amendment-modification': '', class: 'amendment amendment-modification' }), 0]
  },
})

export const amendmentMarks = [InsertionMark, DeletionMark, ModificationMark]
