/**
 * An in-process Paritaire server on a real port over a fresh test database:
 * real HTTP, real database, and direct access to its context for seeding and
 * raw SQL (`server.ctx.database.db`). Faster than a child process; use
 * `startTestServer` (server.ts) when the test needs a separate process
 * (crash, restart, several instances).
 *
 *   const server = await startAppServer(target)
 *   const world = await seedWorld(server.ctx)
 *   …
 *   await server.stop()   // closes the server and drops the database
 */
import { loadConfig, startServer, type AppContext } from '@paritaire/server'
import type { DatabaseTarget, TestDatabase } from './db.ts'

export interface AppServer {
  url: string
  port: number
  ctx: AppContext
  database: TestDatabase
  stop(): Promise<void>
}

export async function startAppServer(target: DatabaseTarget, env: Record<string, string> = {}): Promise<AppServer> {
  const database = await target.create()
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', ...database.env, ...env })
  const server = await startServer(config)
  return {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    ctx: server.ctx,
    database,
    async stop() {
      await server.close()
      await database.drop()
    },
  }
}
