/**
 * Proposal branches: an organisation takes any version of the negotiation as
 * the starting point of its own draft (its fiches are copied, keeping their
 * keys so that redlines match them to the original), edits it and versions
 * it. Every member can read a proposal; only its organisation writes to it.
 */
import type { AppContext } from '../context.ts'
import { notFound } from '../errors.ts'
import { newId } from '../ids.ts'
import { insertProposal, listProposals } from '../repos/proposal.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { findVersion } from '../repos/version.repo.ts'
import { ANY_ROLE, requireNegotiationRole, requireWriteRole } from './access.ts'
import { audit } from './audit.ts'
import { writeBranchTexte } from './branch-content.ts'
import { versionTexte } from './versions.ts'

export interface ProposalJson {
  id: string
  negotiationId: string
  label: string
  organisation: { id: string; name: string; kind: string }
  baseVersionId: string | null
  /** The base version's number in the negotiation (« à partir de la version 3 »). */
  baseVersionNumber?: number | null
  createdAt: string
}

export async function listNegotiationProposals(ctx: AppContext, who: SessionIdentity, negotiationId: string): Promise<ProposalJson[]> {
  await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  const rows = await listProposals(ctx.database.db, negotiationId)
  return rows.map((r) => ({
    id: r.id, negotiationId: r.negotiation_id, label: r.title,
    organisation: { id: r.org_id, name: r.org_name, kind: r.org_kind },
    baseVersionId: r.base_version_id, baseVersionNumber: r.base_number, createdAt: r.created_at.toISOString(),
  }))
}

export async function createProposal(
  ctx: AppContext, who: SessionIdentity, negotiationId: string, input: { fromVersionId: string; label: string },
): Promise<ProposalJson> {
  const { role } = await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  requireWriteRole(role)
  const db = ctx.database.db
  const base = await findVersion(db, input.fromVersionId)
  if (!base || base.negotiation_id !== negotiationId) throw notFound('Version de départ introuvable dans cette négociation.')
  const texte = await versionTexte(ctx, base.id)
  const id = newId()
  const createdAt = new Date()
  await db.transaction().execute(async (trx) => {
    await insertProposal(trx, { id, negotiation_id: negotiationId, organisation_id: who.organisation.id, title: input.label, base_version_id: base.id, created_by_user_id: who.user.id })
    await audit(trx, who, 'proposal.create', { negotiationId, type: 'proposal', id, details: { label: input.label, fromVersionId: base.id } })
  })
  await writeBranchTexte(ctx, { userId: who.user.id, organisationId: who.organisation.id }, negotiationId, id, texte)
  return { id, negotiationId, label: input.label, organisation: who.organisation, baseVersionId: base.id, baseVersionNumber: base.number, createdAt: createdAt.toISOString() }
}
