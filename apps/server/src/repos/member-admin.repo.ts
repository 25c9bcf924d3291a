/**
 * SQL for managing a negotiation's members from its page: organisations
 * created by a chair (with their creator), how many chairs a negotiation
 * has, and the members with the number of people each organisation has
 * enrolled. Memberships themselves are written by `negotiation.repo.ts`.
 */
import { sql, type Kysely } from 'kysely'
import type { DB, OrganisationKind, Role } from '../db/schema.ts'

export async function insertOrganisationCreatedBy(
  db: Kysely<DB>, row: { id: string; name: string; kind: OrganisationKind; created_by_organisation_id: string },
): Promise<void> {
  await db.insertInto('organisations').values(row).execute()
}

/** The organisation that created `organisationId` from a negotiation, or null (an operator did, or it does not exist). */
export async function organisationCreator(db: Kysely<DB>, organisationId: string): Promise<string | null> {
  const row = await db.selectFrom('organisations').select('created_by_organisation_id').where('id', '=', organisationId).executeTakeFirst()
  return row?.created_by_organisation_id ?? null
}

export async function countChairs(db: Kysely<DB>, negotiationId: string): Promise<number> {
  const row = await db.selectFrom('memberships').select(sql<string>`count(*)`.as('n'))
    .where('negotiation_id', '=', negotiationId).where('role', '=', 'chair').executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface MemberAdminRow {
  organisation: { id: string; name: string; kind: OrganisationKind }
  role: Role
  createdBy: string | null
  people: number
}

/** The members in the order they joined, each with its creator and its number of enrolled people. */
export async function listMembersWithPeople(db: Kysely<DB>, negotiationId: string): Promise<MemberAdminRow[]> {
  const rows = await db.selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select((eb) => [
      'organisations.id', 'organisations.name', 'organisations.kind', 'organisations.created_by_organisation_id', 'memberships.role',
      eb.selectFrom('users').select(sql<string>`count(*)`.as('n')).whereRef('users.organisation_id', '=', 'organisations.id').as('people'),
    ])
    .where('memberships.negotiation_id', '=', negotiationId)
    .orderBy('memberships.created_at')
    .orderBy('organisations.name')
    .execute()
  return rows.map((r) => ({
    organisation: { id: r.id, name: r.name, kind: r.kind }, role: r.role, createdBy: r.created_by_organisation_id, people: Number(r.people ?? 0),
  }))
}
