/** Locks on the main draft's fiches (key `*`: the whole text). SQL only. */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export interface LockRow {
  fiche_key: string
  reason: 'accord' | 'signature'
  organisation_id: string
  org_name: string
  user_name: string
  created_at: Date
}

export async function listLocks(db: Kysely<DB>, negotiationId: string): Promise<LockRow[]> {
  return db.selectFrom('fiche_locks')
    .innerJoin('organisations', 'organisations.id', 'fiche_locks.organisation_id')
    .innerJoin('users', 'users.id', 'fiche_locks.user_id')
    .select(['fiche_locks.fiche_key', 'fiche_locks.reason', 'fiche_locks.organisation_id', 'organisations.name as org_name',
      'users.name as user_name', 'fiche_locks.created_at'])
    .where('fiche_locks.negotiation_id', '=', negotiationId).orderBy('fiche_locks.created_at').execute()
}

export async function insertLock(db: Kysely<DB>, l: { negotiationId: string; key: string; reason: 'accord' | 'signature'; organisationId: string; userId: string }): Promise<void> {
  await db.insertInto('fiche_locks').values({
    negotiation_id: l.negotiationId, fiche_key: l.key, reason: l.reason, organisation_id: l.organisationId, user_id: l.userId,
  }).onConflict((oc) => oc.columns(['negotiation_id', 'fiche_key']).doNothing()).execute()
}

export async function deleteLock(db: Kysely<DB>, negotiationId: string, key: string): Promise<number> {
  const res = await db.deleteFrom('fiche_locks').where('negotiation_id', '=', negotiationId).where('fiche_key', '=', key).executeTakeFirst()
  return Number(res.numDeletedRows ?? 0)
}
