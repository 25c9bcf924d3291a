/**
 * The signature circuit of a version, around `computeValidity`: the facts it
 * reads (weights, signatures, oppositions, notification), each member
 * organisation's state in the circuit, and the two steps after signing —
 * the chair's notification (a past date may be recorded, never a future
 * one; by default the moment the last signature was recorded) and a
 * non-signatory union's reasoned opposition before the deadline. Every
 * date the server records is its own clock.
 */
import type { AppContext } from '../context.ts'
import { AppError, forbidden } from '../errors.ts'
import { findNotification, insertNotification, insertOpposition, lastSignatureAt, listOppositions, listWeights } from '../repos/circuit.repo.ts'
import { listMembers } from '../repos/negotiation.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { listSignatures, type VersionRow } from '../repos/version.repo.ts'
import { WRITE_ROLES } from './access.ts'
import { audit } from './audit.ts'
import { appendLedger } from './ledger.ts'
import { computeValidity, parisDate, type Validity } from './validity.ts'
import { loadVersion } from './versions.ts'

const CIRCUIT_STATUSES: readonly VersionRow['status'][] = ['agreed', 'signed', 'published']

/** The verdict of the law on a version, and each member organisation's place in its circuit. */
export async function circuitOf(ctx: AppContext, version: VersionRow, now = new Date()) {
  const db = ctx.database.db
  const [weights, signatures, oppositions, notification, members] = await Promise.all([
    listWeights(db, version.negotiation_id), listSignatures(db, [version.id]), listOppositions(db, version.id),
    findNotification(db, version.id), listMembers(db, version.negotiation_id),
  ])
  const validity: Validity = computeValidity({
    weights: weights.map((w) => ({ organisationId: w.organisation_id, name: w.name, hundredths: w.hundredths })),
    signatures: signatures.map((s) => ({ organisationId: s.organisation_id, name: s.org_name, kind: s.org_kind })),
    oppositions: oppositions.map((o) => ({ organisationId: o.organisation_id, name: o.name })),
    notifiedOn: notification?.notified_on ?? null,
    today: parisDate(now),
  })
  const weightOf = new Map(weights.map((w) => [w.organisation_id, w.hundredths / 100]))
  const organisations = members.filter((m) => m.organisation.kind !== 'administration').map(({ organisation: o }) => {
    const s = signatures.find((x) => x.organisation_id === o.id)
    const op = oppositions.find((x) => x.organisation_id === o.id)
    return {
      organisation: o,
      percent: o.kind === 'union' ? weightOf.get(o.id) ?? null : null,
      state: s ? 'signe' as const : op ? 'opposition' as const : 'non_signe' as const,
      signedAt: s ? s.created_at.toISOString() : null,
      signedBy: s?.user_name ?? null,
      opposedAt: op ? op.created_at.toISOString() : null,
      motif: op?.motif ?? null,
    }
  })
  return {
    ...validity,
    versionId: version.id,
    open: CIRCUIT_STATUSES.includes(version.status),
    organisations,
    notifiedBy: notification?.user_name ?? null,
  }
}
export type Circuit = Awaited<ReturnType<typeof circuitOf>>

export async function versionValidity(ctx: AppContext, who: SessionIdentity, versionId: string) {
  const { version } = await loadVersion(ctx, who, versionId)
  return circuitOf(ctx, version)
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The chair records when the agreement was notified to the organisations; the opposition period follows. */
export async function recordNotification(ctx: AppContext, who: SessionIdentity, versionId: string, date: string | undefined) {
  const { version, role } = await loadVersion(ctx, who, versionId)
  if (role !== 'chair') throw forbidden('Seule la présidence enregistre la notification de l’accord.')
  if (version.status !== 'signed') {
    throw new AppError(409, 'statut_incompatible', 'Seule une version signée (et non encore publiée) peut être notifiée.')
  }
  const db = ctx.database.db
  if (await findNotification(db, versionId)) throw new AppError(409, 'deja_notifie', 'La notification de cette version est déjà enregistrée.')
  const now = new Date()
  let notifiedOn: string
  if (date === undefined) {
    const last = await lastSignatureAt(db, versionId)
    notifiedOn = parisDate(last ?? now)
  } else {
    if (!DATE.test(date) || Number.isNaN(Date.parse(date)) || new Date(`${date}T12:00:00Z`).toISOString().slice(0, 10) !== date) {
      throw new AppError(400, 'date_invalide', 'Date de notification invalide (attendu AAAA-MM-JJ).', ['date'])
    }
    if (date > parisDate(now)) throw new AppError(400, 'date_future', 'La notification ne peut pas être datée dans le futur.', ['date'])
    notifiedOn = date
  }
  await db.transaction().execute(async (trx) => {
    await insertNotification(trx, { versionId, notifiedOn, userId: who.user.id })
    await appendLedger(ctx, trx, version.negotiation_id, { kind: 'notification', versionId, at: now, payload: { userId: who.user.id, notifiedOn } })
    await audit(trx, who, 'version.notification', { negotiationId: version.negotiation_id, type: 'version', id: versionId, details: { date: notifiedOn } })
  })
  return circuitOf(ctx, version)
}

/** A non-signatory union opposes the agreement, with its reasons, before the deadline (L2231-8). */
export async function recordOpposition(ctx: AppContext, who: SessionIdentity, versionId: string, motif: string) {
  const { version, role } = await loadVersion(ctx, who, versionId)
  if (!WRITE_ROLES.includes(role)) throw forbidden('Votre rôle ne permet pas de former opposition au nom de votre organisation.')
  if (who.organisation.kind !== 'union') throw forbidden('Seule une organisation syndicale peut former opposition (L. 2232-6).')
  if (version.status !== 'agreed' && version.status !== 'signed') {
    throw new AppError(409, 'statut_incompatible', 'On ne peut former opposition qu’à une version en cours de signature.')
  }
  const circuit = await circuitOf(ctx, version)
  const mine = circuit.organisations.find((o) => o.organisation.id === who.organisation.id)
  if (mine?.state === 'signe') throw new AppError(409, 'signataire', `${who.organisation.name} a signé cette version : une organisation signataire ne peut pas s’y opposer.`)
  if (mine?.state === 'opposition') throw new AppError(409, 'deja_oppose', `${who.organisation.name} s’est déjà opposée à cette version.`)
  const now = new Date()
  if (circuit.oppositionDeadline && parisDate(now) > circuit.oppositionDeadline) {
    throw new AppError(409, 'delai_expire', `Le délai d’opposition a expiré le ${circuit.oppositionDeadline.split('-').reverse().join('/')} (15 jours après la notification, L. 2231-8).`)
  }
  const db = ctx.database.db
  await db.transaction().execute(async (trx) => {
    await insertOpposition(trx, { versionId, organisationId: who.organisation.id, userId: who.user.id, motif, at: now })
    await appendLedger(ctx, trx, version.negotiation_id, {
      kind: 'opposition', versionId, at: now,
      payload: { organisationId: who.organisation.id, userId: who.user.id, motif, at: now.toISOString() },
    })
    await audit(trx, who, 'version.opposition', { negotiationId: version.negotiation_id, type: 'version', id: versionId, details: { organisation: who.organisation.name, motif } })
  })
  return circuitOf(ctx, version)
}
