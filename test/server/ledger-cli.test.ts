/**
 * The ledger's two commands. `paritaire verify` checks a published text
 * offline (saved JSON and PEM key) or by URL, and exits 1 on a forged text.
 * `paritaire db-role` (Postgres) creates the role `serve` runs as: it reads
 * and writes rows, but cannot ALTER a table, disable a trigger, TRUNCATE,
 * nor UPDATE/DELETE an append-only table — and a server runs with it.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, openDatabase, sql, startServer } from '@paritaire/server'
import { addFiches, addVersion, advance, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

const ROOT = join(import.meta.dirname, '..', '..')

function cli(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['apps/server/src/cli/main.ts', ...args], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    child.stdin.end(stdin)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

describe('paritaire verify', () => {
  let w: ApiWorld
  const dir = mkdtempSync(join(tmpdir(), 'paritaire-verify-'))
  beforeAll(async () => {
    w = await startApiWorld(databaseTargets()[0]!)
    await addFiches(w, ['Photographe'])
    const v = await addVersion(w, 'Avenant n° 7')
    await advance(w, v.id, 'published')
  })
  afterAll(async () => { await w?.stop() })

  it('accepts the published text offline and by URL, and refuses a forged one', async () => {
    const page = (await w.anonymous.get(`/p/${w.slug}?format=json`)).json
    const key = (await w.anonymous.get('/api/ledger/key')).json.publicKey as string
    writeFileSync(join(dir, 'texte.json'), JSON.stringify(page))
    writeFileSync(join(dir, 'cle.pem'), key)
    const ok = await cli(['verify', join(dir, 'texte.json'), '--key', join(dir, 'cle.pem')])
    expect(ok.stderr).toBe('')
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/Texte authentique : version \d+ « Avenant n° 7 »/)

    const byUrl = await cli(['verify', `${w.server.url}/p/${w.slug}`])
    expect(byUrl.code).toBe(0)

    page.texte.fiches[0].classement.coefficient = 999
    writeFileSync(join(dir, 'falsifie.json'), JSON.stringify(page))
    const forged = await cli(['verify', join(dir, 'falsifie.json'), '--key', join(dir, 'cle.pem')])
    expect(forged.code).toBe(1)
    expect(forged.stdout).toContain('Falsification détectée')

    expect((await cli(['verify', join(dir, 'texte.json')])).code).toBe(2)
  })
})

const postgres = databaseTargets().find((t) => t.name === 'postgres')

describe.runIf(postgres)('paritaire db-role (postgres)', () => {
  it('creates a role that can run the server but not alter, disable triggers, truncate or rewrite history', async () => {
    const database = await postgres!.create()
    const role = `paritaire_app_${Math.random().toString(36).slice(2, 8)}`
    const password = 'mot-de-passe-du-role-app'
    try {
      // Migrated by the owner first, as `paritaire migrate` would.
      const owner = await database.open()
      const { migrateToLatest } = await import('@paritaire/server')
      await migrateToLatest(owner.db)
      await owner.close()

      const made = await cli(['db-role', role], database.env, `${password}\n`)
      expect(made.stderr).toBe('')
      expect(made.code).toBe(0)
      const url = new URL(database.databaseUrl!)
      url.username = role
      url.password = password
      const app = await openDatabase({ databaseUrl: url.toString(), maxConnections: 1 })
      try {
        const refused = async (query: string) => {
          const error = await sql.raw(query).execute(app.db).then(() => null, (e: Error) => e)
          expect(error, query).not.toBeNull()
          return error!.message
        }
        expect(await refused('alter table signatures disable trigger all')).toMatch(/owner|propriétaire/)
        expect(await refused('alter table versions disable trigger versions_guard')).toMatch(/owner|propriétaire/)
        expect(await refused('truncate signatures')).toMatch(/permission|droit/)
        expect(await refused("update audit_events set action = 'x'")).toMatch(/permission|droit/)
        expect(await refused('drop table publications')).toMatch(/owner|propriétaire/)
        await sql`select count(*) from versions`.execute(app.db)
      } finally {
        await app.close()
      }
      // The server starts and answers with the DML-only role.
      const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url.toString(), DATA_DIR: mkdtempSync(join(tmpdir(), 'paritaire-role-')) }))
      try {
        const health = await fetch(`${server.url}/api/health`)
        expect(health.status).toBe(200)
      } finally {
        await server.close()
      }
    } finally {
      await database.drop()
      const admin = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, maxConnections: 1 })
      await sql.raw(`drop role if exists ${role}`).execute(admin.db).catch(() => {})
      await admin.close()
    }
  })
})
