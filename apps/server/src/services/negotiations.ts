/**
 * Negotiations: creation (the creating organisation chairs it), listing for
 * an organisation, detail with members, and membership changes by the chair
 * (announced to live sync, which downgrades or closes the sockets concerned).
 */
import type { AppContext } from '../context.ts'
import type { Role } from '../db/schema.ts'
import { AppError } from '../errors.ts'
import { newId } from '../ids.ts'
import { findOrganisationById, findOrganisationByName } from '../repos/organisation.repo.ts'
import {
  deleteMembership, findRole, insertNegotiation, listMembers, listNegotiationsForOrganisation, slugTaken, upsertMembership, type NegotiationRow,
} from '../repos/negotiation.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { saveText } from '../repos/text.repo.ts'
import { emptyTexte } from '@paritaire/schema'
import { listAuditEvents } from '../repos/audit.repo.ts'
import { lastPublicationAt } from '../repos/version.repo.ts'
import { audit } from './audit.ts'
import { announceRightsChange } from './rights-events.ts'
import { requireNegotiationRole } from './access.ts'
import { textePartsOf } from './texte-parts.ts'
import { requireMayOpenNegotiation } from './members.ts'

export function slugify(title: string): string {
  const base = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/g, '')
  return base || 'negociation'
}

export function negotiationJson(n: NegotiationRow, role: Role) {
  return { id: n.id, title: n.title, idcc: n.idcc, slug: n.slug, status: n.status, role, createdAt: n.created_at.toISOString() }
}

export async function createNegotiation(ctx: AppContext, who: SessionIdentity, input: { title: string; idcc?: string | null }): Promise<NegotiationRow> {
  requireMayOpenNegotiation(who)
  const db = ctx.database.db
  const title = input.title.trim()
  let slug = slugify(title)
  for (let i = 2; await slugTaken(db, slug); i++) slug = `${slugify(title)}-${i}`
  const row = { id: newId(), title, idcc: input.idcc?.trim() || null, slug, created_by_organisation_id: who.organisation.id }
  await db.transaction().execute(async (trx) => {
    await insertNegotiation(trx, row)
    await upsertMembership(trx, row.id, who.organisation.id, 'chair')
    await saveText(trx, row.id, null, textePartsOf({ ...emptyTexte(title), idcc: row.idcc }))
    await audit(trx, who, 'negotiation.create', { negotiationId: row.id, type: 'negotiation', id: row.id, details: { title, slug } })
  })
  return { ...row, status: 'open', created_at: new Date() }
}

export async function listForCaller(ctx: AppContext, who: SessionIdentity) {
  const rows = await listNegotiationsForOrganisation(ctx.database.db, who.organisation.id)
  return rows.map((r) => negotiationJson(r, r.role))
}

export async function negotiationDetail(ctx: AppContext, who: SessionIdentity, negotiationId: string) {
  const { negotiation, role } = await requireNegotiationRole(ctx, who, negotiationId, ['chair', 'editor', 'commenter', 'viewer'])
  const concluded = await lastPublicationAt(ctx.database.db, negotiationId)
  return {
    ...negotiationJson(negotiation, role),
    members: await listMembers(ctx.database.db, negotiationId),
    /** Set once a version is published: the agreement is concluded (« Conclue le … »). */
    concludedAt: concluded ? concluded.toISOString() : null,
  }
}

/** Adds or changes an organisation's role; chair only. The last chair cannot step down through this route. */
export async function setMember(ctx: AppContext, who: SessionIdentity, negotiationId: string, input: { organisation: string; role: Role }) {
  await requireNegotiationRole(ctx, who, negotiationId, ['chair'])
  const db = ctx.database.db
  const org = (await findOrganisationById(db, input.organisation)) ?? (await findOrganisationByName(db, input.organisation))
  if (!org) throw new AppError(404, 'organisation_inconnue', `Organisation inconnue : « ${input.organisation} ».`, ['organisation'])
  if (org.id === who.organisation.id && input.role !== 'chair') {
    throw new AppError(409, 'presidence_requise', 'La présidence ne peut pas se retirer elle-même son rôle.', ['role'])
  }
  await db.transaction().execute(async (trx) => {
    await upsertMembership(trx, negotiationId, org.id, input.role)
    await audit(trx, who, 'membership.set', { negotiationId, type: 'organisation', id: org.id, details: { organisation: org.name, role: input.role } })
  })
  await announceRightsChange(ctx, { kind: 'membership', negotiationId, organisationId: org.id })
  return { organisation: org, role: input.role }
}

/** Removes an organisation from the negotiation; chair only, and the chair cannot remove itself. Its open sockets close. */
export async function removeMember(ctx: AppContext, who: SessionIdentity, negotiationId: string, organisation: string): Promise<void> {
  await requireNegotiationRole(ctx, who, negotiationId, ['chair'])
  const db = ctx.database.db
  const org = (await findOrganisationById(db, organisation)) ?? (await findOrganisationByName(db, organisation))
  if (!org || !(await findRole(db, negotiationId, org.id))) {
    throw new AppError(404, 'membre_inconnu', `L'organisation « ${organisation} » ne participe pas à cette négociation.`, ['organisation'])
  }
  if (org.id === who.organisation.id) {
    throw new AppError(409, 'presidence_requise', 'La présidence ne peut pas se retirer elle-même de la négociation.', ['organisation'])
  }
  await db.transaction().execute(async (trx) => {
    await deleteMembership(trx, negotiationId, org.id)
    await audit(trx, who, 'membership.remove', { negotiationId, type: 'organisation', id: org.id, details: { organisation: org.name } })
  })
  await announceRightsChange(ctx, { kind: 'membership', negotiationId, organisationId: org.id })
}

/** The negotiation's audit trail, oldest first; every member may read it. */
export async function auditTrail(ctx: AppContext, who: SessionIdentity, negotiationId: string) {
  await requireNegotiationRole(ctx, who, negotiationId, ['chair', 'editor', 'commenter', 'viewer'])
  const rows = await listAuditEvents(ctx.database.db, negotiationId)
  return rows.map((r) => ({
    id: r.id, at: r.at.toISOString(), action: r.action, targetType: r.target_type, targetId: r.target_id,
    details: r.details, user: r.user_name, organisation: r.organisation_name,
  }))
}
