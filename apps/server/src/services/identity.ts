/** Builds a caller identity for a user by email, for server-side actors (demo seeding, tests). */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { AppError } from '../errors.ts'
import { findOrganisationById } from '../repos/organisation.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { findUserByEmail } from '../repos/user.repo.ts'

export async function sessionIdentityOf(db: Kysely<DB>, email: string): Promise<SessionIdentity> {
  const user = await findUserByEmail(db, email)
  const organisation = user ? await findOrganisationById(db, user.organisation_id) : undefined
  if (!user || !organisation) throw new AppError(404, 'utilisateur_inconnu', `Utilisateur inconnu : « ${email} ».`)
  return { user: { id: user.id, email: user.email, name: user.name }, organisation }
}
