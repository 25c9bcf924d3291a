/**
 * The upgrade request is authenticated before any socket exists: no session
 * → 401, a session whose organisation is not a member (or an unknown fiche)
 * → 404, a foreign browser origin → 403. No WebSocket is ever opened for
 * them, and members still connect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, wsBase } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

/** Opens a raw socket and reports either `open` or the HTTP status of the refusal. */
function tryUpgrade(url: string, headers: Record<string, string>): Promise<{ opened: boolean; status: number | null; body: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    ws.on('open', () => {
      ws.close()
      resolve({ opened: true, status: null, body: '' })
    })
    ws.on('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ opened: false, status: res.statusCode ?? null, body }))
      res.on('error', () => resolve({ opened: false, status: res.statusCode ?? null, body }))
    })
    ws.on('error', () => {})
  })
}

describe.each(databaseTargets())('authentification de /sync ($name)', (target) => {
  let w: SyncWorld

  beforeAll(async () => {
    w = await startSyncWorld(target)
  })
  afterAll(async () => {
    await w?.stop()
  })

  it('refuses anonymous callers, non-members, unknown fiches and foreign origins before the upgrade', async () => {
    const url = `${wsBase(w.server.url)}/${w.ficheId}`
    const anonymous = await tryUpgrade(url, {})
    expect(anonymous).toMatchObject({ opened: false, status: 401 })
    const forged = await tryUpgrade(url, { cookie: 'paritaire_session=faux-jeton' })
    expect(forged).toMatchObject({ opened: false, status: 401 })
    const outsider = await tryUpgrade(url, { cookie: w.cookie('outsider') })
    expect(outsider).toMatchObject({ opened: false, status: 404 })
    const unknown = await tryUpgrade(`${wsBase(w.server.url)}/fiche-inexistante`, { cookie: w.cookie('editor') })
    expect(unknown).toMatchObject({ opened: false, status: 404 })
    const foreign = await tryUpgrade(url, { cookie: w.cookie('editor'), origin: 'https://pirate.example' })
    expect(foreign).toMatchObject({ opened: false, status: 403 })
    const member = await tryUpgrade(url, { cookie: w.cookie('viewer') })
    expect(member.opened).toBe(true)
  })

  it("a non-member's provider never receives the fiche", async () => {
    const outsider = connectSync(w.server.url, w.ficheId, w.cookie('outsider'))
    await new Promise((r) => setTimeout(r, 800))
    expect(outsider.provider.synced).toBe(false)
    expect(ficheText(outsider.doc)).toBe('')
    outsider.destroy()
  })

  it('answers a plain GET with 426 and a French message', async () => {
    const res = await w.api.editor.get(`/sync/${w.ficheId}`)
    expect(res.status).toBe(426)
    expect(res.json.error.code).toBe('websocket_requis')
  })
})
