/**
 * What the organisations holding live connections may do on their fiches,
 * for many fiches at once: the rights sweep re-checks every open socket
 * each second, and one statement per thousand fiches (instead of three per
 * fiche and organisation, which also read each fiche's content) keeps that
 * affordable with ten thousand connections. SQL only.
 */
import type { Kysely } from 'kysely'
import type { DB, Role } from '../db/schema.ts'

export interface FicheMembershipRow {
  ficheId: string
  negotiationId: string
  proposalId: string | null
  /** The organisation whose proposal the fiche belongs to (null on the main draft). */
  proposalOwner: string | null
  /** One of the organisations asked about, with its role; null when none of them is a member. */
  organisationId: string | null
  role: Role | null
}

/** Keeps each statement's parameter list well under Postgres's limit. */
const BATCH = 1000

/**
 * One row per (existing fiche, member organisation among `organisationIds`),
 * and one row with a null organisation for a fiche none of them belongs to;
 * a fiche that does not exist has no row.
 */
export async function findFicheMemberships(db: Kysely<DB>, ficheIds: readonly string[], organisationIds: readonly string[]): Promise<FicheMembershipRow[]> {
  if (ficheIds.length === 0 || organisationIds.length === 0) return []
  const out: FicheMembershipRow[] = []
  for (let i = 0; i < ficheIds.length; i += BATCH) {
    const rows = await db.selectFrom('fiches')
      .leftJoin('proposals', 'proposals.id', 'fiches.proposal_id')
      .leftJoin('memberships', (join) => join
        .onRef('memberships.negotiation_id', '=', 'fiches.negotiation_id')
        .on('memberships.organisation_id', 'in', [...organisationIds]))
      .select([
        'fiches.id as ficheId', 'fiches.negotiation_id as negotiationId', 'fiches.proposal_id as proposalId',
        'proposals.organisation_id as proposalOwner', 'memberships.organisation_id as organisationId', 'memberships.role as role',
      ])
      .where('fiches.id', 'in', ficheIds.slice(i, i + BATCH))
      .execute()
    out.push(...rows)
  }
  return out
}
