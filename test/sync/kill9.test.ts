/**
 * `kill -9` of an instance during a burst of edits loses nothing that any
 * client had received: the server relays an update only after committing
 * it. After the restart, a fresh client has at least everything an observer
 * had seen, the providers reconnect by themselves, the author re-sends what
 * the server had not committed, and everyone converges. Needs a real
 * Postgres (a killed PGlite process is not the durability being tested):
 * skipped without TEST_DATABASE_URL (CI sets it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodeStateVector } from 'yjs'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, firstText, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

describe.skipIf(!process.env.TEST_DATABASE_URL)('kill -9 pendant une rafale', () => {
  let w: SyncWorld
  const clients: SyncClient[] = []

  beforeAll(async () => {
    const target = databaseTargets().find((t) => t.name === 'postgres')!
    w = await startSyncWorld(target)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('loses nothing any client had received, and everyone reconverges', async () => {
    const writer = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    const observer = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    clients.push(writer, observer)
    await Promise.all([writer.synced, observer.synced])

    const text = firstText(writer.doc)!
    let typing = true
    let typed = 0
    const burst = (async () => {
      while (typing) {
        text.insert(text.length, String.fromCharCode(97 + (typed++ % 26)))
        await new Promise((r) => setTimeout(r, 1))
      }
    })()
    await waitUntil(() => ficheText(observer.doc).length > ficheText(writer.doc).length - 50 && typed > 300, 'rafale en cours')
    await w.server.kill9()
    await waitUntil(() => !observer.provider.wsconnected, 'connexion coupée par la mort du serveur', 5_000)
    // What the observer had received when the server died.
    const seen = decodeStateVector(Y.encodeStateVector(observer.doc))
    const seenText = ficheText(observer.doc)
    await new Promise((r) => setTimeout(r, 200))
    typing = false
    await burst
    console.log(`kill -9 après ${typed} frappes ; l'observateur en avait reçu ${[...seen.values()].reduce((a, b) => a + b, 0)} éléments`)

    await w.server.restart()
    const fresh = connectSync(w.server.url, w.ficheId, w.cookie('chair'))
    clients.push(fresh)
    await fresh.synced
    const stored = decodeStateVector(Y.encodeStateVector(fresh.doc))
    // Everything the observer had seen (from any author) survived the crash.
    for (const [client, clock] of seen) {
      if (client === observer.doc.clientID) continue
      expect(stored.get(client) ?? 0).toBeGreaterThanOrEqual(clock)
    }
    expect(ficheText(fresh.doc).length).toBeGreaterThanOrEqual(seenText.length)

    // The providers reconnect; the writer re-sends what was never committed.
    const final = ficheText(writer.doc)
    await waitUntil(
      () => ficheText(fresh.doc) === final && ficheText(observer.doc) === final,
      'reconvergence après redémarrage',
      30_000,
    )
    expect(writer.provider.wsconnected).toBe(true)
    expect(observer.provider.wsconnected).toBe(true)
  }, 120_000)
})
