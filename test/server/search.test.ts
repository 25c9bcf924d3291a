/**
 * Full-text search across a negotiation (`GET /api/negotiations/:id/search`):
 * French stemming, accents and case ignored, phrases in quotes, near-miss
 * spelling, ranked hits with a marked extract, the live text kept current,
 * search across versions (first and last version holding a wording), and
 * the access rules of every other route.
 */
import { emptyFiche, type Fiche } from '@paritaire/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFiches, addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

const para = (text: string) => ({ type: 'paragraph' as const, content: [{ text, marks: [] }] })

function fiche(id: string, intitule: string, objet: string, acces = ''): Fiche {
  const f = emptyFiche(id, intitule)
  f.objet.content = [para(objet)]
  if (acces) f.acces.content = [para(acces)]
  return f
}

describe.each(databaseTargets())('full-text search ($name)', (target) => {
  let w: ApiWorld
  let ids: string[]
  const search = (q: string, extra = '', who: keyof ApiWorld['as'] = 'viewer', negotiationId = w.negotiationId) =>
    w.as[who].get(`/api/negotiations/${negotiationId}/search?q=${encodeURIComponent(q)}${extra}`)
  const write = async (id: string, f: Fiche) => {
    const res = await w.as.editor.put(`/api/fiches/${id}`, { ...f, id })
    expect(res.status, res.text).toBe(200)
  }

  beforeAll(async () => {
    w = await startApiWorld(target)
    ids = await addFiches(w, ['Opérateur de prise de vue', 'Vendeur', 'Retoucheur'])
    await write(ids[0]!, fiche(ids[0]!, 'Opérateur de prise de vue', 'Réalise la prise de vue en studio pour les salariés polyvalentes de l’Équipe.'))
    await write(ids[1]!, fiche(ids[1]!, 'Vendeur', 'Conseille la clientèle ; une vue de la boutique, prise en compte des ventes.', 'Salarié titulaire d’un CAP <script>alert(1)</script> ; coefficient < 150 & plus.'))
    await write(ids[2]!, fiche(ids[2]!, 'Retoucheur', 'Retouche les tirages en chambre noire.'))
  })
  afterAll(async () => { await w?.stop() })

  it('finds inflected forms, ignores accents and case, and marks the match in a ranked extract', async () => {
    const res = await search('salarié')
    expect(res.status, res.text).toBe(200)
    expect(res.json.mode).toBe('texte')
    const sections = res.json.hits.map((h: any) => `${h.intitule}/${h.section}`)
    expect(sections).toEqual(expect.arrayContaining(['Opérateur de prise de vue/objet', 'Vendeur/acces']))
    const hit = res.json.hits.find((h: any) => h.ficheId === ids[0])
    expect(hit.extract).toContain('<mark>salariés</mark>')
    expect(hit.sectionLabel).toBe('Objet / Finalité')

    const poly = await search('polyvalente')
    expect(poly.json.hits.map((h: any) => h.ficheId)).toEqual([ids[0]])
    expect(poly.json.hits[0].extract).toContain('<mark>polyvalentes</mark>')
    const accents = await search('EQUIPE')
    expect(accents.json.hits.map((h: any) => h.ficheId)).toEqual([ids[0]])
    expect(accents.json.hits[0].extract).toContain('<mark>Équipe</mark>')
  })

  it('searches a phrase in quotes, and ranks the phrase above scattered words', async () => {
    const phrase = await search('"prise de vue"')
    expect(phrase.json.hits.map((h: any) => h.ficheId)).toEqual(expect.arrayContaining([ids[0]]))
    expect(phrase.json.hits.every((h: any) => h.ficheId === ids[0])).toBe(true)
    const words = await search('prise vue')
    expect(words.json.hits.map((h: any) => h.ficheId)).toContain(ids[1])
    expect(words.json.hits[0].ficheId).toBe(ids[0])
  })

  it('finds a near-miss spelling when nothing matches exactly', async () => {
    const res = await search('polyvalance')
    expect(res.status).toBe(200)
    expect(res.json.mode).toBe('approchant')
    expect(res.json.hits[0].ficheId).toBe(ids[0])
    expect(res.json.hits[0].extract).toContain('<mark>polyvalentes</mark>')
  })

  it('escapes the text of the extract', async () => {
    const res = await search('titulaire')
    const extract = res.json.hits[0].extract as string
    expect(extract).toContain('<mark>titulaire</mark>')
    // Only our own <mark> tags are markup; the person's « < » and « & » are escaped.
    expect(extract.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
    expect(extract).toContain('&#60; 150 &#38; plus')
  })

  it('follows the live text: a word removed is no longer found, a word added is', async () => {
    await write(ids[2]!, fiche(ids[2]!, 'Retoucheur', 'Retouche les fichiers numériques.'))
    expect((await search('chambre noire')).json.hits).toEqual([])
    expect((await search('numérique')).json.hits.map((h: any) => h.ficheId)).toEqual([ids[2]])
  })

  it('says in which versions a wording appears, first and last', async () => {
    await write(ids[2]!, fiche(ids[2]!, 'Retoucheur', 'Retouche les tirages argentiques.'))
    const v1 = await addVersion(w, 'v1')
    const v2 = await addVersion(w, 'v2')
    await write(ids[2]!, fiche(ids[2]!, 'Retoucheur', 'Retouche les fichiers numériques.'))
    const v3 = await addVersion(w, 'v3')

    const all = await search('argentique', '&version=all')
    expect(all.status, all.text).toBe(200)
    expect(all.json.scope).toBe('versions')
    expect(all.json.hits).toHaveLength(1)
    expect(all.json.hits[0]).toMatchObject({
      ficheId: ids[2], section: 'objet',
      versions: { first: { id: v1.id, number: v1.number }, last: { id: v2.id, number: v2.number }, count: 2 },
    })
    expect(all.json.hits[0].extract).toContain('<mark>argentiques</mark>')
    expect((await search('argentique', `&version=${v3.id}`)).json.hits).toEqual([])
    expect((await search('numérique', `&version=${v3.id}`)).json.hits.map((h: any) => h.ficheKey)).toHaveLength(1)
  })

  it('answers only members, the same for a missing and a foreign negotiation or version, and refuses empty queries', async () => {
    const outsider = await search('salarié', '', 'outsider')
    expect(outsider.status).toBe(404)
    const missing = await search('salarié', '', 'outsider', 'no-such-negotiation')
    expect(missing.status).toBe(404)
    expect(missing.json).toEqual(outsider.json)
    const anonymous = await w.anonymous.get(`/api/negotiations/${w.negotiationId}/search?q=salari%C3%A9`)
    expect(anonymous.status).toBe(401)
    const badVersion = await search('salarié', '&version=no-such-version')
    expect(badVersion.status).toBe(404)
    const empty = await search('   ')
    expect(empty.status).toBe(422)
    expect(empty.json.error.code).toBe('recherche_vide')
    expect((await search('x'.repeat(201))).status).toBe(422)
  })
})
