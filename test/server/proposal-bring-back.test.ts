/**
 * A proposal brought back into the common text, on both databases: the
 * CGT-like organisation's proposal changes a sentence and a coefficient; the
 * chair brings it back; the common text then shows two pending amendments
 * of that organisation (its wording unchanged until the table decides), and
 * accepting them gives the proposal's wording. A fiche the common text has
 * locked is skipped and reported; a non-member gets 404, a viewer and
 * another organisation 403; bringing back twice adds nothing, and a later
 * bring-back proposes only what changed since the last one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFiches, addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

const paragraph = (text: string) => [{ type: 'paragraph', content: [{ text, marks: [] }] }]
const BEFORE = 'La période maximale au coefficient 150 est de 1 an.'
const AFTER = 'La période maximale au coefficient 150 est de 6 mois.'
const AFTER_AGAIN = 'La période maximale au coefficient 150 est de 6 mois renouvelable une fois.'

/** Reads a fiche as `who`, changes it and writes it back (200 expected). */
async function editFiche(w: ApiWorld, who: 'chair' | 'editor', id: string, change: (f: any) => any): Promise<void> {
  const fiche = (await w.as[who].get(`/api/fiches/${id}`)).json.fiche
  const res = await w.as[who].put(`/api/fiches/${id}`, change(fiche))
  expect(res.status, res.text).toBe(200)
}

