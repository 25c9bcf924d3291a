/**
 * Who may accept or reject amendments in a negotiation (frozen: never edit).
 * `chair` (the default: the chair integrates what the table agreed) or
 * `chair_and_editors` (organisations with the « Rédaction » role too). The
 * authoring organisation may always withdraw its own amendments.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table negotiations add column amendment_deciders text not null default 'chair'
    constraint negotiations_amendment_deciders_check check (amendment_deciders in ('chair', 'chair_and_editors'))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table negotiations drop column amendment_deciders`.execute(db)
}
