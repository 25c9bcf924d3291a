/** The non-fiche parts of a branch's text (title, preamble, grid, closing…). SQL only. */
import type { Kysely } from 'kysely'
import { jsonb } from '../db/json.ts'
import type { DB } from '../db/schema.ts'

export async function findText(db: Kysely<DB>, negotiationId: string, proposalId: string | null): Promise<unknown | undefined> {
  let q = db.selectFrom('texts').select('content').where('negotiation_id', '=', negotiationId)
  q = proposalId === null ? q.where('proposal_id', 'is', null) : q.where('proposal_id', '=', proposalId)
  return (await q.executeTakeFirst())?.content
}

export async function saveText(db: Kysely<DB>, negotiationId: string, proposalId: string | null, content: unknown): Promise<void> {
  let q = db.updateTable('texts').set({ content: jsonb(content), updated_at: new Date() }).where('negotiation_id', '=', negotiationId)
  q = proposalId === null ? q.where('proposal_id', 'is', null) : q.where('proposal_id', '=', proposalId)
  const result = await q.executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) {
    await db.insertInto('texts').values({ negotiation_id: negotiationId, proposal_id: proposalId, content: jsonb(content), updated_at: new Date() }).execute()
  }
}
