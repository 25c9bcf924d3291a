/**
 * The operator's command line: `org add` and `user add` (password on stdin)
 * set up an instance without SQL, and the user created can then log in to
 * the server started on the same database. Bad input gives a French message
 * and a non-zero exit code.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets, type TestDatabase } from '../utils/db.ts'
import { ApiClient } from '../utils/http.ts'
import { startTestServer } from '../utils/server.ts'

const ROOT = join(import.meta.dirname, '..', '..')

function cli(database: TestDatabase, args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['apps/server/src/cli/main.ts', ...args], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...database.env }, stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    child.stdin.end(stdin)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

describe.each(databaseTargets())('CLI org add / user add ($name)', (target) => {
  let database: TestDatabase
  beforeAll(async () => { database = await target.create() })
  afterAll(async () => { await database?.drop() })

  it('creates an organisation and a user who can then log in', async () => {
    const org = await cli(database, ['org', 'add', 'Fédération des photographes', '--kind', 'employer'])
    expect(org.stderr).toBe('')
    expect(org.code).toBe(0)
    expect(org.stdout).toContain('Organisation créée : Fédération des photographes (employer)')

    const user = await cli(database, ['user', 'add', 'Claire@Fede.fr', '--org', 'fédération des photographes', '--name', 'Claire Petit'], 'un-mot-de-passe-solide\n')
    expect(user.code).toBe(0)
    expect(user.stdout).toContain('Utilisateur créé : claire@fede.fr (Claire Petit, Fédération des photographes)')

    const server = await startTestServer({ target, database })
    try {
      const client = new ApiClient(server.url)
      await client.login('claire@fede.fr', 'un-mot-de-passe-solide')
      const me = await client.get('/api/me')
      expect(me.json.organisation).toMatchObject({ name: 'Fédération des photographes', kind: 'employer' })
      if (target.name === 'pglite') {
        // The embedded database is single-process: a second one is turned away instead of corrupting it.
        const busy = await cli(database, ['migrate'])
        expect(busy.code).toBe(1)
        expect(busy.stderr).toContain('déjà utilisée par le processus')
      }
    } finally {
      await server.stop()
    }
  }, 180_000)

  it('refuses bad input with a French message and a non-zero exit code', async () => {
    const kind = await cli(database, ['org', 'add', 'X', '--kind', 'club'])
    expect(kind.code).toBe(1)
    expect(kind.stderr).toContain("Type d'organisation inconnu « club »")
    const weak = await cli(database, ['user', 'add', 'b@fede.fr', '--org', 'Fédération des photographes', '--name', 'B'], 'court\n')
    expect(weak.code).toBe(1)
    expect(weak.stderr).toContain('au moins 8 caractères')
    const usage = await cli(database, ['user', 'add'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('Utilisation')
    const unknown = await cli(database, ['danse'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Commande inconnue')
  }, 180_000)
})
