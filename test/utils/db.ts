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
 * directory for PGlite (a copy of an empty template, see `pgliteTemplate`), a new `paritaire_t_<random>` database on the
 * TEST_DATABASE_URL server for Postgres. `env` holds the variables a server
 * needs to use it (DATABASE_URL or DATA_DIR); `open()` opens it in-process
 * (for PGlite, only while no server process holds the same directory);
 * `drop()` removes it.
 */
import { createHash, randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { migrateToLatest, migrationsFingerprint, openDatabase, type Database } from '@paritaire/server'

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

/**
 * A fresh PGlite directory costs an initdb and the migrations (15 s on a busy
 * machine); copying a migrated, cleanly closed one takes about one. The
 * template is made once per (PGlite version, migrations fingerprint) and shared
 * by every test process (atomic rename, so concurrent makers cannot leave a
 * half-written one). Servers still run their boot migration: a no-op here.
 */
async function pgliteTemplate(): Promise<string> {
  const serverManifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'apps', 'server', 'package.json'), 'utf8'))
  const version = String(serverManifest.dependencies?.['@electric-sql/pglite'] ?? 'x')
  const key = createHash('sha256').update(`${version}\n${migrationsFingerprint()}`).digest('hex').slice(0, 16)
  const dir = join(tmpdir(), `paritaire-pglite-template-${key}`)
  if (existsSync(join(dir, 'PG_VERSION'))) return dir
  const staging = mkdtempSync(join(tmpdir(), 'paritaire-pglite-staging-'))
  const db = await openDatabase({ dataDir: staging })
  try {
    await migrateToLatest(db.db)
  } finally {
    await db.close()
  }
  try {
    renameSync(staging, dir)
  } catch {
    rmSync(staging, { recursive: true, force: true })
  }
  return dir
}

function pgliteTarget(): DatabaseTarget {
  return {
    name: 'pglite',
    async create() {
      const dataDir = mkdtempSync(join(tmpdir(), 'paritaire-test-'))
      cpSync(await pgliteTemplate(), dataDir, { recursive: true })
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
