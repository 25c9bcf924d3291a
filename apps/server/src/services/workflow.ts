/**
 * The negotiation cycle of a version: draft → proposal → agreed → signed →
 * published. Who may do what: editors (and the chair) of the author
 * organisation put their draft on the table as a proposal or withdraw it;
 * the chair marks a proposal agreed; each organisation signs for itself
 * (the version becomes signed at its first signature); the chair publishes
 * a signed version. The database independently refuses any change to a
 * signed or published version other than signed → published.
 */
import type { AppContext } from '../context.ts'
import type { Role, VersionStatus } from '../db/schema.ts'
import { AppError, forbidden } from '../errors.ts'
import { newId } from '../ids.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { findVersion, insertPublication, insertSignature, listSignatures, updateVersionStatus } from '../repos/version.repo.ts'
import { WRITE_ROLES } from './access.ts'
import { audit } from './audit.ts'
import { loadVersion, versionWithSignatures, type VersionJson } from './versions.ts'

export const STATUS_LABELS: Record<VersionStatus, string> = {
  draft: 'brouillon', proposal: 'proposition', agreed: 'validée', signed: 'signée', published: 'publiée',
}

interface Transition { from: VersionStatus; to: VersionStatus; who: 'author' | 'chair' }

/** The transitions `POST /api/versions/:id/status` accepts (signing has its own route). */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', to: 'proposal', who: 'author' },
  { from: 'proposal', to: 'draft', who: 'author' },
  { from: 'proposal', to: 'agreed', who: 'chair' },
  { from: 'signed', to: 'published', who: 'chair' },
]

export function mayTransition(t: Transition, role: Role, isAuthorOrganisation: boolean): boolean {
  if (t.who === 'chair') return role === 'chair'
  return role === 'chair' || (isAuthorOrganisation && WRITE_ROLES.includes(role))
}

export async function changeStatus(ctx: AppContext, who: SessionIdentity, versionId: string, to: VersionStatus): Promise<VersionJson> {
  const { version, role } = await loadVersion(ctx, who, versionId)
  if (!WRITE_ROLES.includes(role)) throw forbidden()
  if (to === 'signed') {
    throw new AppError(409, 'signature_requise', 'Une version devient signée par la signature d’une organisation (POST /api/versions/:id/signatures).', ['status'])
  }
  const transition = TRANSITIONS.find((t) => t.from === version.status && t.to === to)
  if (!transition) {
    throw new AppError(409, 'transition_interdite',
      `Passage de l’état « ${STATUS_LABELS[version.status]} » à « ${STATUS_LABELS[to]} » impossible.`, ['status'])
  }
  if (!mayTransition(transition, role, version.author_organisation_id === who.organisation.id)) {
    throw forbidden(transition.who === 'chair'
      ? 'Seule la présidence de la négociation peut faire ce changement.'
      : 'Seule l’organisation autrice (ou la présidence) peut faire ce changement.')
  }
  const db = ctx.database.db
  const now = new Date()
  await db.transaction().execute(async (trx) => {
    // Re-read inside the transaction: two concurrent transitions must not both apply.
    const current = await trx.selectFrom('versions').select('status').where('id', '=', versionId).forUpdate().executeTakeFirst()
    if (current?.status !== version.status) throw new AppError(409, 'conflit', 'La version a changé entre-temps ; rechargez.')
    await updateVersionStatus(trx, versionId, to, to === 'published' ? now : null)
    if (to === 'published') {
      await insertPublication(trx, { id: newId(), negotiationId: version.negotiation_id, versionId, userId: who.user.id, at: now })
    }
    await audit(trx, who, `version.status.${to}`, { negotiationId: version.negotiation_id, type: 'version', id: versionId, details: { from: version.status, to } })
  })
  return versionWithSignatures(ctx, versionId)
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The caller's organisation signs the version (agreed or already signed by others). */
export async function signVersion(ctx: AppContext, who: SessionIdentity, versionId: string, date?: string): Promise<VersionJson> {
  const { version, role } = await loadVersion(ctx, who, versionId)
  if (!WRITE_ROLES.includes(role)) throw forbidden('Votre rôle ne permet pas de signer au nom de votre organisation.')
  if (version.status !== 'agreed' && version.status !== 'signed') {
    throw new AppError(409, 'statut_incompatible', `Seule une version validée peut être signée (état actuel : ${STATUS_LABELS[version.status]}).`)
  }
  const signedOn = date ?? new Date().toISOString().slice(0, 10)
  if (!DATE.test(signedOn) || Number.isNaN(Date.parse(signedOn))) throw new AppError(400, 'date_invalide', 'Date de signature invalide (attendu AAAA-MM-JJ).', ['date'])
  const db = ctx.database.db
  const existing = await listSignatures(db, [versionId])
  if (existing.some((s) => s.organisation_id === who.organisation.id)) {
    throw new AppError(409, 'deja_signe', `${who.organisation.name} a déjà signé cette version.`)
  }
  await db.transaction().execute(async (trx) => {
    await insertSignature(trx, { versionId, organisationId: who.organisation.id, userId: who.user.id, signedOn })
    const current = await findVersion(trx, versionId)
    if (current?.status === 'agreed') await updateVersionStatus(trx, versionId, 'signed')
    await audit(trx, who, 'version.sign', { negotiationId: version.negotiation_id, type: 'version', id: versionId, details: { organisation: who.organisation.name, date: signedOn } })
  })
  return versionWithSignatures(ctx, versionId)
}
