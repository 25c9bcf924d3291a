/**
 * `serve --demo` publishes well-known passwords, so it listens on 127.0.0.1
 * unless a host is given (`HOST` or `--host`), and says so at start; and
 * `/api/health` shows the demo logins to callers on this machine only, also
 * when the demo server was opened to the network on purpose.
 */
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets, type TestDatabase } from '../utils/db.ts'
import { healthy, spawnServer, stopRaw, type RawServer } from '../utils/raw-server.ts'
import { freePort } from '../utils/server.ts'

const pglite = databaseTargets().find((t) => t.name === 'pglite')!

/** An address of this machine other than loopback (the test needs one). */
function externalAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address
  }
  throw new Error('aucune adresse réseau hors boucle locale sur cette machine')
}

async function health(url: string): Promise<any> {
  return (await fetch(`${url}/api/health`)).json()
}

describe('where a demo server listens', () => {
  let database: TestDatabase
  let server: RawServer | null = null
  const external = externalAddress()
  beforeAll(async () => { database = await pglite.create() })
  afterAll(async () => {
    if (server) await stopRaw(server)
    await database?.drop()
  })

  it('listens on 127.0.0.1 only when no host is given, and says so', async () => {
    const port = await freePort()
    server = spawnServer(['--demo'], { DATA_DIR: database.dataDir!, PORT: String(port) })
    expect(await healthy(server), server.output()).toBe(true)
    expect(server.output()).toContain(`Écoute sur 127.0.0.1:${port} seulement (mode démonstration`)
    expect((await health(server.url)).demoLogins).toHaveLength(4)
    await expect(fetch(`http://${external}:${port}/api/health`)).rejects.toThrow()
    await stopRaw(server)
    server = null
  })

  it('opens to the network with --host, without handing the demo passwords to remote callers', async () => {
    const port = await freePort()
    server = spawnServer(['--demo', '--host', '0.0.0.0'], { DATA_DIR: database.dataDir!, PORT: String(port) })
    expect(await healthy(server), server.output()).toBe(true)
    expect(server.output()).toMatch(/Écoute sur 0\.0\.0\.0:\d+ \(mode démonstration ouvert au réseau/)
    const remote = await health(`http://${external}:${port}`)
    expect(remote).toEqual({ status: 'ok', db: 'pglite', demo: true })
    expect(JSON.stringify(remote)).not.toContain('paritaire-demo')
    expect((await health(`http://127.0.0.1:${port}`)).demoLogins).toHaveLength(4)
    await stopRaw(server)
    server = null
  })

  it('keeps HOST when it is set', async () => {
    const port = await freePort()
    server = spawnServer(['--demo'], { DATA_DIR: database.dataDir!, PORT: String(port), HOST: '0.0.0.0' })
    expect(await healthy(server), server.output()).toBe(true)
    expect((await fetch(`http://${external}:${port}/api/health`)).ok).toBe(true)
    await stopRaw(server)
    server = null
  })
})
