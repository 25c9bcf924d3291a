/** Organisations (unions, employer federations, administrations). SQL only. */
import type { Kysely } from 'kysely'
import type { DB, OrganisationKind } from '../db/schema.ts'

export interface OrganisationRow { id: string; name: string; kind: OrganisationKind }

export async function insertOrganisation(db: Kysely<DB>, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisations').values(row).execute()
}

export async function findOrganisationById(db: Kysely<DB>, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirst()
}

/** Case-insensitive: operators type "cgt" as often as "CGT". */
export async function findOrganisationByName(db: Kysely<DB>, name: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').select(['id', 'name', 'kind'])
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst()
}

export async function listOrganisations(db: Kysely<DB>): Promise<OrganisationRow[]> {
  return db.selectFrom('organisations').select(['id', 'name', 'kind']).orderBy('name').execute()
}
