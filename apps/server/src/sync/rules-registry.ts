/**
 * The update rules this server runs on every live change (sync updates and
 * REST writes through the live document), in order; the first refusal wins.
 * Register a rule with one line here — it receives the author and the
 * fiche before/after as editor JSON (see `update-rules.ts`). With no rule,
 * the hot path converts nothing to JSON.
 */
import type { AppContext } from '../context.ts'
import { installLocks } from '../services/locks.ts'
import { amendmentRule } from './rules/amendment-rule.ts'
import { lockRule } from './rules/lock-rule.ts'
import type { UpdateRule } from './update-rules.ts'

export async function updateRules(ctx: AppContext): Promise<UpdateRule[]> {
  return [
    // First: a locked fiche is refused without converting anything.
    lockRule(await installLocks(ctx)),
    amendmentRule,
  ]
}
