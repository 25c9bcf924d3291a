/**
 * Representativeness of the unions of a negotiation (the weights « pour
 * l'application de l'article L. 2232-6 » of the branch's arrêté), entered by
 * the chair with its source. Percent with at most two decimals, kept as
 * hundredths; the total may not exceed 100 %. Employer organisations are
 * named (they must sign) but carry no weight. Frozen once any version of the
 * negotiation is signed: the validity of that signature depends on them.
 */
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { findWeightSource, listWeights, negotiationHasSignature, replaceWeights } from '../repos/circuit.repo.ts'
import { listMembers } from '../repos/negotiation.repo.ts'
import { findOrganisationById, findOrganisationByName } from '../repos/organisation.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { ANY_ROLE, requireNegotiationRole } from './access.ts'
import { audit } from './audit.ts'

export interface WeightInput { organisation: string; percent: number }

export async function representativite(ctx: AppContext, negotiationId: string) {
  const db = ctx.database.db
  const weights = await listWeights(db, negotiationId)
  const source = await findWeightSource(db, negotiationId)
  const members = await listMembers(db, negotiationId)
  return {
    weights: weights.map((w) => ({ organisation: { id: w.organisation_id, name: w.name, kind: w.kind }, percent: w.hundredths / 100 })),
    totalPercent: weights.reduce((t, w) => t + w.hundredths, 0) / 100,
    source: source?.source ?? null,
    updatedAt: source ? source.updated_at.toISOString() : null,
    updatedBy: source?.user_name ?? null,
    employers: members.filter((m) => m.organisation.kind === 'employer').map((m) => m.organisation),
    editable: !(await negotiationHasSignature(db, negotiationId)),
  }
}

export async function readRepresentativite(ctx: AppContext, who: SessionIdentity, negotiationId: string) {
  await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  return representativite(ctx, negotiationId)
}

export async function setRepresentativite(ctx: AppContext, who: SessionIdentity, negotiationId: string, input: { weights: WeightInput[]; source: string }) {
  await requireNegotiationRole(ctx, who, negotiationId, ['chair'])
  const db = ctx.database.db
  if (await negotiationHasSignature(db, negotiationId)) {
    throw new AppError(409, 'representativite_figee', 'Une version a déjà été signée : la représentativité ne peut plus être modifiée.')
  }
  const resolved: { organisationId: string; name: string; hundredths: number }[] = []
  for (const [i, w] of input.weights.entries()) {
    const hundredths = Math.round(w.percent * 100)
    if (Math.abs(hundredths - w.percent * 100) > 1e-6) {
      throw new AppError(400, 'pourcentage_invalide', `Le pourcentage de « ${w.organisation} » a plus de deux décimales.`, ['weights', i, 'percent'])
    }
    const org = (await findOrganisationById(db, w.organisation)) ?? (await findOrganisationByName(db, w.organisation))
    if (!org) throw new AppError(404, 'organisation_inconnue', `Organisation inconnue : « ${w.organisation} ».`, ['weights', i, 'organisation'])
    if (org.kind !== 'union') {
      throw new AppError(400, 'pas_un_syndicat', `${org.name} n’est pas une organisation syndicale : seules les organisations syndicales ont un poids (L. 2232-6).`, ['weights', i, 'organisation'])
    }
    if (resolved.some((r) => r.organisationId === org.id)) throw new AppError(400, 'doublon', `${org.name} figure deux fois.`, ['weights', i, 'organisation'])
    resolved.push({ organisationId: org.id, name: org.name, hundredths })
  }
  const total = resolved.reduce((t, w) => t + w.hundredths, 0)
  if (total > 10000) throw new AppError(400, 'total_superieur_a_100', `Le total des poids dépasse 100 % (${(total / 100).toFixed(2).replace('.', ',')} %).`, ['weights'])
  await db.transaction().execute(async (trx) => {
    await replaceWeights(trx, negotiationId, resolved, input.source, who.user.id)
    await audit(trx, who, 'representativite.set', {
      negotiationId, type: 'negotiation', id: negotiationId,
      details: { source: input.source, weights: resolved.map((w) => ({ organisation: w.name, percent: w.hundredths / 100 })) },
    })
  })
  return representativite(ctx, negotiationId)
}
