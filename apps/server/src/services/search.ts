/**
 * Full-text search across a negotiation: the live text of a branch (the
 * main draft by default, or a proposal every member may read), one of its
 * versions, or all of them (« where does this wording appear, and since
 * which version »). Only members search, and only the branches they may
 * read. The index is derived from the fiche content (the live documents
 * through `ctx.ficheContent`, versions from their stored text) and brought
 * up to date here before each query, for the fiches whose last committed
 * update is newer than their entries — so a hit never shows wording that
 * is no longer there, and no other code path has to remember the index.
 */
import type { Texte } from '@paritaire/schema'
import { SECTION_LABELS, type SectionName } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { AppError, notFound } from '../errors.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { findVersion, findVersionContent } from '../repos/version.repo.ts'
import {
  analyzeIndex, liveFicheIdsByKey, replaceEntries, searchLive, searchLiveApproximate, searchVersions, staleLiveFiches, unindexedVersions,
  type SearchRow,
} from '../repos/search.repo.ts'
import type { UnindexedVersion } from '../repos/search-index.repo.ts'
import { ANY_ROLE, requireNegotiationRole } from './access.ts'
import { branchOwner } from './fiches.ts'
import { approximateExtract, extractHtml, ficheSearchEntries, normalizeForSearch } from './search-text.ts'

export const MAX_QUERY_LENGTH = 200
const LIMIT = 50

export interface SearchHit {
  /** Live fiche to open (null when the fiche no longer exists in the branch). */
  ficheId: string | null
  ficheKey: string
  intitule: string
  section: SectionName
  sectionLabel: string
  /** HTML-safe extract, matches in `<mark>`. */
  extract: string
  rank: number
  /** For searches across versions: first and last version holding the wording. */
  versions?: { first: { id: string; number: number }; last: { id: string; number: number }; count: number }
}

export interface SearchResult {
  query: string
  /** `texte` (words and phrases, stemmed) or `approchant` (near-miss spelling, when nothing matched exactly). */
  mode: 'texte' | 'approchant'
  scope: 'live' | 'version' | 'versions'
  hits: SearchHit[]
}

export interface SearchParams {
  q: string
  /** A version id, `all`, or undefined for the live text. */
  version?: string | undefined
  proposalId?: string | null | undefined
}

export async function searchNegotiation(ctx: AppContext, who: SessionIdentity, negotiationId: string, params: SearchParams): Promise<SearchResult> {
  await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  const proposalId = params.proposalId ?? null
  await branchOwner(ctx, negotiationId, proposalId)
  const query = params.q.trim()
  if (query === '') throw new AppError(422, 'recherche_vide', 'Saisissez un ou plusieurs mots à rechercher.', ['q'])
  if (query.length > MAX_QUERY_LENGTH) {
    throw new AppError(422, 'recherche_trop_longue', `La recherche est limitée à ${MAX_QUERY_LENGTH} caractères.`, ['q'])
  }
  const db = ctx.database.db

  if (params.version !== undefined) {
    const versionId = params.version === 'all' ? null : params.version
    if (versionId !== null) {
      const version = await findVersion(db, versionId)
      // Same answer for another negotiation's version as for none: no existence oracle.
      if (!version || version.negotiation_id !== negotiationId || version.proposal_id !== proposalId) throw notFound('Version introuvable.')
    }
    await refreshVersions(ctx, negotiationId)
    const rows = await searchVersions(db, negotiationId, proposalId, versionId, query, LIMIT)
    const live = await liveFicheIdsByKey(db, negotiationId, proposalId, [...new Set(rows.map((r) => r.fiche_key))])
    return {
      query, mode: 'texte', scope: versionId ? 'version' : 'versions',
      hits: rows.map((r) => ({ ...hitOf(r, extractHtml(r.headline)), ficheId: live.get(r.fiche_key) ?? null, versions: versionsOf(r) })),
    }
  }

  await refreshLive(ctx, negotiationId, proposalId)
  const exact = await searchLive(db, negotiationId, proposalId, query, LIMIT)
  if (exact.length > 0) return { query, mode: 'texte', scope: 'live', hits: exact.map((r) => hitOf(r, extractHtml(r.headline))) }
  const approx = await searchLiveApproximate(db, negotiationId, proposalId, normalizeForSearch(query), LIMIT)
  // One extract per wording: the same section text often stands in many fiches.
  const extracts = new Map<string, string>()
  const extractOf = (body: string) => extracts.get(body) ?? extracts.set(body, approximateExtract(body, query)).get(body)!
  return { query, mode: 'approchant', scope: 'live', hits: approx.map((r) => hitOf(r, extractOf(r.body))) }
}

