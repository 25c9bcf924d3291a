/**
 * Managing a negotiation's members from its page (issue 15): the chair
 * creates an organisation while adding it as a member, changes a member's
 * role (never leaving the negotiation without a chair), and enrols the
 * people of an organisation it created. The model has no platform
 * administrator: the operator's tools (`paritaire org add`, `user add`)
 * play that part, so through the API an organisation always comes into
 * being inside a negotiation, chaired by whoever created it.
 *
 * Who may enrol people is narrow on purpose: a person belongs to one
 * organisation and reads that organisation's private notes in every
 * negotiation, so a chair may only enrol people in its own organisation or
 * in one it created — never in CGT because CGT sits at its table.
 */
import type { AppContext } from '../context.ts'
import type { OrganisationKind, Role } from '../db/schema.ts'
import { AppError, forbidden } from '../errors.ts'
import { newId } from '../ids.ts'
import { hashPassword, passwordProblem } from '../auth/password.ts'
import { countChairs, insertOrganisationCreatedBy, listMembersWithPeople, organisationCreator } from '../repos/member-admin.repo.ts'
import { findRole, lockNegotiation, upsertMembership } from '../repos/negotiation.repo.ts'
import { findOrganisationById, findOrganisationByName, type OrganisationRow } from '../repos/organisation.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { findUserByEmail, insertUser } from '../repos/user.repo.ts'
import { ANY_ROLE, requireNegotiationRole } from './access.ts'
import { audit } from './audit.ts'
import { announceRightsChange } from './rights-events.ts'

/**
 * Administrations follow negotiations (the DGT reads, registers, extends);
 * they do not open them. The editor hides « Nouvelle négociation » by the
 * same rule; this is the check that holds.
 */
export function requireMayOpenNegotiation(who: SessionIdentity): void {
  if (who.organisation.kind === 'administration') {
    throw forbidden('Une administration suit les négociations ; elle n’en ouvre pas. Une organisation patronale ou syndicale peut en ouvrir une.')
  }
}

/** Every member with its number of enrolled people, and for the caller: may it manage members, may it enrol people in each. */
export async function membersPanel(ctx: AppContext, who: SessionIdentity, negotiationId: string) {
  const { role } = await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  const rows = await listMembersWithPeople(ctx.database.db, negotiationId)
  const isChair = role === 'chair'
  return {
    canManage: isChair,
    members: rows.map((m) => ({
      organisation: m.organisation,
      role: m.role,
      people: m.people,
      canEnrol: isChair && mayEnrolIn(who, m.organisation.id, m.createdBy),
    })),
  }
}

function mayEnrolIn(who: SessionIdentity, organisationId: string, createdBy: string | null): boolean {
  return organisationId === who.organisation.id || createdBy === who.organisation.id
}

/** Creates an organisation and adds it to the negotiation in one step; chair of that negotiation only. */
export async function createOrganisationAsMember(
  ctx: AppContext, who: SessionIdentity, input: { name: string; kind: OrganisationKind; negotiationId: string; role: Role },
) {
  await requireNegotiationRole(ctx, who, input.negotiationId, ['chair'])
  const db = ctx.database.db
  const name = input.name.trim()
  const taken = () => new AppError(409, 'organisation_existe', `L’organisation « ${name} » existe déjà : ajoutez-la comme membre sans la recréer.`, ['name'])
  if (await findOrganisationByName(db, name)) throw taken()
  const organisation: OrganisationRow = { id: newId(), name, kind: input.kind }
  try {
    await db.transaction().execute(async (trx) => {
      await insertOrganisationCreatedBy(trx, { ...organisation, created_by_organisation_id: who.organisation.id })
      await upsertMembership(trx, input.negotiationId, organisation.id, input.role)
      await audit(trx, who, 'organisation.create', { negotiationId: input.negotiationId, type: 'organisation', id: organisation.id, details: { name, kind: input.kind } })
      await audit(trx, who, 'membership.set', { negotiationId: input.negotiationId, type: 'organisation', id: organisation.id, details: { organisation: name, role: input.role } })
    })
  } catch (err) {
    // Two chairs creating the same name at once: the unique index decides, the loser gets the same answer as above.
    if ((err as { code?: unknown }).code === '23505') throw taken()
    throw err
  }
  await announceRightsChange(ctx, { kind: 'membership', negotiationId: input.negotiationId, organisationId: organisation.id })
  return { organisation, member: { organisation, role: input.role } }
}

