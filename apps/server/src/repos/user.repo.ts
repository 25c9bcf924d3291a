/** Users, each belonging to one organisation. SQL only. */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export interface UserRow { id: string; email: string; name: string; organisation_id: string; password_hash: string }

export async function insertUser(db: Kysely<DB>, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute()
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(['id', 'email', 'name', 'organisation_id', 'password_hash'])
    .where('email', '=', email.toLowerCase()).executeTakeFirst()
}

export async function updateUserPassword(db: Kysely<DB>, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute()
}
