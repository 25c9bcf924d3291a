/**
 * The sync rule of locked fiches: an update from a member to a fiche the
 * chair marked agreed (or to a text a signed version locked) is refused —
 * nothing stored nor relayed — until the chair unlocks it. Changes the
 * server makes itself (author null) are not member edits and pass; the REST
 * paths that make them check the lock themselves.
 */
import type { LockInfo } from '../../services/locks.ts'
import { lockMessage } from '../../services/locks.ts'
import type { UpdateRule, UpdateRuleInput } from '../update-rules.ts'

export interface LockLookup { lockOf(ficheId: string): LockInfo | null }

export function lockRule(locks: LockLookup): UpdateRule {
  const rule = ({ ficheId, author }: UpdateRuleInput) => {
    if (author === null) return null
    const lock = locks.lockOf(ficheId)
    return lock ? { code: 'fiche_verrouillee', message: lockMessage(lock) } : null
  }
  return Object.assign(rule, { readsContent: () => false })
}
