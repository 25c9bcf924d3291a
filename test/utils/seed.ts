/**
 * Seeding without HTTP, through the server's own services: organisations,
 * users and a negotiation where each role is held by a different
 * organisation. Works on an in-process server's context or on a database
 * opened before a server process starts.
 *
 *   const world = await seedWorld(server.ctx)          // in-process
 *   const db = await testDb.open(); await seedWorld(db); await db.close()  // then spawn
 *   await new ApiClient(url).login(world.users.editor.email, PASSWORD)
 */
import {
  createContext, createNegotiation, createOrganisation, createUser, loadConfig, migrateToLatest, sessionIdentityOf, setMember,
  type AppContext, type Database, type OrganisationKind, type Role,
} from '@paritaire/server'

export const PASSWORD = 'mot-de-passe-test'

export type WorldRole = Role | 'outsider'
export const WORLD_ROLES: readonly WorldRole[] = ['chair', 'editor', 'commenter', 'viewer', 'outsider']

export interface SeededUser { email: string; password: string; organisation: string; organisationId: string; userId: string }

export interface World {
  negotiationId: string
  slug: string
  users: Record<WorldRole, SeededUser>
}

function contextOf(target: AppContext | Database): AppContext {
  return 'ficheContent' in target ? target : createContext(loadConfig({}), target)
}

/** Creates an organisation with one user; `tag` makes names unique within the database. */
export async function seedUser(target: AppContext | Database, tag: string, kind: OrganisationKind = 'union'): Promise<SeededUser> {
  const ctx = contextOf(target)
  const db = ctx.database.db
  const org = await createOrganisation(db, `Org ${tag}`, kind)
  const email = `${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@test.paritaire.fr`
  const user = await createUser(db, { email, name: `Personne ${tag}`, organisation: org.name, password: PASSWORD })
  return { email, password: PASSWORD, organisation: org.name, organisationId: org.id, userId: user.id }
}

/**
 * Five organisations — chair (employer), editor, commenter, viewer
 * (administration) and outsider (not a member) — one user each, and a
 * negotiation chaired by the first with the others as members.
 */
export async function seedWorld(target: AppContext | Database, prefix = 'w'): Promise<World> {
  const ctx = contextOf(target)
  if (!('ficheContent' in target)) await migrateToLatest(ctx.database.db)
  const users = {} as Record<WorldRole, SeededUser>
  for (const role of WORLD_ROLES) {
    users[role] = await seedUser(ctx, `${prefix}-${role}`, role === 'chair' ? 'employer' : role === 'viewer' ? 'administration' : 'union')
  }
  const chair = await sessionIdentityOf(ctx.database.db, users.chair.email)
  const negotiation = await createNegotiation(ctx, chair, { title: `Négociation ${prefix}`, idcc: '3168' })
  for (const role of ['editor', 'commenter', 'viewer'] as const) {
    await setMember(ctx, chair, negotiation.id, { organisation: users[role].organisation, role })
  }
  return { negotiationId: negotiation.id, slug: negotiation.slug, users }
}
