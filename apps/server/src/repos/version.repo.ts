/**
 * Versions (immutable snapshots with their hash chain), their signatures and
 * publications. The database refuses changes to signed and published
 * versions; the only update here is the status. SQL only.
 */
import { sql, type Kysely } from 'kysely'
import { jsonb } from '../db/json.ts'
import type { DB, OrganisationKind, VersionStatus } from '../db/schema.ts'

export interface VersionRow {
  id: string
  negotiation_id: string
  proposal_id: string | null
  number: number
  label: string
  author_organisation_id: string
  author_user_id: string
  created_at: Date
  parent_id: string | null
  content_hash: string
  chain_hash: string
  status: VersionStatus
  published_at: Date | null
  org_name: string
  org_kind: OrganisationKind
  user_name: string
}

export interface NewVersionRow {
  id: string
  negotiationId: string
  proposalId: string | null
  number: number
  label: string
  authorOrganisationId: string
  authorUserId: string
  createdAt: Date
  parentId: string | null
  content: unknown
  contentHash: string
  chainHash: string
}

export async function insertVersion(db: Kysely<DB>, v: NewVersionRow): Promise<void> {
  await db.insertInto('versions').values({
    id: v.id, negotiation_id: v.negotiationId, proposal_id: v.proposalId, number: v.number, label: v.label,
    author_organisation_id: v.authorOrganisationId, author_user_id: v.authorUserId, created_at: v.createdAt,
    parent_id: v.parentId, content: jsonb(v.content),
    content_hash: v.contentHash, chain_hash: v.chainHash, status: 'draft',
  }).execute()
}

function selectVersions(db: Kysely<DB>) {
  return db.selectFrom('versions')
    .innerJoin('organisations', 'organisations.id', 'versions.author_organisation_id')
    .innerJoin('users', 'users.id', 'versions.author_user_id')
    .select(['versions.id', 'versions.negotiation_id', 'versions.proposal_id', 'versions.number', 'versions.label',
      'versions.author_organisation_id', 'versions.author_user_id', 'versions.created_at', 'versions.parent_id',
      'versions.content_hash', 'versions.chain_hash', 'versions.status', 'versions.published_at',
      'organisations.name as org_name', 'organisations.kind as org_kind', 'users.name as user_name'])
}

export async function findVersion(db: Kysely<DB>, id: string): Promise<VersionRow | undefined> {
  return selectVersions(db).where('versions.id', '=', id).executeTakeFirst()
}

export async function findVersionContent(db: Kysely<DB>, id: string): Promise<{ content: unknown } | undefined> {
  return db.selectFrom('versions').select(['content']).where('id', '=', id).executeTakeFirst()
}

export async function listVersions(db: Kysely<DB>, negotiationId: string): Promise<VersionRow[]> {
  return selectVersions(db).where('versions.negotiation_id', '=', negotiationId).orderBy('versions.number').execute()
}

/** Every version with its stored content, oldest first: what the chain verification reads. */
export async function listVersionsForVerification(db: Kysely<DB>, negotiationId: string) {
  return db.selectFrom('versions')
    .select(['id', 'parent_id', 'content', 'content_hash', 'chain_hash', 'number'])
    .where('negotiation_id', '=', negotiationId).orderBy('number').execute()
}

export async function latestVersionOnBranch(db: Kysely<DB>, negotiationId: string, proposalId: string | null) {
  let q = db.selectFrom('versions').select(['id', 'chain_hash']).where('negotiation_id', '=', negotiationId)
  q = proposalId === null ? q.where('proposal_id', 'is', null) : q.where('proposal_id', '=', proposalId)
  return q.orderBy('number', 'desc').limit(1).executeTakeFirst()
}

export async function findChainHash(db: Kysely<DB>, id: string): Promise<string | undefined> {
  return (await db.selectFrom('versions').select('chain_hash').where('id', '=', id).executeTakeFirst())?.chain_hash
}

export async function nextVersionNumber(db: Kysely<DB>, negotiationId: string): Promise<number> {
  const row = await db.selectFrom('versions').select(sql<number>`coalesce(max(number), 0) + 1`.as('next'))
    .where('negotiation_id', '=', negotiationId).executeTakeFirst()
  return Number(row?.next ?? 1)
}

export async function updateVersionStatus(db: Kysely<DB>, id: string, status: VersionStatus, publishedAt: Date | null = null): Promise<void> {
  const set = publishedAt ? { status, published_at: publishedAt } : { status }
  await db.updateTable('versions').set(set).where('id', '=', id).execute()
}

export interface SignatureRow {
  version_id: string
  organisation_id: string
  org_name: string
  org_kind: OrganisationKind
  user_name: string
  signed_on: string
  created_at: Date
}

/** `at` is the server's clock: the moment the signature was recorded, which the ledger also holds. */
export async function insertSignature(db: Kysely<DB>, s: { versionId: string; organisationId: string; userId: string; signedOn: string; at: Date }): Promise<void> {
  await db.insertInto('signatures').values({
    version_id: s.versionId, organisation_id: s.organisationId, user_id: s.userId, signed_on: s.signedOn, created_at: s.at,
  }).execute()
}

export async function listSignatures(db: Kysely<DB>, versionIds: string[]): Promise<SignatureRow[]> {
  if (versionIds.length === 0) return []
  const rows = await db.selectFrom('signatures')
    .innerJoin('organisations', 'organisations.id', 'signatures.organisation_id')
    .innerJoin('users', 'users.id', 'signatures.user_id')
    .select(['signatures.version_id', 'signatures.organisation_id', 'organisations.name as org_name',
      'organisations.kind as org_kind', 'users.name as user_name', 'signatures.created_at',
      sql<string>`to_char(signatures.signed_on, 'YYYY-MM-DD')`.as('signed_on')])
    .where('signatures.version_id', 'in', versionIds)
    .orderBy('signatures.created_at')
    .execute()
  return rows
}

export async function insertPublication(db: Kysely<DB>, p: { id: string; negotiationId: string; versionId: string; userId: string; at: Date }): Promise<void> {
  await db.insertInto('publications').values({
    id: p.id, negotiation_id: p.negotiationId, version_id: p.versionId, published_by_user_id: p.userId, published_at: p.at,
  }).execute()
}

/** The version most recently published in the negotiation, if any. */
export async function currentPublishedVersionId(db: Kysely<DB>, negotiationId: string): Promise<string | undefined> {
  const row = await db.selectFrom('publications').select('version_id')
    .where('negotiation_id', '=', negotiationId)
    .orderBy('published_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.version_id
}

/** When the negotiation's latest publication happened (it is then « conclue »), if ever. */
export async function lastPublicationAt(db: Kysely<DB>, negotiationId: string): Promise<Date | undefined> {
  const row = await db.selectFrom('publications').select('published_at')
    .where('negotiation_id', '=', negotiationId).orderBy('published_at', 'desc').limit(1).executeTakeFirst()
  return row?.published_at
}
