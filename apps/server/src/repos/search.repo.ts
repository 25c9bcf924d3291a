/**
 * The full-text index (`search_bodies`: each distinct wording once;
 * `search_entries`: where it appears; `search_indexed`): which fiches and
 * versions of a negotiation need indexing, replacing their entries, and the
 * queries — live text, one version, every version, near-misses. Queries parse the
 * person's words with `websearch_to_tsquery` (quotes for phrases, no syntax
 * errors possible) in the same `paritaire_fr` configuration as the index.
 * SQL only.
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { MATCH_END, MATCH_START, type SectionEntry } from '../services/search-text.ts'

type Db = Kysely<DB>

export interface StaleFiche {
  id: string
  fiche_key: string
  update_seq: string
}

/** Live fiches of the branch whose entries are missing or older than their last committed update. */
export async function staleLiveFiches(db: Db, negotiationId: string, proposalId: string | null): Promise<StaleFiche[]> {
  const { rows } = await sql<StaleFiche>`
    select f.id, f.fiche_key, f.update_seq::text as update_seq
    from fiches f left join search_indexed s on s.target_id = f.id
    where f.negotiation_id = ${negotiationId} and f.proposal_id is not distinct from ${proposalId}
      and (s.target_id is null or s.seq < f.update_seq)
  `.execute(db)
  return rows
}

/** Versions of the negotiation not indexed yet (versions never change, so once is enough). */
export async function unindexedVersions(db: Db, negotiationId: string): Promise<{ id: string; proposal_id: string | null }[]> {
  const { rows } = await sql<{ id: string; proposal_id: string | null }>`
    select v.id, v.proposal_id from versions v left join search_indexed s on s.target_id = v.id
    where v.negotiation_id = ${negotiationId} and s.target_id is null
  `.execute(db)
  return rows
}

export interface IndexTarget {
  kind: 'fiche' | 'version'
  /** Fiche id (live) or version id. */
  id: string
  proposalId: string | null
  /** For a live fiche: the update_seq the entries were built from. */
  seq: string
  fiches: { key: string; intitule: string; entries: SectionEntry[] }[]
}

/**
 * Replaces the entries of fiches or versions (all of one negotiation) and
 * records them as indexed, in one transaction: wordings not stored yet are
 * added once, those nothing points to any more are removed. Indexing of one
 * negotiation is serialised (advisory lock), so that one transaction never
 * removes a wording another is pointing a new entry at.
 */