async function memberOrganisation(ctx: AppContext, negotiationId: string, organisation: string) {
  const db = ctx.database.db
  const org = (await findOrganisationById(db, organisation)) ?? (await findOrganisationByName(db, organisation))
  const role = org ? await findRole(db, negotiationId, org.id) : undefined
  if (!org || !role) throw new AppError(404, 'membre_inconnu', `L’organisation « ${organisation} » ne participe pas à cette négociation.`, ['organisation'])
  return { org, role }
}

/**
 * Changes a member's role; chair only. A chair may step down (its own
 * organisation included) as long as another chair remains; the count is
 * taken under the negotiation's row lock so that two chairs demoting each
 * other at once cannot both succeed.
 */
export async function changeMemberRole(ctx: AppContext, who: SessionIdentity, negotiationId: string, organisation: string, role: Role) {
  await requireNegotiationRole(ctx, who, negotiationId, ['chair'])
  const { org } = await memberOrganisation(ctx, negotiationId, organisation)
  const previous = await ctx.database.db.transaction().execute(async (trx) => {
    await lockNegotiation(trx, negotiationId)
    const current = await findRole(trx, negotiationId, org.id)
    if (!current) throw new AppError(404, 'membre_inconnu', `L’organisation « ${org.name} » ne participe pas à cette négociation.`, ['organisation'])
    if (current === role) return current
    if (current === 'chair' && (await countChairs(trx, negotiationId)) <= 1) {
      throw new AppError(409, 'derniere_presidence', `« ${org.name} » est la seule organisation à présider cette négociation : confiez d’abord la présidence à une autre organisation.`, ['role'])
    }
    await upsertMembership(trx, negotiationId, org.id, role)
    await audit(trx, who, 'membership.set', { negotiationId, type: 'organisation', id: org.id, details: { organisation: org.name, role, previous: current } })
    return current
  })
  if (previous !== role) await announceRightsChange(ctx, { kind: 'membership', negotiationId, organisationId: org.id })
  return { organisation: org, role }
}

/**
 * Enrols a person in a member organisation with an initial password, which
 * the chair hands over (the existing sign-in is email + password; there is
 * no mail delivery to send a link with). The answer never carries the hash.
 */
export async function enrolPerson(
  ctx: AppContext, who: SessionIdentity, negotiationId: string, organisation: string, input: { name: string; email: string; password: string },
) {
  await requireNegotiationRole(ctx, who, negotiationId, ['chair'])
  const db = ctx.database.db
  const { org } = await memberOrganisation(ctx, negotiationId, organisation)
  if (!mayEnrolIn(who, org.id, await organisationCreator(db, org.id))) {
    throw forbidden(`Seule l’organisation qui a créé « ${org.name} » sur Paritaire peut y inscrire des personnes ; les personnes de « ${org.name} » sont inscrites par l’administrateur de la plateforme.`)
  }
  const problem = passwordProblem(input.password)
  if (problem) throw new AppError(400, 'mot_de_passe_invalide', problem, ['password'])
  const email = input.email.trim().toLowerCase()
  const exists = () => new AppError(409, 'utilisateur_existe', `Une personne est déjà inscrite avec l’adresse « ${email} ».`, ['email'])
  if (await findUserByEmail(db, email)) throw exists()
  const user = { id: newId(), email, name: input.name.trim(), organisation_id: org.id, password_hash: await hashPassword(input.password) }
  try {
    await db.transaction().execute(async (trx) => {
      await insertUser(trx, user)
      await audit(trx, who, 'user.create', { negotiationId, type: 'user', id: user.id, details: { email, name: user.name, organisation: org.name } })
    })
  } catch (err) {
    if ((err as { code?: unknown }).code === '23505') throw exists()
    throw err
  }
  return { user: { id: user.id, email, name: user.name, organisation: org } }
}
