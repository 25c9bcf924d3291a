/**
 * Viewers and commenters receive the live document and share their presence,
 * but their document updates are dropped by the server: they reach no other
 * client and never the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
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
})
