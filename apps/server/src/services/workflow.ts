/**
 * The negotiation cycle of a version: draft → proposal → agreed → signed →
 * published. Who may do what: editors (and the chair) of the author
 * organisation put their draft on the table as a proposal or withdraw it;
 * the chair marks a proposal agreed; each organisation signs for itself
 * (the version becomes signed at its first signature, dated by the server);
 * the chair publishes a signed version only when `computeValidity` says the
 * agreement is concluded. Each step is also a chained ledger event, and a
 * publication is sealed with the server's signature. The database independently refuses any change to a
 * signed or published version other than signed → published.
 */
import type { Kysely } from 'kysely'
import type { AppContext } from '../context.ts'
import type { DB, Role, VersionStatus } from '../db/schema.ts'
import { AppError, forbidden } from '../errors.ts'
import { newId } from '../ids.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { listOppositions } from '../repos/circuit.repo.ts'
import {
  findVersion, findVersionContent, insertPublication, insertSignature, listSignatures, updateVersionStatus, type VersionRow,
} from '../repos/version.repo.ts'
import { WRITE_ROLES } from './access.ts'
import { audit } from './audit.ts'
import { circuitOf, type Circuit } from './circuit.ts'
import { contentHash } from './hash.ts'
import { appendLedger, sealStatement } from './ledger.ts'
import { announceLocks, lockForSignature } from './locks.ts'
import { parisDate } from './validity.ts'
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
  // Read before the transaction (the embedded database has one connection).
  const circuit = to === 'published' ? await circuitOf(ctx, version) : null
  if (circuit) {
    // The law decides, not the button: a text that is not a concluded agreement is not published.
    if (!circuit.publishable) {
      throw new AppError(409, 'non_publiable', `Publication impossible : ${circuit.reasons.join(' ')}`, undefined, { reasons: circuit.reasons, validity: circuit })
    }
  }
  const now = new Date()
  await db.transaction().execute(async (trx) => {
    // Re-read inside the transaction: two concurrent transitions must not both apply.
    const current = await trx.selectFrom('versions').select('status').where('id', '=', versionId).forUpdate().executeTakeFirst()
    if (current?.status !== version.status) throw new AppError(409, 'conflit', 'La version a changé entre-temps ; rechargez.')
    await updateVersionStatus(trx, versionId, to, to === 'published' ? now : null)
    await appendLedger(ctx, trx, version.negotiation_id, { kind: 'version.status', versionId, at: now, payload: { from: version.status, to, userId: who.user.id } })
    if (circuit) {
      const publicationId = newId()
      await insertPublication(trx, { id: publicationId, negotiationId: version.negotiation_id, versionId, userId: who.user.id, at: now })
      const head = await appendLedger(ctx, trx, version.negotiation_id, {
        kind: 'publication', versionId, at: now, payload: { publicationId, userId: who.user.id, publishedAt: now.toISOString() },
      })
      await sealPublication(ctx, trx, version, circuit, head, now)
    }
    await audit(trx, who, `version.status.${to}`, { negotiationId: version.negotiation_id, type: 'version', id: versionId, details: { from: version.status, to } })
  })
  return versionWithSignatures(ctx, versionId)
}

/** The signed statement printed with a publication: what was published, who signed it, and the ledger head. */
async function sealPublication(ctx: AppContext, trx: Kysely<DB>, version: VersionRow, circuit: Circuit, head: { seq: number; hash: string }, at: Date) {
  const content = await findVersionContent(trx, version.id)
  await sealStatement(ctx, trx, version.negotiation_id, head.seq, {
    kind: 'publication',
    negotiationId: version.negotiation_id,
    versionId: version.id,
    number: version.number,
    label: version.label,
    contentHash: contentHash(content?.content),
    publishedAt: at.toISOString(),
    signatories: circuit.organisations.filter((o) => o.state === 'signe')
      .map((o) => ({ organisation: o.organisation.name, kind: o.organisation.kind, percent: o.percent, signedAt: o.signedAt })),
    oppositions: circuit.organisations.filter((o) => o.state === 'opposition')
      .map((o) => ({ organisation: o.organisation.name, percent: o.percent, opposedAt: o.opposedAt })),
    signatoryPercent: circuit.signatoryPercent,
    notifiedAt: circuit.notifiedAt,
    head,
  })
}

/**
 * The caller's organisation signs the version (agreed or already signed by
 * others). The date is the server's: a client cannot choose when it signed.
 */
export async function signVersion(ctx: AppContext, who: SessionIdentity, versionId: string, date?: string): Promise<VersionJson> {
  if (date !== undefined) {
    throw new AppError(400, 'date_refusee', 'La date de signature est celle du serveur au moment de la signature ; ne la fournissez pas.', ['date'])
  }
  const { version, role } = await loadVersion(ctx, who, versionId)
  if (!WRITE_ROLES.includes(role)) throw forbidden('Votre rôle ne permet pas de signer au nom de votre organisation.')
  if (version.status !== 'agreed' && version.status !== 'signed') {
    throw new AppError(409, 'statut_incompatible', `Seule une version validée peut être signée (état actuel : ${STATUS_LABELS[version.status]}).`)
  }
  if (who.organisation.kind === 'administration') throw forbidden('Une administration ne signe pas l’accord.')
  const db = ctx.database.db
  const existing = await listSignatures(db, [versionId])
  if (existing.some((s) => s.organisation_id === who.organisation.id)) {
    throw new AppError(409, 'deja_signe', `${who.organisation.name} a déjà signé cette version.`)
  }
  const opposed = await listOppositions(db, versionId)
  if (opposed.some((o) => o.organisation_id === who.organisation.id)) {
    throw new AppError(409, 'oppose', `${who.organisation.name} s’est opposée à cette version : elle ne peut plus la signer.`)
  }
  const now = new Date()
  const signedOn = parisDate(now)
  await db.transaction().execute(async (trx) => {
    await insertSignature(trx, { versionId, organisationId: who.organisation.id, userId: who.user.id, signedOn, at: now })
    await appendLedger(ctx, trx, version.negotiation_id, {
      kind: 'signature', versionId, at: now,
      payload: { organisationId: who.organisation.id, userId: who.user.id, signedOn, at: now.toISOString() },
    })
    const current = await findVersion(trx, versionId)
    if (current?.status === 'agreed') {
      if (version.proposal_id === null) await lockForSignature(trx, version.negotiation_id, who)
      await updateVersionStatus(trx, versionId, 'signed')
      await appendLedger(ctx, trx, version.negotiation_id, { kind: 'version.status', versionId, at: now, payload: { from: 'agreed', to: 'signed', userId: who.user.id } })
    }
    await audit(trx, who, 'version.sign', { negotiationId: version.negotiation_id, type: 'version', id: versionId, details: { organisation: who.organisation.name, date: signedOn } })
  })
  if (version.proposal_id === null) await announceLocks(ctx, version.negotiation_id)
  return versionWithSignatures(ctx, versionId)
}
