/**
 * The starting point of the sync tests: a real server process over a fresh
 * database seeded with the five-organisation world (chair, editor,
 * commenter, viewer, outsider), one fiche created through the API, and a
 * logged-in API client per role whose cookie authenticates `/sync`.
 *
 *   const w = await startSyncWorld(target)
 *   const alice = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
 *   …
 *   await w.stop()
 */
import type { DatabaseTarget, TestDatabase } from './db.ts'
import type { ApiClient } from './http.ts'
import { seedWorld, type World, type WorldRole, WORLD_ROLES } from './seed.ts'
import { startTestServer, type TestServer } from './server.ts'
import { loginAs } from './sync-clients.ts'

export interface SyncWorld {
  server: TestServer<World>
  world: World
  ficheId: string
  api: Record<WorldRole, ApiClient>
  cookie(role: WorldRole): string
  /** Stops the server and drops its database (sessions live there, so cookies survive a restart). */
  stop(): Promise<void>
}

export interface SyncWorldOptions {
  env?: Record<string, string>
  database?: TestDatabase
  intitule?: string
}

export async function startSyncWorld(target: DatabaseTarget, options: SyncWorldOptions = {}): Promise<SyncWorld> {
  const server = await startTestServer<World>({
    target,
    ...(options.env ? { env: options.env } : {}),
    ...(options.database ? { database: options.database } : {}),
    seed: (db) => seedWorld(db),
  })
  const world = server.seeded
  const api = {} as Record<WorldRole, ApiClient>
  for (const role of WORLD_ROLES) api[role] = await loginAs(server.url, world.users[role])
  const created = await api.editor.post(`/api/negotiations/${world.negotiationId}/fiches`, {
    intitule: options.intitule ?? 'Technicien de maintenance',
  })
  if (created.status !== 201) throw new Error(`création de fiche refusée : ${created.status} ${created.text}`)
  return {
    server,
    world,
    ficheId: created.json.fiche.id as string,
    api,
    cookie: (role) => api[role].cookieHeader(),
    stop: () => server.stop(),
  }
}
