/**
 * Import of a source text (any corpus format) into an empty branch of a
 * negotiation: the schema package's importer builds a Texte, whose fiches
 * become live fiches and whose other parts become the branch's text parts.
 * Returns the counts and the importer's warnings.
 */
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { listFiches } from '../repos/fiche.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { ANY_ROLE, effectiveRole, requireNegotiationRole, requireWriteRole } from './access.ts'
import { audit } from './audit.ts'
import { writeBranchTexte } from './branch-content.ts'
import { branchOwner, ficheSummary, invalidContent, type FicheSummary } from './fiches.ts'
import { validateTexte, type ImportWarning } from './schema-bridge.ts'
import type { Fiche } from '@paritaire/schema'

export interface ImportOutcome {
  family: string | null
  created: number
  fiches: FicheSummary[]
  warnings: ImportWarning[]
}

export async function importIntoNegotiation(
  ctx: AppContext, who: SessionIdentity, negotiationId: string, source: string,
  options: { fileName?: string; family?: 'A' | 'B' | 'C' | 'D'; proposalId?: string | null } = {},
): Promise<ImportOutcome> {
  const { role } = await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  const proposalId = options.proposalId ?? null
  const owner = await branchOwner(ctx, negotiationId, proposalId)
  requireWriteRole(effectiveRole(role, owner, who.organisation.id))
  if (source.trim() === '') throw new AppError(400, 'texte_vide', 'Le texte à importer est vide.')
  const db = ctx.database.db
  if ((await listFiches(db, negotiationId, proposalId)).length > 0) {
    throw new AppError(409, 'negociation_non_vide', 'Cette négociation contient déjà des fiches : l’import ne se fait que dans un texte vide.')
  }
  // Parsing a large text is CPU work: done in the worker pool, off the event loop.
  const result = await ctx.workers.run(who.user.id, 'import', {
    source,
    options: { ...(options.fileName ? { fileName: options.fileName } : {}), ...(options.family ? { family: options.family } : {}) },
  })
  const checked = validateTexte(result.texte)
  if (!checked.ok) throw invalidContent('import_invalide', 'Le texte importé est invalide', checked.issues)
  const actor = { userId: who.user.id, organisationId: who.organisation.id }
  await writeBranchTexte(ctx, actor, negotiationId, proposalId, checked.value)
  await audit(db, who, 'texte.import', {
    negotiationId, type: 'negotiation', id: negotiationId,
    details: { family: result.family, fiches: checked.value.fiches.length, warnings: result.warnings.length },
  })
  const rows = await listFiches(db, negotiationId, proposalId)
  return {
    family: result.family,
    created: rows.length,
    fiches: rows.map((r) => ficheSummary(r, r.content as Fiche)),
    warnings: result.warnings,
  }
}
