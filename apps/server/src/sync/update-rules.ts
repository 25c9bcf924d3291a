/**
 * Rules that an incoming fiche update must pass before the sync server
 * accepts it, beyond the fiche structure itself: who may change what
 * (amendments only, locked fiches…). A rule is pure: it reads the fiche as
 * editor JSON before and after the update (computed lazily, once per update)
 * and the identity of the connection that sent it, and answers a refusal or
 * null. The document refuses the whole update on the first refusal: nothing
 * is stored or relayed, and the socket is closed with the French message.
 */
import type { Role } from '../db/schema.ts'

/** A node of the fiche as editor (ProseMirror/TipTap) JSON; structurally TipTap's JSONContent. */
export interface EditorNodeJson {
  type?: string
  attrs?: Record<string, unknown>
  content?: EditorNodeJson[]
  marks?: { type: string; attrs?: Record<string, unknown> }[]
  text?: string
}

/** Who sent an update: the session behind the socket, or the REST caller. */
export interface UpdateAuthor {
  userId: string
  organisationId: string
  role: Role
}

export interface UpdateRuleInput {
  ficheId: string
  /** null for changes the server makes itself (restore, import, accepted amendment). */
  author: UpdateAuthor | null
  before(): EditorNodeJson
  after(): EditorNodeJson
}

export interface RuleRefusal {
  /** Stable code, e.g. `amendement_requis`. */
  code: string
  /** French sentence for the person, naming the fiche or field. */
  message: string
}

export type UpdateRule = (input: UpdateRuleInput) => RuleRefusal | null
