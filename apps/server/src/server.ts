/**
 * Starts a Paritaire server: opens the database (Postgres or embedded
 * PGlite), applies migrations, builds the context and the app, and listens
 * over HTTP with WebSocket upgrades enabled (the sync routes use Hono's
 * `upgradeWebSocket` from @hono/node-server). `close()` stops accepting
 * connections, runs the context's cleanup hooks, then closes the database.
 */
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { createApp } from './app.ts'
import { WorkerPool } from './workers/pool.ts'
import { LoginRateLimiter } from './auth/rate-limit.ts'
import type { Config } from './config.ts'
import type { AppContext } from './context.ts'
import { openDatabase, type Database } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { createDbFicheContentStore } from './services/fiche-content.ts'
import { installSync, syncSettings } from './sync/index.ts'
import { updateRules } from './sync/rules-registry.ts'

export interface RunningServer {
  url: string
  port: number
  ctx: AppContext
  close(): Promise<void>
  /** What `close()` is waiting for (named in the forced-stop message). */
  readonly closingStep: string
}

/** Builds the context over an open database (migrations already applied). */
export function createContext(config: Config, database: Database): AppContext {
  const workers = new WorkerPool({ size: config.workerThreads })
  return {
    config,
    database,
    ficheContent: createDbFicheContentStore(database),
    loginLimiter: new LoginRateLimiter(config.loginMaxAttempts, config.loginWindowSeconds * 1000),
    workers,
    demo: null,
    onClose: [() => workers.close()],
  }
}

export async function openAndMigrate(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(database.db)
  } catch (err) {
    await database.close()
    throw err
  }
  return database
}

export interface StartOptions {
  /** Runs after migrations, before listening (e.g. demo seeding). */
  beforeListen?: (ctx: AppContext) => Promise<void>
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const database = await openAndMigrate(config)
  const ctx = createContext(config, database)
  try {
    await installSync(ctx, { rules: await updateRules(ctx) })
    await options.beforeListen?.(ctx)
  } catch (err) {
    await database.close()
    throw err
  }
  const app = createApp(ctx)
  const wss = new WebSocketServer({ noServer: true, maxPayload: syncSettings(ctx).maxFrameBytes })
  let server: ServerType
  try {
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } }, () => resolve(s))
      s.once('error', reject)
    })
  } catch (err) {
    // Not listening (port taken…): release what was opened so the caller can report and exit cleanly.
    wss.close()
    for (const hook of ctx.onClose) await Promise.resolve(hook()).catch(() => {})
    await database.close()
    throw err
  }
  // Node closes an idle keep-alive connection after 5 s; a client that picks
  // that socket from its pool at the same moment gets ECONNRESET (Playwright's
  // request context and many HTTP agents ignore the Keep-Alive hint). Past the
  // 60 s idle timeout of the usual reverse proxies, the proxy closes first.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = 65_000
    server.headersTimeout = 66_000
  }
  const port = (server.address() as AddressInfo).port
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  let closed = false
  const closing = { step: 'en service' }
  return {
    url: `http://${host}:${port}`,
    port,
    ctx,
    async close() {
      if (closed) return
      closed = true
      closing.step = 'connexions'
      for (const client of wss.clients) client.terminate()
      wss.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
      closing.step = 'synchronisation et tâches'
      for (const hook of ctx.onClose) await hook()
      closing.step = 'base de données'
      await database.close()
      closing.step = 'terminé'
    },
    get closingStep() {
      return closing.step
    },
  }
}
