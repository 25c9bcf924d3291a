/**
 * Dormant documents over real y-websocket clients: a fiche that only idle
 * clients have open keeps its committed state encoded (no Y.Doc), and must
 * still serve each joining client exactly what is committed, take an edit
 * or a REST write like any other (committed, then relayed), and do so again
 * once it has gone back to sleep — on one instance, and with the edit made
 * on another instance of the same Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { databaseTargets } from '../utils/db.ts'
import { startTestServer, type TestServer } from '../utils/server.ts'
import { connectSync, ficheText, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

/** Back to sleep 200 ms after the last use; the scratch copy of an edit lives 10 s (`scratch-copy.ts`). */
const DORMANT = { SYNC_DORMANT_AFTER_MS: '200' }
const ASLEEP_AFTER_EDIT_MS = 11_000

/** Same structs and same deletions as `expected`. */
function expectSameState(actual: Y.Doc, expected: Y.Doc): void {
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected))
  expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))).toBe(true)
  expect(ficheText(actual)).toBe(ficheText(expected))
}

describe.each(databaseTargets())('documents dormants ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []
  const open = (role: 'chair' | 'editor' | 'viewer', url = w.server.url) => {
    const c = connectSync(url, w.ficheId, w.cookie(role))
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    w = await startSyncWorld(target, { intitule: 'Opérateur de production', env: DORMANT })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('idle clients of a dormant fiche get its committed state, and an edit reaches them once committed', async () => {
    const [v1, v2] = [open('viewer'), open('viewer')]
    await Promise.all([v1.synced, v2.synced])
    expect(ficheText(v1.doc)).toContain('Opérateur de production')
    expectSameState(v2.doc, v1.doc)
    const editor = open('editor')
    await editor.synced
    expectSameState(editor.doc, v1.doc)
    typeIntoFiche(editor.doc, ' — équipe de nuit')
    await waitUntil(() => ficheText(v1.doc).includes('équipe de nuit') && ficheText(v2.doc).includes('équipe de nuit'), 'saisie relayée')
    await waitUntil(
      async () => (await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).json.fiche.denomination.intitule.includes('équipe de nuit'),
      'saisie enregistrée',
    )
  })

  it('gone back to sleep, it serves a late client exactly what was typed, and relays the next keystroke and a PUT', async () => {
    const [editor, v1] = [clients[2]!, clients[0]!]
    typeIntoFiche(editor.doc, ' (H/F)')
    await waitUntil(() => ficheText(v1.doc).includes('(H/F)'), 'saisie relayée')
    await new Promise((r) => setTimeout(r, ASLEEP_AFTER_EDIT_MS))
    const late = open('viewer')
    await late.synced
    expectSameState(late.doc, editor.doc)
    expect(ficheText(late.doc)).toContain('équipe de nuit (H/F)')

    typeIntoFiche(editor.doc, ' confirmé')
    await waitUntil(() => ficheText(late.doc).includes('confirmé') && ficheText(v1.doc).includes('confirmé'), 'frappe relayée après le sommeil')

    await new Promise((r) => setTimeout(r, ASLEEP_AFTER_EDIT_MS))
    const current = (await w.api.chair.get(`/api/fiches/${w.ficheId}`)).json.fiche
    expect(current.denomination.intitule).toBe('Opérateur de production — équipe de nuit (H/F) confirmé')
    const put = await w.api.chair.put(`/api/fiches/${w.ficheId}`, { ...current, denomination: { ...current.denomination, intitule: 'Opérateur de production qualifié' } })
    expect(put.status).toBe(200)
    const arrived = (c: SyncClient) => ficheText(c.doc).includes('production qualifié') && !ficheText(c.doc).includes('équipe')
    await waitUntil(() => arrived(late) && arrived(editor) && arrived(v1), 'PUT relayé aux clients inactifs')
    expectSameState(late.doc, editor.doc)
  }, 60_000)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('documents dormants sur deux instances', () => {
  let w: SyncWorld
  let second: TestServer
  const clients: SyncClient[] = []

  beforeAll(async () => {
    const target = databaseTargets().find((t) => t.name === 'postgres')!
    w = await startSyncWorld(target, { intitule: 'Conducteur de ligne', env: DORMANT })
    second = await startTestServer({ target, database: w.server.database, env: DORMANT })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await second?.stop()
    await w?.stop()
  })

  it('a dormant fiche on one instance catches up with an edit made on the other and relays it', async () => {
    const onB = connectSync(second.url, w.ficheId, w.cookie('viewer'))
    clients.push(onB)
    await onB.synced
    const onA = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    clients.push(onA)
    await onA.synced
    typeIntoFiche(onA.doc, ' qualifié')
    await waitUntil(() => ficheText(onB.doc).includes('qualifié'), 'saisie de A relayée par B')
    // B woke to apply the row; nothing is typed there, so it goes back to sleep before the late client joins.
    await new Promise((r) => setTimeout(r, 600))
    const lateOnB = connectSync(second.url, w.ficheId, w.cookie('chair'))
    clients.push(lateOnB)
    await lateOnB.synced
    expectSameState(lateOnB.doc, onA.doc)
    await waitUntil(() => Y.equalSnapshots(Y.snapshot(onB.doc), Y.snapshot(onA.doc)), 'B à jour')
  })
})
