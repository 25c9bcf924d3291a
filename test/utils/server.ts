/**
 * A Paritaire server as a real child process (`tsx apps/server/src/cli/main.ts
 * serve`) on a free port over a fresh test database, for tests that need
 * process boundaries: crash (`kill9()`), restart on the same database
 * (`restart()`), several instances on one Postgres.
 *
 *   const server = await startTestServer({ target, seed: (db) => seedWorld(db) })
 *   server.seeded   // what seed returned (the database is seeded before the process starts)
 *   await server.kill9(); await server.restart()
 *   await server.stop()   // kills the process and drops the database
 *
 * Options: `env` (extra environment), `demo` (passes --demo), `database` (reuse
 * an existing TestDatabase instead of creating one; it is then not dropped).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { loadConfig, type Database } from '@paritaire/server'
import type { DatabaseTarget, TestDatabase } from './db.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const MAIN = join(ROOT, 'apps', 'server', 'src', 'cli', 'main.ts')

export interface TestServer<S = undefined> {
  url: string
  port: number
  database: TestDatabase
  seeded: S
  /** Output of the current process (stdout + stderr), for diagnostics. */
  output(): string
  stop(): Promise<void>
  kill9(): Promise<void>
  restart(): Promise<void>
}

export interface StartTestServerOptions<S> {
  target: DatabaseTarget
  env?: Record<string, string>
  demo?: boolean
  database?: TestDatabase
  seed?: (db: Database) => Promise<S>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`le serveur s'est arrêté (code ${child.exitCode}) :\n${output()}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) return
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`le serveur n'a pas répondu à temps :\n${output()}`)
}

export async function startTestServer<S = undefined>(options: StartTestServerOptions<S>): Promise<TestServer<S>> {
  const ownsDatabase = !options.database
  const database = options.database ?? (await options.target.create())
  let seeded = undefined as S
  if (options.seed) {
    const db = await database.open()
    try { seeded = await options.seed(db) } finally { await db.close() }
  }
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let child: ChildProcess
  let log = ''

  const spawnChild = async () => {
    log = ''
    const args = [MAIN, 'serve', ...(options.demo ? ['--demo'] : [])]
    // `node --import tsx`, not the tsx CLI: the CLI runs the server in a child
    // process, so kill -9 would hit the wrapper and leave the server running.
    child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: ROOT,
      // The ledger key the seeding contexts (`loadConfig({})`) signed with: the process must verify those seals.
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', PARITAIRE_KEY_FILE: loadConfig({}).ledgerKeyFile, ...database.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const collect = (chunk: Buffer) => { log = (log + chunk.toString('utf8')).slice(-20_000) }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    await waitForHealth(url, child, () => log)
  }

  const exited = (signal: NodeJS.Signals) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    // The server bounds its own stop (SHUTDOWN_TIMEOUT_SECONDS); past that and
    // a margin it is stuck for good: kill it so the suite goes on, and leave
    // its last words in the log, as after a stop that ended in error.
    const stuck = setTimeout(() => {
      console.warn(`le serveur ${url} ne s'est pas arrêté après ${signal} ; SIGKILL.\n${log}`)
      child.kill('SIGKILL')
    }, 30_000)
    child.once('exit', (code) => {
      clearTimeout(stuck)
      if (signal === 'SIGTERM' && code !== 0) console.warn(`le serveur ${url} s'est arrêté avec le code ${code} :\n${log.slice(-4_000)}`)
      resolve()
    })
    child.kill(signal)
  })

  await spawnChild()
  return {
    url,
    port,
    database,
    seeded,
    output: () => log,
    async stop() {
      await exited('SIGTERM')
      if (ownsDatabase) await database.drop()
    },
    async kill9() {
      await exited('SIGKILL')
    },
    async restart() {
      await exited('SIGTERM')
      await spawnChild()
    },
  }
}
