/** The negotiation's amendment setting and the audit trail of amendment decisions. SQL only. */
import type { Kysely } from 'kysely'
import type { AmendmentDeciders, DB } from '../db/schema.ts'

export async function findAmendmentDeciders(db: Kysely<DB>, negotiationId: string): Promise<AmendmentDeciders> {
  const row = await db.selectFrom('negotiations').select('amendment_deciders').where('id', '=', negotiationId).executeTakeFirst()
  return row?.amendment_deciders ?? 'chair'
}

export async function setAmendmentDeciders(db: Kysely<DB>, negotiationId: string, deciders: AmendmentDeciders): Promise<void> {
  await db.updateTable('negotiations').set({ amendment_deciders: deciders }).where('id', '=', negotiationId).execute()
}

/** Decisions on the amendments of one fiche, oldest first. */
export async function listAmendmentDecisions(db: Kysely<DB>, negotiationId: string, ficheId: string) {
  return db.selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.user_id')
    .leftJoin('organisations', 'organisations.id', 'audit_events.organisation_id')
    .select(['audit_events.id', 'audit_events.at', 'audit_events.action', 'audit_events.target_id', 'audit_events.details',
      'users.name as user_name', 'organisations.name as organisation_name'])
    .where('audit_events.negotiation_id', '=', negotiationId)
    .where('audit_events.target_type', '=', 'amendment')
    .where('audit_events.action', 'in', ['amendment.accept', 'amendment.reject', 'amendment.withdraw'])
    .orderBy('audit_events.at').orderBy('audit_events.id')
    .execute()
    .then((rows) => rows.filter((r) => (r.details as { ficheId?: unknown } | null)?.ficheId === ficheId))
}
