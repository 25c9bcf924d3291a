/**
 * Two members of different organisations type in the same fiche at the same
 * time through the stock y-websocket provider; both replicas converge, and
 * what they typed is what the REST API returns afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

describe.each(databaseTargets())('co-édition en direct ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []

  beforeAll(async () => {
    w = await startSyncWorld(target)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('two editors typing concurrently converge, and REST reads the live content', async () => {
    const alice = connectSync(w.server.url, w.ficheId, w.cookie('editor'), { user: { name: 'Alice', color: '#c00', organisation: 'CFDT' } })
    const bob = connectSync(w.server.url, w.ficheId, w.cookie('chair'), { user: { name: 'Bob', color: '#00c', organisation: 'FNP' } })
    clients.push(alice, bob)
    await Promise.all([alice.synced, bob.synced])
    expect(ficheText(alice.doc)).toContain('Technicien de maintenance')
    expect(ficheText(bob.doc)).toBe(ficheText(alice.doc))

    for (let i = 0; i < 20; i++) {
      typeIntoFiche(alice.doc, ` a${i}`)
      typeIntoFiche(bob.doc, ` b${i}`)
      await new Promise((r) => setTimeout(r, 5))
    }
    await waitUntil(
      () => ficheText(alice.doc) === ficheText(bob.doc) && ficheText(alice.doc).includes('a19') && ficheText(alice.doc).includes('b19'),
      'convergence des deux éditeurs',
    )
    // Awareness flows between them with the contract's `user` field (the name is the session's, not the claimed « Bob »).
    await waitUntil(
      () => [...alice.provider.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Personne w-chair'),
      'présence de Bob chez Alice',
    )

    const res = await w.api.viewer.get(`/api/fiches/${w.ficheId}`)
    expect(res.status).toBe(200)
    const json = JSON.stringify(res.json.fiche)
    expect(json).toContain('a19')
    expect(json).toContain('b19')
  })

  it('a client joining later receives everything', async () => {
    const carol = connectSync(w.server.url, w.ficheId, w.cookie('commenter'))
    clients.push(carol)
    await carol.synced
    await waitUntil(() => ficheText(carol.doc) === ficheText(clients[0]!.doc), 'état complet pour une arrivée tardive')
    expect(ficheText(carol.doc)).toContain('b19')
  })
})
