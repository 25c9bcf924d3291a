/**
 * GET /api/diff between two versions of a negotiation, on both databases:
 * the change set attributes changes to the newer version's organisation,
 * every rendering comes back with its content type, the live draft can be
 * the newer side, outsiders get 404 and bad parameters a French 400.
 */
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import { AVENANT_004, corpusSource } from './corpus.ts'

const textHeaders = { 'content-type': 'text/plain; charset=utf-8', 'x-requested-with': 'test' }

describe.each(databaseTargets())('GET /api/diff ($name)', (target) => {
  let w: ApiWorld
  let v1: { id: string }
  let v2: { id: string }
  let changedFicheId: string

  beforeAll(async () => {
    w = await startApiWorld(target)
    const imported = await w.as.editor.request('POST', `/api/negotiations/${w.negotiationId}/import?fileName=004.txt`, { body: corpusSource(AVENANT_004), headers: textHeaders })
    expect(imported.status).toBe(201)
    v1 = await addVersion(w, 'Avenant importé', 'chair')
    // The editor's organisation proposes a longer période maximale for the first fiche.
    changedFicheId = imported.json.fiches[0].id
    const fiche = (await w.as.editor.get(`/api/fiches/${changedFicheId}`)).json.fiche
    fiche.classement.periodeMaximale = '1 an'
    const put = await w.as.editor.put(`/api/fiches/${changedFicheId}`, fiche)
    expect(put.status).toBe(200)
    v2 = await addVersion(w, 'Proposition', 'editor')
  })
  afterAll(async () => { await w?.stop() })

  it('returns the change set, attributed to the newer version’s organisation', async () => {
    const res = await w.as.viewer.get(`/api/diff?from=${v1.id}&to=${v2.id}`)
    expect(res.status).toBe(200)
    const cs = res.json
    expect(cs.summary).toEqual({ added: 0, removed: 0, modified: 1, moved: 0, unchanged: 113, typographyOnly: 0 })
    expect(cs.classementChanges).toMatchObject([{ field: 'periodeMaximale', old: '6 mois', new: '1 an', author: { organisation: w.users.editor.organisation } }])
    expect(cs.older).toMatchObject({ organisation: w.users.chair.organisation, versionId: v1.id })
    expect(cs.newer.date).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  it('renders HTML, the tableau, text and Word documents', async () => {
    const html = await w.as.viewer.get(`/api/diff?from=${v1.id}&to=${v2.id}&format=html`)
    expect(html.headers.get('content-type')).toMatch(/^text\/html/)
    expect(html.text).toContain('<del class="pt-del"')
    const table = await w.as.viewer.get(`/api/diff?from=${v1.id}&to=${v2.id}&format=table`)
    expect(table.text).toContain('Rédaction proposée')
    const text = await w.as.viewer.get(`/api/diff?from=${v1.id}&to=${v2.id}&format=text`)
    expect(text.text).toContain('Période maximale : [-6 mois-]{+1 an+}')
    for (const format of ['docx', 'table-docx']) {
      const res = await fetch(`${w.server.url}/api/diff?from=${v1.id}&to=${v2.id}&format=${format}`, { headers: { cookie: w.as.viewer.cookieHeader() } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="comparaison-\d+-\d+(-tableau)?\.docx"/)
      const xml = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']!)
      if (format === 'docx') expect(xml).toMatch(new RegExp(`<w:ins [^>]*w:author="${w.users.editor.organisation}"`))
      else expect(xml).toContain('<w:tbl>')
    }
  })

  it('shows who proposed each change in a visible « Proposé par » column (organisation, person, date), HTML and Word', async () => {
    const table = await w.as.viewer.get(`/api/diff?from=${v1.id}&to=${v2.id}&format=table`)
    expect(table.text).toContain('<th>Proposé par</th>')
    const cell = /<td class="pt-proposers"><ul><li>([^<]*)<\/li><\/ul><\/td>/.exec(table.text)
    expect(cell?.[1]).toMatch(new RegExp(`^${w.users.editor.organisation} — Personne [^,]+, \\d{2}/\\d{2}/\\d{4}$`))
    const res = await fetch(`${w.server.url}/api/diff?from=${v1.id}&to=${v2.id}&format=table-docx`, { headers: { cookie: w.as.viewer.cookieHeader() } })
    const xml = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']!)
    expect(xml).toContain('Proposé par')
    expect(xml).toContain(`${w.users.editor.organisation} — Personne `)
  })

  it('compares a version with the live draft', async () => {
    const fiche = (await w.as.editor.get(`/api/fiches/${changedFicheId}`)).json.fiche
    fiche.classement.coefficient = 160
    expect((await w.as.editor.put(`/api/fiches/${changedFicheId}`, fiche)).status).toBe(200)
    const res = await w.as.commenter.get(`/api/diff?from=${v2.id}&to=live&ignoreTypography=1`)
    expect(res.status).toBe(200)
    expect(res.json.newer.label).toBe('Brouillon en cours')
    expect(res.json.options.ignoreTypography).toBe(true)
    expect(res.json.classementChanges).toMatchObject([{ field: 'coefficient', old: 155, new: 160 }])
  })

  it('attributes each change to the version that introduced it along the chain', async () => {
    // v3, by the chair: another fiche's coefficient (v2, by the editor, changed the période maximale).
    const fiches = (await w.as.chair.get(`/api/negotiations/${w.negotiationId}/fiches`)).json.fiches
    const other = (await w.as.chair.get(`/api/fiches/${fiches[5].id}`)).json.fiche
    other.classement.coefficient += 5
    expect((await w.as.chair.put(`/api/fiches/${fiches[5].id}`, other)).status).toBe(200)
    const v3 = await addVersion(w, 'Contre-proposition', 'chair')
    const res = await w.as.viewer.get(`/api/diff?from=${v1.id}&to=${v3.id}&attribution=1`)
    expect(res.status).toBe(200)
    const byField = Object.fromEntries(res.json.classementChanges.map((c: any) => [`${c.field}:${c.intitule}`, c.author.organisation]))
    expect(byField).toMatchObject({
      [`periodeMaximale:${fiches[0].intitule}`]: w.users.editor.organisation,
      [`coefficient:${fiches[5].intitule}`]: w.users.chair.organisation,
    })
    const backwards = await w.as.viewer.get(`/api/diff?from=${v3.id}&to=${v1.id}&attribution=1`)
    expect(backwards.status).toBe(400)
    expect(backwards.json.error.code).toBe('pas_un_ancetre')
  })

  it('gives the compare screen its change set and drawn view, the live draft on either side, of the version’s branch or of a proposal', async () => {
    for (const view of ['inline', 'tableau', 'grille']) {
      const res = await w.as.viewer.get(`/api/diff?from=${v1.id}&to=${v2.id}&format=screen&view=${view}`)
      expect(res.status).toBe(200)
      expect(res.json.changeSet.summary.modified).toBeGreaterThan(0)
      // A fragment with its own styles, never a page of its own.
      expect(res.json.html).toMatch(/^<style>/)
      expect(res.json.html).not.toMatch(/<html|<body|@page/)
      expect(res.json.html).toContain(view === 'grille' ? '<svg' : view === 'tableau' ? '<table' : 'pt-')
    }
    // The live draft as the older side: the changes read the other way round.
    const fiche = (await w.as.editor.get(`/api/fiches/${changedFicheId}`)).json.fiche
    fiche.classement.coefficient = 170
    expect((await w.as.editor.put(`/api/fiches/${changedFicheId}`, fiche)).status).toBe(200)
    const reversed = await w.as.viewer.get(`/api/diff?from=live&to=${v2.id}&format=screen`)
    expect(reversed.status).toBe(200)
    expect(reversed.json.changeSet.older.label).toBe('Brouillon en cours')
    expect(reversed.json.changeSet.classementChanges).toEqual(expect.arrayContaining([expect.objectContaining({ intitule: fiche.denomination.intitule, field: 'coefficient', old: 170 })]))
    const word = await fetch(`${w.server.url}/api/diff?from=live&to=${v2.id}&format=docx`, { headers: { cookie: w.as.viewer.cookieHeader() } })
    expect(word.headers.get('content-disposition')).toMatch(/filename="comparaison-brouillon-\d+\.docx"/)
    // A proposal's live draft against a version of the common text.
    const created = await w.as.editor.post(`/api/negotiations/${w.negotiationId}/proposals`, { fromVersionId: v2.id, label: 'Contre-proposition' })
    expect(created.status).toBe(201)
    const proposalId = created.json.proposal.id
    const inProposal = (await w.as.editor.get(`/api/negotiations/${w.negotiationId}/fiches?proposal=${proposalId}`)).json.fiches[0]
    const copy = (await w.as.editor.get(`/api/fiches/${inProposal.id}`)).json.fiche
    copy.classement.coefficient = 999
    expect((await w.as.editor.put(`/api/fiches/${inProposal.id}`, copy)).status).toBe(200)
    const ofProposal = await w.as.viewer.get(`/api/diff?from=${v2.id}&to=live&proposal=${proposalId}&format=screen`)
    expect(ofProposal.status).toBe(200)
    expect(ofProposal.json.changeSet.classementChanges).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'coefficient', new: 999 })]))
    const ofCommon = await w.as.viewer.get(`/api/diff?from=${v2.id}&to=live&format=screen`)
    expect(ofCommon.json.changeSet.classementChanges).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'coefficient', new: 170 })]))
    expect(JSON.stringify(ofCommon.json.changeSet)).not.toContain('999')
    // Both sides live, or a proposal of nowhere: refused, in French.
    const both = await w.as.viewer.get(`/api/diff?from=live&to=live&format=screen`)
    expect(both.status).toBe(400)
    expect(both.json.error.message).toContain('brouillon')
    expect((await w.as.viewer.get(`/api/diff?from=${v2.id}&to=live&proposal=nope`)).status).toBe(404)
    expect((await w.as.outsider.get(`/api/diff?from=live&to=${v2.id}&proposal=${proposalId}`)).status).toBe(404)
    fiche.classement.coefficient = 160
    expect((await w.as.editor.put(`/api/fiches/${changedFicheId}`, fiche)).status).toBe(200)
  })

  it('hides the versions from outsiders and anonymous callers', async () => {
    expect((await w.as.outsider.get(`/api/diff?from=${v1.id}&to=${v2.id}`)).status).toBe(404)
    expect((await w.anonymous.get(`/api/diff?from=${v1.id}&to=${v2.id}`)).status).toBe(401)
  })

  it('refuses bad parameters with a French message', async () => {
    const missing = await w.as.viewer.get(`/api/diff?from=${v1.id}`)
    expect(missing.status).toBe(400)
    expect(missing.json.error).toMatchObject({ code: 'parametre_invalide', path: ['to'] })
    const format = await w.as.viewer.get(`/api/diff?from=${v1.id}&to=${v2.id}&format=xlsx`)
    expect(format.status).toBe(400)
    expect(format.json.error.message).toContain('Format inconnu')
    const unknown = await w.as.viewer.get(`/api/diff?from=${v1.id}&to=nope`)
    expect(unknown.status).toBe(404)
    expect(unknown.json.error.message).toBe('Version introuvable.')
  })
})
