/**
 * A negotiator's Word file with tracked changes and a comment, through the
 * real import endpoint on both databases: the preview lists the Word authors
 * with the organisation guessed from the name, an author mapped to none
 * refuses the import (French message), and once mapped the fiche holds the
 * insertion and the deletion as pending amendments of the mapped
 * organisations — accepting one gives the text with it, rejecting the other
 * the text without — and the comment as a shared thread on its words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import { buildDocx } from './docx-builder.ts'
import { CORPUS, readFixture } from './fixtures.ts'

const binaryHeaders = { 'content-type': 'application/octet-stream', 'x-requested-with': 'test' }

describe.each(databaseTargets())('Word tracked changes as amendments, comments as threads ($name)', (target) => {
  let w: ApiWorld
  let docx: Uint8Array
  beforeAll(async () => {
    w = await startApiWorld(target)
    const karim = `Karim Benali (${w.users.editor.organisation})`
    docx = await buildDocx(readFixture(CORPUS.A0).split('\n'), {
      revisions: [
        { find: 'Tutorat de jeunes en formation alternée', deleted: null, inserted: ' et des nouveaux embauchés', author: karim, date: '2024-03-02T09:30:00Z' },
        { find: ' des stocks', deleted: ' des stocks', inserted: null, author: 'Marie Dupont', date: '2024-03-03T09:30:00Z' },
      ],
      comments: [{ find: 'Traitement des réclamations', author: karim, date: '2024-03-04T08:00:00Z', text: 'À préciser : quelles réclamations ?' }],
    })
  })
  afterAll(async () => { await w?.stop() })
  const post = (query: string) => w.as.chair.request('POST', `/api/negotiations/${w.negotiationId}/import?fileName=fiche.docx${query}`, { body: docx, headers: binaryHeaders })

  it('previews the Word authors with the organisation guessed from the name, storing nothing', async () => {
    const res = await post('&preview=true')
    expect(res.status).toBe(200)
    expect(res.json.preview).toBe(true)
    expect(res.json.docx.authorMapping.map((m: any) => [m.name, m.organisation?.id ?? null, m.source])).toEqual([
      [`Karim Benali (${w.users.editor.organisation})`, w.users.editor.organisationId, 'guessed'],
      ['Marie Dupont', null, 'none'],
    ])
    const texte = (await w.as.chair.get(`/api/negotiations/${w.negotiationId}/texte`)).json.texte
    expect(texte.fiches).toEqual([])
  })

  it('refuses the import while an author is mapped to no organisation', async () => {
    const res = await post('')
    expect(res.status).toBe(422)
    expect(res.json.error.code).toBe('auteurs_non_associes')
    expect(res.json.error.message).toContain('« Marie Dupont »')
  })

  it('imports the changes as amendments of the mapped organisations, the comment as a thread; accept and reject give the texts', async () => {
    const res = await post(`&authors=${encodeURIComponent(JSON.stringify({ 'Marie Dupont': w.users.commenter.organisationId }))}`)
    expect(res.status).toBe(201)
    const ficheId = res.json.fiches[0].id
    // Stored without the changes: the canonical text does not have them yet.
    const before = JSON.stringify((await w.as.chair.get(`/api/negotiations/${w.negotiationId}/texte`)).json.texte.fiches[0].contenu)
    expect(before).toContain('Tutorat de jeunes en formation alternée,')
    expect(before).toContain('gestion des stocks')
    const list = (await w.as.viewer.get(`/api/fiches/${ficheId}/amendments`)).json.amendments
    expect(list.map((a: any) => [a.kind, a.inserted, a.deleted, a.organisationId, a.authorName])).toEqual([
      ['insertion', ' et des nouveaux embauchés', '', w.users.editor.organisationId, `Karim Benali (${w.users.editor.organisation})`],
      ['deletion', '', ' des stocks', w.users.commenter.organisationId, 'Marie Dupont'],
    ])
    expect(list[0].createdAt).toBe('2024-03-02T09:30:00.000Z')
    const threads = (await w.as.viewer.get(`/api/fiches/${ficheId}/threads`)).json.threads
    expect(threads).toHaveLength(1)
    expect(threads[0]).toMatchObject({ quote: 'Traitement des réclamations', currentText: 'Traitement des réclamations', anchorStatus: 'ok', visibility: 'negotiation', section: 'contenu' })
    expect(threads[0].organisation.id).toBe(w.users.editor.organisationId)
    expect(threads[0].comments[0].body).toContain('À préciser : quelles réclamations ?')

    const accept = await w.as.chair.post(`/api/fiches/${ficheId}/amendments/accept`, { ids: [list[0].id] })
    expect(accept.status).toBe(200)
    const reject = await w.as.chair.post(`/api/fiches/${ficheId}/amendments/reject`, { ids: [list[1].id] })
    expect(reject.status).toBe(200)
    const after = JSON.stringify((await w.as.chair.get(`/api/negotiations/${w.negotiationId}/texte`)).json.texte.fiches[0].contenu)
    expect(after).toContain('Tutorat de jeunes en formation alternée et des nouveaux embauchés,')
    expect(after).toContain('gestion des stocks')
  })
})
