/**
 * Which organisation created an organisation (frozen: never edit). A
 * negotiation's chair may create an organisation from the negotiation page
 * (issue 15); it may then enrol that organisation's first people, but never
 * people of an organisation it did not create — enrolling someone in CGT
 * would let the chair read CGT's private notes. Null for organisations made
 * by an operator (CLI, demo), which only the operator's tools populate.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table organisations add column created_by_organisation_id text references organisations(id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table organisations drop column created_by_organisation_id`.execute(db)
}
