/** Negotiations and the memberships (organisation × negotiation × role). SQL only. */
import type { Kysely } from 'kysely'
import type { DB, OrganisationKind, Role } from '../db/schema.ts'

export interface NegotiationRow {
  id: string
  title: string
  idcc: string | null
  slug: string
  status: 'open' | 'closed'
  created_by_organisation_id: string
  created_at: Date
}

const columns = ['id', 'title', 'idcc', 'slug', 'status', 'created_by_organisation_id', 'created_at'] as const

export async function insertNegotiation(db: Kysely<DB>, row: Omit<NegotiationRow, 'created_at' | 'status'>): Promise<void> {
  await db.insertInto('negotiations').values({ ...row, status: 'open' }).execute()
}

export async function findNegotiationById(db: Kysely<DB>, id: string): Promise<NegotiationRow | undefined> {
  return db.selectFrom('negotiations').select(columns).where('id', '=', id).executeTakeFirst()
}

export async function findNegotiationBySlug(db: Kysely<DB>, slug: string): Promise<NegotiationRow | undefined> {
  return db.selectFrom('negotiations').select(columns).where('slug', '=', slug).executeTakeFirst()
}

export async function slugTaken(db: Kysely<DB>, slug: string): Promise<boolean> {
  return (await db.selectFrom('negotiations').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined
}

export async function listNegotiationsForOrganisation(db: Kysely<DB>, organisationId: string) {
  return db.selectFrom('negotiations')
    .innerJoin('memberships', 'memberships.negotiation_id', 'negotiations.id')
    .select(['negotiations.id', 'negotiations.title', 'negotiations.idcc', 'negotiations.slug',
      'negotiations.status', 'negotiations.created_by_organisation_id', 'negotiations.created_at', 'memberships.role'])
    .where('memberships.organisation_id', '=', organisationId)
    .orderBy('negotiations.created_at', 'desc')
    .execute()
}

export async function upsertMembership(db: Kysely<DB>, negotiationId: string, organisationId: string, role: Role): Promise<void> {
  await db.insertInto('memberships')
    .values({ negotiation_id: negotiationId, organisation_id: organisationId, role })
    .onConflict((oc) => oc.columns(['negotiation_id', 'organisation_id']).doUpdateSet({ role }))
    .execute()
}

export async function deleteMembership(db: Kysely<DB>, negotiationId: string, organisationId: string): Promise<void> {
  await db.deleteFrom('memberships').where('negotiation_id', '=', negotiationId).where('organisation_id', '=', organisationId).execute()
}

export async function findRole(db: Kysely<DB>, negotiationId: string, organisationId: string): Promise<Role | undefined> {
  const row = await db.selectFrom('memberships').select('role')
    .where('negotiation_id', '=', negotiationId).where('organisation_id', '=', organisationId).executeTakeFirst()
  return row?.role
}

export interface MemberRow { organisation: { id: string; name: string; kind: OrganisationKind }; role: Role }

export async function listMembers(db: Kysely<DB>, negotiationId: string): Promise<MemberRow[]> {
  const rows = await db.selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['organisations.id', 'organisations.name', 'organisations.kind', 'memberships.role'])
    .where('memberships.negotiation_id', '=', negotiationId)
    .orderBy('memberships.created_at')
    .execute()
  return rows.map((r) => ({ organisation: { id: r.id, name: r.name, kind: r.kind }, role: r.role }))
}

/** Takes the negotiation's row lock until the end of the transaction (serialises version creation). */
export async function lockNegotiation(db: Kysely<DB>, id: string): Promise<void> {
  await db.selectFrom('negotiations').select('id').where('id', '=', id).forUpdate().execute()
}
