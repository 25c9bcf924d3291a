/**
 * Database targets for tests. Every test touching the database runs against
 * the embedded PGlite always, and against the real Postgres when
 * `TEST_DATABASE_URL` is set (CI sets it):
 *
 *   describe.each(databaseTargets())('… ($name)', (target) => {
 *     let database: TestDatabase
 *     beforeAll(async () => { database = await target.create() })
 *     afterAll(() => database.drop())
 *   })
 *
 * `create()` gives a fresh isolated database: a new temporary data
 * directory for PGlite, a new `paritaire_t_<random>` database on the
 * TEST_DATABASE_URL server for Postgres. `env` holds the variables a server
 * needs to use it (DATABASE_URL or DATA_DIR); `open()` opens it in-process
 * (for PGlite, only while no server process holds the same directory);
 * `drop()` removes it.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { openDatabase, type Database } from '@paritaire/server'

export type DatabaseTargetName = 'pglite' | 'postgres'

export interface TestDatabase {
  target: DatabaseTargetName
  /** Set for postgres. */
  databaseUrl?: string
  /** Set for pglite. */
  dataDir?: string
  /** Environment for a server using this database (`DATABASE_URL` or `DATA_DIR`). */
  env: Record<string, string>
  open(): Promise<Database>
  drop(): Promise<void>
}

export interface DatabaseTarget {
  name: DatabaseTargetName
  create(): Promise<TestDatabase>
}

function pgliteTarget(): DatabaseTarget {
  return {
    name: 'pglite',
    async create() {
      const dataDir = mkdtempSync(join(tmpdir(), 'paritaire-test-'))
      return {
        target: 'pglite',
        dataDir,
        env: { DATA_DIR: dataDir },
        open: () => openDatabase({ dataDir }),
        async drop() { rmSync(dataDir, { recursive: true, force: true }) },
      }
    },
  }
}

function postgresTarget(serverUrl: string): DatabaseTarget {
  return {
    name: 'postgres',
    async create() {
      const name = `paritaire_t_${randomBytes(6).toString('hex')}`
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
      try {
        await admin.unsafe(`create database ${name}`)
      } finally {
        await admin.end()
      }
      const url = new URL(serverUrl)
      url.pathname = `/${name}`
      const databaseUrl = url.toString()
      return {
        target: 'postgres',
        databaseUrl,
        env: { DATABASE_URL: databaseUrl },
        open: () => openDatabase({ databaseUrl, maxConnections: 4 }),
        async drop() {
          const sql = postgres(serverUrl, { max: 1, onnotice: () => {} })
          try {
            await sql.unsafe(`drop database if exists ${name} with (force)`)
          } finally {
            await sql.end()
          }
        },
      }
    },
  }
}

/** PGlite always; Postgres too when TEST_DATABASE_URL is set. */
export function databaseTargets(): DatabaseTarget[] {
  const url = process.env.TEST_DATABASE_URL
  return url ? [pgliteTarget(), postgresTarget(url)] : [pgliteTarget()]
}
