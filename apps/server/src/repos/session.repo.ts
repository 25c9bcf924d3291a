/** Login sessions: only the hash of the token is stored. SQL only. */
import type { Kysely } from 'kysely'
import type { DB, OrganisationKind } from '../db/schema.ts'

export interface SessionIdentity {
  user: { id: string; email: string; name: string }
  organisation: { id: string; name: string; kind: OrganisationKind }
}

export async function insertSession(db: Kysely<DB>, row: { id: string; token_hash: string; user_id: string; expires_at: Date }): Promise<void> {
  await db.insertInto('sessions').values(row).execute()
}

export async function findSessionIdentity(db: Kysely<DB>, tokenHash: string, now: Date): Promise<SessionIdentity | undefined> {
  const row = await db.selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id as user_id', 'users.email', 'users.name as user_name',
      'organisations.id as org_id', 'organisations.name as org_name', 'organisations.kind'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    user: { id: row.user_id, email: row.email, name: row.user_name },
    organisation: { id: row.org_id, name: row.org_name, kind: row.kind },
  }
}

export async function deleteSession(db: Kysely<DB>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute()
}
