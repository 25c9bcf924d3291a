/**
 * Viewers and commenters receive the live document and share their presence,
 * but their document updates are dropped by the server: they reach no other
 * client and never the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, firstText, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

describe.each(databaseTargets())('membres en lecture seule ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []

  beforeAll(async () => {
    w = await startSyncWorld(target)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it("a viewer's and a commenter's edits reach nobody, while their presence does", async () => {
    const editor = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    const viewer = connectSync(w.server.url, w.ficheId, w.cookie('viewer'), { user: { name: 'Vera', color: '#0a0', organisation: 'DGT' } })
    const commenter = connectSync(w.server.url, w.ficheId, w.cookie('commenter'))
    clients.push(editor, viewer, commenter)
    await Promise.all([editor.synced, viewer.synced, commenter.synced])

    typeIntoFiche(viewer.doc, ' INTRUSION-LECTEUR')
    typeIntoFiche(commenter.doc, ' INTRUSION-COMMENTATEUR')
    // A later editor update proves the channel works and orders after the intrusions.
    typeIntoFiche(editor.doc, ' EDITEUR-OK')
    await waitUntil(() => ficheText(viewer.doc).includes('EDITEUR-OK'), "mise à jour de l'éditeur reçue par le lecteur")
    // The server shows each presence under its session's name, whatever the client claimed (« Vera »).
    await waitUntil(
      () => [...editor.provider.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Personne w-viewer'),
      'présence du lecteur chez l’éditeur',
    )
    await new Promise((r) => setTimeout(r, 300))
    expect(ficheText(editor.doc)).not.toContain('INTRUSION')

    // A fresh client and the REST API see only the editor's text.
    const late = connectSync(w.server.url, w.ficheId, w.cookie('chair'))
    clients.push(late)
    await late.synced
    await waitUntil(() => ficheText(late.doc).includes('EDITEUR-OK'), 'état reçu par un nouveau client')
    expect(ficheText(late.doc)).not.toContain('INTRUSION')
    const res = await w.api.editor.get(`/api/fiches/${w.ficheId}`)
    expect(JSON.stringify(res.json.fiche)).toContain('EDITEUR-OK')
    expect(JSON.stringify(res.json.fiche)).not.toContain('INTRUSION')
    // The viewer stays connected: dropping is silent, not a fault.
    expect(viewer.closes).toEqual([])
  })

  it("another organisation's proposal is read-only live, even for amendments of the chair", async () => {
    const version = await w.api.chair.post(`/api/negotiations/${w.world.negotiationId}/versions`, { label: 'Base' })
    expect(version.status).toBe(201)
    const created = await w.api.editor.post(`/api/negotiations/${w.world.negotiationId}/proposals`, { fromVersionId: version.json.version.id, label: 'Projet de l’éditeur' })
    expect(created.status).toBe(201)
    const fiches = (await w.api.editor.get(`/api/negotiations/${w.world.negotiationId}/fiches?proposal=${created.json.proposal.id}`)).json.fiches
    const ficheId = fiches[0].id as string
    const owner = connectSync(w.server.url, ficheId, w.cookie('editor'))
    const chair = connectSync(w.server.url, ficheId, w.cookie('chair'))
    clients.push(owner, chair)
    await Promise.all([owner.synced, chair.synced])
    // An amendment in the chair's own name: accepted on the common text, not in someone else's draft.
    const u = w.world.users.chair
    firstText(chair.doc)!.insert(0, 'AMENDEMENT-PRESIDENCE ', {
      insertion: { id: 'a-pres-1', organisationId: u.organisationId, organisationName: u.organisation, userId: u.userId, authorName: 'Test', createdAt: new Date().toISOString() },
    })
    typeIntoFiche(owner.doc, ' AUTEUR-OK')
    await waitUntil(() => ficheText(chair.doc).includes('AUTEUR-OK'), 'saisie de l’auteur reçue')
    await new Promise((r) => setTimeout(r, 300))
    expect(ficheText(owner.doc)).not.toContain('AMENDEMENT-PRESIDENCE')
    const stored = JSON.stringify((await w.api.editor.get(`/api/fiches/${ficheId}`)).json.fiche)
    expect(stored).toContain('AUTEUR-OK')
    expect(stored).not.toContain('AMENDEMENT-PRESIDENCE')
  })
})
