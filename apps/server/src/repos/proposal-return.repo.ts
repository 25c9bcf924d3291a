/**
 * The proposal fiches as last brought back into the common text (see the
 * `proposal_returns` migration). SQL only.
 */
import type { Kysely } from 'kysely'
import type { Fiche } from '@paritaire/schema'
import type { DB } from '../db/schema.ts'
import { jsonb } from '../db/json.ts'

export async function listProposalReturns(db: Kysely<DB>, proposalId: string): Promise<Map<string, Fiche>> {
  const rows = await db.selectFrom('proposal_returns').select(['fiche_key', 'content']).where('proposal_id', '=', proposalId).execute()
  return new Map(rows.map((r) => [r.fiche_key, r.content as Fiche]))
}

export async function saveProposalReturn(db: Kysely<DB>, proposalId: string, ficheKey: string, fiche: Fiche): Promise<void> {
  await db.insertInto('proposal_returns')
    .values({ proposal_id: proposalId, fiche_key: ficheKey, content: jsonb(fiche) })
    .onConflict((oc) => oc.columns(['proposal_id', 'fiche_key']).doUpdateSet({ content: jsonb(fiche), brought_back_at: new Date() }))
    .execute()
}
