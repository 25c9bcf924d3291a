/**
 * Threads against the live document, on both databases: a thread anchored
 * with the editor's form (Yjs relative positions made by a real y-websocket
 * client) follows its words while a colleague deletes half of them, and
 * stays, marked deleted, once they are all gone; the SSE stream delivers a
 * new comment to another member within a second and never delivers a
 * private note to another organisation.
 */
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FICHE_YDOC_FIELD } from '@paritaire/schema'
import { loadConfig, startServer, type RunningServer } from '@paritaire/server'
import { startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import type { ApiClient } from '../utils/http.ts'
import { openSse, type SseStream } from '../utils/sse.ts'
import { connectSync, type SyncClient } from '../utils/sync-clients.ts'
import { addObjetFiche, OBJET, secondEditorMember } from './fixtures.ts'

/** The Y.XmlText of the first paragraph of objet. */
function firstObjetText(doc: Y.Doc): Y.XmlText {
  const objet = doc.getXmlFragment(FICHE_YDOC_FIELD).get(1) as Y.XmlElement
  return (objet.get(0) as Y.XmlElement).get(0) as Y.XmlText
}

const b64 = (rel: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(rel)).toString('base64')

describe.each(databaseTargets())('comment threads on the live document ($name)', (target) => {
  let w: ApiWorld
  let ficheId = ''
  let cgt2: ApiClient
  const clients: SyncClient[] = []
  const streams: SseStream[] = []

  beforeAll(async () => {
    w = await startApiWorld(target)
    ficheId = await addObjetFiche(w)
    cgt2 = await secondEditorMember(w.server.ctx, w)
  })
  afterAll(async () => {
    for (const s of streams) s.close()
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('follows its words while a colleague deletes half of them, and stays once they are gone', async () => {
    const karim = connectSync(w.server.url, ficheId, w.as.editor.cookieHeader())
    const colleague = connectSync(w.server.url, ficheId, w.as.chair.cookieHeader())
    clients.push(karim, colleague)
    await Promise.all([karim.synced, colleague.synced])

    // Karim selects « des clients et des fournisseurs » in his editor: the anchor is two relative positions.
    const words = 'des clients et des fournisseurs'
    const from = OBJET.indexOf(words)
    const text = firstObjetText(karim.doc)
    const anchor = {
      start: b64(Y.createRelativePositionFromTypeIndex(text, from, 0)),
      end: b64(Y.createRelativePositionFromTypeIndex(text, from + words.length, -1)),
    }
    const opened = await w.as.editor.post(`/api/fiches/${ficheId}/threads`, { anchor, body: 'Qui sont les fournisseurs ?', visibility: 'negotiation' })
    expect(opened.status, opened.text).toBe(201)
    expect(opened.json.thread).toMatchObject({ quote: words, currentText: words, anchorStatus: 'ok' })
    const threadId = opened.json.thread.id

    // The colleague deletes « des clients et » and types elsewhere, concurrently with Karim typing before the words.
    const theirs = firstObjetText(colleague.doc)
    theirs.delete(from, 'des clients et '.length)
    firstObjetText(karim.doc).insert(0, 'Il doit ')
    const thread = async () => ((await w.as.commenter.get(`/api/fiches/${ficheId}/threads`)).json.threads as any[]).find((t) => t.id === threadId)
    await expect.poll(async () => (await thread())?.currentText).toBe('des fournisseurs')
    expect(await thread()).toMatchObject({ anchorStatus: 'ok', quote: words })
    await expect.poll(() => firstObjetText(karim.doc).toString()).toBe('Il doit Assurer l’accueil des fournisseurs sur le site.')

    // Then the rest of the words go: the thread stays, marked deleted, with its quote and comments.
    const now = firstObjetText(colleague.doc)
    await expect.poll(() => now.toString().startsWith('Il doit ')).toBe(true)
    now.delete(now.toString().indexOf('des fournisseurs'), 'des fournisseurs '.length)
    await expect.poll(async () => (await thread())?.anchorStatus).toBe('deleted')
    const gone = await thread()
    expect(gone).toMatchObject({ quote: words, currentText: '', comments: [{ body: 'Qui sont les fournisseurs ?' }] })
    // Replying still works on a thread whose words are gone.
    expect((await w.as.commenter.post(`/api/threads/${threadId}/comments`, { body: 'Supprimé en séance.' })).status).toBe(201)
  })

  it('streams a new comment to another member within a second, and a private note only to its organisation', async () => {
    const url = `${w.server.url}/api/fiches/${ficheId}/threads/events`
    const cfdt = await openSse(url, w.as.commenter.cookieHeader())
    const fnp = await openSse(url, w.as.chair.cookieHeader())
    const colleague = await openSse(url, cgt2.cookieHeader())
    streams.push(cfdt, fnp, colleague)
    expect([cfdt.status, fnp.status, colleague.status]).toEqual([200, 200, 200])
    expect((await fetch(url, { headers: { cookie: w.as.outsider.cookieHeader() } })).status).toBe(404)
    expect((await fetch(url)).status).toBe(401)

    const sentAt = Date.now()
    const shared = await w.as.editor.post(`/api/fiches/${ficheId}/threads`, {
      anchor: { section: 'objet', exact: 'standard' }, body: 'CGT : garder le standard.', visibility: 'negotiation',
    })
    expect(shared.status).toBe(201)
    const sharedId = shared.json.thread.id
    const arrival = (s: SseStream, id: string) => s.received.find((e) => e.event === 'thread' && e.data.id === id)
    await expect.poll(() => arrival(cfdt, sharedId)).toBeTruthy()
    expect(arrival(cfdt, sharedId)!.at - sentAt).toBeLessThan(1000)
    expect(arrival(cfdt, sharedId)!.data.comments[0].body).toBe('CGT : garder le standard.')
    await expect.poll(() => arrival(fnp, sharedId)).toBeTruthy()

    // A reply reaches the stream too.
    const replyAt = Date.now()
    await w.as.chair.post(`/api/threads/${sharedId}/comments`, { body: 'FNP : d’accord.' })
    const replied = () => cfdt.received.find((e) => e.data?.id === sharedId && e.data.comments.length === 2)
    await expect.poll(replied).toBeTruthy()
    expect(replied()!.at - replyAt).toBeLessThan(1000)

    const secret = 'Note CGT : ne pas céder sur le standard'
    const note = await w.as.editor.post(`/api/fiches/${ficheId}/threads`, {
      anchor: { section: 'objet', exact: 'téléphonique' }, body: secret, visibility: 'organisation',
    })
    expect(note.status).toBe(201)
    const noteId = note.json.thread.id
    await expect.poll(() => arrival(colleague, noteId)).toBeTruthy()
    // A later shared change reaches everyone: past it, the private note would have arrived if it were going to.
    const marker = await w.as.editor.post(`/api/threads/${sharedId}/comments`, { body: 'Fin.' })
    expect(marker.status).toBe(201)
    for (const s of [cfdt, fnp]) {
      await expect.poll(() => s.received.some((e) => e.data?.id === sharedId && e.data.comments.length === 3)).toBe(true)
      expect(arrival(s, noteId)).toBeUndefined()
      expect(JSON.stringify(s.received)).not.toContain(secret)
    }
  })
})

// Two instances share one Postgres server (PGlite is single-process, so this runs on Postgres only).
describe.each(databaseTargets().filter((t) => t.name === 'postgres'))('comment threads across instances ($name)', (target) => {
  let w: ApiWorld
  let other: RunningServer | null = null
  let stream: SseStream | null = null

  beforeAll(async () => {
    w = await startApiWorld(target)
    other = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', ...w.server.database.env }))
  })
  afterAll(async () => {
    stream?.close()
    await other?.close()
    await w?.stop()
  })

  it('streams a comment posted on one instance to a member listening on another within a second', async () => {
    const ficheId = await addObjetFiche(w)
    stream = await openSse(`http://127.0.0.1:${other!.port}/api/fiches/${ficheId}/threads/events`, w.as.commenter.cookieHeader())
    expect(stream.status).toBe(200)
    const sentAt = Date.now()
    const res = await w.as.editor.post(`/api/fiches/${ficheId}/threads`, { anchor: { section: 'objet', exact: 'sur le site' }, body: 'Quel site ?', visibility: 'negotiation' })
    expect(res.status).toBe(201)
    await expect.poll(() => stream!.received.find((e) => e.data?.id === res.json.thread.id)).toBeTruthy()
    expect(stream.received.find((e) => e.data?.id === res.json.thread.id)!.at - sentAt).toBeLessThan(1000)
    const note = await w.as.editor.post(`/api/fiches/${ficheId}/threads`, { anchor: { section: 'objet', exact: 'standard' }, body: 'Privé CGT', visibility: 'organisation' })
    const marker = await w.as.editor.post(`/api/threads/${res.json.thread.id}/comments`, { body: 'Suite.' })
    expect([note.status, marker.status]).toEqual([201, 201])
    await expect.poll(() => stream!.received.some((e) => e.data?.comments?.length === 2)).toBe(true)
    expect(JSON.stringify(stream.received)).not.toContain('Privé CGT')
  })
})
