/**
 * Who typed what (frozen: never edit). Each row of the sync update log
 * records the user and organisation of the connection — or the REST caller
 * — that sent it; one pair per group-committed row, not per character.
 * Null for rows written before this migration and for the server's own
 * changes (seeding, restore, import). Compaction no longer deletes rows from
 * here on: the snapshot and `fiches.snapshot_seq` bound what is read when a
 * fiche opens, and the rows up to it stay as the attributed history.
 */
import { sql, type Kysely } from 'kysely'

const statements = [
  `alter table fiche_updates add column user_id text`,
  `alter table fiche_updates add column organisation_id text`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('alter table fiche_updates drop column organisation_id').execute(db)
  await sql.raw('alter table fiche_updates drop column user_id').execute(db)
}
