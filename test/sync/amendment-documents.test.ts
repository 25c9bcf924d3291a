/**
 * The documents of a meeting from the live text, over a real server and
 * real y-websocket clients, on both databases: the tableau des amendements
 * (`GET /api/negotiations/:id/amendments/tableau`, HTML and Word) lists the
 * pending amendments of two organisations with who proposes them, its Word
 * revisions authored by each proposing organisation; a viewer may download
 * it, a non-member gets 404. The Word redline carries the shared threads as
 * comments and never a private note, whoever downloads it.
 */
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readZipEntry } from '../utils/browser.ts'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, firstText, fragmentOf, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

const OBJET = 'Assurer la maintenance préventive des équipements du magasin.'
const SECRET = 'Note privée : céder sur le coefficient si besoin'
const SHARED = 'Préciser « préventive » ?'

function attribution(w: SyncWorld, role: 'commenter' | 'editor', id: string, createdAt: string) {
  const u = w.world.users[role]
  return { id, organisationId: u.organisationId, organisationName: u.organisation, userId: u.userId, authorName: `Auteur ${role}`, createdAt }
}

async function download(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer())
}

describe.each(databaseTargets())('tableau des amendements and threads in the redline ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []
  let versionId = ''
  const open = (role: 'editor' | 'commenter' | 'chair') => {
    const c = connectSync(w.server.url, w.ficheId, w.cookie(role), { maxBackoffTime: 60_000 })
    clients.push(c)
    return c
  }
  const get = (role: keyof SyncWorld['api'], path: string) => fetch(`${w.server.url}${path}`, { headers: { cookie: w.api[role].cookieHeader() } })

  beforeAll(async () => {
    w = await startSyncWorld(target, { intitule: 'Technicien de maintenance' })
    const fiche = (await w.api.chair.get(`/api/fiches/${w.ficheId}`)).json.fiche
    fiche.objet.content = [{ type: 'paragraph', content: [{ text: OBJET, marks: [] }] }]
    fiche.classement.coefficient = 155
    expect((await w.api.chair.put(`/api/fiches/${w.ficheId}`, fiche)).status).toBe(200)
    const v = await w.api.chair.post(`/api/negotiations/${w.world.negotiationId}/versions`, { label: 'Projet de séance' })
    expect(v.status, v.text).toBe(201)
    versionId = v.json.version.id

    // The amendment organisation (commenter) proposes a word and a coefficient; the editor organisation, another word.
    const commenter = open('commenter')
    const editor = open('editor')
    await Promise.all([commenter.synced, editor.synced])
    const intitule = firstText(commenter.doc)!
    intitule.insert(intitule.length, ' confirmé', { insertion: attribution(w, 'commenter', 'a-1', '2026-03-12T13:05:00.000Z') })
    const classement = fragmentOf(commenter.doc).toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'classement')!
    classement.setAttribute('proposals', [{ ...attribution(w, 'commenter', 'a-2', '2026-03-12T13:07:00.000Z'), field: 'coefficient', value: 160 }] as never)
    const own = firstText(editor.doc)!
    await waitUntil(() => own.toString().includes('confirmé'), 'amendement reçu')
    own.insert(0, 'Premier ', { insertion: attribution(w, 'editor', 'b-1', '2026-03-12T13:20:00.000Z') })
    await waitUntil(async () => (await w.api.chair.get(`/api/fiches/${w.ficheId}/amendments`)).json.amendments.length === 3, 'trois amendements')
    expect(commenter.closes).toEqual([])
    expect(editor.closes).toEqual([])

    // A shared thread and a private note of the editor organisation, on the same words of the objet.
    const shared = await w.api.editor.post(`/api/fiches/${w.ficheId}/threads`, { anchor: { section: 'objet', exact: 'maintenance préventive' }, body: SHARED, visibility: 'negotiation' })
    expect(shared.status, shared.text).toBe(201)
    expect((await w.api.chair.post(`/api/threads/${shared.json.thread.id}/comments`, { body: 'Oui : « préventive et corrective ».' })).status).toBe(201)
    const note = await w.api.editor.post(`/api/fiches/${w.ficheId}/threads`, { anchor: { section: 'objet', exact: 'équipements' }, body: SECRET, visibility: 'organisation' })
    expect(note.status, note.text).toBe(201)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  const base = () => `/api/negotiations/${w.world.negotiationId}/amendments/tableau`

  it('serves the HTML tableau to a viewer, with who proposes each amendment', async () => {
    const res = await get('viewer', `${base()}?format=html`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    const { commenter, editor } = w.world.users
    expect(html).toContain('Rédaction si tous les amendements sont acceptés')
    expect(html).toMatch(new RegExp(`<td class="pt-new"><p class="pt-block pt-group-title"><ins class="pt-ins"[^>]*data-author="${editor.organisation}">Premier </ins>Technicien de maintenance<ins class="pt-ins"[^>]*data-author="${commenter.organisation}"> confirmé</ins></p></td>`))
    expect(html).toContain('<td class="pt-old"><p class="pt-block pt-group-title">Technicien de maintenance</p></td>')
    expect(html).toContain(`<span class="pt-org">${commenter.organisation}</span> — Auteur commenter`)
    expect(html).toContain(`<span class="pt-org">${editor.organisation}</span> — Auteur editor`)
    expect(html).toMatch(/Coefficient : <del class="pt-del">155<\/del>.*Coefficient : <ins class="pt-ins"[^>]*>160<\/ins>/)
    expect(html).toContain('3 amendements en attente sur 1 fiche')
    expect(html).not.toContain(SECRET)
  })

  it('serves the Word tableau whose revisions are authored by the proposing organisations', async () => {
    const res = await get('viewer', `${base()}?format=docx`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*-amendements\.docx"/)
    const xml = readZipEntry(await download(res), 'word/document.xml')!
    const found = [...xml.matchAll(/<w:(ins|del) [^>]*w:author="([^"]*)"[^>]*w:date="([^"]*)"/g)]
    const revisions = found.map((m) => `${m[1]} ${m[2]} ${m[3]}`)
    const { commenter, editor } = w.world.users
    expect(revisions).toContain(`ins ${commenter.organisation} 2026-03-12T13:05:00Z`)
    expect(revisions).toContain(`ins ${commenter.organisation} 2026-03-12T13:07:00Z`)
    expect(revisions).toContain(`del ${commenter.organisation} 2026-03-12T13:07:00Z`)
    expect(revisions).toContain(`ins ${editor.organisation} 2026-03-12T13:20:00Z`)
    expect(new Set(found.map((m) => m[2]))).toEqual(new Set([commenter.organisation, editor.organisation]))
  })

  it('answers 404 to a non-member, 401 without a session, 400 for an unknown format', async () => {
    expect((await get('outsider', `${base()}?format=html`)).status).toBe(404)
    expect((await get('outsider', `${base()}?format=docx`)).status).toBe(404)
    expect((await fetch(`${w.server.url}${base()}`)).status).toBe(401)
    const bad = await get('chair', `${base()}?format=pdf`)
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toMatch(/Format inconnu/)
    expect((await get('chair', `/api/negotiations/inconnue/amendments/tableau`)).status).toBe(404)
  })

  it('puts the shared threads in the Word redline as comments, never the private note', async () => {
    for (const role of ['viewer', 'chair', 'editor'] as const) {
      const res = await get(role, `/api/diff?from=${versionId}&to=live&format=docx`)
      expect(res.status, role).toBe(200)
      const docx = await download(res)
      const comments = readZipEntry(docx, 'word/comments.xml')!
      expect(comments, role).toContain(SHARED.replace(/"/g, '&quot;'))
      expect(comments).toContain('Oui : « préventive et corrective ».')
      expect(comments).toContain(`(${w.world.users.editor.organisation})"`)
      expect(comments).toContain(`(${w.world.users.chair.organisation})"`)
      // In no part of the archive, for anyone (the editor's own organisation wrote it).
      for (const [name, data] of Object.entries(unzipSync(docx))) expect(strFromU8(data), `${role} ${name}`).not.toContain('céder sur le coefficient')
      // Anchored at the thread's words in the fiche.
      const xml = readZipEntry(docx, 'word/document.xml')!
      const range = /<w:commentRangeStart w:id="0"\/><w:commentRangeStart w:id="1"\/>([\s\S]*?)<w:commentRangeEnd w:id="0"\/>/.exec(xml)
      expect([...range![1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toBe('maintenance préventive')
    }
    const without = await download(await get('chair', `/api/diff?from=${versionId}&to=live&format=docx&threads=0`))
    expect(readZipEntry(without, 'word/comments.xml')).toBeNull()
    expect((await get('outsider', `/api/diff?from=${versionId}&to=live&format=docx`)).status).toBe(404)
  })

  it('credits each change against the live text to the organisation that made it', async () => {
    // Direct edits since the version: the editor organisation in the objet, the chair on the coefficient.
    const editor = open('editor')
    const chair = open('chair')
    await Promise.all([editor.synced, chair.synced])
    const element = (doc: Y.Doc, name: string) => fragmentOf(doc).toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === name)!
    const paragraph = element(editor.doc, 'objet').get(0) as Y.XmlElement
    const text = paragraph.get(0) as Y.XmlText
    text.insert(text.length, ' Et les réparer.')
    await waitUntil(() => (element(chair.doc, 'objet').get(0) as Y.XmlElement).toString().includes('réparer'), 'modification reçue')
    element(chair.doc, 'classement').setAttribute('coefficient', 170 as never)
    await waitUntil(async () => (await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).json.fiche.classement.coefficient === 170, 'coefficient enregistré')
    expect(editor.closes).toEqual([])
    expect(chair.closes).toEqual([])

    const credited = await w.api.viewer.get(`/api/diff?from=${versionId}&to=live&format=json&attribution=1`)
    expect(credited.status, credited.text).toBe(200)
    const cs = credited.json
    expect(cs.classementChanges).toMatchObject([{ field: 'coefficient', old: 155, new: 170, author: { organisation: w.world.users.chair.organisation } }])
    const objet = cs.fiches[0].sections.find((x: any) => x.section === 'objet')
    const changed = objet.blocks.filter((b: any) => b.status !== 'equal')
    expect(changed).toHaveLength(1)
    expect(changed[0].author.organisation).toBe(w.world.users.editor.organisation)
    // Without attribution, the live side has no author: « Proposé par » stays empty.
    const plain = (await w.api.viewer.get(`/api/diff?from=${versionId}&to=live&format=json`)).json
    expect(plain.classementChanges[0].author).toBeUndefined()
    // The tableau comparatif against the live text names them too.
    const table = await (await get('viewer', `/api/diff?from=${versionId}&to=live&format=table&attribution=1`)).text()
    expect(table).toContain(`data-author="${w.world.users.editor.organisation}">`)
  })
})
