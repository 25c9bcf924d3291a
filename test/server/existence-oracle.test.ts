/**
 * No existence oracle: a caller outside a negotiation gets exactly the same
 * answer (status, code, message) for the id of something that exists in it
 * and for a random id, on every route that takes an id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFiches, addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import type { ApiClient, ApiResponse } from '../utils/http.ts'

type Call = (client: ApiClient, id: string) => Promise<ApiResponse>

const versionCalls: Record<string, Call> = {
  'GET /api/versions/:id': (c, id) => c.get(`/api/versions/${id}`),
  'GET /api/versions/:id/verify': (c, id) => c.get(`/api/versions/${id}/verify`),
  'POST /api/versions/:id/status': (c, id) => c.post(`/api/versions/${id}/status`, { status: 'proposal' }),
  'POST /api/versions/:id/signatures': (c, id) => c.post(`/api/versions/${id}/signatures`, {}),
  'POST /api/versions/:id/restore': (c, id) => c.post(`/api/versions/${id}/restore`, {}),
  'GET /api/diff?from=:id&to=live': (c, id) => c.get(`/api/diff?from=${id}&to=live`),
  'GET /api/diff?from=:id&to=:id': (c, id) => c.get(`/api/diff?from=${id}&to=${id}`),
}
const ficheCalls: Record<string, Call> = {
  'GET /api/fiches/:id': (c, id) => c.get(`/api/fiches/${id}`),
  'PUT /api/fiches/:id': (c, id) => c.put(`/api/fiches/${id}`, {}),
  'DELETE /api/fiches/:id': (c, id) => c.delete(`/api/fiches/${id}`),
}
const negotiationCalls: Record<string, Call> = {
  'GET /api/negotiations/:id': (c, id) => c.get(`/api/negotiations/${id}`),
  'GET /api/negotiations/:id/fiches': (c, id) => c.get(`/api/negotiations/${id}/fiches`),
  'POST /api/negotiations/:id/fiches': (c, id) => c.post(`/api/negotiations/${id}/fiches`, { intitule: 'x' }),
  'GET /api/negotiations/:id/texte': (c, id) => c.get(`/api/negotiations/${id}/texte`),
  'GET /api/negotiations/:id/versions': (c, id) => c.get(`/api/negotiations/${id}/versions`),
  'POST /api/negotiations/:id/versions': (c, id) => c.post(`/api/negotiations/${id}/versions`, { label: 'x' }),
  'GET /api/negotiations/:id/versions/verify': (c, id) => c.get(`/api/negotiations/${id}/versions/verify`),
  'GET /api/negotiations/:id/audit': (c, id) => c.get(`/api/negotiations/${id}/audit`),
  'GET /api/negotiations/:id/proposals': (c, id) => c.get(`/api/negotiations/${id}/proposals`),
  'POST /api/negotiations/:id/members': (c, id) => c.post(`/api/negotiations/${id}/members`, { organisation: 'x', role: 'viewer' }),
}

describe.each(databaseTargets())('existence oracle ($name)', (target) => {
  let w: ApiWorld
  let versionId: string
  let ficheId: string
  beforeAll(async () => {
    w = await startApiWorld(target)
    ficheId = (await addFiches(w, ["Opérateur de prise de vue"]))[0]!
    versionId = (await addVersion(w, 'v1')).id
  })
  afterAll(async () => { await w?.stop() })

  const sameAnswer = async (calls: Record<string, Call>, existing: () => string) => {
    for (const [name, call] of Object.entries(calls)) {
      const real = await call(w.as.outsider, existing())
      const random = await call(w.as.outsider, `inexistant-${Math.random().toString(36).slice(2)}`)
      expect({ name, status: real.status, json: real.json }).toEqual({ name, status: random.status, json: random.json })
      expect(real.status, name).toBe(404)
    }
  }

  it('answers a non-member the same for an existing and a random version id', async () => {
    await sameAnswer(versionCalls, () => versionId)
  })

  it('answers a non-member the same for an existing and a random fiche or negotiation id', async () => {
    await sameAnswer(ficheCalls, () => ficheId)
    await sameAnswer(negotiationCalls, () => w.negotiationId)
  })

  it('still tells a member what it may not do', async () => {
    const res = await w.as.viewer.post(`/api/versions/${versionId}/status`, { status: 'proposal' })
    expect(res.status).toBe(403)
  })
})
