/**
 * Full-text search (frozen: never edit; add a new migration instead).
 *
 * `paritaire_fr` is Postgres's French configuration with `unaccent` before
 * the French stemmer, so « salariés », « Salarie » and « SALARIÉ » meet on
 * one lexeme; index and queries must both name it. `search_entries` holds
 * one row per (fiche, section) of the live text (`fiche_id` set) and of each
 * version (`version_id` set): the section's plain text, its stored
 * `tsvector`, and a lower-cased unaccented copy indexed by trigrams for
 * near-misses (« polyvalance »). The entries are a derived index of the
 * fiche content, never read as content: `search_indexed` records up to
 * which update of a fiche (its `update_seq`) or for which version they
 * were built, so the search service can bring them up to date before it
 * answers.
 */
import { sql, type Kysely } from 'kysely'

const statements = [
  `create extension if not exists unaccent`,
  `create extension if not exists pg_trgm`,
  `create text search configuration paritaire_fr (copy = french)`,
  `alter text search configuration paritaire_fr alter mapping for hword, hword_part, word with unaccent, french_stem`,
  `
    create table search_entries (
      negotiation_id text not null references negotiations(id) on delete cascade,
      proposal_id text,
      fiche_id text references fiches(id) on delete cascade,
      version_id text references versions(id) on delete cascade,
      fiche_key text not null,
      intitule text not null,
      section text not null,
      body text not null,
      norm text not null,
      tsv tsvector generated always as (to_tsvector('paritaire_fr'::regconfig, body)) stored,
      check ((fiche_id is null) <> (version_id is null))
    )
  `,
  `create index search_entries_tsv_idx on search_entries using gin (tsv)`,
  `create index search_entries_norm_idx on search_entries using gin (norm gin_trgm_ops)`,
  `create index search_entries_negotiation_idx on search_entries (negotiation_id, version_id)`,
  `create index search_entries_fiche_idx on search_entries (fiche_id)`,
  `
    create table search_indexed (
      target_id text primary key,
      negotiation_id text not null references negotiations(id) on delete cascade,
      kind text not null check (kind in ('fiche', 'version')),
      seq bigint not null default 0
    )
  `,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop table search_indexed').execute(db)
  await sql.raw('drop table search_entries').execute(db)
  await sql.raw('drop text search configuration paritaire_fr').execute(db)
}
