/**
 * Rules that an incoming fiche update must pass before the sync server
 * accepts it, beyond the fiche structure itself: who may change what
 * (amendments only, locked fiches…). A rule is pure: it reads the fiche as
 * editor JSON before and after the update (computed lazily, once per update,
 * and not at all when no rule says it will read them: `readsContent`) and the
 * identity of the connection that sent it, and answers a refusal or null. The document refuses the whole update on the first refusal: nothing
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

/** What is known of a change before the fiche is converted to JSON. */
export interface ChangeFacts {
  /** null for changes the server makes itself (restore, import, accepted amendment). */
  author: UpdateAuthor | null
  /**
   * The fiche held an amendment item before the change, or the change
   * brings one (a suggestion mark or a field proposal; see
   * `amendment-items.ts`). False means: no amendment before, none after.
   */
  amendments: boolean
}

export interface UpdateRuleInput extends ChangeFacts {
  ficheId: string
  before(): EditorNodeJson
  after(): EditorNodeJson
}

export interface RuleRefusal {
  /** Stable code, e.g. `amendement_requis`. */
  code: string
  /** French sentence for the person, naming the fiche or field. */
  message: string
}

export interface UpdateRule {
  (input: UpdateRuleInput): RuleRefusal | null
  /**
   * Whether the rule will read `before`/`after` for a change with these
   * facts (omitted: always). When no rule will, the document converts
   * nothing, and `before`/`after` must not be called.
   */
  readsContent?: (facts: ChangeFacts) => boolean
}
