/**
 * No input produces a 500, and nothing unstorable reaches the database:
 * list items nested thousands deep in `PUT`/`POST` fiche or `PUT` texte get
 * a 422 naming the nesting limit (the check runs before the recursive
 * schema, which would overflow the stack); a NUL character or a lone UTF-16
 * surrogate in text gets a 422 naming the field. A version whose creation
 * fails on such content names the fiche and the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emptyFiche, type Fiche } from '@paritaire/schema'
import { addFiches, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

/** `[item]` with list items nested `depth` deep, as JSON text (JSON.stringify itself would overflow the stack). */
function nestedItemsJson(depth: number): string {
  const open = Array.from({ length: depth }, (_, i) => `{"content":[{"text":"niveau ${i}","marks":[]}],"children":[`).join('')
  return `[${open}{"content":[{"text":"fond","marks":[]}],"children":[]}${']}'.repeat(depth)}]`
}

/** `value` as JSON with the string "DEEP" replaced by `deepJson`. */
function withDeep(value: unknown, deepJson: string): string {
  return JSON.stringify(value).replace('"DEEP"', deepJson)
}

describe.each(databaseTargets())('hostile content through REST ($name)', (target) => {
  let w: ApiWorld
  let ficheId: string
  beforeAll(async () => {
    w = await startApiWorld(target)
    ficheId = (await addFiches(w, ['Opérateur de prise de vue']))[0]!
  })
  afterAll(async () => { await w?.stop() })

  const current = async (): Promise<Fiche> => (await w.as.editor.get(`/api/fiches/${ficheId}`)).json.fiche

  it.each([1_000, 10_000])('answers list items nested %i deep with 422 naming the limit (PUT and POST fiche)', async (depth) => {
    const fiche: any = await current()
    fiche.contenu.groups = [{ titre: null, items: 'DEEP' }]
    const deep = nestedItemsJson(depth)
    const json = { 'content-type': 'application/json' }
    const put = await w.as.editor.request('PUT', `/api/fiches/${ficheId}`, { body: withDeep(fiche, deep), headers: json })
    expect(put.status).toBe(422)
    expect(put.json.error.code).toBe('fiche_invalide')
    expect(put.json.error.message).toMatch(/Opérateur de prise de vue.*imbrication trop profonde \(64 niveaux/)
    const post = await w.as.editor.request('POST', `/api/negotiations/${w.negotiationId}/fiches`, { body: withDeep({ fiche: { ...fiche, id: 'x' } }, deep), headers: json })
    expect(post.status).toBe(422)
    expect(post.json.error.message).toMatch(/imbrication trop profonde/)
    // Nothing was stored.
    expect(JSON.stringify(await current())).not.toContain('niveau 0')
  })

  it.each([1_000, 10_000])('answers a texte nested %i deep with 422 naming the limit (PUT texte)', async (depth) => {
    const texte = (await w.as.editor.get(`/api/negotiations/${w.negotiationId}/texte`)).json.texte
    const body = withDeep({ ...texte, fiches: [], preamble: [{ type: 'bulletList', items: 'DEEP' }] }, nestedItemsJson(depth))
    const res = await w.as.editor.request('PUT', `/api/negotiations/${w.negotiationId}/texte`, { body, headers: { 'content-type': 'application/json' } })
    expect(res.status).toBe(422)
    expect(res.json.error.message).toMatch(/Texte, champ preamble : imbrication trop profonde/)
  })

  it('answers a NUL character or a lone surrogate in a fiche with 422 naming the field', async () => {
    const fiche: any = await current()
    fiche.classement.periodeMaximale = 'six\u0000mois'
    const nul = await w.as.editor.put(`/api/fiches/${ficheId}`, fiche)
    expect(nul.status).toBe(422)
    expect(nul.json.error).toMatchObject({ code: 'fiche_invalide', path: ['classement', 'periodeMaximale'] })
    expect(nul.json.error.message).toMatch(/section Classement, champ période maximale : caractère interdit U\+0000/)
    // A lone surrogate can only be sent as a JSON escape.
    fiche.classement.periodeMaximale = 'LONE'
    const body = JSON.stringify(fiche).replace('"LONE"', '"\\ud800"')
    const lone = await w.as.editor.request('PUT', `/api/fiches/${ficheId}`, { body, headers: { 'content-type': 'application/json' } })
    expect(lone.status).toBe(422)
    expect(lone.json.error.message).toMatch(/caractère interdit U\+D800/)
    expect((await current()).classement.periodeMaximale).toBeNull()
  })

  it('answers a NUL character in the texte with 422 naming the field', async () => {
    const texte = (await w.as.editor.get(`/api/negotiations/${w.negotiationId}/texte`)).json.texte
    const res = await w.as.editor.put(`/api/negotiations/${w.negotiationId}/texte`, { ...texte, fiches: [], title: 'Titre\u0000' })
    expect(res.status).toBe(422)
    expect(res.json.error).toMatchObject({ code: 'texte_invalide', path: ['title'] })
    expect(res.json.error.message).toMatch(/Texte, champ title : caractère interdit U\+0000/)
  })

  it('keeps poisoned content out of the live store itself, so versions stay possible', async () => {
    const [poisonedId] = await addFiches(w, ['Fiche empoisonnée'])
    // Even a write by the server (no REST check in front) passes the live document's schema check.
    const poisoned = emptyFiche(poisonedId!, 'Fiche empoisonnée')
    poisoned.classement.niveau = 'III\u0000'
    const refused = await w.server.ctx.ficheContent.write(poisonedId!, poisoned, null).then(() => null, (e: Error) => e)
    expect(refused?.message).toMatch(/caractère interdit/)
    const res = await w.as.chair.post(`/api/negotiations/${w.negotiationId}/versions`, { label: 'sans poison' })
    expect(res.status).toBe(201)
  })
})
