/**
 * Size limits: a frame larger than SYNC_MAX_FRAME_BYTES is closed by the
 * WebSocket layer (1009), an update that would grow the document past
 * SYNC_MAX_DOCUMENT_BYTES is refused (4413) and not stored; other clients
 * are unaffected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

describe.each(databaseTargets())('limites de taille ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []

  beforeAll(async () => {
    w = await startSyncWorld(target, { env: { SYNC_MAX_FRAME_BYTES: String(256 * 1024), SYNC_MAX_DOCUMENT_BYTES: String(96 * 1024) } })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('refuses an update that makes the document too large, then a frame over the limit', async () => {
    const big = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    const other = connectSync(w.server.url, w.ficheId, w.cookie('chair'))
    clients.push(big, other)
    await Promise.all([big.synced, other.synced])

    typeIntoFiche(big.doc, 'x'.repeat(120 * 1024))
    await waitUntil(() => big.closes.length > 0, 'refus du document trop volumineux')
    expect(big.closes[0]!.code).toBe(4413)
    expect(big.closes[0]!.reason).toMatch(/^document_trop_volumineux: /)

    const huge = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    clients.push(huge)
    await huge.synced
    typeIntoFiche(huge.doc, 'y'.repeat(300 * 1024))
    await waitUntil(() => huge.closes.length > 0, 'refus de la trame trop grande')
    expect(huge.closes[0]!.code).toBe(1009)

    typeIntoFiche(other.doc, ' petit-ajout')
    const check = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    clients.push(check)
    await check.synced
    await waitUntil(() => ficheText(check.doc).includes('petit-ajout'), 'petite édition acceptée')
    expect(ficheText(check.doc)).not.toContain('xxxxxxxxxx')
    expect(ficheText(check.doc)).not.toContain('yyyyyyyyyy')
  })
})
