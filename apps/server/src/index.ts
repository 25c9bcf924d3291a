/**
 * @paritaire/server — the public surface used by tests and tools: start a
 * server, open and migrate a database, build a context, and the account and
 * negotiation services that seed data without going through HTTP.
 */
export { loadConfig, ConfigError, type Config } from './config.ts'
export { AppError, onError, errorBody, type ErrorBody } from './errors.ts'
export type { AppContext, DemoInfo } from './context.ts'
export { openDatabase, type Database, type DatabaseKind, type OpenDatabaseOptions } from './db/database.ts'
export { migrateToLatest, migrationsFingerprint } from './db/migrate.ts'
export type { DB, Role, OrganisationKind, VersionStatus } from './db/schema.ts'
export { createApp } from './app.ts'
export { startServer, createContext, openAndMigrate, type RunningServer, type StartOptions } from './server.ts'
export { sessionFromCookieHeader, SESSION_COOKIE } from './auth/session.ts'
export { roleForFiche } from './services/access.ts'
export { createDbFicheContentStore, type FicheContentStore, type Actor } from './services/fiche-content.ts'
export { createOrganisation, createUser } from './services/accounts.ts'
export { createNegotiation, setMember } from './services/negotiations.ts'
export { sessionIdentityOf } from './services/identity.ts'
export { createVersion, verifyChain } from './services/versions.ts'
export { importIntoNegotiation } from './services/import.ts'
export { canonicalJson, contentHash, chainHash } from './services/hash.ts'
export { seedDemo, DEMO_PASSWORD, DEMO_TITLE } from './cli/demo.ts'
export { main as runCli, type CliIo } from './cli/commands.ts'
/** Kysely's raw SQL tag, for tests that must bypass the repositories (immutability, tampering). */
export { sql } from 'kysely'
export { eventHash, verifyLedger } from './services/ledger.ts'
export { verifyPublication } from './services/ledger-verify.ts'
export { ledgerKey } from './services/ledger-key.ts'
export { computeValidity } from './services/validity.ts'
