/**
 * A fiche edited through 20,000 separate updates keeps a bounded log: the
 * server compacts it into the snapshot as it goes (load snapshot + tail into
 * a Y.Doc and re-encode), so after a restart the document opens from its
 * snapshot quickly and complete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import postgres from 'postgres'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, firstText, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

const UPDATES = 20_000
const COMPACT_EVERY = 500

describe.each(databaseTargets())('historique long ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []

  beforeAll(async () => {
    w = await startSyncWorld(target, { env: { SYNC_COMPACT_EVERY: String(COMPACT_EVERY) } })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it(`opens a fiche with ${UPDATES} stored updates from its snapshot`, async () => {
    const writer = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    clients.push(writer)
    await writer.synced
    const text = firstText(writer.doc)!
    const started = Date.now()
    for (let i = 0; i < UPDATES; i++) {
      text.insert(text.length, String.fromCharCode(97 + (i % 26)))
      // Let the socket drain now and then, as a typist would.
      if (i % 500 === 499) await new Promise((r) => setTimeout(r, 1))
    }
    const expected = ficheText(writer.doc)
    const reader = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    clients.push(reader)
    await reader.synced
    await waitUntil(() => ficheText(reader.doc) === expected, 'les 20 000 mises à jour relayées', 120_000)
    console.log(`${UPDATES} mises à jour envoyées et relayées en ${Date.now() - started} ms (${target.name})`)

    if (w.server.database.databaseUrl) {
      // Compaction runs in the background, off the commit path: on a busy
      // machine it may trail the burst, so wait for it to catch up.
      const sql = postgres(w.server.database.databaseUrl, { max: 1, onnotice: () => {} })
      let row: { snapshot_seq: string; tail: string } | undefined
      const readLog = async () => {
        ;[row] = await sql<{ snapshot_seq: string; tail: string }[]>`select snapshot_seq, (select count(*) from fiche_updates u where u.fiche_id = f.id) as tail from fiches f where id = ${w.ficheId}`
        return Number(row!.tail) < COMPACT_EVERY * 2
      }
      const deadline = Date.now() + 60_000
      while (!(await readLog()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250))
      await sql.end()
      expect(Number(row!.tail)).toBeLessThan(COMPACT_EVERY * 2)
      expect(Number(row!.snapshot_seq)).toBeGreaterThan(0)
    }

    for (const c of clients.splice(0)) c.destroy()
    await w.server.restart()
    const opened = Date.now()
    const cold = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    clients.push(cold)
    await cold.synced
    const coldMs = Date.now() - opened
    console.log(`ouverture à froid après redémarrage : ${coldMs} ms (${target.name})`)
    expect(ficheText(cold.doc)).toBe(expected)
    expect(coldMs).toBeLessThan(3_000)
  }, 240_000)
})
