/**
 * Server configuration, parsed once at start-up from the environment with
 * zod. This is the only module that reads `process.env`: everything else
 * receives a `Config` value, so tests can build one by hand and nothing
 * depends on ambient state.
 */
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..')

const intFromEnv = (fallback: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? fallback : Number(v)), z.number().int().nonnegative())

/** Development-only default; the CLI warns when it is used with a Postgres server. */
export const DEFAULT_SESSION_SECRET = 'paritaire-developpement-uniquement'

const envSchema = z.object({
  PORT: intFromEnv(3000),
  HOST: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  DATA_DIR: z.string().default('./data'),
  PARITAIRE_KEY_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  SESSION_SECRET: z.string().min(16).default(DEFAULT_SESSION_SECRET),
  SESSION_TTL_HOURS: intFromEnv(24 * 14),
  MAX_BODY_BYTES: intFromEnv(1024 * 1024),
  MAX_IMPORT_BYTES: intFromEnv(8 * 1024 * 1024),
  LOGIN_MAX_ATTEMPTS: intFromEnv(10),
  LOGIN_WINDOW_SECONDS: intFromEnv(15 * 60),
  EDITOR_DIST: z.string().default(resolve(repoRoot, 'apps/editor/dist')),
  ALLOWED_ORIGINS: z.string().default(''),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  SYNC_MAX_FRAME_BYTES: intFromEnv(16 * 1024 * 1024),
  SYNC_MAX_DOCUMENT_BYTES: intFromEnv(8 * 1024 * 1024),
  SYNC_COMPACT_EVERY: intFromEnv(500),
  SYNC_DORMANT_AFTER_MS: intFromEnv(30_000),
  // Worker threads for redlines, documents and imports: one core is left to the event loop.
  WORKER_THREADS: intFromEnv(Math.max(1, Math.min(4, availableParallelism() - 1))),
  SHUTDOWN_TIMEOUT_SECONDS: intFromEnv(10),
})

export interface Config {
  port: number
  /** Listening address: `HOST`, else every interface (`0.0.0.0`); `serve --demo` listens on 127.0.0.1 unless `hostGiven`. */
  host: string
  /** Whether `HOST` was set (or `--host` given): demo mode then keeps it. */
  hostGiven: boolean
  /** Postgres server; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined
  dataDir: string
  /** The Ed25519 key that signs the ledger's heads: a file outside the database (generated on first start). */
  ledgerKeyFile: string
  sessionSecret: string
  sessionTtlHours: number
  maxBodyBytes: number
  maxImportBytes: number
  loginMaxAttempts: number
  loginWindowSeconds: number
  editorDist: string
  /** Extra origins accepted by the CSRF check besides the server's own. */
  allowedOrigins: string[]
  cookieSecure: 'true' | 'false' | 'auto'
  /** Live sync limits (see docs/sync.md): WebSocket frame size, Yjs document size, log tail before compaction, idle time before a document goes dormant. */
  sync?: { maxFrameBytes: number; maxDocumentBytes: number; compactEvery: number; dormantAfterMs?: number }
  /** Worker threads for CPU-heavy jobs (0: run them in-process). */
  workerThreads: number
  /** How long a stop (SIGTERM, Ctrl-C) may take before the process leaves anyway. */
  shutdownTimeoutMs: number
  repoRoot: string
}

export class ConfigError extends Error {}

/** Parses the environment (by default `process.env`) into a `Config`, or throws a French `ConfigError`. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new ConfigError(`Configuration invalide : ${detail}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    hostGiven: e.HOST !== undefined,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    ledgerKeyFile: resolve(e.PARITAIRE_KEY_FILE ?? resolve(e.DATA_DIR, 'ledger-key.pem')),
    sessionSecret: e.SESSION_SECRET,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxImportBytes: e.MAX_IMPORT_BYTES,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
    editorDist: resolve(e.EDITOR_DIST),
    allowedOrigins: e.ALLOWED_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    cookieSecure: e.COOKIE_SECURE,
    sync: {
      maxFrameBytes: e.SYNC_MAX_FRAME_BYTES,
      maxDocumentBytes: e.SYNC_MAX_DOCUMENT_BYTES,
      compactEvery: Math.max(1, e.SYNC_COMPACT_EVERY),
      dormantAfterMs: Math.max(1, e.SYNC_DORMANT_AFTER_MS),
    },
    workerThreads: e.WORKER_THREADS,
    shutdownTimeoutMs: Math.max(1, e.SHUTDOWN_TIMEOUT_SECONDS) * 1000,
    repoRoot,
  }
}
