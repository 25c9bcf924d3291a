/**
 * The sync update log (frozen: never edit; add a new migration instead).
 * Every Yjs update accepted by the live sync server is a row of
 * `fiche_updates`, committed before anyone else sees it. Compaction folds
 * the log into the fiche's `ydoc_state` snapshot and records in
 * `snapshot_seq` the last update the snapshot contains; rows up to it are
 * deleted, so a document opens from its snapshot plus a bounded tail.
 */
import { sql, type Kysely } from 'kysely'

const statements = [
  `
    create table fiche_updates (
      seq bigserial primary key,
      fiche_id text not null references fiches(id) on delete cascade,
      data bytea not null,
      created_at timestamptz not null default now()
    )
  `,
  `
    create index fiche_updates_fiche_seq_idx on fiche_updates(fiche_id, seq)
  `,
  `
    alter table fiches add column snapshot_seq bigint not null default 0
  `,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop table fiche_updates').execute(db)
  await sql.raw('alter table fiches drop column snapshot_seq').execute(db)
}
