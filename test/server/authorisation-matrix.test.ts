/**
 * The authorisation matrix: every API route × {anonymous, outsider (not a
 * member), viewer, commenter, editor, chair}. Anonymous callers get 401; an
 * organisation that is not a member gets 404 for anything inside the
 * negotiation (no existence leak); members whose role does not allow the
 * action get 403; allowed roles succeed. Resources a call consumes (a fiche
 * to delete, a version to agree…) are made fresh for each call.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNegotiation, sessionIdentityOf, setMember } from '@paritaire/server'
import { addFiches, addVersion, advance, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import type { ApiClient } from '../utils/http.ts'
import { seedUser, type WorldRole } from '../utils/seed.ts'

type Caller = WorldRole | 'anonymous'
const CALLERS: Caller[] = ['anonymous', 'outsider', 'viewer', 'commenter', 'editor', 'chair']
const MEMBERS: WorldRole[] = ['viewer', 'commenter', 'editor', 'chair']
const WRITERS: WorldRole[] = ['editor', 'chair']

const SOURCE = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'corpus', '000_3b919145baffd6f2.txt'), 'utf8')

interface Case {
  name: string
  allowed: WorldRole[] | 'any-user'
  /** Prepares what the call needs and makes it. */
  call: (client: ApiClient, w: ApiWorld) => Promise<{ status: number; text: string }>
}

/** A negotiation with the same memberships as the world's, for calls that need a fresh one. */
async function freshNegotiation(w: ApiWorld): Promise<string> {
  const ctx = w.server.ctx
  const chair = await sessionIdentityOf(ctx.database.db, w.users.chair.email)
  const n = await createNegotiation(ctx, chair, { title: 'Négociation fraîche' })
  for (const role of ['editor', 'commenter', 'viewer'] as const) await setMember(ctx, chair, n.id, { organisation: w.users[role].organisation, role })
  return n.id
}

const cases = (): Case[] => {
  let ficheId = ''
  let versionId = ''
  const nid = (w: ApiWorld) => w.negotiationId
  const list: Case[] = [
    { name: 'GET /api/me', allowed: 'any-user', call: (c) => c.get('/api/me') },
    { name: 'GET /api/organisations', allowed: 'any-user', call: (c) => c.get('/api/organisations') },
    { name: 'GET /api/negotiations', allowed: 'any-user', call: (c) => c.get('/api/negotiations') },
    // The viewer's organisation is an administration: administrations follow negotiations, they do not open them.
    { name: 'POST /api/negotiations', allowed: ['outsider', 'commenter', 'editor', 'chair'], call: (c) => c.post('/api/negotiations', { title: 'Nouvelle' }) },
    { name: 'GET /api/negotiations/:id', allowed: MEMBERS, call: (c, w) => c.get(`/api/negotiations/${nid(w)}`) },
    { name: 'GET /api/negotiations/:id/audit', allowed: MEMBERS, call: (c, w) => c.get(`/api/negotiations/${nid(w)}/audit`) },
    { name: 'POST /api/negotiations/:id/members', allowed: ['chair'], call: (c, w) => c.post(`/api/negotiations/${nid(w)}/members`, { organisation: 'Org spare', role: 'viewer' }) },
    {
      name: 'POST /api/negotiations/:id/import', allowed: WRITERS,
      call: async (c, w) => c.request('POST', `/api/negotiations/${await freshNegotiation(w)}/import`, { body: SOURCE, headers: { 'content-type': 'text/plain', 'x-requested-with': 'test' } }),
    },
    { name: 'GET /api/negotiations/:id/fiches', allowed: MEMBERS, call: (c, w) => c.get(`/api/negotiations/${nid(w)}/fiches`) },
    { name: 'POST /api/negotiations/:id/fiches', allowed: WRITERS, call: (c, w) => c.post(`/api/negotiations/${nid(w)}/fiches`, { intitule: 'Créée' }) },
    { name: 'GET /api/negotiations/:id/texte', allowed: MEMBERS, call: (c, w) => c.get(`/api/negotiations/${nid(w)}/texte`) },
    {
      name: 'PUT /api/negotiations/:id/texte', allowed: WRITERS,
      call: async (c, w) => c.put(`/api/negotiations/${nid(w)}/texte`, (await w.as.chair.get(`/api/negotiations/${nid(w)}/texte`)).json.texte),
    },
    { name: 'GET /api/fiches/:id', allowed: MEMBERS, call: (c) => c.get(`/api/fiches/${ficheId}`) },
    {
      name: 'PUT /api/fiches/:id', allowed: WRITERS,
      call: async (c, w) => {
        const fiche = (await w.as.chair.get(`/api/fiches/${ficheId}`)).json.fiche
        return c.put(`/api/fiches/${ficheId}`, { ...fiche, objet: { ...fiche.objet, content: [{ type: 'paragraph', content: [{ text: 'Modifiée', marks: [] }] }] } })
      },
    },
    { name: 'DELETE /api/fiches/:id', allowed: WRITERS, call: async (c, w) => c.delete(`/api/fiches/${(await addFiches(w, ['À supprimer']))[0]}`) },
    { name: 'GET /api/negotiations/:id/versions', allowed: MEMBERS, call: (c, w) => c.get(`/api/negotiations/${nid(w)}/versions`) },
    { name: 'POST /api/negotiations/:id/versions', allowed: WRITERS, call: (c, w) => c.post(`/api/negotiations/${nid(w)}/versions`, { label: 'Version' }) },
    { name: 'GET /api/negotiations/:id/versions/verify', allowed: MEMBERS, call: (c, w) => c.get(`/api/negotiations/${nid(w)}/versions/verify`) },
    { name: 'GET /api/versions/:id', allowed: MEMBERS, call: (c) => c.get(`/api/versions/${versionId}`) },
    { name: 'GET /api/versions/:id/verify', allowed: MEMBERS, call: (c) => c.get(`/api/versions/${versionId}/verify`) },
    {
      name: 'POST /api/versions/:id/status (proposal → agreed)', allowed: ['chair'],
      call: async (c, w) => { const v = await addVersion(w, 'À valider'); await advance(w, v.id, 'proposal'); return c.post(`/api/versions/${v.id}/status`, { status: 'agreed' }) },
    },
    {
      name: 'POST /api/versions/:id/signatures', allowed: WRITERS,
      call: async (c, w) => { const v = await addVersion(w, 'À signer'); await advance(w, v.id, 'agreed'); return c.post(`/api/versions/${v.id}/signatures`, {}) },
    },
    {
      // A signature earlier in the matrix locks the common text: the chair opens a new round first (404 when not locked).
      name: 'POST /api/versions/:id/restore', allowed: WRITERS,
      call: async (c, w) => { await w.as.chair.post(`/api/negotiations/${w.negotiationId}/unlock`, { fiche: null }); return c.post(`/api/versions/${versionId}/restore`, {}) },
    },
    { name: 'GET /api/negotiations/:id/proposals', allowed: MEMBERS, call: (c, w) => c.get(`/api/negotiations/${nid(w)}/proposals`) },
    { name: 'POST /api/negotiations/:id/proposals', allowed: WRITERS, call: (c, w) => c.post(`/api/negotiations/${nid(w)}/proposals`, { fromVersionId: versionId, label: 'Contre-proposition' }) },
    {
      // The chair, or the proposal's own organisation (the editor's here); a commenter or viewer of another organisation may not.
      name: 'POST /api/proposals/:id/bring-back', allowed: WRITERS,
      call: async (c, w) => {
        const created = await w.as.editor.post(`/api/negotiations/${nid(w)}/proposals`, { fromVersionId: versionId, label: 'Projet à ramener' })
        return c.post(`/api/proposals/${created.json.proposal.id}/bring-back`, {})
      },
    },
  ]
  // Setup pseudo-case, run first: creates the shared fiche and version.
  const setup: Case = {
    name: '(préparation)', allowed: 'any-user',
    call: async (_c, w) => {
      if (!ficheId) {
        ficheId = (await addFiches(w, ['Opérateur']))[0]!
        versionId = (await addVersion(w, 'Base')).id
      }
      return { status: 200, text: '' }
    },
  }
  return [setup, ...list]
}

