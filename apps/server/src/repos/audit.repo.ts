/** The append-only audit log (the database refuses UPDATE and DELETE). SQL only. */
import type { Kysely } from 'kysely'
import { jsonb } from '../db/json.ts'
import type { DB } from '../db/schema.ts'

export interface AuditEventInput {
  id: string
  userId: string | null
  organisationId: string | null
  negotiationId: string | null
  action: string
  targetType: string | null
  targetId: string | null
  details: Record<string, unknown>
}

export async function insertAuditEvent(db: Kysely<DB>, e: AuditEventInput): Promise<void> {
  await db.insertInto('audit_events').values({
    id: e.id, user_id: e.userId, organisation_id: e.organisationId, negotiation_id: e.negotiationId,
    action: e.action, target_type: e.targetType, target_id: e.targetId, details: jsonb(e.details),
  }).execute()
}

export async function listAuditEvents(db: Kysely<DB>, negotiationId: string) {
  return db.selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.user_id')
    .leftJoin('organisations', 'organisations.id', 'audit_events.organisation_id')
    .select(['audit_events.id', 'audit_events.at', 'audit_events.action', 'audit_events.target_type',
      'audit_events.target_id', 'audit_events.details', 'users.name as user_name', 'organisations.name as organisation_name'])
    .where('audit_events.negotiation_id', '=', negotiationId)
    .orderBy('audit_events.at').orderBy('audit_events.id')
    .execute()
}
