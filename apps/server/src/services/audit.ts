/** Writes audit events: every state change records who, which organisation, what and when. */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { newId } from '../ids.ts'
import { insertAuditEvent } from '../repos/audit.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'

export async function audit(
  db: Kysely<DB>, who: SessionIdentity | null, action: string,
  target: { negotiationId?: string | null; type?: string; id?: string; details?: Record<string, unknown> } = {},
): Promise<void> {
  await insertAuditEvent(db, {
    id: newId(),
    userId: who?.user.id ?? null,
    organisationId: who?.organisation.id ?? null,
    negotiationId: target.negotiationId ?? null,
    action,
    targetType: target.type ?? null,
    targetId: target.id ?? null,
    details: target.details ?? {},
  })
}
