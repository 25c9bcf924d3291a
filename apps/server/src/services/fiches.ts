/**
 * Fiche operations behind the routes: list a branch's fiches, read one,
 * replace its content (validated with the schema package: 422 naming the
 * failing fields), create and delete. Content goes through the context's
 * `FicheContentStore` so that live editing sessions see the change.
 */
import { emptyFiche, type Fiche } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { AppError, notFound } from '../errors.ts'
import { newId } from '../ids.ts'
import { deleteFiche as deleteFicheRow, insertFiches, listFiches, nextFichePosition, type FicheRow } from '../repos/fiche.repo.ts'
import { findProposal } from '../repos/proposal.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { ANY_ROLE, effectiveRole, requireNegotiationRole, requireWriteRole, roleForFiche } from './access.ts'
import { audit } from './audit.ts'
import { announceRightsChange } from './rights-events.ts'
import { assertBranchUnlocked, assertFicheUnlocked } from './locks.ts'
import { ficheYDocState, validateFiche, type SchemaIssue } from './schema-bridge.ts'

export interface FicheSummary {
  id: string
  key: string
  intitule: string
  filiere: string | null
  sousFamille: string | null
  code: string | null
  coefficient: number | null
  niveau: string | null
  position: number
  proposalId: string | null
}

export function ficheSummary(row: Pick<FicheRow, 'id' | 'fiche_key' | 'position' | 'proposal_id'>, fiche: Fiche): FicheSummary {
  return {
    id: row.id,
    key: row.fiche_key,
    intitule: fiche.denomination.intitule,
    filiere: fiche.denomination.filiere,
    sousFamille: fiche.denomination.sousFamille,
    code: fiche.denomination.code,
    coefficient: fiche.classement.coefficient,
    niveau: fiche.classement.niveau,
    position: row.position,
    proposalId: row.proposal_id,
  }
}

/** 422 carrying every schema issue; message and path are those of the first. */
export function invalidContent(code: string, what: string, issues: SchemaIssue[]): AppError {
  const first = issues[0]
  const message = first ? `${what} : ${first.message}` : `${what}.`
  return new AppError(422, code, message, first?.path ?? [], { issues })
}

/** Checks the branch (main when null) belongs to the negotiation and returns its owner organisation (null for main). */
export async function branchOwner(ctx: AppContext, negotiationId: string, proposalId: string | null): Promise<string | null> {
  if (proposalId === null) return null
  const proposal = await findProposal(ctx.database.db, proposalId)
  if (!proposal || proposal.negotiation_id !== negotiationId) throw notFound('Proposition introuvable.')
  return proposal.organisation_id
}

export async function listBranchFiches(ctx: AppContext, who: SessionIdentity, negotiationId: string, proposalId: string | null): Promise<FicheSummary[]> {
  await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  await branchOwner(ctx, negotiationId, proposalId)
  const rows = await listFiches(ctx.database.db, negotiationId, proposalId)
  // The content as edited (stored state), not the canonical copy compaction refreshes now and then.
  const contents = await ctx.ficheContent.readMany(rows.map((r) => r.id))
  return rows.flatMap((r) => {
    const fiche = contents.get(r.id)
    return fiche ? [ficheSummary(r, fiche)] : []
  })
}

export async function readFiche(ctx: AppContext, who: SessionIdentity, ficheId: string) {
  const access = await roleForFiche(ctx, ficheId, who.organisation.id)
  if (!access) throw notFound('Fiche introuvable.')
  const fiche = await ctx.ficheContent.read(ficheId)
  return { fiche, negotiationId: access.negotiationId, proposalId: access.proposalId, role: access.role }
}

export async function replaceFiche(ctx: AppContext, who: SessionIdentity, ficheId: string, body: unknown): Promise<Fiche> {
  const access = await roleForFiche(ctx, ficheId, who.organisation.id)
  if (!access) throw notFound('Fiche introuvable.')
  requireWriteRole(access.role)
  await assertFicheUnlocked(ctx, ficheId)
  // The id is the fiche's address, not editable content: the URL wins.
  const candidate = body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as object), id: ficheId } : body
  const checked = validateFiche(candidate)
  if (!checked.ok) throw invalidContent('fiche_invalide', 'Fiche invalide', checked.issues)
  await ctx.ficheContent.write(ficheId, checked.value, { userId: who.user.id, organisationId: who.organisation.id, role: access.role })
  await audit(ctx.database.db, who, 'fiche.update', { negotiationId: access.negotiationId, type: 'fiche', id: ficheId })
  return checked.value
}

export async function createFiche(
  ctx: AppContext, who: SessionIdentity, negotiationId: string,
  input: { intitule?: string | undefined; fiche?: unknown; proposalId?: string | null | undefined },
): Promise<FicheSummary> {
  const { role } = await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  const proposalId = input.proposalId ?? null
  const owner = await branchOwner(ctx, negotiationId, proposalId)
  requireWriteRole(effectiveRole(role, owner, who.organisation.id))
  await assertBranchUnlocked(ctx, negotiationId, proposalId, true)
  const id = newId()
  let fiche: Fiche = emptyFiche(id, input.intitule?.trim() ?? '')
  if (input.fiche !== undefined) {
    const candidate = input.fiche && typeof input.fiche === 'object' ? { ...(input.fiche as object), id } : input.fiche
    const checked = validateFiche(candidate)
    if (!checked.ok) throw invalidContent('fiche_invalide', 'Fiche invalide', checked.issues.map((i) => ({ ...i, path: ['fiche', ...i.path] })))
    fiche = checked.value
  }
  const db = ctx.database.db
  const position = await nextFichePosition(db, negotiationId, proposalId)
  const row = {
    id, negotiationId, proposalId, key: id, position, content: fiche, ydocState: ficheYDocState(fiche, null),
    author: { userId: who.user.id, organisationId: who.organisation.id },
  }
  await db.transaction().execute(async (trx) => {
    await insertFiches(trx, [row])
    await audit(trx, who, 'fiche.create', { negotiationId, type: 'fiche', id, details: { intitule: fiche.denomination.intitule } })
  })
  return ficheSummary({ id, fiche_key: id, position, proposal_id: proposalId }, fiche)
}

export async function removeFiche(ctx: AppContext, who: SessionIdentity, ficheId: string): Promise<void> {
  const access = await roleForFiche(ctx, ficheId, who.organisation.id)
  if (!access) throw notFound('Fiche introuvable.')
  requireWriteRole(access.role)
  await assertFicheUnlocked(ctx, ficheId)
  await ctx.database.db.transaction().execute(async (trx) => {
    await deleteFicheRow(trx, ficheId)
    await audit(trx, who, 'fiche.delete', { negotiationId: access.negotiationId, type: 'fiche', id: ficheId })
  })
  await announceRightsChange(ctx, { kind: 'fiche-deleted', ficheId, by: { name: who.user.name, organisation: who.organisation.name } })
}
