/**
 * A fiche edited through 20,000 separate updates keeps a bounded log: the
 * server compacts it into the snapshot as it goes (load snapshot + tail into
 * a Y.Doc and re-encode), so after a restart the document opens from its
 * snapshot quickly and complete — on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, firstText, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { queryDatabase, startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

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

    // The tail a fresh open reads (rows after the snapshot) stays bounded
    // while typing; compaction keeps the folded rows as history. It runs in
    // the background, off the commit path, so on a busy machine it may trail
    // the burst: wait for it (Postgres is polled beside the running server;
    // the embedded database is read once, the server being killed for it).
    const readLog = () =>
      queryDatabase(w, async (db) => {
        const f = await db.db.selectFrom('fiches').select(['snapshot_seq', 'update_seq']).where('id', '=', w.ficheId).executeTakeFirstOrThrow()
        const rows = await db.db.selectFrom('fiche_updates').select((eb) => eb.fn.countAll<string>().as('n')).where('fiche_id', '=', w.ficheId).executeTakeFirstOrThrow()
        return { snapshotSeq: Number(f.snapshot_seq), tail: Number(f.update_seq) - Number(f.snapshot_seq), rows: Number(rows.n) }
      })
    let log = { snapshotSeq: 0, tail: Infinity, rows: 0 }
    if (w.server.database.databaseUrl) {
      const deadline = Date.now() + 60_000
      while ((log = await readLog()).tail >= COMPACT_EVERY * 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250))
    } else {
      await new Promise((r) => setTimeout(r, 5_000))
      log = await readLog()
    }
    console.log(`journal (${target.name}) : ${log.rows} lignes gardées, snapshot_seq ${log.snapshotSeq}, queue lue à l'ouverture ${log.tail}`)
    expect(log.tail).toBeLessThan(COMPACT_EVERY * 2)
    expect(log.snapshotSeq).toBeGreaterThan(0)
    expect(log.rows).toBeGreaterThanOrEqual(log.snapshotSeq)

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
