/**
 * Opens the system of record: a Postgres server through postgres.js when a
 * URL is given, otherwise the embedded PGlite with a persistent data
 * directory. Both give the same `Database`: a Kysely instance over the same
 * tables, plus LISTEN/NOTIFY (used by sync to fan updates out between
 * instances; PGlite delivers them in-process).
 *
 * @example
 *   const database = await openDatabase({ dataDir: './data' })
 *   await migrateToLatest(database.db)
 *   await database.close()
 */
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { Kysely, sql } from 'kysely'
import { PostgresJSDialect } from 'kysely-postgres-js'
import postgres from 'postgres'
import { PGliteDialect } from './pglite-dialect.ts'
import type { DB } from './schema.ts'
import { lockDataDir } from './data-dir-lock.ts'
import { connectWithoutDelay } from './postgres-socket.ts'

export type DatabaseKind = 'pglite' | 'postgres'

export interface Database {
  db: Kysely<DB>
  kind: DatabaseKind
  /**
   * Subscribes to a notification channel. `onReconnect` runs after the
   * listening connection was lost and re-established (postgres only): the
   * caller must then resync from the tables, since notifications may have
   * been missed. Resolves to the unsubscribe function.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>
  notify(channel: string, payload: string): Promise<void>
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  /** postgres://… — when set, the embedded database is not used. */
  databaseUrl?: string | undefined
  /** Directory of the embedded PGlite database (created if missing). */
  dataDir?: string | undefined
  /** Pool size for postgres (default 10). */
  maxConnections?: number
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10)
  return openPGlite(options.dataDir ?? './data')
}

async function openPostgres(url: string, max: number): Promise<Database> {
  // `socket` is documented by postgres.js (« Custom socket ») but missing from its types.
  const options = { max, onnotice: () => {}, socket: connectWithoutDelay }
  const client = postgres(url, options)
  const db = new Kysely<DB>({ dialect: new PostgresJSDialect({ postgres: client }) })
  return {
    db,
    kind: 'postgres',
    async listen(channel, onPayload, onReconnect) {
      // postgres.js keeps one dedicated connection for listeners and
      // re-subscribes after a reconnect; `onlisten` runs on every (re)subscribe.
      let first = true
      const sub = await client.listen(channel, onPayload, () => {
        if (first) { first = false; return }
        onReconnect?.()
      })
      return () => sub.unlisten()
    },
    async notify(channel, payload) {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db)
    },
    async close() {
      await db.destroy()
    },
  }
}

export { DatabaseBusyError } from './data-dir-lock.ts'

async function openPGlite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true })
  const unlock = lockDataDir(dataDir)
  let pg: PGlite
  try {
    // The contrib extensions full-text search needs (see the search migration);
    // a Postgres server has them from its contrib package.
    pg = await PGlite.create(dataDir, { extensions: { unaccent, pg_trgm } })
  } catch (err) {
    unlock()
    throw err
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pg) })
  return {
    db,
    kind: 'pglite',
    async listen(channel, onPayload) {
      // In-process: no connection to lose, so `onReconnect` never fires.
      const unlisten = await pg.listen(channel, onPayload)
      return () => unlisten()
    },
    async notify(channel, payload) {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db)
    },
    async close() {
      await db.destroy()
      if (!pg.closed) await pg.close()
      unlock()
    },
  }
}
