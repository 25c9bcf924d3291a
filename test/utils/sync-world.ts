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
import type { Database } from '@paritaire/server'
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

/**
 * Runs `query` on the world's database. Postgres is shared, so it is opened
 * beside the running server; the embedded database has one owner, so the
 * server is killed (-9, as a crash would), the query runs in-process and
 * the server restarts — its clients reconnect by themselves.
 */
export async function queryDatabase<T>(w: SyncWorld, query: (db: Database) => Promise<T>): Promise<T> {
  const shared = Boolean(w.server.database.databaseUrl)
  if (!shared) await w.server.kill9()
  const db = await w.server.database.open()
  try {
    return await query(db)
  } finally {
    await db.close()
    if (!shared) await w.server.restart()
  }
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
