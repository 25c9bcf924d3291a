/**
 * `serve --demo` (what `npm start` runs): on the embedded database it
 * installs the demo organisations, users and the photography negotiation
 * imported from the corpus avenant, idempotently across restarts; on a
 * DATABASE_URL server it installs nothing unless `--demo=force` is given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { ApiClient } from '../utils/http.ts'
import { startTestServer, type TestServer } from '../utils/server.ts'

const DEMO_PASSWORD = 'paritaire-demo'
const [pglite, postgresTarget] = databaseTargets()

describe('demo data on the embedded database', () => {
  let server: TestServer
  beforeAll(async () => { server = await startTestServer({ target: pglite!, demo: true }) })
  afterAll(async () => { await server?.stop() })

  it('prints the URL and the logins, and creates the demo negotiation', async () => {
    expect(server.output()).toContain(`Paritaire : http://`)
    expect(server.output()).toContain('cgt@demo.paritaire.fr')
    const health = await (await fetch(`${server.url}/api/health`)).json()
    expect(health).toMatchObject({ status: 'ok', db: 'pglite', demo: true })
    expect(health.demoLogins.map((l: any) => l.email)).toEqual(['fnp@demo.paritaire.fr', 'cgt@demo.paritaire.fr', 'cfdt@demo.paritaire.fr', 'dgt@demo.paritaire.fr'])

    const cgt = await new ApiClient(server.url).login('cgt@demo.paritaire.fr', DEMO_PASSWORD)
    const list = (await cgt.get('/api/negotiations')).json.negotiations
    expect(list).toEqual([expect.objectContaining({ title: 'Classifications — Photographie (IDCC 3168)', idcc: '3168', role: 'editor' })])
    const detail = (await cgt.get(`/api/negotiations/${list[0].id}`)).json.negotiation
    expect(detail.members.map((m: any) => [m.organisation.name, m.role])).toEqual([['FNP', 'chair'], ['CGT', 'editor'], ['CFDT', 'editor'], ['DGT', 'viewer']])
    expect((await cgt.get(`/api/negotiations/${list[0].id}/fiches`)).json.fiches).toHaveLength(114)
    expect((await cgt.get(`/api/negotiations/${list[0].id}/versions`)).json.versions).toHaveLength(1)

    const dgt = await new ApiClient(server.url).login('dgt@demo.paritaire.fr', DEMO_PASSWORD)
    expect((await dgt.post(`/api/negotiations/${list[0].id}/versions`, { label: 'x' })).status).toBe(403)
  })

  it('changes nothing on a second start', async () => {
    await server.restart()
    const fnp = await new ApiClient(server.url).login('fnp@demo.paritaire.fr', DEMO_PASSWORD)
    const list = (await fnp.get('/api/negotiations')).json.negotiations
    expect(list).toHaveLength(1)
    expect((await fnp.get(`/api/negotiations/${list[0].id}/versions`)).json.versions).toHaveLength(1)
  })
})

describe.runIf(postgresTarget)('no demo data on DATABASE_URL unless forced', () => {
  it('ignores --demo on a Postgres server', async () => {
    const server = await startTestServer({ target: postgresTarget!, demo: true })
    try {
      const health = await (await fetch(`${server.url}/api/health`)).json()
      expect(health).toEqual({ status: 'ok', db: 'postgres' })
      const login = await new ApiClient(server.url).post('/api/auth/login', { email: 'cgt@demo.paritaire.fr', password: DEMO_PASSWORD })
      expect(login.status).toBe(401)
    } finally {
      await server.stop()
    }
  })
})
