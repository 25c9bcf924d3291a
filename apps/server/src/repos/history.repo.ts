/**
 * The attributed update log of one fiche, for « Historique de la fiche »:
 * every stored Yjs update with the person and organisation that sent it
 * (`fiche_updates.user_id` / `organisation_id`, null for the system), their
 * names, and the oldest Yjs state a version kept of the fiche (the history's
 * starting point, since compaction replaces the fiche's own snapshot). SQL only.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { toBytes } from '../db/json.ts'

export interface AttributedRow {
  seq: number
  userId: string | null
  userName: string | null
  organisationId: string | null
  organisationName: string | null
  createdAt: Date
  data: Uint8Array
}

export async function listAttributedUpdates(db: Kysely<DB>, ficheId: string): Promise<AttributedRow[]> {
  const result = await sql<{
    seq: string | number; user_id: string | null; user_name: string | null; organisation_id: string | null
    organisation_name: string | null; created_at: Date | string; data: unknown
  }>`
    select u.seq, u.user_id, us.name as user_name, u.organisation_id, o.name as organisation_name, u.created_at, u.data
    from fiche_updates u
    left join users us on us.id = u.user_id
    left join organisations o on o.id = u.organisation_id
    where u.fiche_id = ${ficheId}
    order by u.seq
  `.execute(db)
  return result.rows.map((r) => ({
    seq: Number(r.seq),
    userId: r.user_id,
    userName: r.user_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    createdAt: new Date(r.created_at),
    data: toBytes(r.data as never)!,
  }))
}

/** The fiche's stored Yjs state when it has never been compacted (then it is the state the log starts from). */
export async function uncompactedFicheState(db: Kysely<DB>, ficheId: string): Promise<Uint8Array | null> {
  const result = await sql<{ ydoc_state: Uint8Array | null; snapshot_seq: string | number }>`
    select ydoc_state, snapshot_seq from fiches where id = ${ficheId}
  `.execute(db)
  const row = result.rows[0]
  if (!row || Number(row.snapshot_seq) !== 0) return null
  return toBytes(row.ydoc_state)
}
