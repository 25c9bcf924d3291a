/**
 * The embedded database's pid lock after a crash. A server killed with
 * `kill -9` whose parent has not reaped it yet is a zombie: its pid still
 * answers `kill(pid, 0)`, but it holds nothing. An immediate restart on the
 * same directory must take the lock over (it used to be refused with « déjà
 * utilisée par le processus … »); so must a restart when the pid in the lock
 * now belongs to another program. A second server while the first one runs
 * is still refused. (PGlite only: the lock guards the embedded database.)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets, type TestDatabase } from '../utils/db.ts'
import { exited, healthy, SERVER_MAIN as MAIN, spawnRaw as run, spawnServer } from '../utils/raw-server.ts'
import { freePort } from '../utils/server.ts'

const pglite = databaseTargets().find((t) => t.name === 'pglite')!

function procState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null
  } catch { return null }
}

describe('embedded database lock after kill -9', () => {
  let database: TestDatabase
  const children: ChildProcess[] = []
  beforeAll(async () => { database = await pglite.create() })
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) { c.kill('SIGKILL'); await exited(c) }
    await database?.drop()
  })

  const serverEnv = async () => ({ DATA_DIR: database.dataDir!, PORT: String(await freePort()), HOST: '127.0.0.1' })

  it('restarts at once after kill -9 while the dead server is still an unreaped zombie', async () => {
    // `sh` starts the server in the background then becomes `sleep`, which never reaps it.
    const parent = run('sh', ['-c', `"${process.execPath}" --import tsx "${MAIN}" serve & echo "pid=$!"; exec sleep 600`], await serverEnv())
    children.push(parent.child)
    expect(await healthy(parent), parent.output()).toBe(true)
    const pid = Number(/pid=(\d+)/.exec(parent.output())?.[1])
    expect(pid).toBeGreaterThan(0)
    expect(readFileSync(join(database.dataDir!, 'paritaire.pid'), 'utf8')).toMatch(new RegExp(`^${pid}\\b`))

    process.kill(pid, 'SIGKILL')
    // Wait for the kernel to finish killing it: it stays a zombie, since its parent never waits.
    for (let i = 0; i < 100 && procState(pid) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20))
    expect(procState(pid)).toBe('Z')

    const restarted = spawnServer([], await serverEnv())
    children.push(restarted.child)
    expect(await healthy(restarted), restarted.output()).toBe(true)
    expect(restarted.output()).not.toMatch(/déjà utilisée/)

    // While it runs, a second server on the same directory is refused, with the French message.
    const second = spawnServer([], await serverEnv())
    children.push(second.child)
    expect(await healthy(second, 60_000)).toBe(false)
    expect(second.output()).toMatch(new RegExp(`déjà utilisée par le processus ${restarted.child.pid}`))

    restarted.child.kill('SIGKILL')
    await exited(restarted.child)
    parent.child.kill('SIGKILL')
    await exited(parent.child)
  })

  it('takes over a lock whose pid now belongs to another program', async () => {
    const other = spawn('sleep', ['600'])
    children.push(other)
    writeFileSync(join(database.dataDir!, "paritaire.pid"), String(other.pid))
    const server = spawnServer([], await serverEnv())
    children.push(server.child)
    expect(await healthy(server), server.output()).toBe(true)
    server.child.kill('SIGTERM')
    await exited(server.child)
    other.kill('SIGKILL')
  })
})
