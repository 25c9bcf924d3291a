/**
 * A server process started exactly as given (command, arguments,
 * environment), for tests about how it starts: where it listens, what it
 * prints, how it takes the embedded database's lock. `startTestServer`
 * (server.ts) is the usual way; it fixes HOST and waits for health itself.
 *
 *   const s = spawnRaw(process.execPath, ['--import', 'tsx', MAIN, 'serve'], { DATA_DIR, PORT })
 *   expect(await healthy(s)).toBe(true); s.output()
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..')
export const SERVER_MAIN = join(ROOT, 'apps', 'server', 'src', 'cli', 'main.ts')

export interface RawServer { child: ChildProcess; url: string; output: () => string }

/** Spawns `command` with the environment `env` on top of ours (without DATABASE_URL and HOST unless given). */
export function spawnRaw(command: string, args: string[], env: Record<string, string>): RawServer {
  const base: Record<string, string | undefined> = { ...process.env, DATABASE_URL: '' }
  delete base.HOST
  const child = spawn(command, args, { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout?.on('data', (c: Buffer) => { log = (log + c.toString('utf8')).slice(-20_000) })
  child.stderr?.on('data', (c: Buffer) => { log = (log + c.toString('utf8')).slice(-20_000) })
  return { child, url: `http://127.0.0.1:${env.PORT}`, output: () => log }
}

/** The server process: `node --import tsx main.ts serve …args`. */
export function spawnServer(args: string[], env: Record<string, string>): RawServer {
  return spawnRaw(process.execPath, ['--import', 'tsx', SERVER_MAIN, 'serve', ...args], env)
}

/** True once `/api/health` answers; false if the process exits first or the time runs out. */
export async function healthy(s: RawServer, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (s.child.exitCode !== null) return false
    try { if ((await fetch(`${s.url}/api/health`)).ok) return true } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 150))
  }
  return false
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
  })
}

/** Kills the process (SIGTERM unless told) and waits for its exit. */
export async function stopRaw(s: RawServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill(signal)
  await exited(s.child)
}
