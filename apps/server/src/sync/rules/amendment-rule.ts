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
import type { UpdateRule } from '../update-rules.ts'

export const amendmentRule: UpdateRule = ({ author, before, after }) => {
  if (!author) return null
  return checkAmendmentChange(before(), after(), { organisationId: author.organisationId, role: author.role })
}
