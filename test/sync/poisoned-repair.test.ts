/**
 * A fiche poisoned before updates were checked — 6,000 nested elements
 * already in its stored log, as an older server accepted them — answers a
 * clear 409 on read (never a 500 or a stack overflow), and an editor's PUT
 * of valid content repairs it: the fiche reads again, the list and the
 * whole text include it, and a version of the branch can be created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sql } from '@paritaire/server'
import { databaseTargets } from '../utils/db.ts'
import { fragmentOf } from '../utils/sync-clients.ts'
import { queryDatabase, startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

describe.each(databaseTargets())('fiche empoisonnée réparée ($name)', (target) => {
  let w: SyncWorld
  beforeAll(async () => { w = await startSyncWorld(target, { intitule: 'Retoucheur' }) })
  afterAll(async () => { await w?.stop() })

  it('reads as 409 while poisoned, and a valid PUT repairs it', async () => {
    const before = (await w.api.chair.get(`/api/fiches/${w.ficheId}`)).json.fiche
    // The poison, written straight into the log, past every check.
    await queryDatabase(w, async (db) => {
      const { rows } = await sql<{ ydoc_state: Uint8Array | null }>`select ydoc_state from fiches where id = ${w.ficheId}`.execute(db.db)
      const doc = new Y.Doc()
      if (rows[0]?.ydoc_state) Y.applyUpdate(doc, new Uint8Array(rows[0].ydoc_state))
      const { rows: tail } = await sql<{ data: Uint8Array }>`
        select u.data from fiche_updates u join fiches f on f.id = u.fiche_id where u.fiche_id = ${w.ficheId} and u.seq > f.snapshot_seq order by u.seq`.execute(db.db)
      for (const r of tail) Y.applyUpdate(doc, new Uint8Array(r.data))
      const sv = Y.encodeStateVector(doc)
      let parent = fragmentOf(doc).toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === 'contenu') as Y.XmlElement
      doc.transact(() => {
        for (let i = 0; i < 6000; i++) {
          const child = new Y.XmlElement('blockquote')
          parent.insert(0, [child])
          parent = child
        }
      })
      const poison = Buffer.from(Y.encodeStateAsUpdate(doc, sv)).toString('base64')
      await sql`
        with s as (update fiches set update_seq = update_seq + 1 where id = ${w.ficheId} returning update_seq)
        insert into fiche_updates (fiche_id, seq, data) select ${w.ficheId}, s.update_seq, decode(${poison}, 'base64') from s
      `.execute(db.db)
    })

    const poisoned = await w.api.chair.get(`/api/fiches/${w.ficheId}`)
    expect(poisoned.status).toBe(409)
    expect(poisoned.json.error.code).toBe('document_illisible')

    const repaired = await w.api.chair.put(`/api/fiches/${w.ficheId}`, { ...before, denomination: { ...before.denomination, intitule: 'Retoucheur réparé' } })
    expect(repaired.status).toBe(200)
    const read = await w.api.viewer.get(`/api/fiches/${w.ficheId}`)
    expect(read.status).toBe(200)
    expect(read.json.fiche.denomination.intitule).toBe('Retoucheur réparé')
    const list = (await w.api.viewer.get(`/api/negotiations/${w.world.negotiationId}/fiches`)).json.fiches as { intitule: string }[]
    expect(list.map((f) => f.intitule)).toContain('Retoucheur réparé')
    const version = await w.api.chair.post(`/api/negotiations/${w.world.negotiationId}/versions`, { label: 'Après réparation' })
    expect(version.status).toBe(201)
  })
})
