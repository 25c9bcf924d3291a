/**
 * Several files into one text, through the real endpoint on both databases:
 * one-fiche files (family A) appended into a negotiation that already has
 * fiches, an identity already there added under a new key and reported,
 * `mode=replace` matching and replacing by identity (reported, never
 * silent); a Word file and a KALI JSON posted as they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import { buildDocx } from './docx-builder.ts'
import { CORPUS, readFixture } from './fixtures.ts'

const textHeaders = { 'content-type': 'text/plain; charset=utf-8', 'x-requested-with': 'test' }
const binaryHeaders = { 'content-type': 'application/octet-stream', 'x-requested-with': 'test' }

describe.each(databaseTargets())('import into a text that has fiches ($name)', (target) => {
  let w: ApiWorld
  beforeAll(async () => { w = await startApiWorld(target) })
  afterAll(async () => { await w?.stop() })
  const post = (query: string, body: string | Uint8Array, headers = textHeaders) =>
    w.as.editor.request('POST', `/api/negotiations/${w.negotiationId}/import${query}`, { body, headers })

  it('assembles a grid from one-fiche files, reporting an identity already there', async () => {
    const first = await post('', readFixture(CORPUS.A0))
    expect(first.status).toBe(201)
    expect(first.json.added).toEqual(['cadre-expert'])
    const second = await post('', readFixture(CORPUS.A1))
    expect(second.status).toBe(201)
    expect(second.json.added).toEqual(['gestionnaire'])
    expect(second.json.fiches.map((f: any) => f.intitule)).toEqual(['Cadre expert', 'Gestionnaire'])
    // The same file again: appended under a new key, never over the first.
    const again = await post('', readFixture(CORPUS.A0).replace('Cadre niveau II', 'Cadre niveau III'))
    expect(again.status).toBe(201)
    expect(again.json.conflicts).toEqual([{ key: 'cadre-expert', intitule: 'Cadre expert', storedAs: 'cadre-expert-2', resolution: 'added-under-new-key' }])
    expect(again.json.fiches).toHaveLength(3)
    const texte = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/texte`)).json.texte
    expect(texte.fiches.map((f: any) => [f.id, f.classement.niveau])).toEqual([['cadre-expert', 'II'], ['gestionnaire', null], ['cadre-expert-2', 'III']])
  })

  it('with mode=replace, matches by identity and replaces, saying so', async () => {
    const res = await post('?mode=replace', readFixture(CORPUS.A1).replace('qualification : 23', 'qualification : 24'))
    expect(res.status).toBe(201)
    expect(res.json.replaced).toEqual(['gestionnaire'])
    expect(res.json.added).toEqual([])
    expect(res.json.conflicts[0]).toMatchObject({ key: 'gestionnaire', resolution: 'replaced' })
    expect(res.json.fiches).toHaveLength(3)
    const texte = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/texte`)).json.texte
    expect(texte.fiches.find((f: any) => f.id === 'gestionnaire').classement.echelon).toBe(24)
    const bad = await post('?mode=ecraser', readFixture(CORPUS.A1))
    expect(bad.status).toBe(400)
    expect(bad.json.error.message).toMatch(/Mode d'import inconnu « ecraser »/u)
  })

  it('accepts a Word file with its tracked changes, and KALI JSON', async () => {
    const docx = await buildDocx(readFixture(CORPUS.A0).split('\n').map((l) => l.replace('Cadre expert', 'Cadre référent')), {
      revisions: [{ find: 'Cadre niveau II', deleted: 'Cadre niveau II', inserted: 'Cadre niveau III', author: 'CFDT', date: '2024-03-01T10:00:00Z' }],
    })
    // An author matching no organisation is refused until mapped (docs/import.md).
    expect((await post('?fileName=fiche.docx', docx, binaryHeaders)).json.error.code).toBe('auteurs_non_associes')
    const word = await post(`?fileName=fiche.docx&authors=${encodeURIComponent(JSON.stringify({ CFDT: w.users.editor.organisationId }))}`, docx, binaryHeaders)
    expect(word.status).toBe(201)
    expect(word.json.format).toBe('docx')
    expect(word.json.docx.changes).toHaveLength(2)
    expect(word.json.docx.unknownAuthors).toEqual([])
    const kali = await post('?section=KALISCTA000041516862', readFixture('kali/KALICONT000005635085-extrait.json'))
    expect(kali.status).toBe(201)
    expect(kali.json.format).toBe('kali')
    expect(kali.json.added).toHaveLength(9)
    expect(kali.json.notes[0]).toContain('KALISCTA000041516862')
    const broken = await post('', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), binaryHeaders)
    expect(broken.status).toBe(422)
    expect(broken.json.error.code).toBe('import_docx_invalid')
  })
})
