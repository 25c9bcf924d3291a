/**
 * The tableau des amendements of a negotiation: every fiche of the main
 * draft that holds pending amendments, read from the live documents (where
 * the suggestion marks and field proposals live), handed to the worker pool
 * to be rendered as HTML or as a Word document with tracked changes. Anyone
 * who may read the negotiation may download it (a non-member gets 404).
 */
import { hasAmendments } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { listFiches } from '../repos/fiche.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { readEditorJson } from '../sync/live-edit.ts'
import type { RedlineOutput } from '../workers/tasks.ts'
import { ANY_ROLE, requireNegotiationRole } from './access.ts'

export async function amendmentTableau(
  ctx: AppContext, who: SessionIdentity, negotiationId: string, format: 'html' | 'docx',
): Promise<{ out: RedlineOutput; slug: string }> {
  const { negotiation } = await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  const fiches: { id: string; json: Awaited<ReturnType<typeof readEditorJson>> }[] = []
  for (const row of await listFiches(ctx.database.db, negotiationId, null)) {
    const json = await readEditorJson(ctx, row.id)
    // Only fiches with amendments go to the worker: the others would be empty rows.
    if (hasAmendments(json)) fiches.push({ id: row.id, json })
  }
  const out = await ctx.workers.run(who.user.id, 'amendmentTableau', {
    title: `Tableau des amendements — ${negotiation.title}`,
    at: new Date().toISOString(),
    fiches,
    format,
  })
  return { out, slug: negotiation.slug }
}
