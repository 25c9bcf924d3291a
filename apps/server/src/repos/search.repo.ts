/**
 * Querying the full-text index (written by search-index.repo.ts): live text,
 * one version, every version, near-misses. Queries parse the person's words
 * with `websearch_to_tsquery` (quotes for phrases, no syntax errors
 * possible) in the same `paritaire_fr` configuration as the index, written
 * in the `where` clause itself so that the planner matches it against the
 * `tsvector` GIN index. Ranking runs over the matching wordings only;
 * extracts (`ts_headline`, the slow part) only for the page returned, and
 * once per distinct wording. SQL only.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { MATCH_END, MATCH_START } from '../services/search-text.ts'
import { searchWords } from './search-index.repo.ts'

export { analyzeIndex, replaceEntries, staleLiveFiches, unindexedVersions, type IndexTarget, type StaleFiche } from './search-index.repo.ts'

type Db = Kysely<DB>

export interface SearchRow {
  fiche_id: string | null
  fiche_key: string
  intitule: string
  section: string
  rank: number
  headline: string
  body: string
  first_version_id: string | null
  first_number: number | null
  last_version_id: string | null
  last_number: number | null
  version_count: number | null
}

const HEADLINE = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`

/**
 * The CTEs `q` (the query) and `b` (the negotiation's wordings that match it,
 * ranked) every search starts from. The tsquery is written in the `where`
 * itself, not read from `q`, so that the planner can use the GIN index.
 */
function matchingBodies(negotiationId: string, query: string) {
  return sql`with q as (select websearch_to_tsquery('paritaire_fr', ${query}) as q),
    b as (
      select b.id, ts_rank_cd(b.tsv, q.q) as rank
      from search_bodies b, q
      where b.negotiation_id = ${negotiationId} and b.tsv @@ websearch_to_tsquery('paritaire_fr', ${query})
    )`
}

/** Sections of the live branch matching the query, best first (each wording matched and ranked once). */
export async function searchLive(db: Db, negotiationId: string, proposalId: string | null, query: string, limit: number): Promise<SearchRow[]> {
  const { rows } = await sql<SearchRow>`
    ${matchingBodies(negotiationId, query)},
    hits as (
      select e.fiche_id, e.fiche_key, e.intitule, e.section, e.body_id, b.rank
      from b join search_entries e on e.body_id = b.id
      where e.version_id is null and e.proposal_id is not distinct from ${proposalId}
      order by b.rank desc, e.fiche_key, e.section limit ${limit}
    ),
    extracts as (
      select x.id, x.body, ts_headline('paritaire_fr', x.body, q.q, ${HEADLINE}) as headline
      from search_bodies x, q where x.id in (select body_id from hits)
    )
    select hits.fiche_id, hits.fiche_key, hits.intitule, hits.section, hits.rank, x.body, x.headline,
      null as first_version_id, null as first_number, null as last_version_id, null as last_number, null as version_count
    from hits join extracts x on x.id = hits.body_id
    order by hits.rank desc, hits.fiche_key, hits.section
  `.execute(db)
  return rows
}

/**
 * Sections of the branch's versions (one when `versionId` is set) matching
 * the query: one row per fiche and section, with the first and last version
 * holding the wording and the extract from the last.
 */
export async function searchVersions(
  db: Db, negotiationId: string, proposalId: string | null, versionId: string | null, query: string, limit: number,
): Promise<SearchRow[]> {
  return versionId === null
    ? searchAllVersions(db, negotiationId, proposalId, query, limit)
    : searchOneVersion(db, negotiationId, versionId, query, limit)
}

async function searchOneVersion(db: Db, negotiationId: string, versionId: string, query: string, limit: number): Promise<SearchRow[]> {
  const { rows } = await sql<SearchRow>`
    ${matchingBodies(negotiationId, query)},
    hits as (
      select e.fiche_key, e.intitule, e.section, e.body_id, b.rank
      from b join search_entries e on e.body_id = b.id
      where e.version_id = ${versionId}
      order by b.rank desc, e.fiche_key, e.section limit ${limit}
    ),
    extracts as (
      select x.id, x.body, ts_headline('paritaire_fr', x.body, q.q, ${HEADLINE}) as headline
      from search_bodies x, q where x.id in (select body_id from hits)
    )
    select null as fiche_id, hits.fiche_key, hits.intitule, hits.section, hits.rank, x.body, x.headline,
      v.id as first_version_id, v.number as first_number, v.id as last_version_id, v.number as last_number, 1 as version_count
    from hits join extracts x on x.id = hits.body_id join versions v on v.id = ${versionId}
    order by hits.rank desc, hits.fiche_key, hits.section
  `.execute(db)
  return rows
}

