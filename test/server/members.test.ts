/**
 * Members managed from the negotiation page, on both databases: the chair
 * creates an organisation while adding it (duplicate names 409, bad input
 * 400, nobody else may), changes roles without ever leaving the
 * negotiation chairless, removes members, and enrols people only in an
 * organisation it created; an administration opens no negotiation and a
 * viewer imports nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import { ApiClient } from '../utils/http.ts'

describe.each(databaseTargets())('members of a negotiation ($name)', (target) => {
  let w: ApiWorld
  beforeAll(async () => { w = await startApiWorld(target) })
  afterAll(async () => { await w?.stop() })

  const members = async (negotiationId = w.negotiationId, who: ApiWorld['as'][keyof ApiWorld['as']] = w.as.chair) => {
    const res = await who.get(`/api/negotiations/${negotiationId}/members`)
    expect(res.status, res.text).toBe(200)
    return res.json as { canManage: boolean; members: { organisation: { id: string; name: string; kind: string }; role: string; people: number; canEnrol: boolean }[] }
  }
  const patchRole = (client: ApiClient, negotiationId: string, organisation: string, role: unknown) =>
    client.request('PATCH', `/api/negotiations/${negotiationId}/members/${encodeURIComponent(organisation)}`, { json: { role } })

  /** A negotiation of the world's chair with the world's editor and commenter as members. */
  async function freshNegotiation(title: string): Promise<string> {
    const created = await w.as.chair.post('/api/negotiations', { title })
    expect(created.status, created.text).toBe(201)
    const id = created.json.negotiation.id as string
    for (const role of ['editor', 'commenter'] as const) {
      const added = await w.as.chair.post(`/api/negotiations/${id}/members`, { organisation: w.users[role].organisation, role })
      expect(added.status, added.text).toBe(201)
    }
    return id
  }

  it('lets the chair create an organisation as a member, audited, listed with its kind', async () => {
    const res = await w.as.chair.post('/api/organisations', { name: 'FO', kind: 'union', negotiationId: w.negotiationId, role: 'commenter' })
    expect(res.status, res.text).toBe(201)
    expect(res.json.organisation).toEqual({ id: expect.any(String), name: 'FO', kind: 'union' })
    expect(res.json.member.role).toBe('commenter')

    const panel = await members()
    expect(panel.canManage).toBe(true)
    expect(panel.members.find((m) => m.organisation.name === 'FO')).toEqual({
      organisation: { id: res.json.organisation.id, name: 'FO', kind: 'union' }, role: 'commenter', people: 0, canEnrol: true,
    })
    // The chair may not enrol people in an organisation it did not create.
    expect(panel.members.find((m) => m.organisation.name === w.users.editor.organisation)?.canEnrol).toBe(false)
    const all = (await w.as.viewer.get('/api/organisations')).json.organisations
    expect(all).toContainEqual({ id: res.json.organisation.id, name: 'FO', kind: 'union' })

    const events = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/audit`)).json.events as { action: string; targetId: string; details: any; organisation: string }[]
    const forFo = events.filter((e) => e.targetId === res.json.organisation.id)
    // Both events share the transaction's time: compare them as a set.
    expect(forFo.map((e) => e.action).sort()).toEqual(['membership.set', 'organisation.create'])
    expect(forFo.find((e) => e.action === 'organisation.create')).toMatchObject({ details: { name: 'FO', kind: 'union' }, organisation: w.users.chair.organisation })
    expect(forFo.find((e) => e.action === 'membership.set')!.details).toMatchObject({ organisation: 'FO', role: 'commenter' })
  })

  it('refuses a duplicate name with a French 409, whatever its case', async () => {
    for (const name of ['FO', 'fo', ` ${w.users.editor.organisation} `]) {
      const res = await w.as.chair.post('/api/organisations', { name, kind: 'union', negotiationId: w.negotiationId })
      expect(res.status, res.text).toBe(409)
      expect(res.json.error.code).toBe('organisation_existe')
      expect(res.json.error.message).toMatch(/existe déjà/)
    }
  })

  it('refuses bad input with a 400 naming the field', async () => {
    const base = { name: 'CFTC', kind: 'union', negotiationId: w.negotiationId }
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, kind: 'syndicat' }, 'kind'],
      [{ ...base, name: '   ' }, 'name'],
      [{ ...base, name: 'x'.repeat(201) }, 'name'],
      [{ ...base, name: 'CF\u0007TC' }, 'name'],
      [{ ...base, role: 'president' }, 'role'],
      [{ name: 'CFTC', kind: 'union' }, 'negotiationId'],
      [{ ...base, admin: true }, ''],
    ]
    for (const [input, field] of cases) {
      const res = await w.as.chair.post('/api/organisations', input)
      expect(res.status, `${JSON.stringify(input)} → ${res.text}`).toBe(400)
      expect(res.json.error.message).toMatch(/^Requête invalide/)
      if (field) expect(res.json.error.path).toEqual([field])
    }
    const malformed = await w.as.chair.request('POST', '/api/organisations', { body: '{"name":', headers: { 'content-type': 'application/json' } })
    expect(malformed.status).toBe(400)
    expect((await w.as.chair.get('/api/organisations')).json.organisations.map((o: { name: string }) => o.name)).not.toContain('CFTC')
  })

  it('lets no one but the chair create an organisation (non-members 404, as elsewhere)', async () => {
    const body = { name: 'UNSA', kind: 'union', negotiationId: w.negotiationId, role: 'viewer' }
    expect((await w.anonymous.post('/api/organisations', body)).status).toBe(401)
    expect((await w.as.outsider.post('/api/organisations', body)).status).toBe(404)
    for (const role of ['viewer', 'commenter', 'editor'] as const) {
      const res = await w.as[role].post('/api/organisations', body)
      expect(res.status, `${role}: ${res.text}`).toBe(403)
    }
    expect((await w.as.chair.post('/api/organisations', { ...body, negotiationId: 'inconnue' })).status).toBe(404)
    expect((await w.as.chair.get('/api/organisations')).json.organisations.map((o: { name: string }) => o.name)).not.toContain('UNSA')
    // The panel itself: members read it, others do not learn it exists.
    expect((await members(w.negotiationId, w.as.viewer)).canManage).toBe(false)
    expect((await w.as.outsider.get(`/api/negotiations/${w.negotiationId}/members`)).status).toBe(404)
  })

  it('changes a member’s role (chair only), audited', async () => {
    const id = await freshNegotiation('Changement de rôle')
    const editorOrg = w.users.editor.organisation
    expect((await patchRole(w.as.editor, id, editorOrg, 'commenter')).status).toBe(403)
    expect((await patchRole(w.as.outsider, id, editorOrg, 'commenter')).status).toBe(404)
    expect((await patchRole(w.as.chair, id, editorOrg, 'souverain')).status).toBe(400)
    const unknown = await patchRole(w.as.chair, id, 'Inconnue', 'viewer')
    expect(unknown.status).toBe(404)
    expect(unknown.json.error.code).toBe('membre_inconnu')

    const res = await patchRole(w.as.chair, id, w.users.editor.organisationId, 'commenter')
    expect(res.status, res.text).toBe(200)
    expect(res.json.member).toMatchObject({ organisation: { name: editorOrg }, role: 'commenter' })
    expect((await members(id)).members.find((m) => m.organisation.name === editorOrg)?.role).toBe('commenter')
    // What the role allows follows at once: a commenter creates no fiche.
    expect((await w.as.editor.post(`/api/negotiations/${id}/fiches`, { intitule: 'Refusée' })).status).toBe(403)
    const events = (await w.as.chair.get(`/api/negotiations/${id}/audit`)).json.events as { action: string; details: any }[]
    expect(events.at(-1)).toMatchObject({ action: 'membership.set', details: { organisation: editorOrg, role: 'commenter', previous: 'editor' } })
  })

  it('never leaves a negotiation without a chair', async () => {
    const id = await freshNegotiation('Dernière présidence')
    const chairOrg = w.users.chair.organisation
    const alone = await patchRole(w.as.chair, id, chairOrg, 'editor')
    expect(alone.status, alone.text).toBe(409)
    expect(alone.json.error.code).toBe('derniere_presidence')
    expect(alone.json.error.message).toMatch(/seule organisation à présider/)
    expect((await members(id)).members.find((m) => m.organisation.name === chairOrg)?.role).toBe('chair')

    // With a second chair, the first may step down; then the second is the last one.
    expect((await patchRole(w.as.chair, id, w.users.commenter.organisation, 'chair')).status).toBe(200)
    expect((await patchRole(w.as.chair, id, chairOrg, 'editor')).status).toBe(200)
    expect((await patchRole(w.as.chair, id, w.users.commenter.organisation, 'viewer')).status).toBe(403)
    const last = await patchRole(w.as.commenter, id, w.users.commenter.organisation, 'viewer')
    expect(last.status).toBe(409)
    expect(last.json.error.code).toBe('derniere_presidence')
    // Nor can the last chair remove itself.
    const removal = await w.as.commenter.delete(`/api/negotiations/${id}/members/${encodeURIComponent(w.users.commenter.organisation)}`)
    expect(removal.status).toBe(409)
    const roles = (await members(id, w.as.commenter)).members.map((m) => m.role)
    expect(roles.filter((r) => r === 'chair')).toHaveLength(1)
  })

  it('removes a member (chair only), which then no longer sees the negotiation', async () => {
    const id = await freshNegotiation('Retrait')
    const path = `/api/negotiations/${id}/members/${encodeURIComponent(w.users.commenter.organisation)}`
    expect((await w.as.editor.delete(path)).status).toBe(403)
    expect((await w.as.commenter.get(`/api/negotiations/${id}`)).status).toBe(200)
    expect((await w.as.chair.delete(path)).status).toBe(204)
    expect((await members(id)).members.map((m) => m.organisation.name)).not.toContain(w.users.commenter.organisation)
    expect((await w.as.commenter.get(`/api/negotiations/${id}`)).status).toBe(404)
    expect((await w.as.chair.delete(path)).status).toBe(404)
  })

  it('enrols a person only in an organisation the chair created, without ever answering a hash', async () => {
    const created = await w.as.chair.post('/api/organisations', { name: 'CFE-CGC', kind: 'union', negotiationId: w.negotiationId, role: 'commenter' })
    expect(created.status, created.text).toBe(201)
    const people = `/api/negotiations/${w.negotiationId}/members/${created.json.organisation.id}/people`
    const person = { name: 'Claire Martin', email: 'Claire.Martin@cfecgc.example', password: 'mot-de-passe-initial' }

    expect((await w.as.editor.post(people, person)).status).toBe(403)
    expect((await w.as.outsider.post(people, person)).status).toBe(404)
    expect((await w.as.chair.post(people, { ...person, password: 'court' })).status).toBe(400)
    expect((await w.as.chair.post(people, { ...person, email: 'pas-une-adresse' })).status).toBe(400)

    const res = await w.as.chair.post(people, person)
    expect(res.status, res.text).toBe(201)
    expect(res.json.user).toEqual({ id: expect.any(String), email: 'claire.martin@cfecgc.example', name: 'Claire Martin', organisation: created.json.organisation })
    expect(res.text).not.toMatch(/scrypt|hash|mot-de-passe-initial/)
    expect((await w.as.chair.post(people, person)).status).toBe(409)
    expect((await members()).members.find((m) => m.organisation.name === 'CFE-CGC')?.people).toBe(1)

    // The person signs in and finds the negotiation with the organisation's role.
    const claire = await new ApiClient(w.server.url).login(person.email, person.password)
    expect((await claire.get('/api/me')).json.organisation.name).toBe('CFE-CGC')
    expect((await claire.get(`/api/negotiations/${w.negotiationId}`)).json.negotiation.role).toBe('commenter')

    // Not in an organisation the chair did not create: that would read its private notes.
    const foreign = await w.as.chair.post(`/api/negotiations/${w.negotiationId}/members/${w.users.editor.organisationId}/people`, { ...person, email: 'intrus@example.fr' })
    expect(foreign.status).toBe(403)
    expect(foreign.json.error.message).toMatch(/Seule l’organisation qui a créé/)
    const intruder = await new ApiClient(w.server.url).request('POST', '/api/auth/login', { json: { email: 'intrus@example.fr', password: person.password } })
    expect(intruder.status).toBe(401)
  })

  it('lets an administration open no negotiation, and a viewer import nothing', async () => {
    const opened = await w.as.viewer.post('/api/negotiations', { title: 'Par la DGT' })
    expect(opened.status).toBe(403)
    expect(opened.json.error.message).toMatch(/administration/)
    expect((await w.as.viewer.get('/api/negotiations')).json.negotiations.map((n: { title: string }) => n.title)).not.toContain('Par la DGT')
    const imported = await w.as.viewer.request('POST', `/api/negotiations/${w.negotiationId}/import`, {
      body: '1/ Dénomination de la qualification\nOpérateur\n', headers: { 'content-type': 'text/plain', 'x-requested-with': 'test' },
    })
    expect(imported.status).toBe(403)
  })
})
