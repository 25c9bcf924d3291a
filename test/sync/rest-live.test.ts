/**
 * REST and live editing stay one: a PUT on the fiche is applied as one Yjs
 * transaction that connected editors receive at once, and a GET returns what
 * the editors have typed, without any explicit save.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

describe.each(databaseTargets())('REST et direct ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []

  beforeAll(async () => {
    w = await startSyncWorld(target, { intitule: 'Agent administratif' })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('a PUT reaches a connected editor at once, and a GET returns what was typed', async () => {
    const editor = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    clients.push(editor)
    await editor.synced
    expect(ficheText(editor.doc)).toContain('Agent administratif')

    const current = (await w.api.chair.get(`/api/fiches/${w.ficheId}`)).json.fiche
    const started = Date.now()
    const put = await w.api.chair.put(`/api/fiches/${w.ficheId}`, {
      ...current,
      denomination: { ...current.denomination, intitule: 'Agent administratif principal' },
      classement: { ...current.classement, coefficient: 215 },
    })
    expect(put.status).toBe(200)
    await waitUntil(() => ficheText(editor.doc).includes('Agent administratif principal'), 'PUT reçu par le client connecté', 5_000)
    console.log(`PUT → client connecté : ${Date.now() - started} ms`)

    typeIntoFiche(editor.doc, ' (H/F)')
    await waitUntil(
      async () => (await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).json.fiche.denomination.intitule.includes('(H/F)'),
      'GET voit la saisie en direct',
    )
    const read = (await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).json.fiche
    expect(read.denomination.intitule).toBe('Agent administratif principal (H/F)')
    expect(read.classement.coefficient).toBe(215)
  })

  it('a PUT on a fiche nobody edits is stored and served to the next client', async () => {
    for (const c of clients.splice(0)) c.destroy()
    await new Promise((r) => setTimeout(r, 300))
    const current = (await w.api.chair.get(`/api/fiches/${w.ficheId}`)).json.fiche
    const put = await w.api.chair.put(`/api/fiches/${w.ficheId}`, {
      ...current,
      denomination: { ...current.denomination, intitule: 'Assistant de gestion' },
    })
    expect(put.status).toBe(200)
    const late = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    clients.push(late)
    await late.synced
    expect(ficheText(late.doc)).toContain('Assistant de gestion')
    expect(ficheText(late.doc)).not.toContain('Agent administratif')
  })

  it('the fiche list and the whole text read what was typed, as a GET of the fiche does', async () => {
    // One source of truth: the list once read a copy refreshed only by
    // compaction (every 500 updates, or when the last editor left), so with
    // an editor still connected it showed the old intitulé.
    const editor = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    clients.push(editor)
    await editor.synced
    typeIntoFiche(editor.doc, ' — atelier B')
    await waitUntil(
      async () => (await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).json.fiche.denomination.intitule.endsWith('atelier B'),
      'GET voit la saisie',
    )
    const list = (await w.api.viewer.get(`/api/negotiations/${w.world.negotiationId}/fiches`)).json.fiches as { id: string; intitule: string }[]
    expect(list.find((f) => f.id === w.ficheId)?.intitule).toMatch(/atelier B$/)
    const texte = (await w.api.viewer.get(`/api/negotiations/${w.world.negotiationId}/texte`)).json.texte
    expect(texte.fiches.map((f: { denomination: { intitule: string } }) => f.denomination.intitule)).toContainEqual(expect.stringMatching(/atelier B$/))
  })
})
