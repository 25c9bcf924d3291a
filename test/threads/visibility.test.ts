/**
 * Thread API rules on both databases: who sees what (a CGT private note
 * reaches no other organisation through any REST answer, exports and diffs
 * included), who may write, text-quote anchors resolved by the server (422
 * when absent or ambiguous), comment validation, own-comment edits, resolve
 * and reopen.
 */
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import type { ApiClient } from '../utils/http.ts'
import { addObjetFiche, secondEditorMember } from './fixtures.ts'

const SECRET = 'Position de repli CGT : coefficient 170 minimum'

describe.each(databaseTargets())('comment threads: visibility and rules ($name)', (target) => {
  let w: ApiWorld
  let ficheId = ''
  let sharedId = ''
  let privateId = ''
  let privateCommentId = ''
  let cgt2: ApiClient

  beforeAll(async () => {
    w = await startApiWorld(target)
    ficheId = await addObjetFiche(w)
    cgt2 = await secondEditorMember(w.server.ctx, w)
    const shared = await w.as.editor.post(`/api/fiches/${ficheId}/threads`, {
      anchor: { section: 'objet', exact: 'des clients' }, body: 'Préciser « clients » ?', visibility: 'negotiation',
    })
    expect(shared.status, shared.text).toBe(201)
    sharedId = shared.json.thread.id
    const note = await w.as.editor.post(`/api/fiches/${ficheId}/threads`, {
      anchor: { section: 'objet', exact: 'fournisseurs' }, body: SECRET, visibility: 'organisation',
    })
    expect(note.status, note.text).toBe(201)
    privateId = note.json.thread.id
    privateCommentId = note.json.thread.comments[0].id
    // A version of the text with the notes in place: exports and diffs read it.
    await addVersion(w, 'v1')
  })
  afterAll(() => w?.stop())

  it('anchors a text quote and reports its words', async () => {
    const res = await w.as.editor.get(`/api/fiches/${ficheId}/threads`)
    expect(res.status).toBe(200)
    const shared = res.json.threads.find((t: any) => t.id === sharedId)
    expect(shared).toMatchObject({ quote: 'des clients', currentText: 'des clients', anchorStatus: 'ok', section: 'objet', visibility: 'negotiation', resolved: false })
    expect(shared.comments).toHaveLength(1)
    expect(shared.comments[0]).toMatchObject({ body: 'Préciser « clients » ?', deleted: false, organisation: { name: w.users.editor.organisation } })
  })

  it('serves a private note to its organisation only', async () => {
    const ids = async (c: ApiClient) => ((await c.get(`/api/fiches/${ficheId}/threads`)).json.threads as any[]).map((t) => t.id).sort()
    expect(await ids(w.as.editor)).toEqual([sharedId, privateId].sort())
    expect(await ids(cgt2)).toEqual([sharedId, privateId].sort())
    for (const other of [w.as.chair, w.as.commenter, w.as.viewer]) expect(await ids(other)).toEqual([sharedId])
    expect((await w.as.outsider.get(`/api/fiches/${ficheId}/threads`)).status).toBe(404)
    expect((await w.anonymous.get(`/api/fiches/${ficheId}/threads`)).status).toBe(401)

    const counts = async (c: ApiClient) => (await c.get(`/api/negotiations/${w.negotiationId}/thread-counts`)).json.counts[ficheId]
    expect(await counts(w.as.editor)).toEqual({ open: 2, total: 2 })
    expect(await counts(w.as.chair)).toEqual({ open: 1, total: 1 })
    expect((await w.as.outsider.get(`/api/negotiations/${w.negotiationId}/thread-counts`)).status).toBe(404)
  })

  it('never shows the private note to FNP in any REST answer, export or diff', async () => {
    const versionId = (await w.as.chair.get(`/api/negotiations/${w.negotiationId}/versions`)).json.versions[0].id
    const fill = (path: string): string | null => {
      if (path.includes('/events')) return null // a stream: covered by the SSE test
      if (path.startsWith('/api/negotiations/{id}')) return path.replace('{id}', w.negotiationId)
      if (path.startsWith('/api/fiches/{id}')) return path.replace('{id}', ficheId)
      if (path.startsWith('/api/versions/{id}')) return path.replace('{id}', versionId)
      if (path.startsWith('/p/')) return null // nothing published here; publication.test covers the page
      return path.includes('{') ? null : path
    }
    const urls: string[] = []
    const doc = (await w.anonymous.get('/api/openapi.json')).json as { paths: Record<string, Record<string, unknown>> }
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!('get' in ops)) continue
      const url = fill(path)
      // The comparisons (diff, avenant) need their two sides: added below.
      if (url && url !== '/api/diff' && url !== '/api/avenant') urls.push(url.endsWith('/search') ? `${url}?q=repli` : url)
    }
    // Full-text search for words of the note, in the live text and in every version.
    urls.push(`/api/negotiations/${w.negotiationId}/search?q=${encodeURIComponent('coefficient 170 minimum')}`, `/api/negotiations/${w.negotiationId}/search?q=repli&version=all`)
    for (const format of ['json', 'html', 'table', 'text']) {
      urls.push(`/api/diff?from=${versionId}&to=live&format=${format}`, `/api/diff?from=${versionId}&to=${versionId}&format=${format}`)
    }
    for (const format of ['json', 'text', 'html']) urls.push(`/api/avenant?from=${versionId}&to=live&format=${format}`)
    expect(urls.length).toBeGreaterThan(12)
    for (const client of [w.as.chair, w.as.commenter, w.as.viewer]) {
      for (const url of urls) {
        const res = await client.get(url)
        expect(res.status, `${url} ${res.text.slice(0, 200)}`).toBeLessThan(400)
        expect(res.text, url).not.toContain(SECRET)
        expect(res.text, url).not.toContain(privateId)
      }
      for (const format of ['docx', 'table-docx']) {
        const res = await fetch(`${w.server.url}/api/diff?from=${versionId}&to=live&format=${format}`, { headers: { cookie: client.cookieHeader() } })
        expect(res.status).toBe(200)
        const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
        for (const [name, bytes] of Object.entries(files)) expect(strFromU8(bytes), name).not.toContain(SECRET)
      }
    }
    // The author's own organisation does get it.
    expect((await w.as.editor.get(`/api/fiches/${ficheId}/threads`)).text).toContain(SECRET)
  })

  it('answers 404 to another organisation acting on the private note', async () => {
    expect((await w.as.chair.post(`/api/threads/${privateId}/comments`, { body: 'Je lis ?' })).status).toBe(404)
    expect((await w.as.commenter.post(`/api/threads/${privateId}/resolve`)).status).toBe(404)
    expect((await w.as.chair.request('PATCH', `/api/comments/${privateCommentId}`, { json: { body: 'x' } })).status).toBe(404)
    expect((await w.as.chair.delete(`/api/comments/${privateCommentId}`)).status).toBe(404)
  })

  it('lets viewers read shared threads but not write; outsiders get 404', async () => {
    const anchor = { section: 'objet', exact: 'standard' }
    expect((await w.as.viewer.post(`/api/fiches/${ficheId}/threads`, { anchor, body: 'Avis', visibility: 'negotiation' })).status).toBe(403)
    expect((await w.as.viewer.post(`/api/threads/${sharedId}/comments`, { body: 'Avis' })).status).toBe(403)
    expect((await w.as.viewer.post(`/api/threads/${sharedId}/resolve`)).status).toBe(403)
    expect((await w.as.outsider.post(`/api/fiches/${ficheId}/threads`, { anchor, body: 'Avis', visibility: 'negotiation' })).status).toBe(404)
    expect((await w.as.outsider.post(`/api/threads/${sharedId}/comments`, { body: 'Avis' })).status).toBe(404)
    expect((await w.as.outsider.get(`/api/fiches/${ficheId}/threads/events`)).status).toBe(404)
    const commenter = await w.as.commenter.post(`/api/fiches/${ficheId}/threads`, { anchor, body: 'CFDT : d’accord', visibility: 'negotiation' })
    expect(commenter.status, commenter.text).toBe(201)
  })

  it('resolves text quotes against the live fiche: ambiguous or absent is 422', async () => {
    const post = (anchor: unknown) => w.as.editor.post(`/api/fiches/${ficheId}/threads`, { anchor, body: 'Note', visibility: 'negotiation' })
    const ambiguous = await post({ section: 'objet', exact: 'l’accueil' })
    expect(ambiguous.status).toBe(422)
    expect(ambiguous.json.error).toMatchObject({ code: 'citation_ambigue', details: { matches: 2 } })
    expect(ambiguous.json.error.message).toMatch(/2 fois/)
    const absent = await post({ section: 'objet', exact: 'cuisine' })
    expect(absent.status).toBe(422)
    expect(absent.json.error.code).toBe('citation_introuvable')
    expect((await post({ section: 'contenu', exact: 'standard' })).status).toBe(422)
    const disambiguated = await post({ section: 'objet', exact: 'l’accueil', suffix: ' téléphonique' })
    expect(disambiguated.status, disambiguated.text).toBe(201)
    expect(disambiguated.json.thread.currentText).toBe('l’accueil')
    const prefixed = await post({ type: 'TextQuoteSelector', section: 'objet', exact: 'l’accueil', prefix: 'Assurer ' })
    expect(prefixed.status, prefixed.text).toBe(201)
    expect((await post({ section: 'nulle-part', exact: 'x' })).status).toBe(400)
    expect((await post({ start: '!!', end: '??' })).status).toBe(400)
    expect((await post({ start: 'AAAAAA==', end: 'AAAAAA==' })).status).toBe(422)
  })

  it('validates comment bodies and keeps markup as text', async () => {
    const reply = (body: unknown) => w.as.commenter.post(`/api/threads/${sharedId}/comments`, { body })
    expect((await reply('   ')).status).toBe(400)
    expect((await reply('a'.repeat(5001))).status).toBe(400)
    const control = await reply('bip\u0007')
    expect(control.status).toBe(400)
    expect(control.json.error.message).toMatch(/caractère de contrôle/)
    expect((await reply(42)).status).toBe(400)
    const markup = await reply('<script>alert(1)</script> & co')
    expect(markup.status).toBe(201)
    expect(markup.json.thread.comments.at(-1).body).toBe('<script>alert(1)</script> & co')
  })

  it('lets authors edit and delete their own comments only', async () => {
    const added = await w.as.commenter.post(`/api/threads/${sharedId}/comments`, { body: 'Premier jet' })
    const mine = added.json.thread.comments.at(-1)
    expect((await w.as.editor.request('PATCH', `/api/comments/${mine.id}`, { json: { body: 'Réécrit par un autre' } })).status).toBe(403)
    expect((await w.as.editor.delete(`/api/comments/${mine.id}`)).status).toBe(403)
    const edited = await w.as.commenter.request('PATCH', `/api/comments/${mine.id}`, { json: { body: 'Deuxième jet' } })
    expect(edited.status).toBe(200)
    const after = edited.json.thread.comments.find((c: any) => c.id === mine.id)
    expect(after.body).toBe('Deuxième jet')
    expect(after.editedAt).not.toBeNull()
    const deleted = await w.as.commenter.delete(`/api/comments/${mine.id}`)
    expect(deleted.status).toBe(200)
    expect(deleted.json.thread.comments.find((c: any) => c.id === mine.id)).toMatchObject({ deleted: true, body: '' })
    expect((await w.as.commenter.delete(`/api/comments/${mine.id}`)).status).toBe(409)
  })

  it('resolves and reopens, and says so when already done', async () => {
    const resolved = await w.as.chair.post(`/api/threads/${sharedId}/resolve`)
    expect(resolved.status).toBe(200)
    expect(resolved.json.thread).toMatchObject({ resolved: true, resolvedBy: expect.any(String) })
    expect((await w.as.chair.post(`/api/threads/${sharedId}/resolve`)).status).toBe(409)
    const counts = (await w.as.chair.get(`/api/negotiations/${w.negotiationId}/thread-counts`)).json.counts[ficheId]
    expect(counts.open).toBe(counts.total - 1)
    const reopened = await w.as.commenter.post(`/api/threads/${sharedId}/reopen`)
    expect(reopened.status).toBe(200)
    expect(reopened.json.thread.resolved).toBe(false)
    const audit = (await w.as.chair.get(`/api/negotiations/${w.negotiationId}/audit`)).json.events.map((e: any) => e.action)
    expect(audit).toEqual(expect.arrayContaining(['thread.open', 'thread.resolve', 'thread.reopen']))
  })
})