describe.each(databaseTargets())('authorisation matrix ($name)', (target) => {
  let w: ApiWorld
  beforeAll(async () => {
    w = await startApiWorld(target)
    await seedUser(w.server.ctx, 'spare')
  })
  afterAll(async () => { await w?.stop() })

  it('gives each caller exactly the answer its role allows, on every route', async () => {
    const failures: string[] = []
    let checked = 0
    for (const c of cases()) {
      for (const caller of CALLERS) {
        const client = caller === 'anonymous' ? w.anonymous : w.as[caller]
        const res = await c.call(client, w)
        if (c.name === '(préparation)') continue
        checked++
        const allowed = caller !== 'anonymous' && (c.allowed === 'any-user' || c.allowed.includes(caller))
        const expected = caller === 'anonymous' ? [401]
          : allowed ? [200, 201, 204]
          : caller === 'outsider' ? [404]
          : [403]
        if (!expected.includes(res.status)) failures.push(`${c.name} as ${caller}: ${res.status} (attendu ${expected.join('/')}) ${res.text.slice(0, 200)}`)
      }
    }
    expect(failures).toEqual([])
    expect(checked).toBe(26 * CALLERS.length)
  })

  it('answers refusals in the common error format, in French', async () => {
    const anon = await w.anonymous.get(`/api/negotiations/${w.negotiationId}`)
    expect(anon.json).toEqual({ error: { code: 'non_authentifie', message: 'Connexion requise.' } })
    const outsider = await w.as.outsider.get(`/api/negotiations/${w.negotiationId}`)
    expect(outsider.json.error.code).toBe('introuvable')
    // The outsider cannot tell an existing negotiation from a missing one.
    const missing = await w.as.outsider.get('/api/negotiations/n-existe-pas')
    expect(missing.status).toBe(404)
    expect(missing.json).toEqual(outsider.json)
    const viewer = await w.as.viewer.post(`/api/negotiations/${w.negotiationId}/versions`, { label: 'x' })
    expect(viewer.json.error.code).toBe('interdit')
    expect(viewer.json.error.message).toMatch(/rôle/)
  })
})
