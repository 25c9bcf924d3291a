/**
 * An update that breaks the fiche's structure (the six sections, in order,
 * at the top level) is refused: its socket is closed with 4422 and a French
 * reason, nobody else receives it, nothing is stored, and the author's
 * provider does not retry (4400-range codes are final for y-websocket).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, fragmentOf, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

describe.each(databaseTargets())('intégrité de la structure ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []

  beforeAll(async () => {
    w = await startSyncWorld(target)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('closes the socket of a client deleting a section, and stores nothing of it', async () => {
    const vandal = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    const witness = connectSync(w.server.url, w.ficheId, w.cookie('chair'))
    clients.push(vandal, witness)
    await Promise.all([vandal.synced, witness.synced])
    const sections = fragmentOf(witness.doc).length
    expect(sections).toBe(6)

    fragmentOf(vandal.doc).delete(3, 1)
    await waitUntil(() => vandal.closes.length > 0, 'fermeture du socket fautif')
    expect(vandal.closes[0]!.code).toBe(4422)
    expect(vandal.closes[0]!.reason).toMatch(/^structure_invalide: /)

    // The witness keeps its six sections and keeps working.
    typeIntoFiche(witness.doc, ' toujours-la')
    const check = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    clients.push(check)
    await check.synced
    await waitUntil(() => ficheText(check.doc).includes('toujours-la'), 'édition suivante reçue')
    expect(fragmentOf(check.doc).length).toBe(6)
    expect(fragmentOf(witness.doc).length).toBe(6)
    expect(witness.closes).toEqual([])

    const res = await w.api.editor.get(`/api/fiches/${w.ficheId}`)
    expect(res.status).toBe(200)
    expect(res.json.fiche.classement).toBeDefined()
  })

  it('refuses a foreign top-level node inserted between sections', async () => {
    const vandal = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    clients.push(vandal)
    await vandal.synced
    fragmentOf(vandal.doc).insert(1, [new Y.XmlElement('paragraph')])
    await waitUntil(() => vandal.closes.length > 0, 'fermeture du socket fautif')
    expect(vandal.closes[0]!.code).toBe(4422)
    const check = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    clients.push(check)
    await check.synced
    expect(fragmentOf(check.doc).length).toBe(6)
  })
})
