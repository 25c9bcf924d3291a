/** Proposal branches: an organisation's own draft started from a version. SQL only. */
import type { Kysely } from 'kysely'
import type { DB, OrganisationKind } from '../db/schema.ts'

export interface ProposalRow {
  id: string
  negotiation_id: string
  organisation_id: string
  title: string
  base_version_id: string | null
  created_by_user_id: string
  created_at: Date
}

export async function insertProposal(db: Kysely<DB>, row: Omit<ProposalRow, 'created_at'>): Promise<void> {
  await db.insertInto('proposals').values(row).execute()
}

export async function findProposal(db: Kysely<DB>, id: string): Promise<ProposalRow | undefined> {
  return db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listProposals(db: Kysely<DB>, negotiationId: string) {
  return db.selectFrom('proposals')
    .innerJoin('organisations', 'organisations.id', 'proposals.organisation_id')
    .leftJoin('versions', 'versions.id', 'proposals.base_version_id')
    .select(['proposals.id', 'proposals.negotiation_id', 'proposals.title', 'proposals.base_version_id', 'proposals.created_at',
      'organisations.id as org_id', 'organisations.name as org_name', 'organisations.kind as org_kind', 'versions.number as base_number'])
    .where('proposals.negotiation_id', '=', negotiationId)
    .orderBy('proposals.created_at')
    .execute() as Promise<{
      id: string; negotiation_id: string; title: string; base_version_id: string | null; created_at: Date
      org_id: string; org_name: string; org_kind: OrganisationKind; base_number: number | null
    }[]>
}

/** A proposal with what its banner and its bringing back need: the organisation, the author, the base version's number. */
export async function findProposalDetail(db: Kysely<DB>, id: string) {
  return db.selectFrom('proposals')
    .innerJoin('organisations', 'organisations.id', 'proposals.organisation_id')
    .innerJoin('users', 'users.id', 'proposals.created_by_user_id')
    .leftJoin('versions', 'versions.id', 'proposals.base_version_id')
    .select(['proposals.id', 'proposals.negotiation_id', 'proposals.title', 'proposals.base_version_id', 'proposals.created_by_user_id',
      'organisations.id as org_id', 'organisations.name as org_name', 'organisations.kind as org_kind', 'users.name as user_name',
      'versions.number as base_number', 'versions.label as base_label'])
    .where('proposals.id', '=', id)
    .executeTakeFirst()
}
