/**
 * Search index, second shape: each distinct wording of a section is stored
 * once per negotiation (`search_bodies`, with its `tsvector` and trigram
 * copy), and `search_entries` only says where it appears — which live
 * fiche, or which version, which section. Twenty versions of a
 * 1,000-fiche text repeat the same sections twenty times; matching and
 * ranking now happen once per wording instead of once per copy. The index
 * is derived: emptying `search_indexed` makes the next query rebuild it.
 */
import { sql, type Kysely } from 'kysely'

const up_statements = [
  `drop table search_entries`,
  `delete from search_indexed`,
  `
    create table search_bodies (
      id bigserial primary key,
      negotiation_id text not null references negotiations(id) on delete cascade,
      digest text not null,
      body text not null,
      norm text not null,
      tsv tsvector generated always as (to_tsvector('paritaire_fr'::regconfig, body)) stored,
      unique (negotiation_id, digest)
    )
  `,
  `create index search_bodies_tsv_idx on search_bodies using gin (tsv)`,
  `create index search_bodies_norm_idx on search_bodies using gin (norm gin_trgm_ops)`,
  `
    create table search_entries (
      negotiation_id text not null references negotiations(id) on delete cascade,
      proposal_id text,
      fiche_id text references fiches(id) on delete cascade,
      version_id text references versions(id) on delete cascade,
      fiche_key text not null,
      intitule text not null,
      section text not null,
      body_id bigint not null references search_bodies(id) on delete cascade,
      check ((fiche_id is null) <> (version_id is null))
    )
  `,
  `create index search_entries_body_idx on search_entries (body_id)`,
  `create index search_entries_negotiation_idx on search_entries (negotiation_id, version_id)`,
  `create index search_entries_fiche_idx on search_entries (fiche_id)`,
  `create index search_entries_version_idx on search_entries (version_id)`,
]

const down_statements = [
  `drop table search_entries`,
  `drop table search_bodies`,
  `delete from search_indexed`,
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
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_statements) await sql.raw(statement).execute(db)
}
