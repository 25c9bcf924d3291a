/**
 * The application context: everything a handler or service needs, built once
 * per server and passed down explicitly (no globals). `ficheContent` is
 * mutable on purpose: the database implementation is installed first and the
 * sync part replaces it with the live one (which reads and writes the Y.Docs
 * being edited), so versions include edits not yet flushed to the table.
 */
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import type { LoginRateLimiter } from './auth/rate-limit.ts'
import type { FicheContentStore } from './services/fiche-content.ts'
import type { WorkerPool } from './workers/pool.ts'

export interface DemoInfo {
  logins: { email: string; password: string; organisation: string; name: string; role: string }[]
}

export interface AppContext {
  config: Config
  database: Database
  ficheContent: FicheContentStore
  loginLimiter: LoginRateLimiter
  /** Worker threads for redlines, documents and imports (off the event loop, fair between users). */
  workers: WorkerPool
  /** Set when the demo data was installed at start; shown by /api/health. */
  demo: DemoInfo | null
  /** Cleanup callbacks run by `server.close()` before the database closes (e.g. sync flush). */
  onClose: (() => Promise<void> | void)[]
}
