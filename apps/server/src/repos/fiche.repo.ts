/**
 * Fiches of a negotiation's branches (main draft: `proposal_id` null; an
 * organisation's proposal otherwise): canonical JSON plus the Y.Doc state.
 * SQL only.
 */
import { sql, type Kysely } from 'kysely'
import { bytea, jsonb, toBytes } from '../db/json.ts'
import type { DB } from '../db/schema.ts'

export interface FicheRow {
  id: string
  negotiation_id: string
  proposal_id: string | null
  fiche_key: string
  position: number
  content: unknown
  updated_at: Date
}

const columns = ['id', 'negotiation_id', 'proposal_id', 'fiche_key', 'position', 'content', 'updated_at'] as const

export interface NewFicheRow {
  id: string
  negotiationId: string
  proposalId: string | null
  key: string
  position: number
  content: unknown
  ydocState: Uint8Array | null
  /** Who creates it, recorded with the first row of its history. */
  author?: { userId: string; organisationId: string } | null
}

/**
 * Inserts fiches; one with a first Yjs state also gets it as row 1 of its
 * update log (snapshot at 1), so that the history replays from the start.
 */
export async function insertFiches(db: Kysely<DB>, rows: NewFicheRow[]): Promise<void> {
  // Batches keep each statement well under the 65535-parameter limit.
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200)
    await db.insertInto('fiches').values(batch.map((r) => ({
      id: r.id, negotiation_id: r.negotiationId, proposal_id: r.proposalId, fiche_key: r.key,
      position: r.position, content: jsonb(r.content), ydoc_state: r.ydocState ? bytea(r.ydocState) : null,
      ...(r.ydocState ? { update_seq: 1, snapshot_seq: 1 } : {}),
      updated_at: new Date(),
    }))).execute()
    const seeded = batch.filter((r) => r.ydocState)
    if (seeded.length === 0) continue
    await db.insertInto('fiche_updates').values(seeded.map((r) => ({
      fiche_id: r.id, seq: 1, data: bytea(r.ydocState!), user_id: r.author?.userId ?? null, organisation_id: r.author?.organisationId ?? null,
    }))).execute()
  }
}

export async function findFiche(db: Kysely<DB>, id: string): Promise<FicheRow | undefined> {
  return db.selectFrom('fiches').select(columns).where('id', '=', id).executeTakeFirst()
}

/** Where a fiche sits (negotiation, branch, key), without its content. */
export async function findFichePlace(db: Kysely<DB>, id: string): Promise<Pick<FicheRow, 'negotiation_id' | 'proposal_id' | 'fiche_key'> | undefined> {
  return db.selectFrom('fiches').select(['negotiation_id', 'proposal_id', 'fiche_key']).where('id', '=', id).executeTakeFirst()
}

export async function findFichesContent(db: Kysely<DB>, ids: readonly string[]): Promise<{ id: string; content: unknown }[]> {
  return db.selectFrom('fiches').select(['id', 'content']).where('id', 'in', ids).execute()
}

export async function findFicheState(db: Kysely<DB>, id: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('fiches').select('ydoc_state').where('id', '=', id).executeTakeFirst()
  return toBytes(row?.ydoc_state ?? null)
}

export async function listFiches(db: Kysely<DB>, negotiationId: string, proposalId: string | null): Promise<FicheRow[]> {
  let q = db.selectFrom('fiches').select(columns).where('negotiation_id', '=', negotiationId)
  q = proposalId === null ? q.where('proposal_id', 'is', null) : q.where('proposal_id', '=', proposalId)
  return q.orderBy('position').orderBy('created_at').execute()
}

export async function updateFiche(db: Kysely<DB>, id: string, content: unknown, ydocState: Uint8Array | null): Promise<void> {
  await db.updateTable('fiches')
    .set({ content: jsonb(content), ydoc_state: ydocState ? bytea(ydocState) : null, updated_at: new Date() })
    .where('id', '=', id).execute()
}

export async function setFichePosition(db: Kysely<DB>, id: string, position: number): Promise<void> {
  await db.updateTable('fiches').set({ position }).where('id', '=', id).execute()
}

export async function deleteFiche(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('fiches').where('id', '=', id).execute()
}

export async function nextFichePosition(db: Kysely<DB>, negotiationId: string, proposalId: string | null): Promise<number> {
  let q = db.selectFrom('fiches').select(sql<number>`coalesce(max(position), -1) + 1`.as('next'))
    .where('negotiation_id', '=', negotiationId)
  q = proposalId === null ? q.where('proposal_id', 'is', null) : q.where('proposal_id', '=', proposalId)
  const row = await q.executeTakeFirst()
  return Number(row?.next ?? 0)
}
