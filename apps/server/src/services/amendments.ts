/**
 * Amendment decisions: list a fiche's pending amendments, accept or reject
 * them (one by one, all of the fiche, all of one organisation), withdraw
 * one's own, and the negotiation setting of who may decide. Every decision
 * is applied to the live document by the server (so the sync rule, which
 * forbids touching another organisation's amendment by editing, does not
 * apply) and written to the audit log, one event per amendment.
 */
import { acceptAmendments, listAmendments, matchesFilter, rejectAmendments, type Amendment, type AmendmentFilter } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import type { AmendmentDeciders, Role } from '../db/schema.ts'
import { AppError, forbidden, notFound } from '../errors.ts'
import { findAmendmentDeciders, listAmendmentDecisions, setAmendmentDeciders } from '../repos/amendment.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { editEditorJson, readEditorJson } from '../sync/live-edit.ts'
import { requireNegotiationRole, roleForFiche } from './access.ts'
import { audit } from './audit.ts'

export type Decision = 'accept' | 'reject' | 'withdraw'

export function mayDecide(role: Role, deciders: AmendmentDeciders): boolean {
  return role === 'chair' || (deciders === 'chair_and_editors' && role === 'editor')
}

async function ficheAccess(ctx: AppContext, who: SessionIdentity, ficheId: string) {
  const access = await roleForFiche(ctx, ficheId, who.organisation.id)
  if (!access) throw notFound('Fiche introuvable.')
  const deciders = await findAmendmentDeciders(ctx.database.db, access.negotiationId)
  return { ...access, deciders }
}

export async function amendmentsOfFiche(ctx: AppContext, who: SessionIdentity, ficheId: string) {
  const access = await ficheAccess(ctx, who, ficheId)
  const amendments = listAmendments(await readEditorJson(ctx, ficheId))
  const decisions = (await listAmendmentDecisions(ctx.database.db, access.negotiationId, ficheId)).map((r) => ({
    id: r.id, at: r.at.toISOString(), action: r.action, amendmentId: r.target_id, details: r.details,
    user: r.user_name, organisation: r.organisation_name,
  }))
  return {
    // The negotiation the fiche belongs to: the editor links its tableau des amendements.
    negotiationId: access.negotiationId,
    amendments,
    decisions,
    deciders: access.deciders,
    canDecide: mayDecide(access.role, access.deciders),
    canPropose: access.role !== 'viewer',
  }
}

/** The filter of a decision body: `ids` and/or `organisation` (an organisation id); none means every amendment. */
export interface DecisionInput {
  ids?: string[] | undefined
  organisation?: string | undefined
}

export async function decideAmendments(ctx: AppContext, who: SessionIdentity, ficheId: string, decision: Decision, input: DecisionInput) {
  const access = await ficheAccess(ctx, who, ficheId)
  const filter: AmendmentFilter = {
    ...(input.ids ? { ids: input.ids } : {}),
    ...(input.organisation ? { organisationId: input.organisation } : {}),
  }
  if (decision === 'withdraw') {
    if (access.role === 'viewer') throw forbidden()
    if (input.organisation && input.organisation !== who.organisation.id) {
      throw new AppError(403, 'retrait_reserve', 'Seule l’organisation qui propose un amendement peut le retirer.', ['organisation'])
    }
    filter.organisationId = who.organisation.id
  } else if (!mayDecide(access.role, access.deciders)) {
    throw new AppError(403, 'decision_reservee', access.deciders === 'chair'
      ? 'Seule la présidence accepte ou rejette les amendements dans cette négociation.'
      : 'Seules la présidence et la rédaction acceptent ou rejettent les amendements dans cette négociation.')
  }
  let decided: Amendment[] = []
  await editEditorJson(ctx, ficheId, (json) => {
    decided = listAmendments(json).filter((a) => matchesFilter(a, filter))
    if (decided.length === 0) return json
    return decision === 'accept' ? acceptAmendments(json, filter) : rejectAmendments(json, filter)
  })
  if (decided.length === 0) {
    throw new AppError(404, 'amendement_introuvable', input.ids?.length
      ? 'Aucun de ces amendements n’est en attente sur cette fiche (déjà décidé, retiré ou d’une autre organisation).'
      : 'Aucun amendement en attente ne correspond.')
  }
  const db = ctx.database.db
  await db.transaction().execute(async (trx) => {
    for (const a of decided) {
      await audit(trx, who, `amendment.${decision}`, {
        negotiationId: access.negotiationId,
        type: 'amendment',
        id: a.id,
        details: {
          ficheId, kind: a.kind, section: a.section, inserted: a.inserted, deleted: a.deleted, field: a.field,
          oldValue: a.oldValue, newValue: a.newValue,
          proposedBy: { organisationId: a.organisationId, organisation: a.organisationName, userId: a.userId, author: a.authorName, at: a.createdAt },
        },
      })
    }
  })
  return { decision, decided, amendments: listAmendments(await readEditorJson(ctx, ficheId)) }
}

export async function amendmentSettings(ctx: AppContext, who: SessionIdentity, negotiationId: string) {
  const { role } = await requireNegotiationRole(ctx, who, negotiationId, ['chair', 'editor', 'commenter', 'viewer'])
  const deciders = await findAmendmentDeciders(ctx.database.db, negotiationId)
  return { deciders, canDecide: mayDecide(role, deciders) }
}

export async function setAmendmentSettings(ctx: AppContext, who: SessionIdentity, negotiationId: string, deciders: AmendmentDeciders) {
  await requireNegotiationRole(ctx, who, negotiationId, ['chair'])
  await ctx.database.db.transaction().execute(async (trx) => {
    await setAmendmentDeciders(trx, negotiationId, deciders)
    await audit(trx, who, 'negotiation.amendment_deciders', { negotiationId, type: 'negotiation', id: negotiationId, details: { deciders } })
  })
  return { deciders, canDecide: true }
}
