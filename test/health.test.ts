/**
 * The real server, as `npm start` runs it, in a child process: health reports
 * which database is in use, and the built editor is served (with the SPA
 * fallback for client-side routes).
 */
import { get } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from './utils/db.ts'
import { startTestServer, type TestServer } from './utils/server.ts'

describe.each(databaseTargets())('health and editor ($name)', (target) => {
  let server: TestServer
  beforeAll(async () => { server = await startTestServer({ target }) })
  afterAll(async () => { await server?.stop() })

  it('reports the database in use', async () => {
    const health = await fetch(`${server.url}/api/health`)
    expect(await health.json()).toEqual({ status: 'ok', db: target.name })
  })

  it('serves the editor page, also for client-side routes', async () => {
    for (const path of ['/', '/negociations/quelque-chose']) {
      const page = await fetch(`${server.url}${path}`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<div id="root">')
    }
  })

  it('answers unknown API routes with the JSON error format', async () => {
    const res = await fetch(`${server.url}/api/n-existe-pas`)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'route_inconnue', message: expect.stringContaining('Route inconnue') } })
  })

  it('keeps idle connections longer than the proxies in front of it and the pools of its clients', async () => {
    // A pooled socket the server closes at the moment a client reuses it is an
    // ECONNRESET for that client: Node's default 5 s made such resets common.
    const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
      get(`${server.url}/api/health`, { headers: { connection: 'keep-alive' } }, (res) => {
        res.resume()
        resolve(String(res.headers['keep-alive'] ?? ''))
      }).on('error', reject)
    })
    expect(Number(/timeout=(\d+)/.exec(keepAlive ?? '')?.[1])).toBeGreaterThanOrEqual(60)
  })
})
