/**
 * Sessions and their protections: login sets an httpOnly SameSite=Lax
 * cookie, /api/me answers who is logged in, logout ends the session; wrong
 * passwords are refused and repeated failures rate-limited; state-changing
 * requests need JSON or X-Requested-With, and a foreign Origin is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import { ApiClient } from '../utils/http.ts'
import { PASSWORD } from '../utils/seed.ts'

describe.each(databaseTargets())('authentication ($name)', (target) => {
  let w: ApiWorld
  beforeAll(async () => { w = await startApiWorld(target, { LOGIN_MAX_ATTEMPTS: '3' }) })
  afterAll(async () => { await w?.stop() })

  it('logs in with an httpOnly SameSite=Lax cookie and logs out', async () => {
    const client = new ApiClient(w.server.url)
    const res = await client.post('/api/auth/login', { email: w.users.editor.email.toUpperCase(), password: PASSWORD })
    expect(res.status).toBe(200)
    const cookie = res.headers.getSetCookie()[0] ?? ''
    expect(cookie).toMatch(/^paritaire_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const me = await client.get('/api/me')
    expect(me.json).toEqual({
      user: { id: w.users.editor.userId, email: w.users.editor.email, name: expect.any(String) },
      organisation: { id: w.users.editor.organisationId, name: w.users.editor.organisation, kind: 'union' },
    })
    const token = client.cookies.get('paritaire_session')
    expect((await client.post('/api/auth/logout', {})).status).toBe(204)
    expect((await client.get('/api/me')).status).toBe(401)
    // The old token is dead server-side, not only forgotten by the client.
    const replay = await new ApiClient(w.server.url).get('/api/me', { headers: { cookie: `paritaire_session=${token}` } })
    expect(replay.status).toBe(401)
  })

  it('refuses wrong credentials with the same answer for unknown emails', async () => {
    const wrong = await new ApiClient(w.server.url).post('/api/auth/login', { email: w.users.viewer.email, password: 'mauvais-mot' })
    const unknown = await new ApiClient(w.server.url).post('/api/auth/login', { email: 'personne@nulle.part', password: 'mauvais-mot' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.json).toEqual(unknown.json)
    expect(wrong.json.error.message).toMatch(/incorrect/)
  })

  it('rate-limits repeated failures for one email', async () => {
    const client = new ApiClient(w.server.url)
    const email = w.users.commenter.email
    for (let i = 0; i < 3; i++) expect((await client.post('/api/auth/login', { email, password: `faux-${i}` })).status).toBe(401)
    const blocked = await client.post('/api/auth/login', { email, password: PASSWORD })
    expect(blocked.status).toBe(429)
    expect(blocked.json.error.code).toBe('trop_de_tentatives')
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another account from the same address is not affected.
    expect((await client.post('/api/auth/login', { email: w.users.chair.email, password: PASSWORD })).status).toBe(200)
  })

  it('applies the CSRF rule to state-changing requests', async () => {
    const c = w.as.chair
    const form = await c.request('POST', '/api/negotiations', { body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(form.status).toBe(403)
    expect(form.json.error.code).toBe('csrf')
    const foreign = await c.post('/api/negotiations', { title: 'x' }, { headers: { origin: 'https://malveillant.example' } })
    expect(foreign.status).toBe(403)
    expect(foreign.json.error.code).toBe('origine_refusee')
    const crossSite = await c.post('/api/negotiations', { title: 'x' }, { headers: { 'sec-fetch-site': 'cross-site' } })
    expect(crossSite.status).toBe(403)
    const sameOrigin = await c.post('/api/negotiations', { title: 'Même origine' }, { headers: { origin: w.server.url } })
    expect(sameOrigin.status).toBe(201)
    const del = await c.request('DELETE', '/api/fiches/inconnue')
    expect(del.status).toBe(403)
    // Reads are not concerned.
    expect((await c.get('/api/negotiations', { headers: { origin: 'https://ailleurs.example' } })).status).toBe(200)
  })
})
