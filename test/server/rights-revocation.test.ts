/**
 * Rights end when they end, on open sockets too: a role change to a
 * read-only role, a removed membership, a logout, an expired session and a
 * deleted fiche each reach the open `/sync` sockets concerned within about
 * a second — closed with a code and a French reason — and nothing the
 * person types afterwards is stored. With two instances on one Postgres, a
 * change made through one reaches the sockets of the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, startServer, type RunningServer } from '@paritaire/server'
import { addFiches, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import type { ApiClient } from '../utils/http.ts'
import type { WorldRole } from '../utils/seed.ts'
import { connectSync, ficheText, loginAs, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'

/**
 * The bound the issue sets, counted from the REST answer of the change to the
 * close seen by the client: the change is announced (locally, or by NOTIFY to
 * the other instance) before the answer leaves, so this is the announcement's
 * own delay, not a benchmark.
 */
const WITHIN_A_SECOND = 1_000

describe.each(databaseTargets())('rights of open sockets ($name)', (target) => {
  let w: ApiWorld
  const clients: SyncClient[] = []
  let second: RunningServer | null = null
  beforeAll(async () => { w = await startApiWorld(target) })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await second?.close()
    await w?.stop()
  })

  /** A fresh login for `role` and a synced socket on `ficheId` (on `url`, the first instance by default). */
  async function open(role: WorldRole, ficheId: string, url = w.server.url): Promise<{ api: ApiClient; client: SyncClient }> {
    const api = await loginAs(w.server.url, w.users[role])
    const client = connectSync(url, ficheId, api.cookieHeader(), { maxBackoffTime: 200 })
    clients.push(client)
    await client.synced
    return { api, client }
  }

  const stored = async (ficheId: string) => JSON.stringify((await w.as.chair.get(`/api/fiches/${ficheId}`)).json.fiche)

  /** Waits for a close matching `reason`; returns how long it took after `t0`. */
  async function closedWith(client: SyncClient, code: number, reason: RegExp, t0: number): Promise<number> {
    await waitUntil(() => client.closes.some((c) => c.code === code && reason.test(c.reason)), `fermeture ${code} ${reason}`)
    return Date.now() - t0
  }

  it('closes the socket of an organisation set to viewer, and stores nothing it types afterwards', async () => {
    const [ficheId] = await addFiches(w, ['Retouche'])
    const { client } = await open('editor', ficheId!)
    typeIntoFiche(client.doc, ' AVANT')
    await expect.poll(() => stored(ficheId!), { timeout: 10_000 }).toContain('AVANT')
    expect((await w.as.chair.post(`/api/negotiations/${w.negotiationId}/members`, { organisation: w.users.editor.organisation, role: 'viewer' })).status).toBe(201)
    expect(await closedWith(client, 4401, /^droits_modifies: votre rôle est désormais « lecture »/, Date.now())).toBeLessThan(WITHIN_A_SECOND)
    typeIntoFiche(client.doc, ' APRES-RETRAIT')
    await new Promise((r) => setTimeout(r, 800))
    expect(await stored(ficheId!)).not.toContain('APRES-RETRAIT')
    expect((await w.as.chair.post(`/api/negotiations/${w.negotiationId}/members`, { organisation: w.users.editor.organisation, role: 'editor' })).status).toBe(201)
  })

  it('closes the socket of an organisation removed from the negotiation', async () => {
    const [ficheId] = await addFiches(w, ['Laboratoire'])
    const { client } = await open('commenter', ficheId!)
    expect((await w.as.chair.delete(`/api/negotiations/${w.negotiationId}/members/${w.users.commenter.organisationId}`)).status).toBe(204)
    expect(await closedWith(client, 4401, /^acces_retire: votre organisation ne participe plus/, Date.now())).toBeLessThan(WITHIN_A_SECOND)
    expect((await w.as.commenter.get(`/api/fiches/${ficheId}`)).status).toBe(404)
    expect((await w.as.chair.post(`/api/negotiations/${w.negotiationId}/members`, { organisation: w.users.commenter.organisation, role: 'commenter' })).status).toBe(201)
  })

  it('closes the sockets of a session that logs out, and stores nothing typed afterwards', async () => {
    const [ficheId] = await addFiches(w, ['Tirage'])
    const { api, client } = await open('editor', ficheId!)
    expect((await api.post('/api/auth/logout', {})).status).toBe(204)
    expect(await closedWith(client, 4401, /^session_terminee: /, Date.now())).toBeLessThan(WITHIN_A_SECOND)
    typeIntoFiche(client.doc, ' APRES-DECONNEXION')
    await new Promise((r) => setTimeout(r, 800))
    expect(await stored(ficheId!)).not.toContain('APRES-DECONNEXION')
  })

  it('closes the sockets of a session once it expires', async () => {
    const [ficheId] = await addFiches(w, ['Encadrement'])
    const { client } = await open('viewer', ficheId!)
    // Expiry is a date in the sessions table; no announcement is made: the
    // periodic check (every second) finds it, so within one period and its query.
    await w.server.ctx.database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', w.users.viewer.userId).execute()
    expect(await closedWith(client, 4401, /^session_terminee: /, Date.now())).toBeLessThan(WITHIN_A_SECOND + 1_000)
  })

  it('tells the people editing a fiche who deleted it, instead of a storage error', async () => {
    const [ficheId] = await addFiches(w, ['Fiche à supprimer'])
    const { client } = await open('editor', ficheId!)
    typeIntoFiche(client.doc, ' EN-COURS')
    expect((await w.as.chair.delete(`/api/fiches/${ficheId}`)).status).toBe(204)
    expect(await closedWith(client, 4410, new RegExp(`^fiche_supprimee: Cette fiche a été supprimée par Personne w-chair \\(${w.users.chair.organisation}\\)`), Date.now())).toBeLessThan(WITHIN_A_SECOND)
    expect(client.closes.some((c) => /stockage_indisponible/.test(c.reason))).toBe(false)
    expect(ficheText(client.doc)).toContain('EN-COURS')
  })

  it.runIf(target.name === 'postgres')('reaches the sockets of another instance', async () => {
    second = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: w.server.database.databaseUrl! }))
    const url = `http://127.0.0.1:${second.port}`
    const [ficheId, otherId] = await addFiches(w, ['Studio', 'Reportage'])
    const { client: editor } = await open('editor', ficheId!, url)
    expect((await w.as.chair.post(`/api/negotiations/${w.negotiationId}/members`, { organisation: w.users.editor.organisation, role: 'commenter' })).status).toBe(201)
    expect(await closedWith(editor, 4401, /^droits_modifies: .*« commentaire »/, Date.now())).toBeLessThan(WITHIN_A_SECOND)
    expect((await w.as.chair.post(`/api/negotiations/${w.negotiationId}/members`, { organisation: w.users.editor.organisation, role: 'editor' })).status).toBe(201)
    const { client: onDeleted } = await open('editor', otherId!, url)
    expect((await w.as.chair.delete(`/api/fiches/${otherId}`)).status).toBe(204)
    expect(await closedWith(onDeleted, 4410, /^fiche_supprimee: Cette fiche a été supprimée par Personne w-chair/, Date.now())).toBeLessThan(WITHIN_A_SECOND)
  })
})
