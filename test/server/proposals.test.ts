/**
 * Proposals: an organisation starts its own branch from any version, edits
 * and versions it, while the main draft is untouched; other members read it
 * but cannot write to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFiches, addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

describe.each(databaseTargets())('proposals ($name)', (target) => {
  let w: ApiWorld
  let base: any
  let proposal: any
  beforeAll(async () => {
    w = await startApiWorld(target)
    await addFiches(w, ['Opérateur vendeur', 'Photographe'])
    base = await addVersion(w, 'Texte de la présidence')
  })
  afterAll(async () => { await w?.stop() })

  it('starts a branch of the organisation from a version, with copies of its fiches', async () => {
    const res = await w.as.editor.post(`/api/negotiations/${w.negotiationId}/proposals`, { fromVersionId: base.id, label: 'Propositions syndicales' })
    expect(res.status).toBe(201)
    proposal = res.json.proposal
    expect(proposal).toMatchObject({ label: 'Propositions syndicales', baseVersionId: base.id, organisation: { name: w.users.editor.organisation } })
    const list = await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/proposals`)
    expect(list.json.proposals.map((p: any) => p.id)).toEqual([proposal.id])
    const fiches = await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/fiches?proposal=${proposal.id}`)
    const main = await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/fiches`)
    expect(fiches.json.fiches.map((f: any) => f.intitule)).toEqual(['Opérateur vendeur', 'Photographe'])
    expect(fiches.json.fiches.map((f: any) => f.key)).toEqual(main.json.fiches.map((f: any) => f.key))
    expect(fiches.json.fiches[0].id).not.toBe(main.json.fiches[0].id)
  })

  it('versions the branch separately, chained to the version it started from', async () => {
    const fiches = (await w.as.editor.get(`/api/negotiations/${w.negotiationId}/fiches?proposal=${proposal.id}`)).json.fiches
    const fiche = (await w.as.editor.get(`/api/fiches/${fiches[0].id}`)).json.fiche
    const put = await w.as.editor.put(`/api/fiches/${fiches[0].id}`, { ...fiche, classement: { ...fiche.classement, coefficient: 160 } })
    expect(put.status).toBe(200)
    const v = await addVersion(w, 'Proposition CGT n° 1', 'editor', proposal.id)
    expect(v.proposalId).toBe(proposal.id)
    expect(v.parentId).toBe(base.id)
    const texte = (await w.as.viewer.get(`/api/versions/${v.id}`)).json.version.texte
    expect(texte.fiches[0].classement.coefficient).toBe(160)
    const mainFiche = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/fiches`)).json.fiches[0]
    expect(mainFiche.coefficient).toBeNull()
    const v2 = await addVersion(w, 'Proposition CGT n° 2', 'editor', proposal.id)
    expect(v2.parentId).toBe(v.id)
    expect((await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/versions/verify`)).json.ok).toBe(true)
  })

  it('lets other members read the branch but not write to it', async () => {
    const fiches = (await w.as.chair.get(`/api/negotiations/${w.negotiationId}/fiches?proposal=${proposal.id}`)).json.fiches
    const read = await w.as.chair.get(`/api/fiches/${fiches[0].id}`)
    expect(read.status).toBe(200)
    expect(read.json.role).toBe('commenter')
    expect((await w.as.chair.put(`/api/fiches/${fiches[0].id}`, read.json.fiche)).status).toBe(403)
    expect((await w.as.chair.post(`/api/negotiations/${w.negotiationId}/versions`, { label: 'x', proposalId: proposal.id })).status).toBe(403)
    expect((await w.as.chair.post(`/api/negotiations/${w.negotiationId}/fiches`, { intitule: 'x', proposalId: proposal.id })).status).toBe(403)
    expect((await w.as.outsider.get(`/api/fiches/${fiches[0].id}`)).status).toBe(404)
  })

  it('refuses a start version from another negotiation or unknown', async () => {
    const res = await w.as.editor.post(`/api/negotiations/${w.negotiationId}/proposals`, { fromVersionId: 'inconnue', label: 'x' })
    expect(res.status).toBe(404)
    expect(res.json.error.message).toContain('Version de départ')
    expect((await w.as.viewer.post(`/api/negotiations/${w.negotiationId}/proposals`, { fromVersionId: base.id, label: 'x' })).status).toBe(403)
  })
})
