/**
 * Two server processes on one Postgres: clients on instance A and on
 * instance B converge. Each commit is announced with NOTIFY (fiche id and
 * sequence only); the other instance reads the new rows and relays them.
 * The test prints the latency this adds (same-instance vs cross-instance
 * delivery of the same update). Needs a shared real Postgres: skipped
 * without TEST_DATABASE_URL (CI sets it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { startTestServer, type TestServer } from '../utils/server.ts'
import { connectSync, ficheText, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

describe.skipIf(!process.env.TEST_DATABASE_URL)('plusieurs instances sur un Postgres', () => {
  let w: SyncWorld
  let second: TestServer
  const clients: SyncClient[] = []

  beforeAll(async () => {
    const target = databaseTargets().find((t) => t.name === 'postgres')!
    w = await startSyncWorld(target)
    second = await startTestServer({ target, database: w.server.database })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await second?.stop()
    await w?.stop()
  })

  it('clients on two instances converge, and the cross-instance delay is measured', async () => {
    const a1 = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    const a2 = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    const b1 = connectSync(second.url, w.ficheId, w.cookie('chair'))
    clients.push(a1, a2, b1)
    await Promise.all([a1.synced, a2.synced, b1.synced])

    const sameInstance: number[] = []
    const crossInstance: number[] = []
    // Arrival times taken in the update handlers, not by polling.
    let tSame = 0
    let tCross = 0
    a2.doc.on('update', () => (tSame ||= performance.now()))
    b1.doc.on('update', () => (tCross ||= performance.now()))
    for (let i = 0; i < 20; i++) {
      const marker = ` m${i}`
      tSame = 0
      tCross = 0
      const t0 = performance.now()
      typeIntoFiche(a1.doc, marker)
      await waitUntil(() => ficheText(a2.doc).includes(marker) && ficheText(b1.doc).includes(marker), `marqueur ${i} reçu sur les deux instances`)
      sameInstance.push(tSame - t0)
      crossInstance.push(tCross - t0)
      await new Promise((r) => setTimeout(r, 30))
    }
    console.log(
      `latence médiane : même instance ${median(sameInstance).toFixed(1)} ms, autre instance ${median(crossInstance).toFixed(1)} ms ` +
        `(surcoût NOTIFY + lecture ${(median(crossInstance) - median(sameInstance)).toFixed(1)} ms)`,
    )

    // And the other way round, concurrently from both sides.
    for (let i = 0; i < 10; i++) {
      typeIntoFiche(b1.doc, ` b${i}`)
      typeIntoFiche(a1.doc, ` a${i}`)
    }
    await waitUntil(
      () => ficheText(a1.doc) === ficheText(b1.doc) && ficheText(a2.doc) === ficheText(b1.doc) && ficheText(b1.doc).includes('a9') && ficheText(a1.doc).includes('b9'),
      'convergence entre instances',
    )
    const viaA = (await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).json.fiche
    expect(JSON.stringify(viaA)).toContain('b9')
  })
})
