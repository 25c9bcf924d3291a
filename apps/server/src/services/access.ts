/**
 * Authorisation: the caller's role in a negotiation, from its organisation's
 * membership. A non-member is told the negotiation does not exist (404, no
 * existence leak); a member whose role does not allow the action gets 403.
 * Proposal branches belong to one organisation: other members can read them
 * but not write, whatever their role in the negotiation.
 */
import type { AppContext } from '../context.ts'
import type { Role } from '../db/schema.ts'
import { forbidden, notFound } from '../errors.ts'
import { findFicheMemberships } from '../repos/fiche-access.repo.ts'
import { findNegotiationById, findRole, type NegotiationRow } from '../repos/negotiation.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'

export const WRITE_ROLES: readonly Role[] = ['chair', 'editor']
export const ANY_ROLE: readonly Role[] = ['chair', 'editor', 'commenter', 'viewer']

export async function roleInNegotiation(ctx: AppContext, negotiationId: string, organisationId: string): Promise<Role | null> {
  return (await findRole(ctx.database.db, negotiationId, organisationId)) ?? null
}

/**
 * Loads the negotiation and checks the caller's role is one of `allowed`;
 * 404 for non-members, 403 otherwise. `hidden` is the 404 message when the
 * negotiation was reached through something else (a version): a non-member
 * must get the same answer as for an id that does not exist at all, or the
 * message tells them the thing exists.
 */
export async function requireNegotiationRole(
  ctx: AppContext, who: SessionIdentity, negotiationId: string, allowed: readonly Role[], hidden = 'Négociation introuvable.',
): Promise<{ negotiation: NegotiationRow; role: Role }> {
  const role = await roleInNegotiation(ctx, negotiationId, who.organisation.id)
  const negotiation = role ? await findNegotiationById(ctx.database.db, negotiationId) : undefined
  if (!role || !negotiation) throw notFound(hidden)
  if (!allowed.includes(role)) throw forbidden()
  return { negotiation, role }
}

/** The role an organisation effectively has on a branch: its own role on the main draft and its own proposals, read-only on others' proposals. */
export function effectiveRole(role: Role, proposalOwner: string | null, organisationId: string): Role {
  if (proposalOwner === null || proposalOwner === organisationId) return role
  return role === 'viewer' ? 'viewer' : 'commenter'
}

/**
 * The negotiation of a fiche and the role the organisation has on it (see
 * `effectiveRole`), or null when the fiche does not exist or the
 * organisation is not a member. Used by the fiche routes and by sync.
 */
export async function roleForFiche(ctx: AppContext, ficheId: string, organisationId: string): Promise<FicheAccess | null> {
  // One statement, without the fiche's content: every sync connection and fiche route starts here.
  const [row] = await findFicheMemberships(ctx.database.db, [ficheId], [organisationId])
  if (!row?.role) return null
  return ficheAccess(row.role, row, organisationId)
}

/** The access of an organisation with `role` in the negotiation to a fiche of one of its branches. */
export function ficheAccess(
  role: Role, fiche: { negotiationId: string; proposalId: string | null; proposalOwner: string | null }, organisationId: string,
): FicheAccess {
  return {
    negotiationId: fiche.negotiationId,
    role: effectiveRole(role, fiche.proposalOwner, organisationId),
    proposalId: fiche.proposalId,
    othersProposal: fiche.proposalOwner !== null && fiche.proposalOwner !== organisationId,
  }
}

export interface FicheAccess {
  negotiationId: string
  role: Role
  proposalId: string | null
  /** The fiche belongs to another organisation's proposal. */
  othersProposal: boolean
}

/**
 * The role of a live connection to the fiche. Another organisation's
 * proposal is its authors' draft: others read it live and discuss it in
 * threads (REST, with the `commenter` role above), but put nothing into its
 * text, not even amendments — they bring theirs to the common text.
 */
export function liveRole(access: FicheAccess): Role {
  return access.othersProposal ? 'viewer' : access.role
}

export function requireWriteRole(role: Role): void {
  if (!WRITE_ROLES.includes(role)) throw forbidden()
}
