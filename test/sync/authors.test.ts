/**
 * Who typed what is recorded: every row of `fiche_updates` carries the user
 * and organisation of the socket (or REST caller) that sent it — one row per
 * author per group commit, not one per keystroke — and compaction keeps the
 * rows it folds into the snapshot, so the whole attributed history stays
 * readable in order (`select seq, user_id, organisation_id, created_at, data
 * from fiche_updates where fiche_id = ? order by seq`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, fragmentOf, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { queryDatabase, startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

interface HistoryRow {
  seq: string | number
  user_id: string | null
  organisation_id: string | null
  created_at: Date
  data: Uint8Array
}

describe.each(databaseTargets())('auteurs des mises à jour ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []

  beforeAll(async () => {
    w = await startSyncWorld(target, { env: { SYNC_COMPACT_EVERY: '10' } })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('stores each row with its author, few rows per keystroke, and keeps the folded history', async () => {
    const cfdt = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    const fnp = connectSync(w.server.url, w.ficheId, w.cookie('chair'))
    clients.push(cfdt, fnp)
    await Promise.all([cfdt.synced, fnp.synced])
    let keys = 0
    for (let i = 0; i < 60; i++) {
      typeIntoFiche(cfdt.doc, `c${i} `)
      typeIntoFiche(fnp.doc, `f${i} `)
      keys += 2
      if (i % 5 === 4) await new Promise((r) => setTimeout(r, 30))
    }
    await waitUntil(() => ficheText(cfdt.doc) === ficheText(fnp.doc) && ficheText(cfdt.doc).includes('f59') && ficheText(cfdt.doc).includes('c59'), 'convergence')
    const current = (await w.api.chair.get(`/api/fiches/${w.ficheId}`)).json.fiche
    const put = await w.api.chair.put(`/api/fiches/${w.ficheId}`, { ...current, denomination: { ...current.denomination, intitule: 'Technicien principal' } })
    expect(put.status).toBe(200)
    await waitUntil(() => ficheText(cfdt.doc).includes('Technicien principal'), 'PUT relayé')
    for (const c of clients.splice(0)) c.destroy()

    const { rows, snapshotSeq } = await queryDatabase(w, async (db) => {
      const history: HistoryRow[] = await db.db
        .selectFrom('fiche_updates')
        .select(['seq', 'user_id', 'organisation_id', 'created_at', 'data'])
        .where('fiche_id', '=', w.ficheId)
        .orderBy('seq')
        .execute()
      const fiche = await db.db.selectFrom('fiches').select('snapshot_seq').where('id', '=', w.ficheId).executeTakeFirstOrThrow()
      return { rows: history, snapshotSeq: Number(fiche.snapshot_seq) }
    })
    const { editor, chair } = w.world.users
    console.log(`auteurs (${target.name}) : ${keys} frappes → ${rows.length} lignes, snapshot_seq ${snapshotSeq}`)
    // Every row is attributed, to one of the two typists.
    const authors = new Set(rows.map((r) => `${r.user_id}/${r.organisation_id}`))
    expect(authors).toEqual(new Set([`${editor.userId}/${editor.organisationId}`, `${chair.userId}/${chair.organisationId}`]))
    expect(rows.length).toBeLessThan(keys + 1)
    // Row 1 is the fiche as the editor created it; the PUT is the chair's last row.
    expect(rows[0]!.user_id).toBe(editor.userId)
    expect(rows.at(-1)!.user_id).toBe(chair.userId)
    // Compaction ran (the PUT compacts) and deleted nothing: numbers 1…n, all there.
    expect(snapshotSeq).toBe(Number(rows.at(-1)!.seq))
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1))
    // The history alone replays to the fiche: the seed state plus every row.
    const fresh = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    clients.push(fresh)
    await fresh.synced
    const replay = new Y.Doc()
    for (const r of rows) Y.applyUpdate(replay, r.data)
    expect(fragmentOf(replay).toString()).toBe(ficheText(fresh.doc))
    expect(ficheText(fresh.doc)).toContain('Technicien principal')
  }, 180_000)
})
