/**
 * Locked fiches, on both databases, against a real server process: once
 * the chair marks a fiche agreed, REST writes and live-sync updates to it
 * are refused on the server until the chair unlocks it (audited); locking
 * the whole text also refuses new fiches and restores; signing a version of
 * the common text locks it until the chair opens a new round.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

describe.each(databaseTargets())('locked fiches ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []
  const locksUrl = () => `/api/negotiations/${w.world.negotiationId}/locks`
  const unlockUrl = () => `/api/negotiations/${w.world.negotiationId}/unlock`
  const rename = async (intitule: string) => {
    const fiche = (await w.api.editor.get(`/api/fiches/${w.ficheId}`)).json.fiche
    return w.api.editor.put(`/api/fiches/${w.ficheId}`, { ...fiche, denomination: { ...fiche.denomination, intitule } })
  }

  beforeAll(async () => { w = await startSyncWorld(target) })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('refuses REST and sync edits to a fiche the chair locked, until unlocked', async () => {
    const editor = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    clients.push(editor)
    await editor.synced
    typeIntoFiche(editor.doc, ' avant-verrou')
    await expect.poll(async () => (await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).text).toContain('avant-verrou')

    expect((await w.api.editor.post(locksUrl(), { fiche: w.ficheId })).status).toBe(403)
    const locked = await w.api.chair.post(locksUrl(), { fiche: w.ficheId })
    expect(locked.status, locked.text).toBe(201)
    const listed = (await w.api.viewer.get(locksUrl())).json.locks
    expect(listed).toEqual([expect.objectContaining({ key: expect.any(String), ficheId: w.ficheId, reason: 'accord', organisation: w.world.users.chair.organisation, user: expect.any(String) })])

    const rest = await rename('Renommée malgré le verrou')
    expect(rest.status).toBe(409)
    expect(rest.json.error.code).toBe('fiche_verrouillee')
    expect(rest.json.error.message).toContain(w.world.users.chair.organisation)

    typeIntoFiche(editor.doc, ' apres-verrou')
    await waitUntil(() => editor.closes.length > 0, 'fermeture du socket qui écrit dans une fiche verrouillée')
    expect(editor.closes[0]!.code).toBe(4403)
    expect(editor.closes[0]!.reason).toMatch(/^fiche_verrouillee: /)

    // A reader joining the locked fiche is not refused, and sees nothing of the refused edit.
    const reader = connectSync(w.server.url, w.ficheId, w.cookie('chair'))
    clients.push(reader)
    await reader.synced
    expect(ficheText(reader.doc)).toContain('avant-verrou')
    expect(ficheText(reader.doc)).not.toContain('apres-verrou')
    expect(reader.closes).toEqual([])

    const unlocked = await w.api.chair.post(unlockUrl(), { fiche: w.ficheId })
    expect(unlocked.status).toBe(200)
    expect(unlocked.json.locks).toEqual([])
    expect((await rename('Technicien de maintenance confirmé')).status).toBe(200)
    const again = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    clients.push(again)
    await again.synced
    typeIntoFiche(again.doc, ' deverrouille')
    await waitUntil(() => ficheText(reader.doc).includes('deverrouille'), 'édition relayée après déverrouillage')
    expect(again.closes).toEqual([])

    const actions = (await w.api.viewer.get(`/api/negotiations/${w.world.negotiationId}/audit`)).json.events.map((e: any) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['lock.set', 'lock.remove']))
  })

  it('locks the whole text: no new fiche, no restore', async () => {
    const v = await w.api.chair.post(`/api/negotiations/${w.world.negotiationId}/versions`, { label: 'Avant verrou' })
    expect((await w.api.chair.post(locksUrl(), { fiche: null })).status).toBe(201)
    expect((await rename('x')).json.error.code).toBe('fiche_verrouillee')
    expect((await w.api.editor.post(`/api/negotiations/${w.world.negotiationId}/fiches`, { intitule: 'Nouvelle' })).json.error.code).toBe('texte_verrouille')
    expect((await w.api.chair.post(`/api/versions/${v.json.version.id}/restore`, {})).json.error.code).toBe('texte_verrouille')
    expect((await w.api.chair.post(unlockUrl(), { fiche: null })).status).toBe(200)
  })

  it('locks the common text when a version is signed, until the chair opens a new round', async () => {
    await w.api.chair.put(`/api/negotiations/${w.world.negotiationId}/representativite`, {
      weights: [{ organisation: w.world.users.editor.organisation, percent: 60 }], source: 'Arrêté de test',
    })
    const v = (await w.api.chair.post(`/api/negotiations/${w.world.negotiationId}/versions`, { label: 'À signer' })).json.version
    await w.api.chair.post(`/api/versions/${v.id}/status`, { status: 'proposal' })
    await w.api.chair.post(`/api/versions/${v.id}/status`, { status: 'agreed' })
    expect((await w.api.editor.post(`/api/versions/${v.id}/signatures`, {})).status).toBe(201)
    expect((await w.api.viewer.get(locksUrl())).json.locks).toEqual([expect.objectContaining({ key: '*', reason: 'signature' })])
    expect((await rename('Pendant la signature')).status).toBe(409)

    expect((await w.api.chair.post(unlockUrl(), { fiche: null })).status).toBe(200)
    expect((await rename('Nouveau tour')).status).toBe(200)
    const actions = (await w.api.viewer.get(`/api/negotiations/${w.world.negotiationId}/audit`)).json.events.map((e: any) => e.action)
    expect(actions).toContain('round.open')
  })
})
