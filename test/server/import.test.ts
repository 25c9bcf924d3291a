/**
 * The import endpoint: a corpus text posted as text/plain becomes the
 * negotiation's fiches (counts and warnings returned), versionable at once;
 * a second import is appended; an empty body, an unknown family
 * and an oversized body are refused with clear 4xx answers.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

const corpus = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'corpus', name), 'utf8')
const textHeaders = { 'content-type': 'text/plain; charset=utf-8', 'x-requested-with': 'test' }

describe.each(databaseTargets())('import endpoint ($name)', (target) => {
  let w: ApiWorld
  beforeAll(async () => { w = await startApiWorld(target, { MAX_IMPORT_BYTES: String(200 * 1024) }) })
  afterAll(async () => { await w?.stop() })

  it('imports the avenant (family D) into the negotiation', async () => {
    const res = await w.as.editor.request('POST', `/api/negotiations/${w.negotiationId}/import?fileName=004.txt`, { body: corpus('004_cf39432f65990045.txt'), headers: textHeaders })
    expect(res.status).toBe(201)
    expect(res.json.family).toBe('D')
    expect(res.json.created).toBe(114)
    expect(res.json.fiches).toHaveLength(114)
    expect(res.json.warnings).toEqual(expect.any(Array))
    const first = res.json.fiches[0]
    expect(first).toMatchObject({ intitule: expect.any(String), coefficient: expect.any(Number), filiere: expect.any(String) })

    const listed = await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/fiches`)
    expect(listed.json.fiches.map((f: any) => f.id)).toEqual(res.json.fiches.map((f: any) => f.id))
    const texte = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/texte`)).json.texte
    expect(texte.closing.length + texte.preamble.length).toBeGreaterThan(0)

    const v = await addVersion(w, 'Avenant importé')
    const stored = (await w.as.viewer.get(`/api/versions/${v.id}`)).json.version.texte
    expect(stored.fiches).toHaveLength(114)
    expect(stored.fiches.some((f: any) => f.classement.periodeMaximale === '6 mois')).toBe(true)
  })

  it('appends a second import to a text that has fiches (issue 12)', async () => {
    const res = await w.as.editor.request('POST', `/api/negotiations/${w.negotiationId}/import`, { body: corpus('000_3b919145baffd6f2.txt'), headers: textHeaders })
    expect(res.status).toBe(201)
    expect(res.json.added).toEqual(['cadre-expert'])
    expect(res.json.fiches).toHaveLength(115)
  })

  it('refuses empty, oversized and badly parameterised imports with a French message', async () => {
    const created = await w.as.chair.post('/api/negotiations', { title: 'Vide' })
    const id = created.json.negotiation.id
    const empty = await w.as.chair.request('POST', `/api/negotiations/${id}/import`, { body: '   \n', headers: textHeaders })
    expect(empty.status).toBe(400)
    expect(empty.json.error.message).toMatch(/vide/)
    const family = await w.as.chair.request('POST', `/api/negotiations/${id}/import?family=Z`, { body: 'x', headers: textHeaders })
    expect(family.status).toBe(400)
    expect(family.json.error.path).toEqual(['family'])
    const big = await w.as.chair.request('POST', `/api/negotiations/${id}/import`, { body: 'a'.repeat(300 * 1024), headers: textHeaders })
    expect(big.status).toBe(413)
    expect(big.json.error.code).toBe('corps_trop_volumineux')
    const noise = await w.as.chair.request('POST', `/api/negotiations/${id}/import`, { body: '\u0000\u0001 ??? \ufffd', headers: textHeaders })
    expect(noise.status).toBeGreaterThanOrEqual(400)
    expect(noise.status).toBeLessThan(500)
    expect(noise.json.error.message).toEqual(expect.any(String))
  })
})
