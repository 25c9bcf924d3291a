/**
 * Presence is bound to the connection: a viewer who publishes the name
 * « Présidente FNP » appears under its own name and organisation; a client
 * cannot overwrite or remove another client's presence (same client id,
 * higher clock, or null); 20,000 ghost states in one frame and a 4 MiB state
 * are refused (the socket is closed with a reason) and reach nobody — not
 * even a newcomer, to whom the server replays the current presences.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as encoding from 'lib0/encoding'
import { addFiches, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, waitUntil, wsBase, type SyncClient } from '../utils/sync-clients.ts'

/** An awareness frame (message type 1) holding the given (clientId, clock, state) entries. */
function awarenessFrame(entries: [number, number, unknown][]): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(update, clientId)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, JSON.stringify(state))
  }
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, 1)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}

interface RawSocket { ws: WebSocket; closed: Promise<{ code: number; reason: string }> }

async function rawSocket(url: string, ficheId: string, cookie: string): Promise<RawSocket> {
  const ws = new WebSocket(`${wsBase(url)}/${ficheId}`, { headers: { cookie } })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject) })
  return { ws, closed }
}

const userOf = (client: SyncClient, id: number) => (client.provider.awareness.getStates().get(id) as { user?: { name?: string; organisation?: string } } | undefined)?.user

describe.each(databaseTargets())('presence bound to the connection ($name)', (target) => {
  let w: ApiWorld
  let ficheId: string
  const clients: SyncClient[] = []
  beforeAll(async () => {
    w = await startApiWorld(target)
    ficheId = (await addFiches(w, ['Présence']))[0]!
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  const connect = async (role: 'chair' | 'editor' | 'viewer' | 'commenter', user?: { name: string; color: string; organisation: string }) => {
    const client = connectSync(w.server.url, ficheId, w.as[role].cookieHeader(), user ? { user } : {})
    clients.push(client)
    await client.synced
    return client
  }

  it('shows a viewer under its own name whatever it claims', async () => {
    const chair = await connect('chair')
    const viewer = await connect('viewer', { name: 'Présidente FNP', color: '#cc0000', organisation: 'FNP' })
    const id = viewer.provider.awareness.clientID
    await waitUntil(() => userOf(chair, id) !== undefined, 'présence du lecteur chez la présidence')
    expect(userOf(chair, id)).toEqual({ name: 'Personne w-viewer', organisation: w.users.viewer.organisation, color: '#cc0000' })
  })

  it('ignores an overwrite or a removal of another client’s presence', async () => {
    const chair = await connect('chair')
    const observer = await connect('commenter')
    const chairId = chair.provider.awareness.clientID
    await waitUntil(() => userOf(observer, chairId)?.name === 'Personne w-chair', 'présence de la présidence')
    const attacker = await rawSocket(w.server.url, ficheId, w.as.editor.cookieHeader())
    attacker.ws.send(awarenessFrame([[424242, 1, { user: { name: 'moi' } }]]))
    attacker.ws.send(awarenessFrame([[chairId, 10_000, { user: { name: 'Présidente FNP (usurpée)' } }]]))
    attacker.ws.send(awarenessFrame([[chairId, 10_001, null]]))
    // A later honest change proves the attacker's frames were handled before it.
    await waitUntil(() => userOf(observer, 424242)?.name === 'Personne w-editor', 'présence de l’attaquant sous son vrai nom')
    expect(userOf(observer, chairId)?.name).toBe('Personne w-chair')
    attacker.ws.close()
  })

  it('refuses 20,000 ghost states in one frame', async () => {
    const observer = await connect('chair')
    const attacker = await rawSocket(w.server.url, ficheId, w.as.editor.cookieHeader())
    const ghosts: [number, number, unknown][] = Array.from({ length: 20_000 }, (_, i) => [1_000_000 + i, 1, { user: { name: `fantôme ${i}` } }])
    attacker.ws.send(awarenessFrame(ghosts))
    const closed = await attacker.closed
    expect(closed).toEqual({ code: 4400, reason: expect.stringMatching(/^presence_trop_nombreuse: 20000 présences/) })
    const newcomer = await connect('viewer')
    await new Promise((r) => setTimeout(r, 300))
    for (const c of [observer, newcomer]) expect([...c.provider.awareness.getStates().keys()].some((id) => id >= 1_000_000 && id < 1_020_000)).toBe(false)
  })

  it('refuses a 4 MiB state, which no newcomer receives', async () => {
    const attacker = await rawSocket(w.server.url, ficheId, w.as.editor.cookieHeader())
    attacker.ws.send(awarenessFrame([[777_777, 1, { user: { name: 'gros' }, blob: 'x'.repeat(4 * 1024 * 1024) }]]))
    const closed = await attacker.closed
    expect(closed).toEqual({ code: 4400, reason: expect.stringMatching(/^presence_trop_volumineuse: /) })
    const newcomer = await connect('commenter')
    await new Promise((r) => setTimeout(r, 300))
    expect(newcomer.provider.awareness.getStates().has(777_777)).toBe(false)
  })
})