/** Across every version, from the pre-grouped spans: a few rows per matching wording instead of one per fiche and version. */
async function searchAllVersions(db: Db, negotiationId: string, proposalId: string | null, query: string, limit: number): Promise<SearchRow[]> {
  const { rows } = await sql<SearchRow>`
    ${matchingBodies(negotiationId, query)},
    g as (
      select s.fiche_key, s.section, max(b.rank) as rank,
        min(s.first_number) as first_number, (array_agg(s.first_version_id order by s.first_number))[1] as first_version_id,
        max(s.last_number) as last_number, (array_agg(s.last_version_id order by s.last_number desc))[1] as last_version_id,
        (array_agg(s.intitule order by s.last_number desc))[1] as intitule,
        (array_agg(s.body_id order by s.last_number desc))[1] as body_id,
        sum(s.version_count)::int as version_count
      from b join search_spans s on s.body_id = b.id
      where s.proposal_id is not distinct from ${proposalId}
      group by s.fiche_key, s.section
      order by rank desc, s.fiche_key, s.section limit ${limit}
    ),
    extracts as (
      select x.id, x.body, ts_headline('paritaire_fr', x.body, q.q, ${HEADLINE}) as headline
      from search_bodies x, q where x.id in (select body_id from g)
    )
    select null as fiche_id, g.fiche_key, g.intitule, g.section, g.rank, x.body, x.headline,
      g.first_version_id, g.first_number, g.last_version_id, g.last_number, g.version_count
    from g join extracts x on x.id = g.body_id
    order by g.rank desc, g.fiche_key, g.section
  `.execute(db)
  return rows
}

/**
 * Near-misses on the live branch (« polyvalance »): sections holding a word
 * within trigram distance, closest first. The close words are found in
 * `search_words` (trigram index over short strings), the wordings holding
 * them through the `tsvector` index (their lexemes), and only those
 * wordings are compared with the whole query, as before.
 */
export async function searchLiveApproximate(db: Db, negotiationId: string, proposalId: string | null, normQuery: string, limit: number): Promise<SearchRow[]> {
  const words = [...new Set(searchWords(normQuery))]
  if (words.length === 0) return []
  return db.transaction().execute(async (trx) => {
    // The default word-similarity threshold (0.6) misses one-letter slips in long words.
    await sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`.execute(trx)
    const { rows } = await sql<SearchRow>`
      with close as materialized (
        select string_agg(distinct quote_literal(l.lexeme), ' | ')::tsquery as q
        from unnest(string_to_array(${words.join(' ')}, ' ')) as w(word)
          join search_words sw on sw.negotiation_id = ${negotiationId} and w.word <% sw.word,
          unnest(to_tsvector('paritaire_fr', sw.word)) as l
      ),
      candidates as materialized (
        select b.id, b.body, b.norm from search_bodies b
        where b.negotiation_id = ${negotiationId} and b.tsv @@ (select q from close)
      ),
      b as (
        select c.id, c.body, word_similarity(${normQuery}, c.norm) as rank
        from candidates c where ${normQuery} <% c.norm
      )
      select e.fiche_id, e.fiche_key, e.intitule, e.section, b.body, b.rank,
        '' as headline, null as first_version_id, null as first_number, null as last_version_id, null as last_number, null as version_count
      from b join search_entries e on e.body_id = b.id
      where e.version_id is null and e.proposal_id is not distinct from ${proposalId}
      order by b.rank desc, e.fiche_key, e.section limit ${limit}
    `.execute(trx)
    return rows
  })
}

/** Live fiche ids of the branch by fiche key (to open a version hit in the editor). */
export async function liveFicheIdsByKey(db: Db, negotiationId: string, proposalId: string | null, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map()
  const rows = await db.selectFrom('fiches').select(['id', 'fiche_key'])
    .where('negotiation_id', '=', negotiationId)
    .where((eb) => (proposalId === null ? eb('proposal_id', 'is', null) : eb('proposal_id', '=', proposalId)))
    .where('fiche_key', 'in', keys).execute()
  return new Map(rows.map((r) => [r.fiche_key, r.id]))
}
