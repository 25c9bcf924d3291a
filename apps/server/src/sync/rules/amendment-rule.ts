/**
 * The sync rule for amendments: every update to a fiche is checked with the
 * schema package's `checkAmendmentChange` against the connection that sent
 * it. A `commenter` (« Amendements et commentaires ») may only add or
 * withdraw its own organisation's amendments; nobody may propose an
 * amendment in another organisation's name, nor alter or remove another
 * organisation's amendment by editing (accept / reject go through the REST
 * routes, which check who decides and audit it). Changes the server makes
 * itself (author null: an accepted amendment, a restore) are not checked here.
 */
import { checkAmendmentChange } from '@paritaire/schema'
import type { ChangeFacts, UpdateRule, UpdateRuleInput } from '../update-rules.ts'

// A fiche with no amendment before the change and none after it leaves the
// rule nothing to compare, except for a commenter, whose every other change
// is an edit they may not make.
const mustCompare = ({ author, amendments }: ChangeFacts) => author !== null && (amendments || author.role === 'commenter')

export const amendmentRule: UpdateRule = Object.assign(
  (input: UpdateRuleInput) => {
    if (!mustCompare(input) || !input.author) return null
    return checkAmendmentChange(input.before(), input.after(), { organisationId: input.author.organisationId, role: input.author.role })
  },
  { readsContent: mustCompare },
)
