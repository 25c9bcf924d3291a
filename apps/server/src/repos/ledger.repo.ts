/**
 * The ledger's tables: chained events and signed seals (both append-only in
 * the database), and the raw state rows the verification compares them
 * with. SQL only.
 */
import { sql, type Kysely } from 'kysely'
import { jsonb } from '../db/json.ts'
import type { DB } from '../db/schema.ts'

export interface LedgerEventRow {
  seq: number
  at: Date
  kind: string
  version_id: string | null
  payload: Record<string, unknown>
  prev_hash: string
  hash: string
}

export async function lastLedgerEvent(db: Kysely<DB>, negotiationId: string): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('ledger_events').select(['seq', 'hash']).where('negotiation_id', '=', negotiationId)
    .orderBy('seq', 'desc').limit(1).executeTakeFirst()
}

export async function insertLedgerEvent(db: Kysely<DB>, negotiationId: string, e: LedgerEventRow): Promise<void> {
  await db.insertInto('ledger_events').values({
    negotiation_id: negotiationId, seq: e.seq, at: e.at, kind: e.kind, version_id: e.version_id,
    payload: jsonb(e.payload), prev_hash: e.prev_hash, hash: e.hash,
  }).execute()
}

export async function listLedgerEvents(db: Kysely<DB>, negotiationId: string): Promise<LedgerEventRow[]> {
  const rows = await db.selectFrom('ledger_events').select(['seq', 'at', 'kind', 'version_id', 'payload', 'prev_hash', 'hash'])
    .where('negotiation_id', '=', negotiationId).orderBy('seq').execute()
  return rows.map((r) => ({ ...r, seq: Number(r.seq), payload: r.payload as Record<string, unknown> }))
}

export interface SealRow { id: string; seq: number; statement: Record<string, unknown>; signature: string }

export async function insertSeal(db: Kysely<DB>, negotiationId: string, s: SealRow): Promise<void> {
  await db.insertInto('ledger_seals').values({
    id: s.id, negotiation_id: negotiationId, seq: s.seq, statement: jsonb(s.statement), signature: s.signature,
  }).execute()
}

export async function listSeals(db: Kysely<DB>, negotiationId: string): Promise<SealRow[]> {
  const rows = await db.selectFrom('ledger_seals').select(['id', 'seq', 'statement', 'signature'])
    .where('negotiation_id', '=', negotiationId).orderBy('seq').orderBy('created_at').execute()
  return rows.map((r) => ({ ...r, seq: Number(r.seq), statement: r.statement as Record<string, unknown> }))
}

/** The seal of a publication (its statement names the version), if any. */
export async function findPublicationSeal(db: Kysely<DB>, negotiationId: string, versionId: string): Promise<SealRow | undefined> {
  const row = await db.selectFrom('ledger_seals').select(['id', 'seq', 'statement', 'signature'])
    .where('negotiation_id', '=', negotiationId)
    .where(sql<boolean>`statement->>'kind' = 'publication' and statement->>'versionId' = ${versionId}`)
    .orderBy('created_at', 'desc').limit(1).executeTakeFirst()
  return row ? { ...row, seq: Number(row.seq), statement: row.statement as Record<string, unknown> } : undefined
}

/** Everything that makes the negotiation's versions what they are, as stored now. */
export async function loadLedgerState(db: Kysely<DB>, negotiationId: string) {
  const versions = await db.selectFrom('versions')
    .select(['id', 'number', 'label', 'proposal_id', 'parent_id', 'author_organisation_id', 'author_user_id', 'created_at',
      'content', 'content_hash', 'status', 'published_at'])
    .where('negotiation_id', '=', negotiationId).orderBy('number').execute()
  const ids = versions.map((v) => v.id)
  if (ids.length === 0) return { versions, signatures: [], publications: [], oppositions: [], notifications: [] }
  const signatures = await db.selectFrom('signatures')
    .select(['version_id', 'organisation_id', 'user_id', 'created_at', sql<string>`to_char(signed_on, 'YYYY-MM-DD')`.as('signed_on')])
    .where('version_id', 'in', ids).execute()
  const publications = await db.selectFrom('publications').select(['id', 'version_id', 'published_by_user_id', 'published_at'])
    .where('negotiation_id', '=', negotiationId).execute()
  const oppositions = await db.selectFrom('oppositions').select(['version_id', 'organisation_id', 'user_id', 'motif', 'created_at'])
    .where('version_id', 'in', ids).execute()
  const notifications = await db.selectFrom('notifications')
    .select(['version_id', 'user_id', sql<string>`to_char(notified_on, 'YYYY-MM-DD')`.as('notified_on')])
    .where('version_id', 'in', ids).execute()
  return { versions, signatures, publications, oppositions, notifications }
}
