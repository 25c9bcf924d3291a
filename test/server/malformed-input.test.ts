/**
 * Bad input never produces a 500: malformed JSON, wrong types, unknown
 * fields, a wrong content type, oversized bodies and invalid fiches are
 * answered with a 4xx, a stable code, a French message and, where it
 * applies, the path of the faulty field; nothing stored is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFiches, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

describe.each(databaseTargets())('malformed input ($name)', (target) => {
  let w: ApiWorld
  let ficheId: string
  beforeAll(async () => {
    w = await startApiWorld(target, { MAX_BODY_BYTES: String(64 * 1024) })
    ficheId = (await addFiches(w, ["Opérateur"]))[0]!
  })
  afterAll(async () => { await w?.stop() })

  it('answers malformed JSON with 400 json_invalide', async () => {
    const res = await w.as.chair.request('POST', '/api/negotiations', { body: '{"title": "x",', headers: { 'content-type': 'application/json' } })
    expect(res.status).toBe(400)
    expect(res.json.error.code).toBe('json_invalide')
    expect(res.json.error.message).toMatch(/JSON valide/)
  })

  it('answers wrong types and unknown fields with 400 and the field path', async () => {
    const wrong = await w.as.chair.post('/api/negotiations', { title: 42 })
    expect(wrong.status).toBe(400)
    expect(wrong.json.error).toMatchObject({ code: 'corps_invalide', path: ['title'] })
    expect(wrong.json.error.message).toMatch(/title/)
    const unknown = await w.as.chair.post('/api/negotiations', { title: 'x', admin: true })
    expect(unknown.status).toBe(400)
    expect(unknown.json.error.message).toMatch(/admin/)
    const array = await w.as.chair.post('/api/negotiations', [1, 2])
    expect(array.status).toBe(400)
    const role = await w.as.chair.post(`/api/negotiations/${w.negotiationId}/members`, { organisation: 'x', role: 'roi' })
    expect(role.json.error.path).toEqual(['role'])
    const status = await w.as.chair.post('/api/versions/x/status', { status: null })
    expect(status.status).toBe(400)
  })

  it('refuses a non-JSON body on JSON routes', async () => {
    const res = await w.as.chair.request('POST', '/api/negotiations', { body: 'title=x', headers: { 'content-type': 'text/plain', 'x-requested-with': 't' } })
    expect(res.status).toBe(415)
    expect(res.json.error.code).toBe('type_contenu_invalide')
  })

  it('refuses oversized bodies with 413', async () => {
    const res = await w.as.chair.post('/api/negotiations', { title: 'x'.repeat(100 * 1024) })
    expect(res.status).toBe(413)
    expect(res.json.error.code).toBe('corps_trop_volumineux')
  })

  it('refuses an invalid fiche with 422 naming the failing field, and keeps the stored one', async () => {
    const before = (await w.as.chair.get(`/api/fiches/${ficheId}`)).json.fiche
    const bad = { ...before, classement: { ...before.classement, coefficient: 'cent cinquante' } }
    const res = await w.as.chair.put(`/api/fiches/${ficheId}`, bad)
    expect(res.status).toBe(422)
    expect(res.json.error.code).toBe('fiche_invalide')
    expect(res.json.error.path).toEqual(['classement', 'coefficient'])
    expect(res.json.error.message).toMatch(/Classement/)
    expect(res.json.error.details.issues.length).toBeGreaterThan(0)
    const missingSection = { ...before }
    delete (missingSection as any).acces
    const res2 = await w.as.chair.put(`/api/fiches/${ficheId}`, missingSection)
    expect(res2.status).toBe(422)
    expect(res2.json.error.message).toMatch(/manquante/)
    for (const body of [null, 'texte', 42, []]) {
      const r = await w.as.chair.put(`/api/fiches/${ficheId}`, body)
      expect(r.status).toBe(422)
    }
    const after = (await w.as.chair.get(`/api/fiches/${ficheId}`)).json.fiche
    expect(after).toEqual(before)
  })

  it('survives a barrage of odd requests without a single 500', async () => {
    const n = w.negotiationId
    const odd: [string, string, string | undefined, Record<string, string>][] = [
      ['POST', `/api/negotiations/${n}/versions`, '{"label": ""}', {}],
      ['POST', `/api/negotiations/${n}/versions`, '{"label": "x", "proposalId": "inconnue"}', {}],
      ['POST', `/api/negotiations/${n}/fiches`, '{"fiche": {"id": 3}}', {}],
      ['POST', `/api/negotiations/${n}/fiches`, '{"intitule": "x", "proposalId": "inconnue"}', {}],
      ['POST', `/api/negotiations/${n}/proposals`, '{"fromVersionId": "", "label": "x"}', {}],
      ['POST', '/api/versions/inconnue/signatures', '{"date": "2026-13-45"}', {}],
      ['POST', '/api/versions/inconnue/restore', '{}', {}],
      ['GET', `/api/negotiations/${n}/fiches?proposal=%00`, undefined, {}],
      ['GET', `/api/fiches/${'x'.repeat(5000)}`, undefined, {}],
      ['GET', '/api/negotiations/%E2%82', undefined, {}],
      ['PUT', `/api/fiches/${ficheId}`, '{"id":', {}],
      ['POST', '/api/auth/login', '{"email": [], "password": {}}', {}],
      ['POST', '/api/auth/login', '\u0000\u0000', {}],
      ['DELETE', '/api/fiches/inconnue', undefined, { 'x-requested-with': 't' }],
      ['PATCH', `/api/fiches/${ficheId}`, '{}', {}],
    ]
    for (const [method, path, body, headers] of odd) {
      const res = await w.as.chair.request(method, path, { ...(body !== undefined ? { body } : {}), headers: { 'content-type': 'application/json', ...headers } })
      expect(res.status, `${method} ${path} → ${res.status} ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400)
      expect(res.status, `${method} ${path} → ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500)
      expect(res.json?.error?.message, `${method} ${path}`).toEqual(expect.any(String))
    }
    expect((await w.as.chair.get('/api/me')).status).toBe(200)
  })
})