function hitOf(row: SearchRow, extract: string): SearchHit {
  const section = row.section as SectionName
  return {
    ficheId: row.fiche_id, ficheKey: row.fiche_key, intitule: row.intitule, section,
    sectionLabel: SECTION_LABELS[section] ?? section, extract, rank: Number(row.rank),
  }
}

function versionsOf(row: SearchRow): SearchHit['versions'] {
  return {
    first: { id: row.first_version_id!, number: Number(row.first_number) },
    last: { id: row.last_version_id!, number: Number(row.last_number) },
    count: Number(row.version_count),
  }
}

/** Re-indexes the branch's fiches changed since their entries were built (read the seq first: content read later is at least as new). */
async function refreshLive(ctx: AppContext, negotiationId: string, proposalId: string | null): Promise<void> {
  const stales = await staleLiveFiches(ctx.database.db, negotiationId, proposalId)
  if (stales.length === 0) return
  if (stales.length >= LARGE_REFRESH) await analyzeAfter(ctx, () => indexLive(ctx, negotiationId, proposalId, stales))
  else await indexLive(ctx, negotiationId, proposalId, stales)
}

/** Past this many fiches (or versions) indexed at once, the planner's statistics are refreshed. */
const LARGE_REFRESH = 50

async function analyzeAfter(ctx: AppContext, work: () => Promise<void>): Promise<void> {
  await work()
  await analyzeIndex(ctx.database.db)
}

async function indexLive(ctx: AppContext, negotiationId: string, proposalId: string | null, stales: Awaited<ReturnType<typeof staleLiveFiches>>): Promise<void> {
  // In batches: one transaction per hundred fiches, not per fiche (the first query of a large text indexes it all).
  for (let i = 0; i < stales.length; i += 100) {
    const batch = stales.slice(i, i + 100)
    const contents = await ctx.ficheContent.readMany(batch.map((s) => s.id))
    await replaceEntries(ctx.database.db, negotiationId, batch.flatMap((stale) => {
      const fiche = contents.get(stale.id)
      if (!fiche) return [] // deleted meanwhile: its entries went with it
      return [{
        kind: 'fiche' as const, id: stale.id, proposalId, seq: stale.update_seq,
        fiches: [{ key: stale.fiche_key, intitule: fiche.denomination.intitule, entries: ficheSearchEntries(fiche) }],
      }]
    }))
  }
}

/** Indexes the negotiation's versions not indexed yet. */
async function refreshVersions(ctx: AppContext, negotiationId: string): Promise<void> {
  const versions = await unindexedVersions(ctx.database.db, negotiationId)
  if (versions.length === 0) return
  // A version holds every fiche of the text: even one is a large batch.
  await analyzeAfter(ctx, () => indexVersions(ctx, negotiationId, versions))
}

async function indexVersions(ctx: AppContext, negotiationId: string, versions: UnindexedVersion[]): Promise<void> {
  for (const version of versions) {
    const stored = await findVersionContent(ctx.database.db, version.id)
    const texte = stored?.content as Texte | undefined
    await replaceEntries(ctx.database.db, negotiationId, [{
      kind: 'version', id: version.id, proposalId: version.proposal_id, seq: '0', versionNumber: version.number,
      fiches: (texte?.fiches ?? []).map((f) => ({ key: f.id, intitule: f.denomination.intitule, entries: ficheSearchEntries(f) })),
    }])
  }
}
