/**
 * The members panel's server calls (see apps/server/src/routes/member.routes.ts):
 * the members with their people, adding an existing organisation, creating
 * one while adding it, changing a role, removing, enrolling a person.
 */
import { api } from './http.ts'
import type { Organisation, OrganisationKind, Role } from './types.ts'

const enc = encodeURIComponent

export interface PanelMember {
  organisation: Organisation
  role: Role
  /** How many people the organisation has enrolled on Paritaire. */
  people: number
  /** The caller may enrol people in it (its own organisation, or one it created). */
  canEnrol: boolean
}

export interface MembersPanelData {
  canManage: boolean
  members: PanelMember[]
}

export async function getMembersPanel(negotiationId: string): Promise<MembersPanelData> {
  return api<MembersPanelData>(`/api/negotiations/${enc(negotiationId)}/members`)
}

export async function listOrganisations(): Promise<Organisation[]> {
  return (await api<{ organisations: Organisation[] }>('/api/organisations')).organisations
}

export async function addExistingMember(negotiationId: string, organisation: string, role: Role): Promise<void> {
  await api(`/api/negotiations/${enc(negotiationId)}/members`, { method: 'POST', body: { organisation, role } })
}

export async function createOrganisationMember(negotiationId: string, name: string, kind: OrganisationKind, role: Role): Promise<Organisation> {
  const res = await api<{ organisation: Organisation }>('/api/organisations', { method: 'POST', body: { name, kind, negotiationId, role } })
  return res.organisation
}

export async function changeMemberRole(negotiationId: string, organisationId: string, role: Role): Promise<void> {
  await api(`/api/negotiations/${enc(negotiationId)}/members/${enc(organisationId)}`, { method: 'PATCH', body: { role } })
}

export async function removeMember(negotiationId: string, organisationId: string): Promise<void> {
  await api(`/api/negotiations/${enc(negotiationId)}/members/${enc(organisationId)}`, { method: 'DELETE' })
}

export async function enrolPerson(
  negotiationId: string, organisationId: string, person: { name: string; email: string; password: string },
): Promise<{ id: string; email: string; name: string }> {
  const res = await api<{ user: { id: string; email: string; name: string } }>(
    `/api/negotiations/${enc(negotiationId)}/members/${enc(organisationId)}/people`, { method: 'POST', body: person },
  )
  return res.user
}

/**
 * Administrations follow negotiations; they do not open them (the server
 * refuses, `requireMayOpenNegotiation`): « Nouvelle négociation » is not offered to them.
 */
export function mayOpenNegotiation(kind: OrganisationKind | undefined): boolean {
  return kind !== undefined && kind !== 'administration'
}
