/**
 * The signature circuit over the API, on both databases: representativeness
 * entered by the chair, signatures weighed against the 30 % threshold, the
 * employer signatory, notification and the 15-day opposition period,
 * oppositions from non-signatory unions only, and publication refused with
 * the law's reasons until the agreement is concluded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFiches, addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import { ApiClient } from '../utils/http.ts'
import { seedUser } from '../utils/seed.ts'

describe.each(databaseTargets())('signature circuit ($name)', (target) => {
  let w: ApiWorld
  // Three more unions, all editors: X 30 %, Y 20 %, Z 15 %; the world's editor 25 %, commenter 10 %.
  const extra: Record<'X' | 'Y' | 'Z', { client: ApiClient; organisation: string }> = {} as never
  const weights = () => [
    { organisation: extra.X.organisation, percent: 30 },
    { organisation: w.users.editor.organisation, percent: 25 },
    { organisation: extra.Y.organisation, percent: 20 },
    { organisation: extra.Z.organisation, percent: 15 },
    { organisation: w.users.commenter.organisationId, percent: 10 },
  ]
  const url = () => `/api/negotiations/${w.negotiationId}/representativite`

  beforeAll(async () => {
    w = await startApiWorld(target)
    await addFiches(w, ['Opérateur vendeur'])
    for (const tag of ['X', 'Y', 'Z'] as const) {
      const u = await seedUser(w.server.ctx, `circuit-${tag}`)
      const res = await w.as.chair.post(`/api/negotiations/${w.negotiationId}/members`, { organisation: u.organisation, role: 'editor' })
      expect(res.status).toBe(201)
      extra[tag] = { client: await new ApiClient(w.server.url).login(u.email, u.password), organisation: u.organisation }
    }
  })
  afterAll(async () => { await w?.stop() })

  const agreed = async (label: string) => {
    const v = await addVersion(w, label)
    expect((await w.as.chair.post(`/api/versions/${v.id}/status`, { status: 'proposal' })).status).toBe(200)
    expect((await w.as.chair.post(`/api/versions/${v.id}/status`, { status: 'agreed' })).status).toBe(200)
    return v.id as string
  }
  const sign = async (client: ApiClient, id: string) => {
    const res = await client.post(`/api/versions/${id}/signatures`, {})
    expect(res.status, res.text).toBe(201)
  }
  const validity = async (id: string) => (await w.as.viewer.get(`/api/versions/${id}/validity`)).json
  const publish = (id: string) => w.as.chair.post(`/api/versions/${id}/status`, { status: 'published' })

  it('lets only the chair enter the representativeness, checked and audited', async () => {
    expect((await w.as.editor.put(url(), { weights: weights(), source: 'x' })).status).toBe(403)
    const decimals = await w.as.chair.put(url(), { weights: [{ organisation: extra.X.organisation, percent: 30.123 }], source: 'x' })
    expect(decimals.status).toBe(400)
    expect(decimals.json.error.message).toMatch(/deux décimales/)
    const over = await w.as.chair.put(url(), { weights: [...weights(), { organisation: w.users.outsider.organisation, percent: 0.01 }], source: 'x' })
    expect(over.json.error.code).toBe('total_superieur_a_100')
    const employer = await w.as.chair.put(url(), { weights: [{ organisation: w.users.chair.organisation, percent: 10 }], source: 'x' })
    expect(employer.json.error.code).toBe('pas_un_syndicat')
    expect((await w.as.chair.put(url(), { weights: [{ organisation: 'Inconnue', percent: 10 }], source: 'x' })).status).toBe(404)

    const source = 'Arrêté du 6 juin 2025, NOR MTRT2515432A'
    const ok = await w.as.chair.put(url(), { weights: [...weights().slice(0, 4), { organisation: w.users.commenter.organisationId, percent: 9.99 }], source })
    expect(ok.status, ok.text).toBe(200)
    expect(ok.json.totalPercent).toBe(99.99)
    const fixed = await w.as.chair.put(url(), { weights: weights(), source })
    expect(fixed.json.totalPercent).toBe(100)
    const read = await w.as.viewer.get(url())
    expect(read.json).toMatchObject({ source, editable: true, totalPercent: 100, employers: [expect.objectContaining({ name: w.users.chair.organisation })] })
    expect(read.json.weights[0]).toEqual({ organisation: expect.objectContaining({ name: extra.X.organisation, kind: 'union' }), percent: 30 })
    const events = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/audit`)).json.events.filter((e: any) => e.action === 'representativite.set')
    expect(events).toHaveLength(2)
    expect(events[1].details.weights).toContainEqual({ organisation: w.users.commenter.organisation, percent: 10 })
  })

  it('refuses publication under 30 % or without an employer, and publishes at once over 50 %', async () => {
    const id = await agreed('Avenant 1')
    await sign(w.as.editor, id)
    let v = await validity(id)
    expect(v).toMatchObject({ signatoryPercent: 25, employerSigned: false, state: 'en_signature', publishable: false })
    expect(v.organisations.find((o: any) => o.organisation.name === w.users.editor.organisation)).toMatchObject({ state: 'signe', percent: 25, signedAt: expect.any(String) })
    expect(v.organisations.find((o: any) => o.organisation.name === extra.X.organisation)).toMatchObject({ state: 'non_signe', percent: 30 })
    const refused = await publish(id)
    expect(refused.status).toBe(409)
    expect(refused.json.error.code).toBe('non_publiable')
    expect(refused.json.error.message).toMatch(/30 %/)
    expect(refused.json.error.details.reasons).toContainEqual(expect.stringMatching(/Aucune organisation d’employeurs/))

    // Weights are frozen once a version is signed.
    expect((await w.as.chair.put(url(), { weights: weights(), source: 'autre' })).json.error.code).toBe('representativite_figee')

    await sign(extra.X.client, id)
    v = await validity(id)
    expect(v).toMatchObject({ signatoryPercent: 55, employerSigned: false, state: 'en_signature' })
    expect((await publish(id)).status).toBe(409)
    await sign(w.as.chair, id)
    v = await validity(id)
    expect(v).toMatchObject({ signatoryPercent: 55, employerSigned: true, state: 'valide', publishable: true })
    expect(v.reasons.join(' ')).toMatch(/sans attendre/)
    const published = await publish(id)
    expect(published.status, published.text).toBe(200)

    const page = await w.anonymous.get(`/p/${w.slug}`, { headers: { accept: 'text/html' } })
    expect(page.text).toContain(`${extra.X.organisation} (30,00 %) — signé le`)
    expect(page.text).toContain(`${w.users.editor.organisation} (25,00 %) — signé le`)
    expect(page.text).toContain('organisation d’employeurs, signé le')
    expect(page.text).toContain('Publication signée par le serveur')
    const detail = await w.as.viewer.get(`/api/negotiations/${w.negotiationId}`)
    expect(detail.json.negotiation.concludedAt).toEqual(expect.any(String))
  })

  it('waits for the opposition period at 30 %, and refuses future notifications and late oppositions', async () => {
    const id = await agreed('Avenant 2')
    await sign(extra.X.client, id)
    await sign(w.as.chair, id)
    expect(await validity(id)).toMatchObject({ signatoryPercent: 30, state: 'en_signature', notifiedAt: null })
    expect((await publish(id)).json.error.message).toMatch(/notification/)

    expect((await w.as.editor.post(`/api/versions/${id}/notification`, {})).status).toBe(403)
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
    expect((await w.as.chair.post(`/api/versions/${id}/notification`, { date: tomorrow })).json.error.code).toBe('date_future')
    expect((await w.as.chair.post(`/api/versions/${id}/notification`, { date: '2026-02-30' })).status).toBe(400)
    // Paper signatures entered afterwards: a notification dated before them is accepted.
    const notified = await w.as.chair.post(`/api/versions/${id}/notification`, { date: '2020-01-02' })
    expect(notified.status, notified.text).toBe(201)
    expect(notified.json).toMatchObject({ notifiedAt: '2020-01-02', oppositionDeadline: '2020-01-17', state: 'valide' })
    expect((await w.as.chair.post(`/api/versions/${id}/notification`, {})).json.error.code).toBe('deja_notifie')

    const late = await w.as.editor.post(`/api/versions/${id}/oppositions`, { motif: 'Trop tard' })
    expect(late.status).toBe(409)
    expect(late.json.error.code).toBe('delai_expire')
    expect((await publish(id)).status).toBe(200)
  })

  it('lets non-signatory unions oppose with reasons; a majority opposition makes it « réputé non écrit »', async () => {
    const id = await agreed('Avenant 3')
    await sign(extra.X.client, id)
    await sign(w.as.chair, id)
    const notified = await w.as.chair.post(`/api/versions/${id}/notification`, {})
    expect(notified.json.state).toBe('en_opposition')
    expect(notified.json.oppositionDeadline).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/))
    expect((await publish(id)).json.error.message).toMatch(/Délai d’opposition en cours/)

    expect((await extra.X.client.post(`/api/versions/${id}/oppositions`, { motif: 'Signataire' })).json.error.code).toBe('signataire')
    expect((await w.as.chair.post(`/api/versions/${id}/oppositions`, { motif: 'Employeur' })).status).toBe(403)
    expect((await w.as.commenter.post(`/api/versions/${id}/oppositions`, { motif: 'Rôle' })).status).toBe(403)
    expect((await w.as.editor.post(`/api/versions/${id}/oppositions`, { motif: '  ' })).status).toBe(400)
    expect((await w.as.editor.post(`/api/versions/${id}/oppositions`, { date: '2020-01-01', motif: 'x' })).status).toBe(400)

    const first = await w.as.editor.post(`/api/versions/${id}/oppositions`, { motif: 'Article 3 : la grille déclasse les photographes.' })
    expect(first.status, first.text).toBe(201)
    expect(first.json).toMatchObject({ opposingPercent: 25, state: 'en_opposition' })
    expect((await w.as.editor.post(`/api/versions/${id}/signatures`, {})).json.error.code).toBe('oppose')
    await extra.Y.client.post(`/api/versions/${id}/oppositions`, { motif: 'Article 5 : période maximale.' })
    const third = await extra.Z.client.post(`/api/versions/${id}/oppositions`, { motif: 'Article 2 : critères classants.' })
    expect(third.json).toMatchObject({ opposingPercent: 60, state: 'non_valide', publishable: false })
    expect(third.json.organisations.find((o: any) => o.organisation.name === extra.Y.organisation)).toMatchObject({ state: 'opposition', motif: 'Article 5 : période maximale.', opposedAt: expect.any(String) })
    const refused = await publish(id)
    expect(refused.status).toBe(409)
    expect(refused.json.error.message).toMatch(/réputé non écrit/)
  })

  it('keeps every step in a ledger that verifies', async () => {
    const check = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/versions/verify`)).json
    expect(check.ledger.problems).toEqual([])
    expect(check.ok).toBe(true)
    const actions = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/audit`)).json.events.map((e: any) => e.action)
    for (const a of ['version.sign', 'version.notification', 'version.opposition', 'version.status.published']) expect(actions).toContain(a)
  })
})
