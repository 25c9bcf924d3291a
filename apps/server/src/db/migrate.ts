/**
 * Applies the registered migrations (see `migrations/index.ts`) with Kysely's
 * `Migrator`. Runs at every boot; already applied migrations are skipped, and
 * Kysely's lock keeps concurrent instances from applying one twice.
 */
import { createHash } from 'node:crypto'
import { Migrator, type Kysely, type MigrationProvider } from 'kysely'
import { migrations } from './migrations/index.ts'

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Resolves to the names of the migrations applied by this call. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'paritaire_migrations', migrationLockTableName: 'paritaire_migrations_lock' })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(`Échec de la migration ${failed?.migrationName ?? ''} : ${error instanceof Error ? error.message : String(error)}`)
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
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
