/**
 * The amendment model: what an organisation proposes to change in a fiche
 * without changing it. Prose amendments are suggestion marks on the editor
 * document (`insertion` on proposed text, `deletion` on text proposed for
 * removal; the names are those `@handlewithcare/prosemirror-suggest-changes`
 * looks up); amendments of classement fields are entries of the classement
 * node's `proposals` attribute. Both carry the same attribution, which the
 * sync server checks against the connection that sent them.
 */
export const AMENDMENT_MARK = { insertion: 'insertion', deletion: 'deletion', modification: 'modification' } as const

/** The suggestion marks, as a ProseMirror `marks` expression for the nodes that may carry them. */
export const AMENDMENT_MARK_NAMES = `${AMENDMENT_MARK.insertion} ${AMENDMENT_MARK.deletion} ${AMENDMENT_MARK.modification}`

/** The classement attribute holding field amendments. */
export const PROPOSALS_ATTRIBUTE = 'proposals'

/** Who proposes an amendment and when; stored in every mark and proposal. */
export interface AmendmentAttribution {
  id: string
  organisationId: string
  organisationName: string
  userId: string
  authorName: string
  /** ISO 8601. */
  createdAt: string
}

/** The classement fields that can be amended, with their French labels. */
export const AMENDABLE_FIELDS = {
  coefficient: 'Coefficient',
  periodeMaximale: 'Période maximale',
  categorie: 'Catégorie',
  niveau: 'Niveau',
  echelon: 'Échelon',
} as const
export type AmendableField = keyof typeof AMENDABLE_FIELDS

export function isAmendableField(name: unknown): name is AmendableField {
  return typeof name === 'string' && Object.hasOwn(AMENDABLE_FIELDS, name)
}

/** A proposed new value for a classement field (an entry of `proposals`). */
export interface FieldProposal extends AmendmentAttribution {
  field: AmendableField
  /** The proposed value: a string, an integer for coefficient/echelon, or null to empty the field. */
  value: string | number | null
}

export type AmendmentKind = 'insertion' | 'deletion' | 'replacement' | 'field'

/** One pending amendment, as the list « Amendements » shows it. */
export interface Amendment extends AmendmentAttribution {
  kind: AmendmentKind
  /** The section it sits in. */
  section: string
  /** Proposed text (insertion / replacement). */
  inserted: string
  /** Text proposed for removal (deletion / replacement). */
  deleted: string
  /** For field amendments: the field, its current and proposed values. */
  field: AmendableField | null
  oldValue: string | number | null
  newValue: string | number | null
}

/** Which amendments a decision concerns; an empty filter means all of them. */
export interface AmendmentFilter {
  ids?: readonly string[]
  organisationId?: string
}

/** The identity an amendment change is checked against. */
export interface AmendmentAuthor {
  organisationId: string
  /** `commenter` may only add or withdraw its own amendments. */
  role: string
}

export interface AmendmentRefusal {
  code: string
  message: string
}