export async function replaceEntries(db: Db, negotiationId: string, targets: readonly IndexTarget[]): Promise<void> {
  if (targets.length === 0) return
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`search:${negotiationId}`}))`.execute(trx)
    const previous: string[] = []
    for (const kind of ['fiche', 'version'] as const) {
      const ids = targets.filter((t) => t.kind === kind).map((t) => t.id)
      if (ids.length === 0) continue
      const column = kind === 'fiche' ? 'fiche_id' : 'version_id'
      for (const r of await trx.deleteFrom('search_entries').where(column, 'in', ids).returning('body_id').execute()) previous.push(String(r.body_id))
    }
    const bodies = new Map<string, { body: string; norm: string }>()
    const entries = targets.flatMap((target) => target.fiches.flatMap((f) => f.entries.map((e) => {
      const digest = createHash('sha256').update(e.body).digest('hex')
      bodies.set(digest, { body: e.body, norm: e.norm })
      return { target, fiche: f, section: e.section, digest }
    })))
    const ids = new Map<string, string>()
    const digests = [...bodies.keys()]
    for (let i = 0; i < digests.length; i += 500) {
      const batch = digests.slice(i, i + 500)
      await trx.insertInto('search_bodies')
        .values(batch.map((digest) => ({ negotiation_id: negotiationId, digest, ...bodies.get(digest)! })))
        .onConflict((oc) => oc.columns(['negotiation_id', 'digest']).doNothing())
        .execute()
      const rows = await trx.selectFrom('search_bodies').select(['id', 'digest'])
        .where('negotiation_id', '=', negotiationId).where('digest', 'in', batch).execute()
      for (const r of rows) ids.set(r.digest, String(r.id))
    }
    const rows = entries.map(({ target, fiche, section, digest }) => ({
      negotiation_id: negotiationId,
      proposal_id: target.proposalId,
      fiche_id: target.kind === 'fiche' ? target.id : null,
      version_id: target.kind === 'version' ? target.id : null,
      fiche_key: fiche.key,
      intitule: fiche.intitule,
      section,
      body_id: ids.get(digest)!,
    }))
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('search_entries').values(rows.slice(i, i + 500)).execute()
    const kept = new Set(ids.values())
    const orphans = [...new Set(previous)].filter((id) => !kept.has(id))
    for (let i = 0; i < orphans.length; i += 500) {
      await trx.deleteFrom('search_bodies')
        .where('id', 'in', orphans.slice(i, i + 500))
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('search_entries').select('body_id').whereRef('search_entries.body_id', '=', 'search_bodies.id'))))
        .execute()
    }
    for (let i = 0; i < targets.length; i += 500) {
      await trx.insertInto('search_indexed')
        .values(targets.slice(i, i + 500).map((t) => ({ target_id: t.id, negotiation_id: negotiationId, kind: t.kind, seq: t.seq })))
        .onConflict((oc) => oc.column('target_id').doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq') })))
        .execute()
    }
  })
}

/**
 * Refreshes the planner's statistics of the index after a large batch: the
 * first indexing of a negotiation fills tables the planner has never seen,
 * and without statistics it joins wordings to entries by scanning (the
 * embedded database runs no autovacuum to do it later).
 */
export async function analyzeIndex(db: Db): Promise<void> {
  await sql`analyze search_bodies`.execute(db)
  await sql`analyze search_entries`.execute(db)
}

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

/** Sections of the live branch matching the query, best first (each wording matched and ranked once). */
export async function searchLive(db: Db, negotiationId: string, proposalId: string | null, query: string, limit: number): Promise<SearchRow[]> {
  const { rows } = await sql<SearchRow>`
    with q as (select websearch_to_tsquery('paritaire_fr', ${query}) as q),
    b as (
      select b.id, b.body, ts_rank_cd(b.tsv, q.q) as rank
      from search_bodies b, q where b.negotiation_id = ${negotiationId} and b.tsv @@ q.q
    ),
    hits as (
      select e.fiche_id, e.fiche_key, e.intitule, e.section, b.body, b.rank
      from b join search_entries e on e.body_id = b.id
      where e.version_id is null and e.proposal_id is not distinct from ${proposalId}
      order by b.rank desc, e.fiche_key, e.section limit ${limit}
    )
    select hits.*, ts_headline('paritaire_fr', hits.body, q.q, ${HEADLINE}) as headline,
      null as first_version_id, null as first_number, null as last_version_id, null as last_number, null as version_count
    from hits, q order by rank desc, fiche_key, section
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
  const { rows } = await sql<SearchRow>`
    with q as (select websearch_to_tsquery('paritaire_fr', ${query}) as q),
    b as (
      select b.id, ts_rank_cd(b.tsv, q.q) as rank
      from search_bodies b, q where b.negotiation_id = ${negotiationId} and b.tsv @@ q.q
    ),
    m as (
      select e.fiche_key, e.intitule, e.section, e.version_id, e.body_id, v.number, b.rank
      from b join search_entries e on e.body_id = b.id join versions v on v.id = e.version_id
      where e.version_id is not null and e.proposal_id is not distinct from ${proposalId}
        and (${versionId}::text is null or e.version_id = ${versionId})
    ),
    g as (
      select fiche_key, section, min(number) as first_number, max(number) as last_number,
        count(*)::int as version_count, max(rank) as rank
      from m group by fiche_key, section order by rank desc, fiche_key, section limit ${limit}
    )
    select null as fiche_id, g.fiche_key, l.intitule, g.section, g.rank, lb.body,
      ts_headline('paritaire_fr', lb.body, q.q, ${HEADLINE}) as headline,
      f.version_id as first_version_id, g.first_number, l.version_id as last_version_id, g.last_number, g.version_count
    from g
      join m l on l.fiche_key = g.fiche_key and l.section = g.section and l.number = g.last_number
      join search_bodies lb on lb.id = l.body_id
      join m f on f.fiche_key = g.fiche_key and f.section = g.section and f.number = g.first_number,
      q
    order by g.rank desc, g.fiche_key, g.section
  `.execute(db)
  return rows
}

/** Near-misses on the live branch (« polyvalance »): sections holding a word within trigram distance, closest first. */
export async function searchLiveApproximate(db: Db, negotiationId: string, proposalId: string | null, normQuery: string, limit: number): Promise<SearchRow[]> {
  return db.transaction().execute(async (trx) => {
    // The default word-similarity threshold (0.6) misses one-letter slips in long words.
    await sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`.execute(trx)
    const { rows } = await sql<SearchRow>`
      with b as (
        select b.id, b.body, word_similarity(${normQuery}, b.norm) as rank
        from search_bodies b where b.negotiation_id = ${negotiationId} and ${normQuery} <% b.norm
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
