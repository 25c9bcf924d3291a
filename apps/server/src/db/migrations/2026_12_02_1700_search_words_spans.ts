/**
 * Search index, third shape (frozen once merged: add a new migration instead).
 *
 * - `search_words`: the distinct words (lower case, unaccented) of a
 *   negotiation's wordings, indexed by trigrams. Near-misses (« polyvalance »)
 *   first find the close words here — a few thousand short strings — and
 *   then the wordings holding them through the `tsvector` index, instead of
 *   comparing the query with every whole wording by trigrams (pg_trgm's own
 *   advice for spelling suggestions). A superset: words of wordings no longer
 *   used stay until the negotiation goes, and only cost a candidate that the
 *   final trigram check on the wording then drops.
 * - `search_spans`: the entries of versions pre-grouped, one row per branch,
 *   fiche key, section and wording, with the first and last version holding
 *   it and in how many. « Where does this wording appear » then groups a few
 *   rows per wording instead of one per fiche and version (twenty times
 *   fewer on a text with twenty versions).
 * - A partial index on the live entries: a wording's live places without
 *   reading its places in every version.
 *
 * The index is derived: emptying it and `search_indexed` makes the next query
 * rebuild it with the new tables filled.
 */
import { sql, type Kysely } from 'kysely'

const up_statements = [
  `delete from search_indexed`,
  `delete from search_entries`,
  `delete from search_bodies`,
  `
    create table search_words (
      negotiation_id text not null references negotiations(id) on delete cascade,
      word text not null,
      primary key (negotiation_id, word)
    )
  `,
  `create index search_words_trgm_idx on search_words using gin (word gin_trgm_ops)`,
  `
    create table search_spans (
      negotiation_id text not null references negotiations(id) on delete cascade,
      proposal_id text,
      fiche_key text not null,
      section text not null,
      body_id bigint not null references search_bodies(id) on delete cascade,
      intitule text not null,
      first_number integer not null,
      first_version_id text not null references versions(id) on delete cascade,
      last_number integer not null,
      last_version_id text not null references versions(id) on delete cascade,
      version_count integer not null,
      unique nulls not distinct (negotiation_id, proposal_id, fiche_key, section, body_id)
    )
  `,
  `create index search_spans_body_idx on search_spans (body_id)`,
  `create index search_entries_live_body_idx on search_entries (body_id) where version_id is null`,
]

const down_statements = [
  `drop index search_entries_live_body_idx`,
  `drop table search_spans`,
  `drop table search_words`,
  `delete from search_indexed`,
  `delete from search_entries`,
  `delete from search_bodies`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_statements) await sql.raw(statement).execute(db)
}
