/**
 * Writing the full-text index (see the search migrations): which fiches and
 * versions of a negotiation need indexing, and replacing their entries —
 * `search_bodies` (each distinct wording once, with its `tsvector` and
 * trigram copy), `search_entries` (where it appears), `search_words` (the
 * words near-misses are looked up in), `search_spans` (versions' entries
 * pre-grouped by wording) and `search_indexed`. SQL only; the queries are
 * in search.repo.ts.
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { SectionEntry } from '../services/search-text.ts'

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

export interface UnindexedVersion {
  id: string
  proposal_id: string | null
  number: number
}

/** Versions of the negotiation not indexed yet (versions never change, so once is enough), oldest first. */
export async function unindexedVersions(db: Db, negotiationId: string): Promise<UnindexedVersion[]> {
  const { rows } = await sql<UnindexedVersion>`
    select v.id, v.proposal_id, v.number from versions v left join search_indexed s on s.target_id = v.id
    where v.negotiation_id = ${negotiationId} and s.target_id is null
    order by v.number
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
  /** For a version: its number (the spans say first and last version by number). */
  versionNumber?: number
  fiches: { key: string; intitule: string; entries: SectionEntry[] }[]
}

/** The words near-misses are looked up in: those of three letters or more (shorter ones share too few trigrams to be told apart). */
export function searchWords(norm: string): string[] {
  return norm.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3)
}

/**
 * Replaces the entries of fiches or versions (all of one negotiation) and
 * records them as indexed, in one transaction: wordings not stored yet are
 * added once (and their words), those nothing points to any more are
 * removed, versions' spans are extended. Indexing of one negotiation is
 * serialised (advisory lock), so that one transaction never removes a
 * wording another is pointing a new entry at.
 */
export async function replaceEntries(db: Db, negotiationId: string, targets: readonly IndexTarget[]): Promise<void> {
  if (targets.length === 0) return
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`search:${negotiationId}`}))`.execute(trx)
    const previous: string[] = []
    let versionReindexed = false
    for (const kind of ['fiche', 'version'] as const) {
      const ids = targets.filter((t) => t.kind === kind).map((t) => t.id)
      if (ids.length === 0) continue
      const column = kind === 'fiche' ? 'fiche_id' : 'version_id'
      const removed = await trx.deleteFrom('search_entries').where(column, 'in', ids).returning('body_id').execute()
      for (const r of removed) previous.push(String(r.body_id))
      if (kind === 'version' && removed.length > 0) versionReindexed = true
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
    const words = [...new Set([...bodies.values()].flatMap((b) => searchWords(b.norm)))]
    for (let i = 0; i < words.length; i += 1000) {
      await trx.insertInto('search_words')
        .values(words.slice(i, i + 1000).map((word) => ({ negotiation_id: negotiationId, word })))
        .onConflict((oc) => oc.columns(['negotiation_id', 'word']).doNothing())
        .execute()
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
    const versions = targets.filter((t) => t.kind === 'version')
    if (versionReindexed) await rebuildSpans(trx, negotiationId)
    else for (const version of versions) await extendSpans(trx, version.id, version.versionNumber!)
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

/** Adds a newly indexed version to the spans of the wordings it holds (a version's entries are written once). */
async function extendSpans(trx: Transaction<DB>, versionId: string, number: number): Promise<void> {
  await sql`
    insert into search_spans (negotiation_id, proposal_id, fiche_key, section, body_id, intitule,
      first_number, first_version_id, last_number, last_version_id, version_count)
    select e.negotiation_id, e.proposal_id, e.fiche_key, e.section, e.body_id, min(e.intitule),
      ${number}, ${versionId}, ${number}, ${versionId}, count(*)::int
    from search_entries e where e.version_id = ${versionId}
    group by e.negotiation_id, e.proposal_id, e.fiche_key, e.section, e.body_id
    on conflict (negotiation_id, proposal_id, fiche_key, section, body_id) do update set
      first_number = least(search_spans.first_number, excluded.first_number),
      first_version_id = case when excluded.first_number < search_spans.first_number then excluded.first_version_id else search_spans.first_version_id end,
      last_number = greatest(search_spans.last_number, excluded.last_number),
      last_version_id = case when excluded.last_number > search_spans.last_number then excluded.last_version_id else search_spans.last_version_id end,
      intitule = case when excluded.last_number > search_spans.last_number then excluded.intitule else search_spans.intitule end,
      version_count = search_spans.version_count + excluded.version_count
  `.execute(trx)
}

/** Recomputes a negotiation's spans from its versions' entries (a version indexed again would otherwise count twice). */
async function rebuildSpans(trx: Transaction<DB>, negotiationId: string): Promise<void> {
  await trx.deleteFrom('search_spans').where('negotiation_id', '=', negotiationId).execute()
  await sql`
    insert into search_spans (negotiation_id, proposal_id, fiche_key, section, body_id, intitule,
      first_number, first_version_id, last_number, last_version_id, version_count)
    select e.negotiation_id, e.proposal_id, e.fiche_key, e.section, e.body_id,
      (array_agg(e.intitule order by v.number desc))[1],
      min(v.number), (array_agg(v.id order by v.number))[1],
      max(v.number), (array_agg(v.id order by v.number desc))[1], count(*)::int
    from search_entries e join versions v on v.id = e.version_id
    where e.negotiation_id = ${negotiationId}
    group by e.negotiation_id, e.proposal_id, e.fiche_key, e.section, e.body_id
  `.execute(trx)
}

/**
 * Refreshes the planner's statistics of the index after a large batch: the
 * first indexing of a negotiation fills tables the planner has never seen,
 * and without statistics it joins wordings to entries by scanning (the
 * embedded database runs no autovacuum to do it later).
 */
export async function analyzeIndex(db: Db): Promise<void> {
  for (const table of ['search_bodies', 'search_entries', 'search_words', 'search_spans']) await sql`analyze ${sql.table(table)}`.execute(db)
}
