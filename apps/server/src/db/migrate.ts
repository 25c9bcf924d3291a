/**
 * Applies the registered migrations (see `migrations/index.ts`) with Kysely's
 * `Migrator`. Runs at every boot; already applied migrations are skipped, and
 * Kysely's lock keeps concurrent instances from applying one twice. A boot
 * on a database that has exactly the registered migrations — nearly every
 * boot — reads the history once and stops there: the migrator's lock round
 * costs the embedded database's start some 0.1–0.5 s for nothing.
 */
import { createHash } from 'node:crypto'
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely'
import { migrations } from './migrations/index.ts'

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Resolves to the names of the migrations applied by this call. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (await upToDate(db)) return []
  const migrator = new Migrator({ db, provider, migrationTableName: 'paritaire_migrations', migrationLockTableName: 'paritaire_migrations_lock' })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(`Échec de la migration ${failed?.migrationName ?? ''} : ${error instanceof Error ? error.message : String(error)}`)
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/**
 * True when the applied history is exactly the registered migrations. Any
 * other case (a new database, a pending migration, a history this code does
 * not know) goes to the migrator, which applies or refuses as before.
 */
async function upToDate(db: Kysely<any>): Promise<boolean> {
  let applied: string[]
  try {
    applied = (await sql<{ name: string }>`select name from paritaire_migrations`.execute(db)).rows.map((r) => r.name)
  } catch {
    return false // no history table yet
  }
  const registered = new Set(Object.keys(migrations))
  return applied.length === registered.size && applied.every((name) => registered.has(name))
}

/**
 * A fingerprint of the registered migrations (names and code), e.g. to key a
 * cached, already migrated test database: it changes whenever a migration is
 * added or edited.
 */
export function migrationsFingerprint(): string {
  const parts = Object.keys(migrations).sort().map((name) => `${name}\n${String(migrations[name]?.up)}`)
  return createHash('sha256').update(parts.join('\n\n')).digest('hex')
}
