/**
 * What each proposal fiche looked like when it was last brought back into
 * the common text (frozen: never edit). It is the merge base of the next
 * bring-back: once the table has its first wording, only what the
 * organisation changed since is proposed again (issue 11); without it the
 * proposal's base version stays the base, and every later change of the
 * same words read as a conflict with the accepted wording.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table proposal_returns (
      proposal_id text not null references proposals(id) on delete cascade,
      fiche_key text not null,
      content jsonb not null,
      brought_back_at timestamptz not null default now(),
      primary key (proposal_id, fiche_key)
    )
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table proposal_returns`.execute(db)
}
