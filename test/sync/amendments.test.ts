/**
 * Amendments end to end over real y-websocket clients and the REST API, on
 * both databases: the server refuses a commenter's plain-text update
 * (socket closed with the French reason, nothing stored or relayed) and an
 * amendment in another organisation's name, accepts a commenter's own
 * amendment; accept / reject / withdraw go through REST with the role checks
 * (non-decider 403, non-member 404), the negotiation setting, and one audit
 * event per decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, firstText, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

function attribution(w: SyncWorld, role: 'commenter' | 'editor' | 'chair', id: string) {
  const u = w.world.users[role]
  return { id, organisationId: u.organisationId, organisationName: u.organisation, userId: u.userId, authorName: 'Test', createdAt: new Date().toISOString() }
}

/** Inserts `text` at the end of the fiche's first text, as a proposed insertion with `attrs`. */
function proposeInsertion(doc: Y.Doc, text: string, attrs: Record<string, unknown>): void {
  const target = firstText(doc)!
  target.insert(target.length, text, { insertion: attrs })
}

describe.each(databaseTargets())('amendements ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []
  const open = (role: 'chair' | 'editor' | 'commenter') => {
    const c = connectSync(w.server.url, w.ficheId, w.cookie(role), { maxBackoffTime: 60_000 })
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    w = await startSyncWorld(target, { intitule: 'Technicien de maintenance' })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('refuses a commenter typing plain text, and an amendment in another organisation’s name', async () => {
    const editor = open('editor')
    const intruder = open('commenter')
    await Promise.all([editor.synced, intruder.synced])
    firstText(intruder.doc)!.insert(0, 'TEXTE-DIRECT ')
    await waitUntil(() => intruder.closes.length > 0, 'fermeture du commentateur')
    intruder.provider.disconnect()
    expect(intruder.closes[0]!.code).toBe(4403)
    expect(intruder.closes[0]!.reason).toMatch(/^amendement_requis: .*Amendements et commentaires/)

    const spoofer = open('commenter')
    await spoofer.synced
    proposeInsertion(spoofer.doc, ' USURPE', attribution(w, 'editor', 'faux-1'))
    await waitUntil(() => spoofer.closes.length > 0, 'fermeture de l’usurpateur')
    spoofer.provider.disconnect()
    expect(spoofer.closes[0]!.code).toBe(4403)
    expect(spoofer.closes[0]!.reason).toMatch(/^amendement_usurpe: /)

    // Nothing stored nor relayed: the REST read (live document) and the editor lack both.
    await new Promise((r) => setTimeout(r, 300))
    const fiche = await w.api.chair.get(`/api/fiches/${w.ficheId}`)
    expect(fiche.json.fiche.denomination.intitule).toBe('Technicien de maintenance')
    expect(ficheText(editor.doc)).not.toMatch(/TEXTE-DIRECT|USURPE/)
    expect((await w.api.chair.get(`/api/fiches/${w.ficheId}/amendments`)).json.amendments).toEqual([])
  })

  it('relays a commenter’s own amendment, attributed, and keeps canonical JSON free of it', async () => {
    const editor = open('editor')
    const commenter = open('commenter')
    await Promise.all([editor.synced, commenter.synced])
    proposeInsertion(commenter.doc, ' confirmé', attribution(w, 'commenter', 'a-1'))
    await waitUntil(() => ficheText(editor.doc).includes('confirmé'), 'amendement reçu par l’éditeur')
    expect(commenter.closes).toEqual([])
    const list = await w.api.viewer.get(`/api/fiches/${w.ficheId}/amendments`)
    expect(list.status).toBe(200)
    expect(list.json.amendments).toMatchObject([
      { id: 'a-1', kind: 'insertion', inserted: ' confirmé', section: 'denomination', organisationId: w.world.users.commenter.organisationId },
    ])
    expect(list.json.canDecide).toBe(false)
    expect((await w.api.chair.get(`/api/fiches/${w.ficheId}`)).json.fiche.denomination.intitule).toBe('Technicien de maintenance')
    // A second one, to reject later, and one the commenter will withdraw.
    proposeInsertion(commenter.doc, ' senior', attribution(w, 'commenter', 'a-2'))
    proposeInsertion(commenter.doc, ' (H/F)', attribution(w, 'commenter', 'a-3'))
    await waitUntil(async () => (await w.api.chair.get(`/api/fiches/${w.ficheId}/amendments`)).json.amendments.length === 3, 'trois amendements')
  })

  it('decides through REST with role checks, the setting, and an audit event per decision', async () => {
    const base = `/api/fiches/${w.ficheId}/amendments`
    expect((await w.api.outsider.get(base)).status).toBe(404)
    expect((await w.api.outsider.post(`${base}/accept`, { ids: ['a-1'] })).status).toBe(404)
    const refused = await w.api.editor.post(`${base}/accept`, { ids: ['a-1'] })
    expect(refused.status).toBe(403)
    expect(refused.json.error.message).toMatch(/présidence/)
    expect((await w.api.commenter.post(`${base}/reject`, { ids: ['a-2'] })).status).toBe(403)
    expect((await w.api.viewer.post(`${base}/withdraw`, {})).status).toBe(403)
    expect((await w.api.chair.post(`${base}/accept`, { ids: ['nope'] })).status).toBe(404)
    expect((await w.api.chair.post(`${base}/accept`, { ids: 'a-1' })).status).toBe(400)

    const watcher = open('editor')
    await watcher.synced
    const accepted = await w.api.chair.post(`${base}/accept`, { ids: ['a-1'] })
    expect(accepted.status).toBe(200)
    expect(accepted.json.decided.map((a: { id: string }) => a.id)).toEqual(['a-1'])
    expect((await w.api.chair.get(`/api/fiches/${w.ficheId}`)).json.fiche.denomination.intitule).toBe('Technicien de maintenance confirmé')

    // The chair lets editors decide; the editor rejects a-2; the commenter withdraws a-3.
    const settings = `/api/negotiations/${w.world.negotiationId}/amendment-settings`
    expect((await w.api.editor.put(settings, { deciders: 'chair_and_editors' })).status).toBe(403)
    expect((await w.api.chair.put(settings, { deciders: 'n-importe' })).status).toBe(400)
    expect((await w.api.chair.put(settings, { deciders: 'chair_and_editors' })).json.deciders).toBe('chair_and_editors')
    expect((await w.api.editor.get(settings)).json).toEqual({ deciders: 'chair_and_editors', canDecide: true })
    expect((await w.api.editor.post(`${base}/reject`, { ids: ['a-2'] })).status).toBe(200)
    expect((await w.api.editor.post(`${base}/withdraw`, { ids: ['a-3'] })).status).toBe(404)
    const withdrawn = await w.api.commenter.post(`${base}/withdraw`, { ids: ['a-3'] })
    expect(withdrawn.status).toBe(200)
    expect(withdrawn.json.amendments).toEqual([])

    // Live: the connected editor sees the outcome without reloading.
    await waitUntil(() => !ficheText(watcher.doc).includes('senior') && !ficheText(watcher.doc).includes('H/F'), 'décisions relayées')
    expect(ficheText(watcher.doc)).toContain('confirmé')
    expect((await w.api.chair.get(`/api/fiches/${w.ficheId}`)).json.fiche.denomination.intitule).toBe('Technicien de maintenance confirmé')

    const audit = await w.api.viewer.get(`/api/negotiations/${w.world.negotiationId}/audit`)
    const decisions = audit.json.events.filter((e: { action: string }) => e.action.startsWith('amendment.'))
    expect(decisions.map((e: { action: string; targetId: string; organisation: string }) => [e.action, e.targetId, e.organisation])).toEqual([
      ['amendment.accept', 'a-1', w.world.users.chair.organisation],
      ['amendment.reject', 'a-2', w.world.users.editor.organisation],
      ['amendment.withdraw', 'a-3', w.world.users.commenter.organisation],
    ])
    expect(decisions[0].details).toMatchObject({ ficheId: w.ficheId, inserted: ' confirmé', proposedBy: { organisationId: w.world.users.commenter.organisationId } })
    const history = await w.api.chair.get(base)
    expect(history.json.decisions.map((d: { amendmentId: string }) => d.amendmentId)).toEqual(['a-1', 'a-2', 'a-3'])
  })
})
