/**
 * The parts of a text around its fiches (title, preamble, grid, closing):
 * read and replaced through /api/negotiations/:id/texte, validated, and
 * carried into the next version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFiches, addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

const para = (text: string) => ({ type: 'paragraph', content: [{ text, marks: [] }] })

describe.each(databaseTargets())('texte parts ($name)', (target) => {
  let w: ApiWorld
  beforeAll(async () => {
    w = await startApiWorld(target)
    await addFiches(w, ['Opérateur vendeur'])
  })
  afterAll(async () => { await w?.stop() })

  it('replaces the preamble and closing, keeps the fiches, and versions them', async () => {
    const live = (await w.as.editor.get(`/api/negotiations/${w.negotiationId}/texte`)).json
    expect(live.texte.fiches).toHaveLength(1)
    expect(Object.keys(live.ficheIds)).toEqual([live.texte.fiches[0].id])
    const res = await w.as.editor.put(`/api/negotiations/${w.negotiationId}/texte`, {
      ...live.texte,
      fiches: [],
      title: 'Avenant du 11 mars 2024',
      preamble: [para('Entre les soussignés : la FNP, d’une part, et les organisations syndicales, d’autre part.')],
      closing: [para('Fait à Saumur, le 11 mars 2024.')],
    })
    expect(res.status).toBe(200)
    expect(res.json.texte.title).toBe('Avenant du 11 mars 2024')
    expect(res.json.texte.fiches).toHaveLength(1)
    const v = await addVersion(w, 'Avec préambule', 'editor')
    const stored = (await w.as.viewer.get(`/api/versions/${v.id}`)).json.version.texte
    expect(stored.closing).toEqual([para('Fait à Saumur, le 11 mars 2024.')])
    expect(stored.fiches[0].denomination.intitule).toBe('Opérateur vendeur')
  })

  it('refuses an invalid text with 422 and the failing path, and readers with 403', async () => {
    const live = (await w.as.editor.get(`/api/negotiations/${w.negotiationId}/texte`)).json.texte
    const bad = await w.as.editor.put(`/api/negotiations/${w.negotiationId}/texte`, { ...live, preamble: 'pas une liste' })
    expect(bad.status).toBe(422)
    expect(bad.json.error.path).toEqual(['preamble'])
    expect((await w.as.editor.put(`/api/negotiations/${w.negotiationId}/texte`, [])).status).toBe(422)
    expect((await w.as.viewer.put(`/api/negotiations/${w.negotiationId}/texte`, live)).status).toBe(403)
    const after = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/texte`)).json.texte
    expect(after.title).toBe('Avenant du 11 mars 2024')
  })
})
