/**
 * Restore: an old version's content becomes the current draft again and is
 * recorded as a new version — history is never rewritten, and the live state
 * it replaces (even edits never versioned) is first recorded as a version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFiches, addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

describe.each(databaseTargets())('restore ($name)', (target) => {
  let w: ApiWorld
  beforeAll(async () => { w = await startApiWorld(target) })
  afterAll(async () => { await w?.stop() })

  it('brings back the content of an old version as a new version', async () => {
    const [a, b] = await addFiches(w, ['Vendeur', 'Laborantin'])
    const v1 = await addVersion(w, 'Texte de départ')

    const fiche = (await w.as.editor.get(`/api/fiches/${a}`)).json.fiche
    await w.as.editor.put(`/api/fiches/${a}`, { ...fiche, denomination: { ...fiche.denomination, intitule: 'Vendeur conseil' } })
    await w.as.editor.delete(`/api/fiches/${b}`)
    await addFiches(w, ['Retoucheur'])
    const v2 = await addVersion(w, 'Après modifications', 'editor')
    expect((await w.as.editor.get(`/api/versions/${v2.id}`)).json.version.texte.fiches.map((f: any) => f.denomination.intitule))
      .toEqual(['Vendeur conseil', 'Retoucheur'])

    // An edit nobody versioned: restore must not lose it.
    const retoucheur = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/fiches`)).json.fiches[1]
    const unsaved = (await w.as.editor.get(`/api/fiches/${retoucheur.id}`)).json.fiche
    await w.as.editor.put(`/api/fiches/${retoucheur.id}`, { ...unsaved, denomination: { ...unsaved.denomination, intitule: 'Retoucheur (non versionné)' } })

    const res = await w.as.editor.post(`/api/versions/${v1.id}/restore`, {})
    expect(res.status).toBe(201)
    const v3 = res.json.version
    expect(v3.label).toContain('Restauration de la version 1')
    expect(v3.contentHash).toBe(v1.contentHash)
    const saved = res.json.version.savedBefore
    expect(saved.label).toBe('Avant restauration de la version 1')
    expect(v3.parentId).toBe(saved.id)
    const before = (await w.as.viewer.get(`/api/versions/${saved.id}`)).json.version
    expect(before.parentId).toBe(v2.id)
    expect(before.texte.fiches.map((f: any) => f.denomination.intitule)).toEqual(['Vendeur conseil', 'Retoucheur (non versionné)'])

    const live = await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/fiches`)
    expect(live.json.fiches.map((f: any) => f.intitule)).toEqual(['Vendeur', 'Laborantin'])
    // The fiche kept across versions keeps its id: open editors stay on it.
    expect(live.json.fiches[0].id).toBe(a)

    const history = await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/versions`)
    expect(history.json.versions.map((v: any) => v.id)).toEqual([v1.id, v2.id, saved.id, v3.id])
    expect((await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/versions/verify`)).json.ok).toBe(true)
  })

  it('is refused to readers', async () => {
    const v = await addVersion(w, 'x')
    expect((await w.as.viewer.post(`/api/versions/${v.id}/restore`, {})).status).toBe(403)
    expect((await w.as.commenter.post(`/api/versions/${v.id}/restore`, {})).status).toBe(403)
  })
})
