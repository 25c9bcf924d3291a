/**
 * The update rules this server runs on every live change (sync updates and
 * REST writes through the live document), in order; the first refusal wins.
 * Register a rule with one line here — it receives the author and the
 * fiche before/after as editor JSON (see `update-rules.ts`). With no rule,
 * the hot path converts nothing to JSON.
 */
import type { AppContext } from '../context.ts'
import type { UpdateRule } from './update-rules.ts'

export function updateRules(_ctx: AppContext): UpdateRule[] {
  return [
    // amendmentRule,
    // lockRule,
  ]
}