describe.each(databaseTargets())('proposal brought back ($name)', (target) => {
  let w: ApiWorld
  let common: string[]
  let proposal: any
  const edit = (who: 'chair' | 'editor', id: string, change: (f: any) => any) => editFiche(w, who, id, change)
  const bringBack = (who: keyof ApiWorld['as']) => w.as[who].post(`/api/proposals/${proposal.id}/bring-back`, {})

  beforeAll(async () => {
    w = await startApiWorld(target)
    common = await addFiches(w, ['Opérateur vendeur', 'Photographe'])
    await edit('chair', common[0]!, (f) => ({ ...f, objet: { ...f.objet, content: paragraph(BEFORE) }, classement: { ...f.classement, coefficient: 150 } }))
    const base = await addVersion(w, 'Texte de la présidence')
    const created = await w.as.editor.post(`/api/negotiations/${w.negotiationId}/proposals`, { fromVersionId: base.id, label: 'Propositions CGT' })
    expect(created.status).toBe(201)
    proposal = created.json.proposal
    expect(proposal.baseVersionNumber).toBe(base.number)
    const branch = (await w.as.editor.get(`/api/negotiations/${w.negotiationId}/fiches?proposal=${proposal.id}`)).json.fiches
    await edit('editor', branch[0].id, (f) => ({ ...f, objet: { ...f.objet, content: paragraph(AFTER) }, classement: { ...f.classement, coefficient: 155 } }))
    await edit('editor', branch[1].id, (f) => ({ ...f, denomination: { ...f.denomination, intitule: 'Photographe confirmé' } }))
    const lock = await w.as.chair.post(`/api/negotiations/${w.negotiationId}/locks`, { fiche: common[1] })
    expect(lock.status, lock.text).toBe(201)
  })
  afterAll(async () => { await w?.stop() })

  it('answers 404 to a non-member and 403 to a viewer or another organisation', async () => {
    const outsider = await bringBack('outsider')
    expect(outsider.status).toBe(404)
    expect((await w.as.outsider.post('/api/proposals/inconnu/bring-back', {})).json.error.message).toBe(outsider.json.error.message)
    expect((await bringBack('viewer')).status).toBe(403)
    expect((await bringBack('commenter')).status).toBe(403)
    expect((await w.as.viewer.get(`/api/fiches/${common[0]}/amendments`)).json.amendments).toEqual([])
  })

  it('adds the differences as pending amendments of the organisation, skipping the locked fiche', async () => {
    const res = await bringBack('chair')
    expect(res.status, res.text).toBe(200)
    const summary = res.json
    expect(summary.amendmentsCreated).toBe(2)
    expect(summary.touched).toEqual([expect.objectContaining({ ficheId: common[0], intitule: 'Opérateur vendeur', amendments: [expect.any(String), expect.any(String)] })])
    expect(summary.skipped).toEqual([expect.objectContaining({ intitule: 'Photographe confirmé', code: 'fiche_verrouillee' })])
    expect(summary.skipped[0].reason).toContain(w.users.chair.organisation)

    const listed = (await w.as.viewer.get(`/api/fiches/${common[0]}/amendments`)).json.amendments
    expect(listed.map((a: any) => [a.organisationId, a.organisationName, a.kind, a.deleted, a.inserted, a.field, a.oldValue, a.newValue])).toEqual([
      [w.users.editor.organisationId, w.users.editor.organisation, 'replacement', ' 1 an', ' 6 mois', null, null, null],
      [w.users.editor.organisationId, w.users.editor.organisation, 'field', '', '', 'coefficient', 150, 155],
    ])
    // Pending: the common wording is unchanged until the table decides; the locked fiche untouched.
    const fiche = (await w.as.viewer.get(`/api/fiches/${common[0]}`)).json.fiche
    expect(fiche.objet.content).toEqual(paragraph(BEFORE))
    expect(fiche.classement.coefficient).toBe(150)
    expect((await w.as.viewer.get(`/api/fiches/${common[1]}`)).json.fiche.denomination.intitule).toBe('Photographe')
    expect((await w.as.viewer.get(`/api/fiches/${common[1]}/amendments`)).json.amendments).toEqual([])

    const events = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/audit`)).json.events
    expect(events).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'proposal.bring_back' })]))
  })

  it('bringing back again adds nothing; accepting the amendments gives the proposal’s wording', async () => {
    const again = await bringBack('editor')
    expect(again.status, again.text).toBe(200)
    expect(again.json.amendmentsCreated).toBe(0)
    expect((await w.as.viewer.get(`/api/fiches/${common[0]}/amendments`)).json.amendments).toHaveLength(2)

    const accepted = await w.as.chair.post(`/api/fiches/${common[0]}/amendments/accept`, { organisation: w.users.editor.organisationId })
    expect(accepted.status, accepted.text).toBe(200)
    expect(accepted.json.decided).toHaveLength(2)
    const fiche = (await w.as.viewer.get(`/api/fiches/${common[0]}`)).json.fiche
    expect(fiche.objet.content).toEqual(paragraph(AFTER))
    expect(fiche.classement.coefficient).toBe(155)
    expect((await bringBack('chair')).json.amendmentsCreated).toBe(0)
  })

  it('brought back again after more word changes, proposes what changed since the last time', async () => {
    // The common text now reads the proposal's first wording (accepted above): it is the new common ground.
    const branch = (await w.as.editor.get(`/api/negotiations/${w.negotiationId}/fiches?proposal=${proposal.id}`)).json.fiches
    await edit('editor', branch[0].id, (f) => ({ ...f, objet: { ...f.objet, content: paragraph(AFTER_AGAIN) } }))
    const res = await bringBack('editor')
    expect(res.status, res.text).toBe(200)
    expect(res.json.unresolved).toEqual([])
    expect(res.json.amendmentsCreated).toBe(1)
    const listed = (await w.as.viewer.get(`/api/fiches/${common[0]}/amendments`)).json.amendments
    expect(listed.map((a: any) => [a.organisationId, a.deleted, a.inserted])).toEqual([[w.users.editor.organisationId, '', ' renouvelable une fois']])
    // And once more with nothing new: nothing added, the pending one untouched.
    expect((await bringBack('editor')).json.amendmentsCreated).toBe(0)
    expect((await w.as.viewer.get(`/api/fiches/${common[0]}/amendments`)).json.amendments).toHaveLength(1)
  })
})

/**
 * Structure brought back, on both databases: the proposal adds a paragraph,
 * removes another and adds an activity; the common text gets an insertion
 * and a deletion amendment of the organisation for the paragraphs and an
 * insertion for the activity; accepting them all gives the proposal's
 * structure, rejecting them the base's. A fiche added or removed in the
 * proposal is reported with a French reason (the model has no proposed fiche).
 */
describe.each(databaseTargets())('proposal brought back with structural changes ($name)', (target) => {
  let w: ApiWorld
  let common: string[]
  let proposal: any
  const put = (who: 'chair' | 'editor', id: string, change: (f: any) => any) => editFiche(w, who, id, change)
  const paras = (...texts: string[]) => texts.map((t) => paragraph(t)[0])
  const group = (...items: string[]) => [{ titre: 'Vente', items: items.map((t) => ({ content: [{ text: t, marks: [] }], children: [] })) }]

  beforeAll(async () => {
    w = await startApiWorld(target)
    common = await addFiches(w, ['Opérateur vendeur', 'Photographe'])
    await put('chair', common[0]!, (f) => ({
      ...f, objet: { ...f.objet, content: paras('Accueille la clientèle.', 'Tient la caisse.', 'Range les rayons.') }, contenu: { ...f.contenu, groups: group('Conseiller', 'Vendre') },
    }))
    const base = await addVersion(w, 'Texte de la présidence')
    proposal = (await w.as.editor.post(`/api/negotiations/${w.negotiationId}/proposals`, { fromVersionId: base.id, label: 'Propositions CGT' })).json.proposal
    const branch = (await w.as.editor.get(`/api/negotiations/${w.negotiationId}/fiches?proposal=${proposal.id}`)).json.fiches
    await put('editor', branch[0].id, (f) => ({
      ...f, objet: { ...f.objet, content: paras('Accueille la clientèle.', 'Conseille sur les produits de saison.', 'Range les rayons.') }, contenu: { ...f.contenu, groups: group('Conseiller', 'Vendre', 'Fidéliser la clientèle') },
    }))
    expect((await w.as.editor.delete(`/api/fiches/${branch[1].id}`)).status).toBe(204)
    const added = await w.as.editor.post(`/api/negotiations/${w.negotiationId}/fiches`, { intitule: 'Conseiller de vente', proposalId: proposal.id })
    expect(added.status, added.text).toBe(201)
  })
  afterAll(async () => { await w?.stop() })

  it('adds paragraphs and items added or removed as insertion and deletion amendments of the organisation', async () => {
    const res = await w.as.editor.post(`/api/proposals/${proposal.id}/bring-back`, {})
    expect(res.status, res.text).toBe(200)
    expect(res.json.amendmentsCreated).toBe(3)
    expect(res.json.touched).toEqual([expect.objectContaining({ ficheId: common[0], unresolved: [] })])
    const listed = (await w.as.viewer.get(`/api/fiches/${common[0]}/amendments`)).json.amendments
    expect(listed.map((a: any) => [a.organisationName, a.authorName, a.kind, a.section, a.deleted, a.inserted])).toEqual([
      [w.users.editor.organisation, expect.stringMatching(/^Personne/), 'deletion', 'objet', 'Tient la caisse.', ''],
      [w.users.editor.organisation, expect.stringMatching(/^Personne/), 'insertion', 'objet', '', 'Conseille sur les produits de saison.'],
      [w.users.editor.organisation, expect.stringMatching(/^Personne/), 'insertion', 'contenu', '', 'Fidéliser la clientèle'],
    ])
    // Pending: the common wording keeps the base's paragraphs and items.
    const fiche = (await w.as.viewer.get(`/api/fiches/${common[0]}`)).json.fiche
    expect(fiche.objet.content).toEqual(paras('Accueille la clientèle.', 'Tient la caisse.', 'Range les rayons.'))
    expect(fiche.contenu.groups).toEqual(group('Conseiller', 'Vendre'))
    // Fiches added or removed in the proposal: reported, with why and what the chair can do.
    const skipped = Object.fromEntries(res.json.skipped.map((s: any) => [s.code, s]))
    expect(skipped.fiche_ajoutee).toEqual(expect.objectContaining({ intitule: 'Conseiller de vente', reason: expect.stringMatching(/ne s’amende pas/) }))
    expect(skipped.fiche_supprimee).toEqual(expect.objectContaining({ intitule: 'Photographe', reason: expect.stringMatching(/ne s’amende pas/) }))
    expect((await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/fiches`)).json.fiches).toHaveLength(2)
  })

  it('accepting gives the proposal’s structure; bringing back again adds nothing', async () => {
    expect((await w.as.editor.post(`/api/proposals/${proposal.id}/bring-back`, {})).json.amendmentsCreated).toBe(0)
    const ids = (await w.as.viewer.get(`/api/fiches/${common[0]}/amendments`)).json.amendments.map((a: any) => a.id)
    expect(ids).toHaveLength(3)
    // The deletion rejected, the two insertions accepted.
    expect((await w.as.chair.post(`/api/fiches/${common[0]}/amendments/reject`, { ids: [ids[0]] })).status).toBe(200)
    expect((await w.as.chair.post(`/api/fiches/${common[0]}/amendments/accept`, { ids: ids.slice(1) })).status).toBe(200)
    const fiche = (await w.as.viewer.get(`/api/fiches/${common[0]}`)).json.fiche
    expect(fiche.objet.content).toEqual(paras('Accueille la clientèle.', 'Tient la caisse.', 'Conseille sur les produits de saison.', 'Range les rayons.'))
    expect(fiche.contenu.groups).toEqual(group('Conseiller', 'Vendre', 'Fidéliser la clientèle'))
  })
})
