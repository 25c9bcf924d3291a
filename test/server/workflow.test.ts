/**
 * The status machine of a version: draft → proposal → agreed → signed →
 * published, who may make each step, and the refused transitions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFiches, addVersion, setWorldWeights, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

describe.each(databaseTargets())('version workflow ($name)', (target) => {
  let w: ApiWorld
  beforeAll(async () => {
    w = await startApiWorld(target)
    await addFiches(w, ['Opérateur vendeur', 'Photographe'])
  })
  afterAll(async () => { await w?.stop() })

  const status = (who: keyof ApiWorld['as'], id: string, s: string) => w.as[who].post(`/api/versions/${id}/status`, { status: s })

  it('goes through every step with the right roles', async () => {
    const v = await addVersion(w, 'Projet CGT', 'editor')
    expect(v.status).toBe('draft')
    expect(v.organisation.name).toBe(w.users.editor.organisation)

    expect((await status('editor', v.id, 'proposal')).json.version.status).toBe('proposal')
    expect((await status('editor', v.id, 'agreed')).status).toBe(403)
    expect((await status('chair', v.id, 'agreed')).json.version.status).toBe('agreed')

    // Signing: each organisation for itself; commenters and viewers cannot sign.
    expect((await w.as.viewer.post(`/api/versions/${v.id}/signatures`, {})).status).toBe(403)
    expect((await w.as.commenter.post(`/api/versions/${v.id}/signatures`, {})).status).toBe(403)
    // The date is the server's: a client-chosen one (1970…) is refused.
    expect((await w.as.editor.post(`/api/versions/${v.id}/signatures`, { date: '1970-01-01' })).json.error.code).toBe('date_refusee')
    await setWorldWeights(w)
    const signed = await w.as.editor.post(`/api/versions/${v.id}/signatures`, {})
    expect(signed.status).toBe(201)
    expect(signed.json.version.status).toBe('signed')
    expect(signed.json.version.signatures).toEqual([
      expect.objectContaining({ organisation: expect.objectContaining({ name: w.users.editor.organisation }), signedAt: expect.any(String) }),
    ])
    expect(Math.abs(Date.parse(signed.json.version.signatures[0].signedAt) - Date.now())).toBeLessThan(2 * 86_400_000)
    expect(Math.abs(Date.parse(signed.json.version.signatures[0].at) - Date.now())).toBeLessThan(60_000)
    expect((await w.as.editor.post(`/api/versions/${v.id}/signatures`, {})).status).toBe(409)
    const second = await w.as.chair.post(`/api/versions/${v.id}/signatures`, {})
    expect(second.json.version.signatures).toHaveLength(2)

    expect((await status('editor', v.id, 'published')).status).toBe(403)
    const published = await status('chair', v.id, 'published')
    expect(published.status).toBe(200)
    expect(published.json.version.status).toBe('published')
    expect(published.json.version.publishedAt).toEqual(expect.any(String))
  })

  it('refuses transitions outside the machine', async () => {
    const v = await addVersion(w, 'Brouillon')
    const skip = await status('chair', v.id, 'agreed')
    expect(skip.status).toBe(409)
    expect(skip.json.error.code).toBe('transition_interdite')
    expect(skip.json.error.message).toContain('brouillon')
    expect((await status('chair', v.id, 'published')).status).toBe(409)
    const direct = await status('chair', v.id, 'signed')
    expect(direct.json.error.code).toBe('signature_requise')
    expect((await w.as.chair.post(`/api/versions/${v.id}/signatures`, {})).status).toBe(409)
    expect((await status('chair', v.id, 'nonsense')).status).toBe(400)
  })

  it('lets only the author organisation (or the chair) propose and withdraw', async () => {
    const v = await addVersion(w, 'Projet de la présidence')
    expect((await status('editor', v.id, 'proposal')).status).toBe(403)
    expect((await status('commenter', v.id, 'proposal')).status).toBe(403)
    expect((await status('viewer', v.id, 'proposal')).status).toBe(403)
    expect((await status('chair', v.id, 'proposal')).status).toBe(200)
    expect((await status('chair', v.id, 'draft')).json.version.status).toBe('draft')
  })

  it('records every state change in the audit log, readable by members', async () => {
    const res = await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/audit`)
    expect(res.status).toBe(200)
    const actions = res.json.events.map((e: any) => e.action)
    expect(res.json.events.find((e: any) => e.action === 'version.sign')).toMatchObject({ organisation: w.users.editor.organisation, user: expect.any(String), at: expect.any(String) })
    for (const a of ['version.create', 'version.status.proposal', 'version.status.agreed', 'version.sign', 'version.status.published']) {
      expect(actions).toContain(a)
    }
  })
})
